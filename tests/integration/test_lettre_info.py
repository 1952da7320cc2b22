"""« Ma lettre d'info partenaires » (issue 23, point 2): a double opt-in (a link mailed, valid 7 days), one click
to unsubscribe from any letter, and the communication officer's sending in batches, throttled and resumable, each
subscriber receiving the letter once."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from sqlmodel import func, select

from caf_app import models as m
from caf_app.domain.errors import DomainError, Forbidden
from caf_app.domain.gestion import AgentActor, AgentRole
from caf_app.services.communications import lettre_info
from tests.factories import queries


def mails_to(session, address: str) -> list[m.OutboxMessage]:
    return session.exec(select(m.OutboxMessage).where(m.OutboxMessage.recipient == address)
                        .order_by(m.OutboxMessage.id)).all()


def link_params(mail: m.OutboxMessage) -> dict[str, str]:
    url = re.search(r"(\S*/lettre-info-partenaires\?\S+)", mail.body).group(1)
    return {key: values[0] for key, values in parse_qs(urlparse(url).query).items()}


def staff(session, login: str) -> AgentActor:
    row = session.exec(select(m.Agent).where(m.Agent.login == login)).one()
    return AgentActor(row.id, row.caf_id, AgentRole(row.role), row.name)


def subscribed(session, address: str, departement: str = "92") -> None:
    lettre_info.subscribe(session=session, email=address, departement=departement, client=address)
    lettre_info.confirm(session=session, token=link_params(mails_to(session, address)[-1])["jeton"])


def test_a_partner_subscribes_confirms_through_the_mail_and_unsubscribes_in_one_click(seeded):
    said = lettre_info.subscribe(session=seeded, email=" Marie.Roux@Asso.fr ", departement="92", client="1.2.3.4")
    assert said == lettre_info.SUBSCRIBED
    [mail] = mails_to(seeded, "marie.roux@asso.fr")
    assert "dans les 7 jours" in mail.body
    token = link_params(mail)["jeton"]
    row = seeded.exec(select(m.Abonne)).one()
    assert row.confirmed_at is None and token not in row.confirm_hash  # only its hash is kept
    assert "Caf des Hauts-de-Seine" in lettre_info.confirm(session=seeded, token=token)
    with pytest.raises(DomainError, match="n'est plus valable"):
        lettre_info.confirm(session=seeded, token=token)  # the link serves once
    # Subscribed already: the same answer, and no mail (nobody learns who is subscribed).
    assert lettre_info.subscribe(session=seeded, email="marie.roux@asso.fr", departement="92") == said
    assert len(mails_to(seeded, "marie.roux@asso.fr")) == 1
    with pytest.raises(DomainError, match="n'est pas valable"):
        lettre_info.unsubscribe(session=seeded, abonne_id=row.id, token="faux")
    assert "désinscrit" in lettre_info.unsubscribe(session=seeded, abonne_id=row.id,
                                                   token=lettre_info.unsubscribe_token(row.id))
    seeded.refresh(row)
    assert row.unsubscribed_at is not None


def test_a_confirmation_link_is_valid_7_days(seeded, clock):
    lettre_info.subscribe(session=seeded, email="tard@asso.fr", departement="13")
    token = link_params(mails_to(seeded, "tard@asso.fr")[-1])["jeton"]
    clock.advance(days=7, minutes=1)
    with pytest.raises(DomainError, match="7 jours"):
        lettre_info.confirm(session=seeded, token=token)


@pytest.mark.parametrize(("email", "departement", "field"), [
    ("", "92", "email"), ("pas-une-adresse", "92", "email"), ("a@b.fr", "99", "caf")])
def test_a_wrong_address_or_caf_is_said_next_to_the_field_and_nothing_is_sent(seeded, email, departement, field):
    with pytest.raises(DomainError) as refused:
        lettre_info.subscribe(session=seeded, email=email, departement=departement)
    assert refused.value.field == field
    assert seeded.exec(select(func.count()).select_from(m.OutboxMessage)).one() == 0


def test_an_address_asked_again_and_again_is_made_to_wait(seeded):
    for _ in range(2):
        lettre_info.subscribe(session=seeded, email="cible@asso.fr", departement="92", client="9.9.9.9")
    with pytest.raises(DomainError, match="réessayez"):
        lettre_info.subscribe(session=seeded, email="cible@asso.fr", departement="92", client="9.9.9.9")
    assert len(mails_to(seeded, "cible@asso.fr")) == 2


def test_the_letter_goes_in_batches_to_the_confirmed_subscribers_once_even_when_resumed(seeded):
    for address in ("a@asso.fr", "b@asso.fr", "c@asso.fr"):
        subscribed(seeded, address)
    lettre_info.subscribe(session=seeded, email="pas-confirme@asso.fr", departement="92")
    subscribed(seeded, "parti@asso.fr")
    parti = seeded.exec(select(m.Abonne).where(m.Abonne.email == "parti@asso.fr")).one()
    lettre_info.unsubscribe(session=seeded, abonne_id=parti.id, token=lettre_info.unsubscribe_token(parti.id))
    subscribed(seeded, "marseille@asso.fr", departement="13")  # another Caf's letter
    editor = staff(seeded, "editeur.92")
    lettre_id = lettre_info.save(session=seeded, actor=editor, subject="Ma lettre d'info partenaires - Décembre",
                                 body="Les webinaires de janvier : la connexion à l'espace Mon Compte.")
    [draft] = lettre_info.letters(session=seeded, actor=editor)
    assert draft.draft and draft.status == "Brouillon — 3 abonné(s) la recevront"
    lettre_info.start(session=seeded, actor=editor, lettre_id=lettre_id)
    assert lettre_info.send_batch(session=seeded, actor=editor, lettre_id=lettre_id, size=2, per_second=1000) == 1
    [line] = lettre_info.letters(session=seeded, actor=editor)
    assert line.unfinished and (line.sent, line.total) == (2, 3)  # interrupted here: « Reprendre l'envoi »
    assert lettre_info.send_batch(session=seeded, actor=editor, lettre_id=lettre_id, size=2, per_second=1000) == 0
    [line] = lettre_info.letters(session=seeded, actor=editor)
    assert not line.unfinished and line.status.startswith("Envoyée le ") and line.sent == 3
    assert lettre_info.send_batch(session=seeded, actor=editor, lettre_id=lettre_id) == 0  # nothing twice
    for address in ("a@asso.fr", "b@asso.fr", "c@asso.fr"):
        [letter] = [mail for mail in mails_to(seeded, address) if mail.subject.startswith("Ma lettre")]
        params = link_params(letter)
        assert "un clic suffit" in letter.body and params["desabonnement"]
    for address in ("pas-confirme@asso.fr", "parti@asso.fr", "marseille@asso.fr"):
        assert not [mail for mail in mails_to(seeded, address) if mail.subject.startswith("Ma lettre")]


def test_only_the_caf_s_communication_officer_writes_and_sends_its_letter(seeded):
    editor = staff(seeded, "editeur.92")
    lettre_id = lettre_info.save(session=seeded, actor=editor, subject="Objet",
                                 body="Un texte assez long pour une lettre.")
    for login in ("agent.92", "superviseur.92", "editeur.national", "superviseur.13"):
        with pytest.raises(Forbidden):
            lettre_info.start(session=seeded, actor=staff(seeded, login), lettre_id=lettre_id)
    with pytest.raises(Forbidden):
        lettre_info.letters(session=seeded, actor=staff(seeded, "agent.92"))
    with pytest.raises(DomainError) as refused:
        lettre_info.save(session=seeded, actor=editor, subject="", body="Un texte assez long pour une lettre.")
    assert refused.value.field == "objet"


def test_the_list_of_letters_costs_the_same_whatever_the_number_of_unfinished_ones(seeded):
    for address in ("a@asso.fr", "b@asso.fr"):
        subscribed(seeded, address)
    editor = staff(seeded, "editeur.92")
    for number in range(3):
        lettre_id = lettre_info.save(session=seeded, actor=editor, subject=f"Lettre {number}",
                                     body="Un texte assez long pour une lettre.")
        lettre_info.start(session=seeded, actor=editor, lettre_id=lettre_id)
        lettre_info.send_batch(session=seeded, actor=editor, lettre_id=lettre_id, size=1, per_second=1000)
    seeded.expire_all()
    with queries(seeded.get_bind()) as sent:
        lines = lettre_info.letters(session=seeded, actor=editor)
    assert [(line.unfinished, line.sent, line.total) for line in lines] == [(True, 1, 2)] * 3
    assert len(sent) == 4
