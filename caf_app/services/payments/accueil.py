"""Accueil Mon Compte: the sentences of the seed's dashboard on a desktop (MON PROFIL, délégation), and what the
page shows of the dossier."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from ... import models as m
from ...clock import PARIS
from ...domain import policy
from ...domain.dates import format_date
from ...domain.roles import Actor, Delegation, MemberRole
from ...domain.statuses import SituationKind
from ..identity.people import full_name
from ..paperwork.demarches import PieceLine, pieces_to_send
from ..situation.foyer import read_foyer
from .dossier import Summary, summary_and_debts

FAMILY = {"marie": "Je suis marié(e) depuis le {}", "pacse": "Je suis pacsé(e) depuis le {}",
          "vie_maritale": "Je vis en couple depuis le {}", "celibataire": "Je suis célibataire",
          "separe": "Je suis séparé(e) depuis le {}", "divorce": "Je suis divorcé(e) depuis le {}",
          "veuf": "Je suis veuf ou veuve depuis le {}"}
WORK = {"salarie": "J'ai une activité salariée depuis le {}",
        "non_salarie": "J'ai une activité non salariée depuis le {}",
        "chomage": "Je suis au chômage depuis le {}", "sans_activite": "Je suis sans activité depuis le {}",
        "etudiant": "Je suis étudiant(e) depuis le {}", "retraite": "Je suis retraité(e) depuis le {}",
        "arret_maladie": "Je suis en arrêt maladie depuis le {}"}
# The conjoint's activity, as the seed's MON PROFIL says it ("Mon conjoint a une activité non salariée depuis le
# 1 mars 2011", "Ma conjointe est salariée depuis le 9 octobre 2012"): "{who}" is "Mon conjoint" or "Ma conjointe".
SPOUSE_WORK = {"salarie": "{who} a une activité salariée depuis le {}",
               "non_salarie": "{who} a une activité non salariée depuis le {}",
               "chomage": "{who} est au chômage depuis le {}", "sans_activite": "{who} est sans activité depuis le {}",
               "etudiant": "{who} est étudiant(e) depuis le {}", "retraite": "{who} est retraité(e) depuis le {}",
               "arret_maladie": "{who} est en arrêt maladie depuis le {}"}


@dataclass(frozen=True)
class Dashboard:
    delegation_sentence: str
    last_login: str
    profile_sentences: list[str]
    address: str
    email: str
    mobile: str
    delegation_question: bool = False  # the allocataire has a conjoint and has not chosen yet (GÉRER MES AUTORISATIONS)


def situation_sentence(templates: dict[str, str], situation: m.Situation | None) -> str:
    if situation is None or situation.code not in templates:
        return ""
    template = templates[situation.code]
    return template.format(format_date(situation.since)) if situation.since and "{}" in template else (
        template.replace(" depuis le {}", ""))


def dashboard(*, session: Session, actor: Actor) -> Dashboard:
    """What the desktop dashboard says of the logged-in person (their own data: always allowed), in one query;
    and whether the allocataire is still to answer the délégation question (delegation.question_pending)."""
    foyer = read_foyer(session, actor)
    person, dossier = foyer.person, foyer.dossier
    previous, last_login = foyer.previous_login_at, ""
    if previous:
        local = m.aware(previous).astimezone(PARIS)  # stored in UTC (SQLite gives it back without its zone)
        last_login = f"Dernière connexion le {format_date(local.date())} à {local:%H:%M}"
    sentences, delegation, address, question = [], "", "", False
    if dossier:
        address = f"{dossier.address_line}, {dossier.postal_code} {dossier.city}"
        me = foyer.me
        sentences += [s for s in (situation_sentence(FAMILY, me and me.latest(SituationKind.FAMILIALE)),
                                  situation_sentence(WORK, me and me.latest(SituationKind.PROFESSIONNELLE))) if s]
        # A declared birth is "rattaché" once the Caf has processed it (pending until then).
        children = [r for r in foyer.residents if r.has(MemberRole.ENFANT) and not r.member.pending]
        if children:
            sentences.insert(1, f"J'ai {len(children)} enfant{'s' if len(children) > 1 else ''} rattaché"
                                f"{'s' if len(children) > 1 else ''} à mon dossier")
        partner = next((r for r in foyer.residents if r.has(MemberRole.CONJOINT, MemberRole.ALLOCATAIRE)
                        and r is not me), None)
        spouse = partner.person if partner else None
        if partner is not None:  # the seed's screen: the conjoint's activity, after one's own
            who = "Ma conjointe" if partner.person.civilite == "Madame" else "Mon conjoint"
            work = {code: text.replace("{who}", who) for code, text in SPOUSE_WORK.items()}
            sentences += [s for s in (situation_sentence(work, partner.latest(SituationKind.PROFESSIONNELLE)),) if s]
        if actor.role is MemberRole.ALLOCATAIRE and actor.delegation is Delegation.GRANTED:
            delegation = f"Vous autorisez {full_name(spouse)} à gérer votre dossier" if spouse else ""
        question = (policy.can_manage_delegation(actor, dossier.id) and spouse is not None
                    and dossier.delegation == Delegation.UNDECIDED.value)
    mobile = " ".join(person.mobile[i:i + 2] for i in range(0, len(person.mobile), 2))
    return Dashboard(delegation, last_login, sentences, address, person.email, mobile, question)


@dataclass(frozen=True)
class Overview:
    summary: Summary
    has_debts: bool
    pieces: list[PieceLine]


def overview(*, session: Session, actor: Actor, today: date) -> Overview:
    """What Accueil shows of the dossier, in two queries: the summary with the debts flag, and the pieces the Caf
    asked for. Forbidden as dossier.summary (a conjoint without délégation, no dossier)."""
    summary, debts = summary_and_debts(session=session, actor=actor, today=today)
    return Overview(summary, debts, pieces_to_send(session=session, actor=actor))
