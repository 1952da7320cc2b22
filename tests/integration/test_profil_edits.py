from datetime import date

import pytest
from sqlmodel import select

from caf_app import models as m
from caf_app.documents.storage import PrivateStore
from caf_app.domain.bank import make_iban
from caf_app.domain.errors import DomainError, Forbidden
from caf_app.services.situation import profil, profil_edits
from tests import files
from tests.factories import SECRET, actor, open_session
from tests.personas import ELISE, ERIC


def test_new_bank_details_wait_while_the_old_ones_stay_in_use(seeded, tmp_path):
    elise = actor(seeded, open_session(seeded, ELISE.nir))
    store = PrivateStore(tmp_path)
    iban = make_iban("20041", "01005", "0500013M026")
    with pytest.raises(DomainError) as error:
        profil_edits.change_bank(session=seeded, actor=elise, iban=iban, bic="PSSTFRPPMAR", holder="Elise Lambert",
                                  password="Faux", rib=files.png_page(), store=store, secret=SECRET)
    assert error.value.field == "mot_de_passe_actuel"
    profil_edits.change_bank(session=seeded, actor=elise, iban=iban, bic="PSSTFRPPMAR", holder="Elise Lambert",
                              password="Allocataire2026", rib=files.png_page(), store=store, secret=SECRET)
    view = profil.own_profile(session=seeded, actor=elise)
    assert view.bank.startswith("ELISE LAMBERT, IBAN ••••") and iban[-4:] in view.bank_pending
    document = seeded.exec(select(m.Document).where(m.Document.name == "Relevé d'identité bancaire")).one()
    assert store.get(document.storage_key).startswith(b"%PDF")


def test_a_spouse_without_delegation_changes_own_contacts_but_not_the_foyer_s(seeded):
    eric = actor(seeded, open_session(seeded, ERIC.nir))
    with pytest.raises(Forbidden):
        profil_edits.change_address(session=seeded, actor=eric, line="1 rue", postal_code="92210",
                                     commune="Saint-Cloud", effective=date(2026, 11, 1))
    value = profil_edits.start_contact_change(session=seeded, actor=eric, channel="mobile", value="07 31 23 45 67",
                                               confirmation="0731234567", password="Allocataire2026", secret=SECRET)
    sms = seeded.exec(select(m.OutboxMessage).where(m.OutboxMessage.recipient == value)).one()
    code = sms.body.split("code ")[1][:6]
    profil_edits.confirm_contact_change(session=seeded, actor=eric, channel="mobile", value=value, code=code,
                                         secret=SECRET)
    assert profil.own_profile(session=seeded, actor=eric).mobile == "07 31 23 45 67"


def test_a_rib_photographed_with_an_iphone_in_heic_is_kept_as_a_pdf_without_its_metadata(seeded, tmp_path):
    """Point 16 of issue 21: the RIB picker's service path."""
    elise = actor(seeded, open_session(seeded, ELISE.nir))
    store = PrivateStore(tmp_path)
    profil_edits.change_bank(session=seeded, actor=elise, iban=make_iban("20041", "01005", "0500013M026"),
                              bic="PSSTFRPPMAR", holder="Elise Lambert", password="Allocataire2026",
                              rib=files.heic_photo_with_exif(), store=store, secret=SECRET)
    document = seeded.exec(select(m.Document).where(m.Document.name == "Relevé d'identité bancaire")).one()
    pdf = store.get(document.storage_key)
    assert pdf.startswith(b"%PDF") and b"PhoneMaker" not in pdf and b"GPS" not in pdf
