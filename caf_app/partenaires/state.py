"""Mon Compte Partenaire's states: the staff member of the partners' cookie (never an agent's session), checked at
every event, and the space's page: the services their organisation holds, CDAP, AFAS, a tutelle service's protégés,
and its staff for an administrator."""

from __future__ import annotations

import reflex as rx

from .. import clock
from ..documents.processing import MAX_FILE_BYTES, MAX_PAGES
from ..documents.storage import private_store
from ..domain.partners import PartnerService
from ..gestion.session import live_agent
from ..gestion.state import AgentState
from ..routes import PARTENAIRES_CONNEXION
from ..services.partenaires import afas, bailleur, cdap, staff, tutelles
from ..settings import get_settings
from ..state.private import private_event

TOO_BIG = "Ce fichier dépasse 10 Mo : il n'a pas été ajouté."


class PartnerState(AgentState, mixin=True):
    """The partners' states: the staff member of the partners' cookie (never an agent's session)."""

    no_access = "Votre organisation n'est pas habilitée pour ce service."
    administers: bool = False

    async def _who(self, opening: bool):
        partner = live_agent(self.router, partner=True)
        if partner is not None and opening:
            self.agent_name, self.administers = partner.name, partner.administers
        return partner

    async def _gone(self, loader: bool):
        return rx.redirect(PARTENAIRES_CONNEXION.query(motif="expiration"), replace=True)


class EspacePartenaireState(PartnerState, rx.State):
    services: list[cdap.ServiceLine] = []
    view: cdap.CdapView | None = None
    errors: dict[str, str] = {}
    typed: dict[str, str] = {}  # what was typed, kept in the form after a refusal
    cdap_open: bool = False  # the organisation holds CDAP today: its form is shown
    afas_open: bool = False  # and AFAS: the allocataires who consent, and the form to send them a document
    consenting: list[afas.Consenting] = []
    afas_errors: dict[str, str] = {}
    afas_done: str = ""
    afas_files: int = 0
    _afas_keys: list[str] = []  # the files chosen, in the private store until sent
    tuteur_open: bool = False  # and « Tuteur moral »: the people it protects
    proteges: list[tutelles.Protege] = []  # a tutelle service's: the people it protects (« Tuteur moral »)
    tutelle_error: str = ""  # an opening refused (api/gestion.py: ?erreur=tutelle)
    bailleur_open: bool = False  # and « Espace bailleur »: its leases in tiers payant, what it was paid, declarations
    locataires: list[bailleur.Locataire] = []
    mois_impayes: list[bailleur.MonthChoice] = []
    bailleur_errors: dict[str, str] = {}
    bailleur_done: str = ""
    bailleur_form: str = ""  # the declaration last sent (its form shows the refusal): "impaye" or "fin_bail"
    people: list[staff.StaffLine] = []  # the administrator's: the organisation's accounts
    staff_errors: dict[str, str] = {}
    made: dict[str, str] = {}  # the account just opened: its identifier and authenticator key, shown this once
    staff_done: str = ""

    def _forget(self) -> None:
        self.services, self.view, self.people, self.made, self.locataires = [], None, [], {}, []

    @private_event(loader=True)
    async def load(self):
        self.errors, self.view, self.staff_errors, self.made, self.staff_done = {}, None, {}, {}, ""
        self.services = await self.call(cdap.services, today=clock.today())
        self.cdap_open = any(line.key == PartnerService.CDAP.value for line in self.services)
        self.afas_open = any(line.key == PartnerService.AFAS.value for line in self.services)
        self.consenting = await self.call(afas.consenting, today=clock.today()) if self.afas_open else []
        self.afas_errors, self.afas_done = {}, ""
        self.tuteur_open = any(line.key == PartnerService.TUTEUR.value for line in self.services)
        self.proteges = await self.call(tutelles.proteges, today=clock.today()) if self.tuteur_open else []
        self.tutelle_error = tutelles.REFUSED if self.router.url.query_parameters.get("erreur") == "tutelle" else ""
        self.bailleur_open = any(line.key == PartnerService.BAILLEUR.value for line in self.services)
        await self._leases()
        self.people = await self.call(staff.staff) if self.administers else []

    async def _leases(self) -> None:
        self.bailleur_errors, self.bailleur_done = {}, ""
        self.locataires = await self.call(bailleur.locataires, today=clock.today()) if self.bailleur_open else []
        self.mois_impayes = bailleur.month_choices(clock.today()) if self.bailleur_open else []

    @private_event
    async def declare(self, form: dict):
        """« Déclarer un impayé » or « Déclarer la fin du bail » (the form's `signalement`), for the lease chosen."""
        self.bailleur_form = "fin_bail" if form.get("signalement") == "fin_bail" else "impaye"
        self.bailleur_errors, self.bailleur_done = {}, ""
        lease = str(form.get("bail", ""))
        bail_id = int(lease) if lease.isdigit() and len(lease) < 10 else 0
        if self.bailleur_form == "fin_bail":
            done = await self.call(bailleur.declare_fin_bail, shown_in="bailleur_errors", bail_id=bail_id,
                                   end=str(form.get("fin", ""))[:20], today=clock.today())
        else:
            done = await self.call(bailleur.declare_impaye, shown_in="bailleur_errors", bail_id=bail_id,
                                   first_month=str(form.get("premier_mois", ""))[:10],
                                   owed=str(form.get("montant", ""))[:20], today=clock.today())
        await self._leases()
        self.bailleur_done = done

    @private_event
    async def afas_add(self, files: list[rx.UploadFile]):
        """The session is checked before a byte is read; each file goes to the private store until it is sent."""
        await self.checked()
        self.afas_errors, self.afas_done = {}, ""
        store = private_store()
        for upload in files[:MAX_PAGES - len(self._afas_keys)]:
            data = await upload.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:
                self.afas_errors = {"fichier": TOO_BIG}
                return
            self._afas_keys = [*self._afas_keys, store.put(data, ".afas")]
        self.afas_files = len(self._afas_keys)

    @rx.event
    def afas_rejected(self, codes: list[str]):
        self.afas_errors = {"fichier": TOO_BIG + " Ou ce n'est pas une photo JPEG, PNG ou HEIC ni un PDF."}

    @private_event
    async def afas_send(self, form: dict):
        self.afas_errors, self.afas_done = {}, ""
        store = private_store()
        consent = str(form.get("allocataire", ""))
        self.afas_done = await self.call(
            afas.send, shown_in="afas_errors", consent_id=int(consent) if consent.isdigit() and len(consent) < 10
            else 0, doc_type=str(form.get("type", "")), files=[store.get(key) for key in self._afas_keys],
            store=store, today=clock.today())
        for key in self._afas_keys:  # sent: the pages go (a second tap finds nothing to send and says so)
            store.delete(key)
        self._afas_keys, self.afas_files = [], 0

    @private_event
    async def open_account(self, form: dict):
        self.staff_errors, self.made, self.staff_done = {}, {}, ""
        made = await self.call(staff.create, hashing=True, shown_in="staff_errors",
                               login=str(form.get("login", ""))[:64], name=str(form.get("name", ""))[:80],
                               password=str(form.get("mot_de_passe_provisoire", ""))[:128],
                               confirmation=str(form.get("confirmation_provisoire", ""))[:128],
                               key=get_settings().secret_key)
        self.made = {"login": made.login, "key": made.totp_secret, "uri": made.totp_uri}
        self.people = await self.call(staff.staff)

    @private_event
    async def disable(self, staff_id: int):
        self.staff_errors, self.made = {}, {}
        self.staff_done = await self.call(staff.disable, shown_in="staff_errors", staff_id=int(staff_id))
        self.people = await self.call(staff.staff)

    @private_event
    async def consult(self, form: dict):
        self.errors, self.view = {}, None
        self.typed = {key: str(form.get(key, ""))[:64] for key in ("numero", "nom", "motif")}
        self.view = await self.call(cdap.consult, numero=self.typed["numero"], birth_name=self.typed["nom"],
                                    purpose=self.typed["motif"], today=clock.today())
