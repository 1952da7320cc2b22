"""What a demande de prestation reads from the dossier and writes into it: the answers pre-filled from the dossier
("nous réutilisons vos données déjà saisies"), the demandes that contradict it, and the dossier a first-time
applicant's demande creates when it is sent (services/paperwork/demandes.py calls these)."""

from __future__ import annotations

import json
import secrets
from datetime import date

from sqlmodel import Session, col, select

from ... import models as m
from ...domain import policy
from ...domain.dates import add_months, age_on, format_date
from ...domain.demande_changes import ACTIVITY_CODES, DossierFacts
from ...domain.demande_rules import value
from ...domain.demandes import MAX_CHILDREN, DemandeKind, questions_of
from ...domain.departements import caf_name, departement_of
from ...domain.errors import DomainError
from ...domain.identifiers import mask_iban
from ...domain.names import comparable
from ...domain.prestations import HOUSING_AIDS, Prestation
from ...domain.roles import Actor, MemberRole
from ...domain.statuses import BankAccountStatus, DemarcheStatus, DraftStatus, SituationKind
from ..situation.foyer import read_foyer
from ..situation.simulation_prefill import prefill as simulation_prefill

# What the dossier already pays, by demande: asking it again contradicts the dossier.
PAID = {DemandeKind.RSA: (Prestation.RSA,), DemandeKind.PRIME_ACTIVITE: (Prestation.PRIME_ACTIVITE,),
        DemandeKind.AAH: (Prestation.AAH,), DemandeKind.ASF: (Prestation.ASF,),
        DemandeKind.AIDE_LOGEMENT: HOUSING_AIDS}
FAMILY = {"marie", "pacse", "vie_maritale", "celibataire", "separe", "divorce", "veuf"}
ACTIVITY = {code: answer for answer, code in ACTIVITY_CODES.items()}  # situation code -> the demande's answer


def _euros(cents: int) -> str:
    return str(round(cents / 100))


def prefill(session: Session, actor: Actor, kind: str, today: date) -> dict[str, str]:
    """The answers the dossier already holds, for the person to confirm or change. A conjoint without délégation
    gets only what is theirs (their birth date): the rest of the dossier is not theirs to read."""
    foyer = read_foyer(session, actor)
    answers = {"date_naissance": format_date(foyer.person.birth_date)} if foyer.person.birth_date else {}
    if actor.dossier_id is None or not policy.can_view_foyer(actor, actor.dossier_id):
        return answers
    me, dossier = foyer.me, foyer.dossier
    family = me.latest(SituationKind.FAMILIALE) if me else None
    work = me.latest(SituationKind.PROFESSIONNELLE) if me else None
    if family and family.code in FAMILY:
        answers["situation_familiale"] = family.code
    if work and work.code in ACTIVITY:
        answers["activite"] = ACTIVITY[work.code]
    partner = next(iter(foyer.others(MemberRole.ALLOCATAIRE, MemberRole.CONJOINT)), None)
    if partner:
        answers |= {"conjoint_prenom": partner.person.first_names, "conjoint_nom": partner.person.birth_name}
        if partner.person.birth_date:
            answers["conjoint_naissance"] = format_date(partner.person.birth_date)
    children = [r.person for r in foyer.residents if r.has(MemberRole.ENFANT) and not r.member.pending
                and r.person.birth_date and age_on(r.person.birth_date, today) < 25][:MAX_CHILDREN]
    answers["enfants"] = str(len(children))
    for index, child in enumerate(children, start=1):
        answers |= {f"enfant_{index}_prenom": child.first_names,
                    f"enfant_{index}_naissance": format_date(child.birth_date)}
    if dossier and dossier.address_line:
        answers |= {"adresse": dossier.address_line, "code_postal": dossier.postal_code, "commune": dossier.city}
    declared = simulation_prefill(session=session, actor=actor)
    if declared.demandeur:
        answers["revenus_activite"] = _euros(declared.demandeur.activite)
        answers["autres_revenus"] = _euros(declared.demandeur.chomage + declared.demandeur.pensions)
    if declared.conjoint:
        answers["conjoint_revenus"] = _euros(sum((declared.conjoint.activite, declared.conjoint.chomage,
                                                  declared.conjoint.pensions)))
    if bank_account(session, actor.dossier_id):
        answers["compte"] = "actuel"
    known = questions_of(kind)
    return {name: text for name, text in answers.items() if name in known}


def dossier_facts(session: Session, actor: Actor, today: date) -> DossierFacts:
    """What the dossier says now of the person's family and work and of the children (changes declared and not
    yet processed included: they were declared once), for domain/demande_changes.py; two queries. Nothing for a
    person who may not read the foyer."""
    if actor.dossier_id is None or not policy.can_view_foyer(actor, actor.dossier_id):
        return DossierFacts()
    latest = dict(session.exec(select(m.Situation.kind, m.Situation.code)
                               .join(m.Member, m.Member.id == m.Situation.member_id)
                               .where(m.Member.dossier_id == actor.dossier_id,
                                      m.Member.person_id == actor.person_id)
                               .order_by(col(m.Situation.id))).all())
    children = [pending for day, pending in session.exec(
        select(m.Person.birth_date, m.Member.pending).join(m.Member, m.Member.person_id == m.Person.id)
        .where(m.Member.dossier_id == actor.dossier_id, m.Member.role == MemberRole.ENFANT.value)).all()
        if day and age_on(day, today) < 25]
    family, work = latest.get(SituationKind.FAMILIALE, ""), latest.get(SituationKind.PROFESSIONNELLE, "")
    return DossierFacts(family if family in FAMILY else "", work, children.count(False), children.count(True))


def bank_account(session: Session, dossier_id: int | None) -> str:
    """The dossier's account the payments go to, masked ("•••• 1015"); "" without one."""
    if dossier_id is None:
        return ""
    iban = session.exec(select(m.BankAccount.iban).where(m.BankAccount.dossier_id == dossier_id,
                                                         m.BankAccount.status == BankAccountStatus.ACTIVE)).first()
    return mask_iban(iban) if iban else ""


def contradiction(session: Session, row: m.Demande, today: date) -> DomainError | None:
    """Why the dossier contradicts this demande: the prestation is already paid, the same demande is being
    processed, or (aide au logement) the address is not the dossier's. None when nothing does."""
    kind, dossier_id = DemandeKind(row.kind), row.dossier_id
    if dossier_id is None:
        return None
    paid = PAID.get(kind, ())
    if kind is DemandeKind.AAH and session.get(m.Dossier, dossier_id).allocataire_id != row.person_id:
        paid = ()  # the AAH is personal: the dossier's is the allocataire's, not the conjoint's who asks it
    if paid and session.exec(select(m.Droit.id).where(
            m.Droit.dossier_id == dossier_id, col(m.Droit.prestation).in_(paid),
            m.Droit.amount_cents > 0, m.Droit.month >= add_months(today, -2))).first() is not None:
        return DomainError("", f"Vous percevez déjà cette prestation ({paid[0].label}) : un changement de situation "
                               "se déclare dans Mon profil, pas par une nouvelle demande.")
    pending = session.exec(select(m.Demande.sent_at).join(m.Demarche, m.Demarche.id == m.Demande.demarche_id).where(
        m.Demande.dossier_id == dossier_id, m.Demande.kind == kind, m.Demande.status == DraftStatus.ENVOYE,
        m.Demande.id != row.id, m.Demarche.status != DemarcheStatus.TRAITEE)).first()
    if pending is not None and kind is not DemandeKind.AUTRE:
        return DomainError("", f"Vous avez déjà envoyé cette demande le {format_date(m.aware(pending).date())} : "
                               "elle est en cours de traitement. Suivez-la dans Mes démarches.")
    return None


def address_mismatch(session: Session, row: m.Demande, answers: dict[str, str]) -> DomainError | None:
    """An aide au logement is asked for the dossier's address: a move is declared first (Mon profil)."""
    if row.kind != DemandeKind.AIDE_LOGEMENT or row.dossier_id is None or not answers.get("code_postal"):
        return None
    dossier = session.get(m.Dossier, row.dossier_id)
    same = (comparable(answers.get("adresse", "")) == comparable(dossier.address_line)
            and answers.get("code_postal", "").strip() == dossier.postal_code)
    if same or not dossier.address_line:
        return None
    return DomainError("adresse", "Cette adresse n'est pas celle de votre dossier. Si vous avez déménagé, déclarez "
                                  "d'abord votre nouvelle adresse dans Mon profil, puis faites votre demande.")


def _caf_of(session: Session, postal_code: str) -> m.Caf:
    return caf_of_departement(session, departement_of(postal_code))


def caf_of_departement(session: Session, departement: str) -> m.Caf:
    """The Caf of a département, made the first time someone of that département reaches it (a first demande, a
    message from a non-allocataire), with its official name."""
    caf = session.exec(select(m.Caf).where(m.Caf.department == departement)).first()
    if caf is None:
        caf = m.Caf(department=departement, name=caf_name(departement))
        session.add(caf)
        session.flush()
    return caf


def _numero(session: Session, departement: str) -> str:
    while True:
        numero = f"{departement}{secrets.randbelow(10**5):05d}"
        if session.exec(select(m.Dossier.id).where(m.Dossier.numero_allocataire == numero)).first() is None:
            return numero


def _member(session: Session, dossier: m.Dossier, person: m.Person, role: MemberRole) -> m.Member:
    member = m.Member(dossier_id=dossier.id, person_id=person.id, role=role.value)
    session.add(member)
    session.flush()
    return member


def create_dossier_for(session: Session, row: m.Demande, today: date) -> m.Dossier:
    """A first-time applicant's demande, sent: the dossier in the Caf of the applicant's département (from the
    postal code), its household (the applicant as allocataire, the conjoint and the children, each a Person),
    the bank account given, and every open session of the account now on it. Flushed, not committed."""
    answers = json.loads(row.answers_json)
    kind = DemandeKind(row.kind)
    applicant = session.get(m.Person, row.person_id)
    caf = _caf_of(session, answers.get("code_postal", ""))
    dossier = m.Dossier(numero_allocataire=_numero(session, caf.department), caf_id=caf.id,
                        allocataire_id=applicant.id, address_line=answers.get("adresse", "").upper(),
                        postal_code=answers.get("code_postal", ""), city=answers.get("commune", "").upper())
    session.add(dossier)
    session.flush()
    me = _member(session, dossier, applicant, MemberRole.ALLOCATAIRE)
    if answers.get("situation_familiale") in FAMILY:
        session.add(m.Situation(member_id=me.id, kind=SituationKind.FAMILIALE, code=answers["situation_familiale"]))
    if answers.get("activite") in {"salarie", "chomage", "etudiant", "retraite"}:
        session.add(m.Situation(member_id=me.id, kind=SituationKind.PROFESSIONNELLE, code=answers["activite"]))
    if value(kind, answers, "conjoint_naissance", today):
        partner = m.Person(birth_name=answers["conjoint_nom"].upper(), first_names=answers["conjoint_prenom"],
                           birth_date=value(kind, answers, "conjoint_naissance", today))
        session.add(partner)
        session.flush()
        _member(session, dossier, partner, MemberRole.CONJOINT)
    for index in range(1, MAX_CHILDREN + 1):
        born = value(kind, answers, f"enfant_{index}_naissance", today)
        if born:
            child = m.Person(birth_name=applicant.birth_name, first_names=answers[f"enfant_{index}_prenom"],
                             birth_date=born)
            session.add(child)
            session.flush()
            _member(session, dossier, child, MemberRole.ENFANT)
    iban = value(kind, answers, "iban", today)
    if iban:
        session.add(m.BankAccount(dossier_id=dossier.id, iban=iban, bic="",
                                  holder=f"{applicant.first_names} {applicant.birth_name}".upper()))
    sessions = [] if row.account_id is None else session.exec(  # never `account_id IS NULL` (a tuteur moral's)
        select(m.UserSession).where(m.UserSession.account_id == row.account_id,
                                    m.UserSession.dossier_id == None))  # noqa: E711
    for live in sessions:
        live.dossier_id = dossier.id  # the account is on its dossier from its next event on
        session.add(live)
    session.flush()
    return dossier
