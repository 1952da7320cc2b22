"""Simuler une prestation: the revenu de solidarité active or the prime d'activité, estimated from what the
person types (nothing is read from a dossier, so it works logged out too). What was typed is kept in this
tab's sessionStorage by the browser and comes back after a reload."""

from __future__ import annotations

import reflex as rx

from ..content import load
from ..domain import simulation
from ..domain.errors import DomainError
from ..domain.money import format_euros, parse_euros
from ..domain.prestations import Prestation

AIDES = {Prestation.PRIME_ACTIVITE.value: Prestation.PRIME_ACTIVITE.label,
         Prestation.RSA.value: f"{Prestation.RSA.label} (Rsa)"}
FIELDS = ("aide", "couple", "enfants", "logement", "revenus_activite", "revenus_conjoint", "autres_ressources")


def _count(text: str) -> int:
    cleaned = (text or "0").strip() or "0"
    if not (cleaned.isascii() and cleaned.isdigit()):
        raise DomainError("enfants", "Indiquez un nombre entier, par exemple 0, 1 ou 2.")
    return int(cleaned)


def foyer_from(form: dict) -> simulation.Foyer:
    """The household typed in the form; every wrong field raises its DomainError (the first found)."""
    if form.get("aide") not in AIDES:
        raise DomainError("aide", "Choisissez l'aide à simuler.")
    if form.get("couple") not in ("oui", "non"):
        raise DomainError("couple", "Indiquez si vous vivez en couple.")
    try:
        logement = simulation.Logement(form.get("logement", ""))
    except ValueError:
        raise DomainError("logement", "Indiquez votre situation de logement.") from None
    couple = form["couple"] == "oui"
    return simulation.Foyer(
        couple=couple, enfants=_count(form.get("enfants", "")), logement=logement,
        revenus_activite_cents=parse_euros(form.get("revenus_activite") or "0", field="revenus_activite"),
        revenus_conjoint_cents=parse_euros(form.get("revenus_conjoint") or "0", field="revenus_conjoint")
        if couple else 0,
        autres_ressources_cents=parse_euros(form.get("autres_ressources") or "0", field="autres_ressources"),
    )


class SimulationState(rx.State):
    """What was typed is kept by the browser itself (the form's data-keep, assets/forms.js): nothing to hold here
    but the answer."""
    errors: dict[str, str] = {}
    result_title: str = ""
    amount: str = ""
    motif: str = ""
    detail: list[tuple[str, str]] = []

    @rx.event
    def simulate(self, form: dict):
        form = {key: str(form.get(key) or "") for key in FIELDS}
        self.result_title, self.amount, self.motif, self.detail = "", "", "", []
        try:
            foyer = foyer_from(form)
            bareme = load("baremes")
            estimate = (simulation.rsa if form["aide"] == Prestation.RSA else simulation.prime_activite)(
                foyer, bareme[form["aide"]])
        except DomainError as error:
            self.errors = {error.field: error.message}
            return rx.call_script("document.querySelector('[aria-invalid=true]')?.focus()")
        self.errors = {}
        self.result_title = f"Estimation : {AIDES[form['aide']]}"
        self.amount = format_euros(estimate.montant_cents) if estimate.montant_cents else ""
        self.motif = estimate.motif
        self.detail = [(label, format_euros(cents)) for label, cents in estimate.detail]
        return rx.call_script("document.getElementById('resultat-titre')?.focus()")
