"""The pencils of Mon profil: address (commune checked against its postal code), e-mail and mobile (typed
twice, confirmed by a code sent there, password asked again), bank details (IBAN and RIB key, BIC, holder,
a RIB document; the old details stay until the Caf processes the change). Each change is a démarche."""

from __future__ import annotations

import functools
from datetime import date

from sqlmodel import Session, select

from ... import delivery, models as m
from ...content import load
from ...documents.processing import images_to_pdf, process
from ...documents.storage import PrivateStore
from ...domain import policy
from ...domain.address import check_address
from ...domain.bank import parse_bic, parse_iban
from ...domain.contacts import check_same, parse_email, parse_mobile
from ...domain.dates import format_date
from ...domain.errors import DomainError, Forbidden
from ...domain.names import check_name
from ...domain.roles import Actor
from ...domain.statuses import BankAccountStatus, DemarcheKind, DemarcheStatus
from ...security import otp
from ...security.tokens import token_hash
from ..identity import auth, devices

PURPOSE = "contact"


@functools.cache
def communes() -> dict[str, list[str]]:
    return load("communes")["codes"]


def _record(session: Session, actor: Actor, title: str, detail: str,
            status: DemarcheStatus = DemarcheStatus.RECUE) -> m.Demarche:
    demarche = m.Demarche(dossier_id=actor.dossier_id, **actor.signed,
                          kind=DemarcheKind.CHANGEMENT_SITUATION,
                          title=title, detail=detail, status=status)
    session.add(demarche)
    session.flush()
    return demarche


def _check_password(session: Session, actor: Actor, password: str, *, secret: str, ip: str) -> None:
    """The password typed again, counted like a login's (services.auth.confirm_password)."""
    auth.confirm_password(session=session, account=session.get(m.Account, devices.account_id_of(actor)),
                          password=(password or "")[:65], secret=secret, ip=ip, field="mot_de_passe_actuel",
                          wrong="Ce n'est pas votre mot de passe : saisissez-le à nouveau.")


def change_address(*, session: Session, actor: Actor, line: str, postal_code: str, commune: str,
                   effective: date) -> None:
    """The foyer's postal address: for the allocataire or a delegated conjoint; shown at once."""
    if actor.dossier_id is None or not policy.can_view_foyer(actor, actor.dossier_id):
        raise Forbidden("adresse")
    street, code, city = check_address(line, postal_code, commune, communes=communes())
    dossier = session.get(m.Dossier, actor.dossier_id)
    dossier.address_line, dossier.postal_code, dossier.city = street, code, city.upper()
    session.add(dossier)
    _record(session, actor, "Changement d'adresse", f"{street}, {code} {city} à partir du {format_date(effective)}")
    session.commit()


def _subject(actor: Actor, channel: str, value: str, secret: str) -> str:
    return token_hash(f"{PURPOSE}:{actor.person_id}:{channel}:{value}", key=secret)


def start_contact_change(*, session: Session, actor: Actor, channel: str, value: str, confirmation: str,
                         password: str, secret: str, ip: str = "") -> str:
    """Check the new e-mail or mobile (typed twice) and the password, then send a code there."""
    field = "email" if channel == "email" else "mobile"
    parsed = parse_email(value) if channel == "email" else parse_mobile(value)
    check_same(parsed, parse_email(confirmation, field=f"{field}_confirmation") if channel == "email"
               else parse_mobile(confirmation, field=f"{field}_confirmation"),
               field=f"{field}_confirmation", what="adresses" if channel == "email" else "numéros")
    _check_password(session, actor, password, secret=secret, ip=ip)
    code = otp.issue(session, purpose=PURPOSE, subject=_subject(actor, channel, parsed, secret),
                     channel="email" if channel == "email" else "sms", destination=parsed, secret=secret)
    delivery.send(delivery.Message("email" if channel == "email" else "sms", parsed, "Votre code de vérification",
                                   f"Pour confirmer cette nouvelle coordonnée, saisissez le code {code}. "
                                   "Il est valable 10 minutes."), session=session)
    return parsed


def confirm_contact_change(*, session: Session, actor: Actor, channel: str, value: str, code: str,
                           secret: str) -> None:
    """The code proves the new contact works: it replaces the old one at once."""
    devices.account_id_of(actor)  # the account's contacts: started with its password, never by a tuteur moral
    otp.verify(session, purpose=PURPOSE, subject=_subject(actor, channel, value, secret), code=code, secret=secret)
    person = session.get(m.Person, actor.person_id)
    if channel == "email":
        person.email, person.email_verified = value, True
    else:
        person.mobile, person.mobile_verified = value, True
    session.add(person)
    if actor.dossier_id:
        label = "adresse électronique" if channel == "email" else "numéro de téléphone portable"
        _record(session, actor, f"Changement de {label}", value, status=DemarcheStatus.TRAITEE)
    session.commit()


def change_bank(*, session: Session, actor: Actor, iban: str, bic: str, holder: str, password: str,
                rib: bytes, store: PrivateStore, secret: str, ip: str = "") -> None:
    """New bank details, pending until processed (the old ones stay in use), with the RIB document."""
    if actor.dossier_id is None or not policy.can_view_payments(actor, actor.dossier_id):
        raise Forbidden("coordonnées bancaires")
    devices.account_id_of(actor)  # the account's password confirms them: none in a tuteur moral's session
    iban, bic = parse_iban(iban), parse_bic(bic)
    holder = check_name(holder, field="titulaire", label="le nom du titulaire du compte").upper()
    if not rib:
        raise DomainError("rib", "Ajoutez une photo ou un PDF de votre RIB.")
    processed = process(rib)
    _check_password(session, actor, password, secret=secret, ip=ip)
    for old in session.exec(select(m.BankAccount).where(m.BankAccount.dossier_id == actor.dossier_id,
                                                        m.BankAccount.status == BankAccountStatus.PENDING)):
        session.delete(old)  # a newer request replaces a pending one
    session.add(m.BankAccount(dossier_id=actor.dossier_id, iban=iban, bic=bic, holder=holder,
                              status=BankAccountStatus.PENDING))
    demarche = _record(session, actor, "Changement de coordonnées bancaires", f"IBAN se terminant par {iban[-4:]}")
    data = processed.data if processed.kind == "pdf" else images_to_pdf([processed.data])
    session.add(m.Document(dossier_id=actor.dossier_id, demarche_id=demarche.id, uploaded_by_id=actor.person_id,
                           name="Relevé d'identité bancaire", page_count=processed.page_count, size_bytes=len(data),
                           storage_key=store.put(data, ".pdf")))
    session.commit()

