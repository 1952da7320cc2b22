"""Mes attestations (downloads and "Recevoir par courrier") and Mes courriers et courriels."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

import reflex as rx

from .. import clock, routes
from ..domain.dates import add_months, format_month
from ..domain.errors import DomainError
from ..services.communications import courriers
from ..services.identity import dossiers
from ..services.paperwork.demarches_requests import request_by_post
from ..services.payments import statements
from ..settings import get_settings
from .private import NO_ACCESS, PrivateState, private_event
from .session import SessionState, session_cookie


def month_choices(today: date) -> list[tuple[str, str]]:
    """The 24 last months, newest first: (value "AAAA-MM", label "novembre 2026")."""
    months = [add_months(today, -back) for back in range(24)]
    return [(f"{month:%Y-%m}", format_month(month)) for month in months]


def _iso(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise DomainError(field, "Choisissez une date.") from None


NOT_POSSIBLE = "Cette demande n'est pas possible."


class AttestationsState(PrivateState, rx.State):
    months: list[tuple[str, str]] = []
    errors: dict[str, str] = {}
    confirmation: str = ""
    # The period's payments a former Caf made: not on this Caf's attestation; the page offers to write to it.
    elsewhere: list[statements.PaidElsewhere] = []

    @private_event(loader=True)
    async def load(self):
        self.months, self.errors, self.confirmation, self.elsewhere = month_choices(clock.today()), {}, "", []
        actor = await self.checked()
        self.restricted_message = "" if actor.dossier_id and actor.role and (
            actor.role.value == "allocataire" or actor.has_delegation) else NO_ACCESS

    def _url(self, form: dict) -> str:
        kind = str(form.get("attestation", "dernier"))
        if kind == "qf":
            return "/api/documents/attestation-qf?" + urlencode({"mois": form.get("mois_qf", "")})
        if kind == "mois":
            return "/api/documents/attestation-paiement?" + urlencode({"type": "mois", "mois": form.get("mois", "")})
        if kind == "periode":
            start, end = _iso(str(form.get("du", "")), "du"), _iso(str(form.get("au", "")), "au")
            statements.check_period(start, end, today=clock.today())
            return "/api/documents/attestation-paiement?" + urlencode(
                {"type": "periode", "du": start.isoformat(), "au": end.isoformat()})
        return "/api/documents/attestation-paiement?type=dernier"

    async def _paid_elsewhere(self, form: dict) -> list[statements.PaidElsewhere]:
        if str(form.get("attestation", "")) != "periode":
            return []
        try:
            start, end = _iso(str(form.get("du", "")), "du"), _iso(str(form.get("au", "")), "au")
        except DomainError:
            return []
        return await self.call(statements.paid_elsewhere, start=start, end=end)

    @private_event
    async def download(self, form: dict):
        await self.checked()
        self.elsewhere = await self._paid_elsewhere(form)  # said even when the period is refused (older months)
        try:
            url = self._url(form)
        except DomainError as error:
            self.errors = {error.field: error.message}
            return None
        self.errors = {}
        # "Préparation du PDF…" on the button, then "Attestation téléchargée" (assets/a11y.js)
        button = "document.querySelector('#attestations button[type=submit]')"
        return rx.call_script(f"window.cafDownloadPdf ? window.cafDownloadPdf({url!r}, {button}) "
                              f": window.location.assign({url!r})")

    @private_event
    async def by_post(self, kind: str):
        """"Recevoir par courrier" for the attestation checked in the form (read at the click)."""
        reference = await self.call(request_by_post, what=kind, field="", forbidden=NOT_POSSIBLE)
        self.confirmation = (f"Votre demande est enregistrée (référence {reference}) : l'attestation vous sera "
                             "envoyée par courrier. Vous la retrouvez dans Mes démarches, onglet À consulter.")

    @private_event
    async def write_to(self, dossier_id: int):
        """« Écrire à la Caf … »: the seed's way, the former dossier chosen in Mes dossiers, then Contacter ma Caf
        (the one way to write to a Caf)."""
        if dossier_id not in {paid.dossier_id for paid in self.elsewhere}:
            return None
        await self.call(dossiers.switch, dossier_id=dossier_id, token=session_cookie(self.router),
                        secret=get_settings().secret_key)
        return rx.redirect(routes.CONTACTER_MA_CAF.path)


class CourriersState(PrivateState, rx.State):
    items: list[courriers.CourrierLine] = []
    opened: int = 0

    def _forget(self) -> None:
        self.items = []

    @private_event(loader=True)
    async def load(self):
        self.items = await self.call(courriers.courriers)

    @private_event
    async def open(self, courrier_id: int):
        await self.checked()
        self.opened = 0 if self.opened == courrier_id else courrier_id
        if not self.opened:
            return
        if not await self.call(courriers.mark_read, courrier_id=courrier_id):
            self.opened = 0
            return
        self.items = await self.call(courriers.courriers)
        # The red dot goes when none is left.
        (await self.get_state(SessionState)).unread = await self.call(courriers.unread_count)
