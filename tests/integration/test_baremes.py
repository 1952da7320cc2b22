"""« Barème uniquement » (issue 23, point 1): the reference amounts come from the rules service the simulators use,
each dated; the service down, RulesUnavailable (the page says so and offers « Réessayer »)."""

from __future__ import annotations

import asyncio
import socket
from datetime import date

import pytest

from caf_app.rules import baremes, client
from caf_app.settings import get_settings


def read(day: date) -> list[baremes.Bareme]:
    async def within():
        try:
            return await baremes.current(day)
        finally:
            pooled = client._clients.pop(asyncio.get_running_loop(), None)
            if pooled is not None:
                await pooled.aclose()
    return asyncio.run(within())


def test_the_barèmes_in_force_are_the_state_s_own_and_dated(rules_url):
    lines = {line.label: line for line in read(date(2026, 12, 1))}
    rsa = lines["Montant forfaitaire du Rsa, pour une personne seule"]
    assert (rsa.amount, rsa.since) == ("651,69\u00a0€", "depuis le 1er avril 2026")
    assert rsa.before == "646,52\u00a0€ avant le 1er avril 2026"
    bmaf = lines["Base mensuelle des allocations familiales (BMAF)"]
    assert bmaf.amount == "478,16\u00a0€" and "Allocations familiales" in bmaf.prestations
    assert len(lines) == 5  # each parameter once, whatever the number of prestations using it
    before_april = {line.label: line for line in read(date(2026, 3, 31))}
    assert before_april["Montant forfaitaire du Rsa, pour une personne seule"].amount == "646,52\u00a0€"


def test_the_service_down_is_said(monkeypatch):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("CAF_OPENFISCA_URL", f"http://127.0.0.1:{port}")
    monkeypatch.setattr(client, "_parameters", {})
    get_settings.cache_clear()
    client._clients.clear()
    try:
        with pytest.raises(client.RulesUnavailable):
            read(date(2026, 12, 1))
    finally:
        get_settings.cache_clear()
        client._clients.clear()
