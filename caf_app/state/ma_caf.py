"""Ma Caf: the chooser's postal code (checked on the official communes list) or position (« Me localiser »: the
commune holding it on IGN's outlines, content/communes_geo.py) and, on a Caf's page, its délais de
traitement of the day. Everything else on a Caf's page is prerendered from its content file; the choice is kept in
the browser (localStorage, read by assets/ma_caf.js for the header), never on the server."""

from __future__ import annotations

import asyncio
import json
import logging

import reflex as rx
from sqlmodel import Session

from .. import clock, routes
from ..content import communes_geo, load, ma_caf as words
from ..db import engine
from ..domain import geoloc
from ..domain.address import names_index
from ..domain.departements import NAMES, caf_name
from ..domain.errors import DomainError
from ..domain.ma_caf import DEMO_CAFS, CafOfCode, caf_of, departement_of_insee, no_page
from ..services.communications import actualites
from ..services.paperwork.caf_delais import caf_delais

STORAGE_KEY = "caf_ma_caf"  # assets/ma_caf.js reads the same key


def _communes() -> dict[str, list[str]]:
    return load("communes")["codes"]


_INDEX: dict[str, list[str]] = {}


def _index() -> dict[str, list[str]]:
    if not _INDEX:
        _INDEX.update(names_index(load("communes_insee")["codes"]))
    return _INDEX


def remember(departement: str) -> str:
    """The script that keeps the choice on this device and tells the header at once."""
    return (f"try {{ localStorage.setItem({json.dumps(STORAGE_KEY)}, {json.dumps(departement)}); }} catch (e) {{}}"
            " if (window.cafMaCaf) { window.cafMaCaf(); }")


log = logging.getLogger(__name__)


class MaCafState(rx.State):
    error: str = ""
    locate_error: str = ""
    locating: bool = False
    delais_updated: str = ""
    delais_lines: list[str] = []
    delais_measured: bool = False
    delais_waiting: bool = False
    news: list[actualites.Published] = []  # published from the agents' space (issue 22, point 3)

    @rx.event
    async def load(self):
        """The chooser starts empty; a Caf's page measures its délais (or reads its configured figures)."""
        self.error, self.locate_error, self.locating = "", "", False
        departement = self.router.url.path.rstrip("/").split("/")[-1]
        if departement not in DEMO_CAFS:
            communes_geo.read_meanwhile()  # so that « Me localiser » answers at once
            return
        today = clock.today()

        def measure():
            with Session(engine()) as session:
                return (caf_delais(session=session, departement=departement, today=today),
                        actualites.published_of(session=session, departement=departement))

        measured, self.news = await asyncio.to_thread(measure)
        if measured is None:
            self.delais_updated, self.delais_lines = words.configured_delais(departement, today)
            self.delais_measured, self.delais_waiting = False, True
        else:
            self.delais_updated, self.delais_lines = measured.updated_on, measured.lines
            self.delais_measured, self.delais_waiting = True, measured.waiting

    @rx.event
    def choose(self, form: dict):
        """Postal code -> the Caf of its commune's département: its page, the choice kept on this device."""
        try:
            found = caf_of(str(form.get("code_postal", ""))[:20], communes=_communes(), index=_index())
        except DomainError as error:
            self.error = error.message
            return
        if not found.has_page:
            self.error = no_page(found)
            return
        self.error, self.locating = "", False  # a position the browser gives after this is not wanted any more
        return _go_to(found)

    @rx.event
    def locate(self):
        """« Me localiser »: the browser asks the person, then gives its position to `located` (assets/ma_caf.js;
        the script answers in any case, at the latest after its own delay). A second tap meanwhile waits for it."""
        if self.locating:
            return
        self.locate_error, self.locating = "", True
        return rx.call_script("window.cafLocate ? window.cafLocate() : Promise.resolve('erreur:absent')",
                              callback=MaCafState.located)

    @rx.event
    async def located(self, answer: str):
        """The browser's answer: a position -> the commune it falls in (IGN's outlines) -> its Caf, as a postal code
        does. The position is neither kept nor written anywhere. An answer nobody waits for any more (the person
        chose by postal code meanwhile, or left) is dropped."""
        if not self.locating:
            return
        self.locating = False
        try:
            latitude, longitude = geoloc.position(str(answer))
        except DomainError as error:
            self.locate_error = error.message
            return
        try:
            commune = await asyncio.wrap_future(communes_geo.commune_at(latitude, longitude))
        except (OSError, ValueError, communes_geo.OutlinesMissing):  # never the position in the log
            log.exception("Me localiser : les contours des communes ne se lisent pas")
            self.locate_error = geoloc.UNAVAILABLE
            return
        departement = departement_of_insee(commune.code) if commune else ""
        if departement not in NAMES:
            self.locate_error = geoloc.OUTSIDE
            return
        found = CafOfCode("", commune.name, departement, caf_name(departement))
        if not found.has_page:
            self.locate_error = no_page(found)
            return
        self.locate_error = ""
        return _go_to(found)


def _go_to(found: CafOfCode) -> list:
    """The Caf's page, the choice kept on this device."""
    return [rx.call_script(remember(found.departement)), rx.redirect(routes.MA_CAF_PAGES[found.departement].path)]
