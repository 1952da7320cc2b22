"""A decision's courrier and an agent's answer reach the family: listed in « Mes courriers et courriels » with the
red dot until read, the PDF served to the dossier only (the stored one), and a mail that says only that something
new is there."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import col, select

from caf_app import models as m
from caf_app.documents.storage import PrivateStore
from caf_app.domain.errors import DomainError
from caf_app.pdf.courriers import NotificationIndu, Refus
from caf_app.services.communications import courriers, notifications
from tests.factories import actor_of, dossier_of
from tests.personas import ELISE, JONAS

from .conftest import TODAY


def mails_to(session, recipient: str) -> list[m.OutboxMessage]:
    return session.exec(select(m.OutboxMessage).where(m.OutboxMessage.recipient == recipient)
                        .order_by(col(m.OutboxMessage.id))).all()


def indu() -> NotificationIndu:
    return NotificationIndu("Aide personnalisée au logement", ["Août 2026", "Septembre 2026"], 113026,
                            "Votre changement de situation a été pris en compte en octobre.", 5000, "apl")


def test_an_issued_courrier_is_listed_unread_and_its_stored_pdf_is_the_one_served(seeded, tmp_path):
    store = PrivateStore(tmp_path / "private")
    elise = actor_of(seeded, ELISE.nir)
    before = courriers.unread_count(session=seeded, actor=elise)
    courrier_id = notifications.issue(session=seeded, dossier_id=elise.dossier_id, letter=indu(), today=TODAY,
                                      store=store)

    line = next(c for c in courriers.courriers(session=seeded, actor=elise) if not c.sent)
    assert (line.id, line.kind, line.subject, line.sent_on, line.unread) == (
        courrier_id, "Courrier", "Notification d'indu", "26/11/2026", True)
    assert courriers.unread_count(session=seeded, actor=elise) == before + 1
    row = seeded.get(m.Courrier, courrier_id)
    assert row.storage_key and list(store.root.iterdir()) == [store.root / row.storage_key]
    pdf = courriers.courrier_pdf(session=seeded, actor=elise, courrier_id=courrier_id, store=store)
    assert pdf.startswith(b"%PDF") and pdf == store.get(row.storage_key)

    courriers.mark_read(session=seeded, actor=elise, courrier_id=courrier_id)
    assert courriers.unread_count(session=seeded, actor=elise) == before


def test_the_mail_announces_the_courrier_without_its_content(seeded, tmp_path):
    elise = actor_of(seeded, ELISE.nir)
    notifications.issue(session=seeded, dossier_id=elise.dossier_id, letter=indu(), today=TODAY,
                        store=PrivateStore(tmp_path))
    [mail] = mails_to(seeded, ELISE.email)
    assert mail.subject == "Un nouveau courrier est disponible dans votre espace Mon Compte"
    assert "Mes courriers et courriels" in mail.body
    for secret in ("1 130,26", "1130", "€", "indu", "Aide personnalisée", "Août", "changement de situation"):
        assert secret not in mail.subject + mail.body, secret


def test_another_dossier_never_gets_the_courrier(seeded, tmp_path):
    store = PrivateStore(tmp_path)
    elise, jonas = actor_of(seeded, ELISE.nir), actor_of(seeded, JONAS.nir)
    courrier_id = notifications.issue(session=seeded, dossier_id=elise.dossier_id, today=TODAY, store=store,
                                      letter=Refus("votre demande de RSA", "Vos ressources dépassent le plafond",
                                                   prestation="rsa"))
    assert courriers.courrier_pdf(session=seeded, actor=jonas, courrier_id=courrier_id, store=store) is None
    assert courrier_id not in [line.id for line in courriers.courriers(session=seeded, actor=jonas)]


def test_a_courrier_whose_file_is_gone_is_answered_as_missing(seeded, tmp_path):
    store = PrivateStore(tmp_path)
    elise = actor_of(seeded, ELISE.nir)
    courrier_id = notifications.issue(session=seeded, dossier_id=elise.dossier_id, letter=indu(), today=TODAY,
                                      store=store)
    store.delete(seeded.get(m.Courrier, courrier_id).storage_key)
    assert courriers.courrier_pdf(session=seeded, actor=elise, courrier_id=courrier_id, store=store) is None


def test_the_courrier_goes_with_the_caller_s_pending_decision(seeded, tmp_path):
    demarche = seeded.exec(select(m.Demarche).where(m.Demarche.dossier_id == dossier_of(seeded, ELISE).id)).first()
    demarche.decision = "refusee"
    seeded.add(demarche)
    courrier_id = notifications.issue(session=seeded, dossier_id=demarche.dossier_id, today=TODAY,
                                      demarche_id=demarche.id, store=PrivateStore(tmp_path),
                                      letter=Refus("votre demande", "La demande a déjà été traitée"))
    seeded.rollback()  # nothing left pending: both were committed together
    assert seeded.get(m.Demarche, demarche.id).decision == "refusee"
    assert seeded.get(m.Courrier, courrier_id).demarche_id == demarche.id


def test_an_answer_is_a_courriel_listed_unread_with_a_mail(seeded):
    elise = actor_of(seeded, ELISE.nir)
    before = courriers.unread_count(session=seeded, actor=elise)
    courrier_id = notifications.answer(session=seeded, dossier_id=elise.dossier_id, today=TODAY,
                                       subject="Réponse à votre message : mon loyer",
                                       text="Bonjour, votre nouveau loyer a bien été pris en compte.")
    line = next(c for c in courriers.courriers(session=seeded, actor=elise) if not c.sent)
    assert (line.id, line.kind, line.subject, line.unread) == (
        courrier_id, "Courriel", "Réponse à votre message : mon loyer", True)
    assert line.body == "Bonjour, votre nouveau loyer a bien été pris en compte."
    assert courriers.unread_count(session=seeded, actor=elise) == before + 1
    pdf = courriers.courrier_pdf(session=seeded, actor=elise, courrier_id=courrier_id)
    assert pdf.startswith(b"%PDF") and seeded.get(m.Courrier, courrier_id).storage_key is None
    [mail] = mails_to(seeded, ELISE.email)
    assert mail.subject == "Vous avez reçu un nouveau message"
    assert "loyer" not in mail.body


@pytest.mark.parametrize(("subject", "text", "field"), [(" ", "Une réponse.", "objet"), ("Objet", "  ", "reponse"),
                                                        ("Objet", "x" * 8001, "reponse")])
def test_an_empty_or_overlong_answer_is_refused(seeded, subject, text, field):
    with pytest.raises(DomainError) as refused:
        notifications.answer(session=seeded, dossier_id=dossier_of(seeded, ELISE).id, subject=subject, text=text,
                             today=date(2026, 11, 26))
    assert refused.value.field == field
