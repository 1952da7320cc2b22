"""AFAS, a partner sends documents for an allocataire: the allocataire (or the conjoint who manages the dossier)
consents to an organisation the Caf habilitated for AFAS in the dossier's département, lists and withdraws the
consents in Mon Compte; the organisation's staff then send documents into the dossier, checked and cleaned as the
allocataire's own (documents.processing), as a démarche the Caf's queue shows with who sent it; the allocataire
sees who sent what."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from ... import clock, models as m
from ...documents.processing import images_to_pdf, process
from ...documents.storage import PrivateStore
from ...domain import policy
from ...domain.dates import format_date
from ...domain.errors import DomainError, Forbidden
from ...domain.gestion import AgentActor
from ...domain.partners import PartnerService
from ...domain.roles import Actor
from ...domain.statuses import DemarcheKind, DemarcheStatus
from ..paperwork.transmission import DOC_TYPES
from .habilitations import held

log = logging.getLogger("caf_app.partenaires")
AFAS = PartnerService.AFAS.value
# What a partner may send: the documents of Transmettre un document, not new bank details (Mon profil only).
PARTNER_DOC_TYPES = {key: label for key, label in DOC_TYPES.items() if key != "rib"}
NO_CONSENT = "Cet allocataire ne vous a pas autorisé(e) à envoyer des documents pour lui, ou l'a retiré."


@dataclass(frozen=True)
class ConsentLine:
    id: int
    organisation: str
    since: str
    given_by: str = ""  # "" when the person gave it; else their tuteur moral (« Donnée par … »)


@dataclass(frozen=True)
class Choice:
    id: int
    name: str


@dataclass(frozen=True)
class SentLine:
    at: str
    organisation: str
    title: str
    reference: str


@dataclass(frozen=True)
class MyPartners:
    consents: list[ConsentLine]
    choices: list[Choice]  # the organisations habilitated for AFAS in the dossier's département, not chosen yet
    sent: list[SentLine]


def _departement(session: Session, dossier_id: int) -> str:
    return session.exec(select(m.Caf.department).join(m.Dossier, m.Dossier.caf_id == m.Caf.id)
                        .where(m.Dossier.id == dossier_id)).one()


def _choosable(dossier_id: int, today: date):
    """The organisations habilitated for AFAS today in the dossier's département that it has not chosen yet (one
    statement: the département and the standing consents are subqueries)."""
    departement = (select(m.Caf.department).join(m.Dossier, m.Dossier.caf_id == m.Caf.id)
                   .where(m.Dossier.id == dossier_id).scalar_subquery())
    chosen = select(m.Consentement.organisation_id).where(
        m.Consentement.dossier_id == dossier_id, m.Consentement.service == AFAS,
        m.Consentement.withdrawn_at == None)  # noqa: E711
    return (select(m.Organisation.id, m.Organisation.name)
            .join(m.Habilitation, m.Habilitation.organisation_id == m.Organisation.id)
            .where(m.Habilitation.service == AFAS, m.Habilitation.withdrawn_at == None,  # noqa: E711
                   m.Habilitation.valid_until >= today, m.Habilitation.departement == departement,
                   col(m.Organisation.id).not_in(chosen))
            .distinct().order_by(m.Organisation.name))


def _managed(actor: Actor) -> int:
    if actor.dossier_id is None or not policy.can_manage_consents(actor, actor.dossier_id):
        raise Forbidden("consentements")
    return actor.dossier_id


def mine(*, session: Session, actor: Actor, today: date) -> MyPartners:
    """The dossier's consents, the organisations it may still choose, and what partners sent (three queries)."""
    dossier_id = _managed(actor)
    tuteur, tutelle = aliased(m.Agent), aliased(m.Organisation)  # who gave it, when a tuteur moral did
    consents = session.exec(select(m.Consentement, m.Organisation.name, tuteur.name, tutelle.name)
                            .join(m.Organisation, m.Organisation.id == m.Consentement.organisation_id)
                            .outerjoin(tuteur, tuteur.id == m.Consentement.given_by_partner_id)
                            .outerjoin(tutelle, tutelle.id == tuteur.organisation_id)
                            .where(m.Consentement.dossier_id == dossier_id, m.Consentement.service == AFAS,
                                   m.Consentement.withdrawn_at == None)  # noqa: E711
                            .order_by(col(m.Consentement.given_at).desc())).all()
    choosable = session.exec(_choosable(dossier_id, today)).all()
    sent = session.exec(select(m.Demarche.created_on, m.Demarche.title, m.Demarche.reference, m.Organisation.name)
                        .join(m.Agent, m.Agent.id == m.Demarche.partner_id)
                        .join(m.Organisation, m.Organisation.id == m.Agent.organisation_id)
                        .where(m.Demarche.dossier_id == dossier_id, m.Demarche.kind == DemarcheKind.DOCUMENT,
                               col(m.Organisation.id).in_(select(m.Consentement.organisation_id).where(
                                   m.Consentement.dossier_id == dossier_id, m.Consentement.service == AFAS)))
                        .order_by(col(m.Demarche.created_on).desc()).limit(50)).all()
    return MyPartners(
        [ConsentLine(consent.id, name, _day(consent.given_at),
                     f"Donnée par {staff} ({organisation}), tuteur" if staff else "")
         for consent, name, staff, organisation in consents],
        [Choice(org_id, name) for org_id, name in choosable],
        [SentLine(_day(at), name, title, reference) for at, title, reference, name in sent])


def _day(at) -> str:
    return format_date(m.aware(at).astimezone(clock.PARIS).date())


def give(*, session: Session, actor: Actor, organisation_id: int, today: date) -> str:
    """Consent to an organisation among the dossier's choices (one standing consent per organisation)."""
    dossier_id = _managed(actor)
    choice = session.exec(_choosable(dossier_id, today).where(m.Organisation.id == organisation_id)).first()
    if choice is None:
        raise DomainError("organisation", "Choisissez un partenaire de la liste.")
    session.add(m.Consentement(dossier_id=dossier_id, organisation_id=organisation_id, service=AFAS,
                               given_by_id=actor.logged_in_person_id, given_by_partner_id=actor.partner_id))
    session.commit()
    log.info("consentement AFAS : dossier %s à l'organisation %s", dossier_id, organisation_id)
    return f"{choice[1]} peut désormais envoyer des documents pour vous. Vous pouvez le retirer à tout moment."


def withdraw(*, session: Session, actor: Actor, consent_id: int) -> str:
    dossier_id = _managed(actor)
    consent = session.get(m.Consentement, consent_id)
    if consent is None or consent.dossier_id != dossier_id:
        raise Forbidden("consentement")
    if consent.withdrawn_at is None:
        consent.withdrawn_at = clock.now()
        session.commit()
        log.info("consentement AFAS %s retiré (dossier %s)", consent.id, dossier_id)
    name = session.get(m.Organisation, consent.organisation_id).name
    return f"{name} ne peut plus envoyer de documents pour vous."


@dataclass(frozen=True)
class Consenting:
    consent_id: int
    numero: str
    allocataire: str


def consenting(*, session: Session, actor: AgentActor, today: date) -> list[Consenting]:
    """The allocataires who consent to the staff member's organisation, when it holds AFAS (two queries)."""
    if not actor.partner:
        raise Forbidden("afas")
    habilitations = held(session, actor.organisation_id)
    rows = session.exec(select(m.Consentement.id, m.Dossier.numero_allocataire, m.Person, m.Caf.department)
                        .join(m.Dossier, m.Dossier.id == m.Consentement.dossier_id)
                        .join(m.Person, m.Person.id == m.Dossier.allocataire_id)
                        .join(m.Caf, m.Caf.id == m.Dossier.caf_id)
                        .where(m.Consentement.organisation_id == actor.organisation_id,
                               m.Consentement.service == AFAS, m.Consentement.withdrawn_at == None)  # noqa: E711
                        .order_by(m.Dossier.numero_allocataire)).all()
    return [Consenting(consent_id, numero, f"{person.first_names} {person.birth_name}")
            for consent_id, numero, person, departement in rows
            if policy.can_send_for(actor, habilitations, True, departement, today)]


def send(*, session: Session, actor: AgentActor, consent_id: int, doc_type: str, files: list[bytes],
         store: PrivateStore, today: date) -> str:
    """Send the files as one document into the consenting dossier: a démarche « Document envoyé par … » in the
    Caf's queue, recorded as sent by the staff member. Refused, with a log line, without a standing consent or
    AFAS for the dossier's département."""
    if not actor.partner:
        raise Forbidden("afas")
    consent = session.get(m.Consentement, consent_id) if consent_id else None
    allowed = (consent is not None and consent.organisation_id == actor.organisation_id
               and consent.service == AFAS and policy.can_send_for(
                   actor, held(session, actor.organisation_id), consent.withdrawn_at is None,
                   _departement(session, consent.dossier_id), today))
    if not allowed:
        log.warning("AFAS refusé : partenaire %s (organisation %s), consentement %s", actor.agent_id,
                    actor.organisation_id, consent_id)
        raise DomainError("allocataire", NO_CONSENT)
    if doc_type not in PARTNER_DOC_TYPES:
        raise DomainError("type", "Choisissez le type de document.")
    if not files:
        raise DomainError("fichier", "Ajoutez le document (une photo ou un PDF) avant d'envoyer.")
    processed = [process(data) for data in files]  # each checked and cleaned: DomainError("fichier", ...) otherwise
    if any(p.kind == "pdf" for p in processed) and len(processed) > 1:
        raise DomainError("fichier", "Un PDF s'envoie seul : envoyez les photos ensemble, et un PDF à part.")
    data = processed[0].data if processed[0].kind == "pdf" else images_to_pdf([p.data for p in processed])
    pages = processed[0].page_count if processed[0].kind == "pdf" else len(processed)
    organisation = session.get(m.Organisation, actor.organisation_id)
    title = f"Document envoyé par {organisation.name} : {PARTNER_DOC_TYPES[doc_type]}"
    key = store.put(data, ".pdf")
    try:
        demarche = m.Demarche(dossier_id=consent.dossier_id, kind=DemarcheKind.DOCUMENT, title=title,
                              status=DemarcheStatus.RECUE, reference=f"D{secrets.token_hex(4).upper()}",
                              partner_id=actor.agent_id)
        session.add(demarche)
        session.flush()
        session.add(m.Document(dossier_id=consent.dossier_id, demarche_id=demarche.id,
                               name=PARTNER_DOC_TYPES[doc_type], page_count=pages, size_bytes=len(data),
                               storage_key=key))
        session.commit()
    except BaseException:
        session.rollback()
        store.delete(key)
        raise
    log.info("AFAS : partenaire %s a envoyé %s pour le dossier %s", actor.agent_id, demarche.reference,
             consent.dossier_id)
    return f"Document envoyé à la Caf (référence {demarche.reference})."
