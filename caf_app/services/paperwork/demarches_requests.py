"""Small démarches recorded as they are asked: an attestation sent by post."""

from __future__ import annotations

import secrets

from sqlmodel import Session

from ... import models as m
from ...domain import policy
from ...domain.errors import DomainError, Forbidden
from ...domain.roles import Actor
from ...domain.statuses import DemarcheKind, DemarcheStatus

BY_POST = {"dernier": "Attestation de paiement (dernier paiement)", "mois": "Attestation de paiement d'un mois",
           "periode": "Attestation de paiement d'une période", "qf": "Attestation de quotient familial"}


def request_by_post(*, session: Session, actor: Actor, what: str) -> str:
    """"Recevoir par courrier": recorded as a démarche of the dossier; returns its reference."""
    if actor.dossier_id is None or not policy.can_view_payments(actor, actor.dossier_id):
        raise Forbidden("attestation par courrier")
    if what not in BY_POST:
        raise DomainError("attestation", "Choisissez une attestation.")
    reference = f"C{secrets.token_hex(4).upper()}"
    session.add(m.Demarche(dossier_id=actor.dossier_id, **actor.signed,
                           kind=DemarcheKind.ATTESTATION_COURRIER, title=f"Demande par courrier : {BY_POST[what]}",
                           status=DemarcheStatus.RECUE, reference=reference))
    session.commit()
    return reference
