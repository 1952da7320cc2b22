"""Mon profil: the person's own information (état civil and contact details), always their own."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from .. import models as m
from ..domain import policy
from ..domain.dates import format_date
from ..domain.errors import Forbidden
from ..domain.roles import Actor
from .people import full_name


@dataclass(frozen=True)
class ProfileView:
    name: str
    civilite: str
    birth: str
    identifier: str
    email: str
    mobile: str
    address: str
    numero_allocataire: str


def _mobile(text: str) -> str:
    return " ".join(text[i:i + 2] for i in range(0, len(text), 2)) if text else ""


def own_profile(*, session: Session, actor: Actor) -> ProfileView:
    if not policy.can_view_own_profile(actor, actor.person_id):
        raise Forbidden("profil")
    person = session.get(m.Person, actor.person_id)
    dossier = session.get(m.Dossier, actor.dossier_id) if actor.dossier_id else None
    birth = format_date(person.birth_date) if person.birth_date else ""
    place = f"{person.birth_place} ({person.birth_country})" if person.birth_country != "France" else person.birth_place
    return ProfileView(
        name=full_name(person), civilite=person.civilite,
        birth=f"{birth} à {place}" if place else birth,
        identifier=person.nir or person.provisional_id or "",
        email=person.email, mobile=_mobile(person.mobile),
        address=f"{dossier.address_line}, {dossier.postal_code} {dossier.city}" if dossier else "",
        numero_allocataire=dossier.numero_allocataire if dossier else "",
    )
