"""The partners' public pages: « Ma lettre d'info partenaires » (subscribe, and the links of the mails, confirm and
unsubscribe, acted on when the page opens: services/communications/lettre_info.py) and the registration for the
Caf's webinars (services/communications/webinaires.py)."""

from __future__ import annotations

import reflex as rx

from ..domain.errors import DomainError
from ..services.communications import lettre_info, webinaires
from .private import public_call


class LettreInfoState(rx.State):
    errors: dict[str, str] = {}
    done: str = ""
    link_result: str = ""  # what a mail's link did (confirmed, unsubscribed)
    link_error: str = ""

    @rx.event
    async def load(self):
        self.errors, self.done, self.link_result, self.link_error = {}, "", "", ""
        params = self.router.page.params
        token, abonne = str(params.get("jeton", ""))[:100], str(params.get("abonne", ""))
        unsubscribe = str(params.get("desabonnement", ""))[:100]
        try:
            if unsubscribe:
                self.link_result = await public_call(lettre_info.unsubscribe, token=unsubscribe,
                                              abonne_id=int(abonne) if abonne.isdigit() and len(abonne) < 10 else 0)
            elif token:
                self.link_result = await public_call(lettre_info.confirm, token=token)
        except DomainError as error:
            self.link_error = error.message

    @rx.event
    async def subscribe(self, form: dict):
        self.errors, self.done = {}, ""
        try:
            self.done = await public_call(lettre_info.subscribe, email=str(form.get("email", ""))[:300],
                                   departement=str(form.get("caf", ""))[:3], client=self.router.session.client_ip)
        except DomainError as error:
            self.errors = {error.field or "": error.message}


class WebinairesState(rx.State):
    """Register for one of the Caf's webinars (services/communications/webinaires.py)."""

    webinars: list[webinaires.WebinarLine] = []
    errors: dict[str, str] = {}
    done: str = ""

    @rx.event
    async def load(self):
        self.errors, self.done = {}, ""
        self.webinars = await public_call(webinaires.upcoming)

    @rx.event
    async def register(self, form: dict):
        self.errors, self.done = {}, ""
        try:
            self.done = await public_call(webinaires.register, key=str(form.get("webinaire", ""))[:60],
                                          name=str(form.get("nom", ""))[:200],
                                          organisation=str(form.get("organisation", ""))[:200],
                                          email=str(form.get("email", ""))[:300], client=self.router.session.client_ip)
        except DomainError as error:
            self.errors = {error.field or "": error.message}
        self.webinars = await public_call(webinaires.upcoming)
