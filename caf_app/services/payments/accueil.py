"""Accueil Mon Compte on a desktop: the sentences of the seed's dashboard (MON PROFIL, délégation)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from ... import models as m
from ...clock import PARIS
from ...domain.dates import format_date
from ...domain.roles import Actor, Delegation, MemberRole
from ...domain.statuses import SituationKind
from ..identity.people import full_name

FAMILY = {"marie": "Je suis marié(e) depuis le {}", "pacse": "Je suis pacsé(e) depuis le {}",
          "vie_maritale": "Je vis en couple depuis le {}", "celibataire": "Je suis célibataire",
          "separe": "Je suis séparé(e) depuis le {}", "divorce": "Je suis divorcé(e) depuis le {}",
          "veuf": "Je suis veuf ou veuve depuis le {}"}
WORK = {"salarie": "J'ai une activité salariée depuis le {}",
        "non_salarie": "J'ai une activité non salariée depuis le {}",
        "chomage": "Je suis au chômage depuis le {}", "sans_activite": "Je suis sans activité depuis le {}",
        "etudiant": "Je suis étudiant(e) depuis le {}", "retraite": "Je suis retraité(e) depuis le {}",
        "arret_maladie": "Je suis en arrêt maladie depuis le {}"}


@dataclass(frozen=True)
class Dashboard:
    delegation_sentence: str
    last_login: str
    profile_sentences: list[str]
    address: str
    email: str
    mobile: str


def situation_sentence(templates: dict[str, str], situation: m.Situation | None) -> str:
    if situation is None or situation.code not in templates:
        return ""
    template = templates[situation.code]
    return template.format(format_date(situation.since)) if situation.since and "{}" in template else (
        template.replace(" depuis le {}", ""))


def dashboard(*, session: Session, actor: Actor) -> Dashboard:
    """What the desktop dashboard says of the logged-in person (their own data: always allowed)."""
    person = session.get(m.Person, actor.person_id)
    account = session.get(m.Account, actor.account_id)
    previous = account.previous_login_at
    last_login = ""
    if previous:
        local = m.aware(previous).astimezone(PARIS)  # stored in UTC (SQLite gives it back without its zone)
        last_login = f"Dernière connexion le {format_date(local.date())} à {local:%H:%M}"
    sentences, delegation, address = [], "", ""
    if actor.dossier_id:
        dossier = session.get(m.Dossier, actor.dossier_id)
        address = f"{dossier.address_line}, {dossier.postal_code} {dossier.city}"
        member = session.exec(select(m.Member).where(m.Member.dossier_id == dossier.id,
                                                     m.Member.person_id == person.id)).first()
        situations = session.exec(select(m.Situation).where(m.Situation.member_id == member.id)).all()
        by_kind = {s.kind: s for s in situations}
        sentences += [s for s in (situation_sentence(FAMILY, by_kind.get(SituationKind.FAMILIALE)),
                                  situation_sentence(WORK, by_kind.get(SituationKind.PROFESSIONNELLE))) if s]
        # A declared birth is "rattaché" once the Caf has processed it (pending until then).
        children = session.exec(select(m.Member).where(m.Member.dossier_id == dossier.id,
                                                       m.Member.role == MemberRole.ENFANT.value,
                                                       m.Member.pending == False)).all()  # noqa: E712
        if children:
            sentences.insert(1, f"J'ai {len(children)} enfant{'s' if len(children) > 1 else ''} rattaché"
                                f"{'s' if len(children) > 1 else ''} à mon dossier")
        if actor.role is MemberRole.ALLOCATAIRE and actor.delegation is Delegation.GRANTED:
            spouse = session.exec(select(m.Person).join(m.Member, m.Member.person_id == m.Person.id)
                                  .where(m.Member.dossier_id == dossier.id,
                                         m.Member.role == MemberRole.CONJOINT.value)).first()
            delegation = f"Vous autorisez {full_name(spouse)} à gérer votre dossier" if spouse else ""
    mobile = " ".join(person.mobile[i:i + 2] for i in range(0, len(person.mobile), 2))
    return Dashboard(delegation, last_login, sentences, address, person.email, mobile)
