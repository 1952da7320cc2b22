"""« Faites une demande de prestation en ligne », a public page: logged in, the demandes this person may not ask
say why instead of offering « Faire la demande » (the policy decides, services/paperwork/demandes.py)."""

from __future__ import annotations

import reflex as rx

from ..content import demandes as words
from ..services.paperwork import demandes
from .session import current_actor


class DemandesCatalogueState(rx.State):
    refused: dict[str, str] = {}  # demande key -> why this person may not ask it (absent: may)

    @rx.event
    async def load(self):
        actor = await current_actor(self, opening=True)  # logged in: the header says so too
        if actor is None:
            self.refused = {}
            return
        why = words.ONLY_RESPONSIBLE if actor.dossier_id else words.NO_DOSSIER
        self.refused = {card.kind: why for theme in demandes.catalogue(actor=actor) for card in theme.cards
                        if not card.allowed}
