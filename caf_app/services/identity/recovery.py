"""Mot de passe oublié and Identifiant provisoire oublié: identity -> channel -> code -> identifier / new password.

The identity is a NIR and the birth name, a provisional identifier (P + 8 digits) and the birth name, or, for
a person who forgot their provisional identifier, the birth name, first names and birth date. Whether the person
exists or not, every step answers the same way: one sentence and the same three choices (courriel, SMS or
courrier, never the contacts themselves, not even masked), and a 6-digit code stored for every request but sent
only to the contact on file of a person who has an account; a letter (a code valid 15 days, Créer Mon Compte's
channel: signup.post_letter_code) is posted only to the dossier's address of such a person, and any wrong letter
code gets the same refusal. The delivery of a 6-digit code is left to the caller, after it has answered, so a real
request takes no longer than a decoy. Every request counts against the identity typed and the client address
(domain.throttle's RECOVERY rules), whoever it is about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from sqlmodel import Session, select

from ... import clock, delivery, models as m
from ...content import recovery as WORDS
from ...domain import throttle
from ...domain.contacts import parse_date
from ...domain.dates import format_date
from ...domain.errors import DomainError
from ...domain.identifiers import parse_nir, parse_provisional_id
from ...domain.names import check_name, comparable
from ...domain.passwords import check_new_password
from ...security import letter_codes, otp
from ...security.passwords import hash_password
from ...security.tokens import token_hash
from ..communications import courriers
from . import auth, devices, passkeys, signup, throttling, transition

PURPOSE = "recuperation"
TOO_MANY = ("Trop de demandes ont été faites pour ce numéro ou depuis cette connexion. Pour votre sécurité, "
            "réessayez dans 15 minutes.")
LETTER_FIELD = "code_courrier"


@dataclass(frozen=True)
class Channel:
    key: str  # "email" | "sms" | "courrier"
    label: str


CHANNELS = [Channel("email", "Par courriel"), Channel("sms", "Par SMS"), Channel("courrier", WORDS.LETTER_CHANNEL)]
CODE_CHANNELS = ("email", "sms")  # a 6-digit code, valid 10 minutes; "courrier": a letter code, valid 15 days


@dataclass(frozen=True)
class Recovery:
    subject: str
    person_id: int | None
    identifier: str  # what the requests are counted against: the NIR, the P identifier, or the état civil typed
    channels: list[Channel] = field(default_factory=lambda: list(CHANNELS))  # the same for everyone
    forgotten_identifier: bool = False  # Identifiant provisoire oublié: the identifier is shown once proven
    proven: bool = False  # a code sent to the person was given back


@dataclass(frozen=True)
class FoundIdentifier:
    """Identifiant provisoire oublié, once proven: the identifier, and which one to log in with now."""

    provisional_id: str
    accepted: bool  # False: a NIR replaced it and the transition is over
    notice: str  # "" while no NIR was assigned


def identity_key(birth_name: str, first_names: str, birth_date: str) -> str:
    """The état civil typed, as one counter identity (never raises: a mistyped one is still counted)."""
    digits = re.sub(r"\D", "", birth_date or "")
    parts = (comparable(birth_name), comparable(first_names), digits)
    return "identite:" + "|".join(parts) if all(parts) else ""


def _typed(identifier: str) -> str | None:
    for parse in (parse_nir, parse_provisional_id):
        try:
            return parse(identifier)
        except DomainError:
            continue
    return None


def _counters(identifier: str | None, client: str, secret: str) -> list[tuple[str, throttle.Rule]]:
    counters = [(f"recuperation-client:{client or 'inconnu'}", throttle.RECOVERY_CLIENT_RULE)]
    if identifier:
        counters.append((f"recuperation:{token_hash(identifier, key=secret)}", throttle.RECOVERY_IDENTITY_RULE))
    return counters


def admit(*, session: Session, client: str, secret: str, nir: str = "", identity: str = "") -> None:
    """In front of step 1: count this request against the client address and the identity typed (`nir`: the NIR
    or the provisional identifier typed, else `identity`, from identity_key; one of the wrong form counts against
    the address only), committed, whoever it is about. DomainError("", ...) when it comes before the wait the
    counters ask for (counted all the same), or while one of them is locked."""
    try:
        throttling.count(session, _counters(_typed(nir) or identity or None, client, secret))
    except throttling.Refused as refused:
        raise DomainError("", TOO_MANY if refused.locked else refused.message) from None


def start(*, session: Session, nir: str, birth_name: str, secret: str, provisional: bool = False) -> Recovery:
    """Step 1 of Mot de passe oublié, with a NIR or (provisional: `nir` is then a provisional identifier) a
    provisional identifier still accepted. Raises DomainError only for what the user typed (formats), never for
    who exists."""
    ident = (parse_provisional_id if provisional else parse_nir)(nir)
    name = check_name(birth_name, field="nom_naissance", label="votre nom de naissance")
    subject = token_hash(f"{PURPOSE}:{ident}:{comparable(name)}", key=secret)
    column = m.Person.provisional_id if provisional else m.Person.nir
    person = session.exec(select(m.Person).join(m.Account, m.Account.person_id == m.Person.id)
                          .where(column == ident)).first()
    if (person is None or comparable(person.birth_name) != comparable(name)
            or (provisional and not transition.provisional_accepted(person))):
        return Recovery(subject=subject, person_id=None, identifier=ident)
    return Recovery(subject=subject, person_id=person.id, identifier=ident)


def start_by_identity(*, session: Session, birth_name: str, first_names: str, birth_date: str, secret: str,
                      today: date | None = None) -> Recovery:
    """Step 1 of Identifiant provisoire oublié: the person with a provisional identifier and an account whose
    birth name, first names and birth date these are (none when two people share them: they call the Caf)."""
    name = check_name(birth_name, field="nom_naissance", label="votre nom de naissance")
    first = check_name(first_names, field="prenoms", label="votre ou vos prénoms")
    born = parse_date(birth_date, field="date_naissance", label="votre date de naissance",
                      today=today or clock.today())
    key = identity_key(name, first, birth_date)
    subject = token_hash(f"{PURPOSE}:{key}", key=secret)
    rows = session.exec(select(m.Person).join(m.Account, m.Account.person_id == m.Person.id)
                        .where(m.Person.birth_date == born, m.Person.provisional_id != None)).all()  # noqa: E711
    matching = [p for p in rows if comparable(p.birth_name) == comparable(name)
                and comparable(p.first_names) == comparable(first)]
    person_id = matching[0].id if len(matching) == 1 else None
    return Recovery(subject=subject, person_id=person_id, identifier=key, forgotten_identifier=True)


def _destination(session: Session, recovery: Recovery, channel: str) -> str:
    """The contact on file for the channel chosen; "" (the code goes to nobody) for a decoy, a contact the person
    does not have, or one that already had its codes for the day (refusing would say the account exists)."""
    person = session.get(m.Person, recovery.person_id) if recovery.person_id else None
    destination = (person.email if channel == "email" else person.mobile) if person else ""
    if destination and otp.sent_today(session, purpose=PURPOSE, destination=destination) >= \
            otp.MAX_PER_DESTINATION_PER_DAY:
        return ""
    return destination


def send_code(*, session: Session, recovery: Recovery, channel: str, secret: str) -> delivery.Message | None:
    """Step 2 (and "Renvoyer un code"): a new code, the same way for everyone. Returns the message for the caller
    to deliver once it has answered (delivery.send), or None when the code goes to nobody or by post."""
    if channel not in {c.key for c in CHANNELS}:
        raise ValueError("canal inconnu")
    if channel == "courrier":
        post_letter(session=session, recovery=recovery, secret=secret)
        return None
    destination = _destination(session, recovery, channel)
    code = otp.issue(session, purpose=PURPOSE, subject=recovery.subject, channel=channel,
                     destination=destination, secret=secret)
    if not destination:
        return None
    return delivery.Message(
        channel=channel, recipient=destination, subject="Votre code de vérification",
        body=(f"Votre code de vérification Mon Compte est {code}. Il est valable 10 minutes et ne peut "
              "servir qu'une fois. Si vous n'avez rien demandé, ignorez ce message."))


def post_letter(*, session: Session, recovery: Recovery, secret: str) -> None:
    """The courrier: a letter code to the dossier's postal address of a person who has an account, recorded
    (without its code) in the dossier's courriers. Nothing for a decoy, a person without an address, or one whose
    letter is still valid or who had their letters for the period: the answer is the same for all."""
    person = session.get(m.Person, recovery.person_id) if recovery.person_id else None
    dossier = signup.dossier_of(session, person.id) if person else None
    if dossier is None or not (dossier.address_line and dossier.postal_code):
        return
    page = WORDS.IDENTIFIER_TITLE if recovery.forgotten_identifier else "Mot de passe oublié"
    try:
        until = signup.post_letter_code(session, person=person, dossier=dossier, purpose=PURPOSE,
                                        subject=WORDS.LETTER_SUBJECT, body=WORDS.LETTER_BODY.replace("{page}", page),
                                        secret=secret)
    except DomainError:
        session.rollback()
        return
    courriers.record(session=session, dossier_id=dossier.id, subject=WORDS.LETTER_RECORD_SUBJECT,
                     body=WORDS.LETTER_RECORD_BODY.format(name=f"{person.first_names} {person.birth_name}",
                                                          until=format_date(until)),
                     sent_on=clock.today())
    session.commit()


def check_code(*, session: Session, recovery: Recovery, code: str, secret: str) -> Recovery:
    """Step 3: consume the code; returns the recovery proven. A decoy's code was sent to nobody, so it always fails
    the same way."""
    otp.verify(session, purpose=PURPOSE, subject=recovery.subject, code=code, secret=secret)
    if recovery.person_id is None:  # unreachable without the code, kept as a guard
        raise PermissionError("récupération sans personne")
    return replace(recovery, proven=True)


def check_letter_code(*, session: Session, recovery: Recovery, code: str, secret: str) -> Recovery:
    """Step 3 by post: consume the code of the letter; returns the recovery proven. One refusal for every wrong
    code, a decoy's included (only the format is said apart)."""
    typed = re.sub(r"[\s\-.]", "", code or "").upper()
    if len(typed) != 8 or not typed.isascii() or not typed.isalnum():
        raise DomainError(LETTER_FIELD, "Le code reçu par courrier comporte 8 lettres et chiffres, par exemple "
                                        "ACDE-3467.")
    if recovery.person_id is None:
        raise DomainError(LETTER_FIELD, WORDS.LETTER_CODE_REFUSED)
    try:
        letter_codes.verify(session, purpose=PURPOSE, person_id=recovery.person_id, code=typed, secret=secret)
    except DomainError:
        raise DomainError(LETTER_FIELD, WORDS.LETTER_CODE_REFUSED) from None
    return replace(recovery, proven=True)


def found_identifier(*, session: Session, recovery: Recovery) -> FoundIdentifier:
    """Identifiant provisoire oublié, once a code proved the person: their identifier and which one to use."""
    if not (recovery.proven and recovery.forgotten_identifier and recovery.person_id):
        raise PermissionError("identifiant demandé sans code")
    person = session.get(m.Person, recovery.person_id)
    return FoundIdentifier(person.provisional_id, transition.provisional_accepted(person),
                           transition.identifier_notice(person) if person.nir else "")


def set_new_password(*, session: Session, recovery: Recovery, password: str, confirmation: str, secret: str,
                     ip: str = "") -> None:
    """Step 4, once proven: the new password ends every session of the account and lifts a login lock."""
    if not recovery.proven or recovery.person_id is None:
        raise PermissionError("mot de passe sans code")
    check_new_password(password, confirmation)
    account = session.exec(select(m.Account).where(m.Account.person_id == recovery.person_id)).one()
    person = session.get(m.Person, recovery.person_id)
    now = clock.now()
    account.password_hash, account.password_changed_at = hash_password(password), now
    session.add(account)
    auth.end_sessions(session, account_id=account.id)
    devices.forget_all(session, account_id=account.id)  # someone else may know the old password
    passkeys.forget_all(session, account_id=account.id)
    for login_identifier in filter(None, (person.nir, person.provisional_id)):
        throttling.clear(session, throttling.keys(login_identifier, ip, secret=secret)[0][0])
    throttling.clear(session, _counters(recovery.identifier, ip, secret)[1][0])  # this person's requests
    session.add(m.AuditEvent(kind="password_changed", account_id=account.id, ip=ip, detail="mot de passe oublié"))
    session.commit()
