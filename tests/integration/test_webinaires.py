"""The registration for the Caf's webinars (issue 23, point 2): the invitation (.ics) by mail, once per address,
the places counted; the static programme the site serves says the same as the registration's."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlmodel import func, select

from caf_app import clock as app_clock, models as m
from caf_app.domain.errors import DomainError
from caf_app.services.communications import webinaires

PROGRAMME = Path(__file__).resolve().parents[2] / "assets" / "professionnels" / "programme-webinaires-caf92.ics"


def register(session, key: str = "2027-03-09-aah-ajpa", email: str = "julie.martin@ccas-nanterre.fr",
             name: str = "Julie Martin", organisation: str = "CCAS de Nanterre") -> str:
    return webinaires.register(session=session, key=key, name=name, organisation=organisation, email=email)


def test_a_partner_registers_and_receives_the_invitation_once_registered_however_often(seeded):
    said = register(seeded)
    assert said == ("Votre inscription est enregistrée : l'invitation (fichier .ics) est envoyée à "
                    "julie.martin@ccas-nanterre.fr.")
    register(seeded, email="Julie.Martin@ccas-nanterre.fr ")  # again: the invitation again, one registration
    assert seeded.exec(select(func.count()).select_from(m.InscriptionWebinaire)).one() == 1
    mails = seeded.exec(select(m.OutboxMessage).where(m.OutboxMessage.recipient == "julie.martin@ccas-nanterre.fr"))
    mails = mails.all()
    assert len(mails) == 2 and mails[0].subject == ("Votre inscription au webinaire : L'AAH, l'AJPA et la "
                                                    "déconjugalisation")
    assert "le 09/03/2027 à 10h00" in mails[0].body and "[Pièce jointe : webinaire.ics]" in mails[0].body


@pytest.mark.parametrize(("key", "name", "organisation", "email", "field"), [
    ("", "Julie Martin", "CCAS", "j@ccas.fr", "webinaire"), ("2027-03-09-aah-ajpa", " ", "CCAS", "j@ccas.fr", "nom"),
    ("2027-03-09-aah-ajpa", "Julie Martin", "", "j@ccas.fr", "organisation"),
    ("2027-03-09-aah-ajpa", "Julie Martin", "CCAS", "j@", "email")])
def test_what_is_missing_is_said_next_to_its_field(seeded, key, name, organisation, email, field):
    with pytest.raises(DomainError) as refused:
        register(seeded, key=key, name=name, organisation=organisation, email=email)
    assert refused.value.field == field


def test_a_full_or_past_webinar_takes_nobody(seeded, monkeypatch):
    monkeypatch.setattr(webinaires, "CAPACITY", 1)
    register(seeded)
    [line] = [w for w in webinaires.upcoming(session=seeded) if w.key == "2027-03-09-aah-ajpa"]
    assert line.full
    with pytest.raises(DomainError, match="complet"):
        register(seeded, email="autre@asso.fr")
    with app_clock.frozen(datetime(2027, 3, 10, tzinfo=timezone.utc)):
        assert [w.key for w in webinaires.upcoming(session=seeded)] == ["2027-04-08-changements", "2027-05-18-cmg"]
        with pytest.raises(DomainError, match="à venir"):
            register(seeded, email="tard@asso.fr")


def test_the_programme_to_download_is_the_registration_s():
    events = [c for c in Calendar.from_ical(PROGRAMME.read_bytes()).walk("VEVENT")]
    _, webinars = webinaires.programme()
    assert [(e.decoded("dtstart"), str(e["summary"])) for e in events] == [
        (w.starts_at, f"Webinaire Caf 92 : {w.title}") for w in webinars]
