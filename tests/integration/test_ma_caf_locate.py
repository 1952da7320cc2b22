"""« Me localiser »'s state (state/ma_caf.py) driven as the app's event processing does: the browser's position leads
to its Caf's page and the choice kept; an answer nobody waits for any more changes nothing; a second tap while the
browser looks asks it nothing more; outlines that cannot be read give the French message, never an error."""

from __future__ import annotations

import asyncio
import inspect

import pytest
from reflex.state import State

from caf_app import routes
from caf_app.content import communes_geo
from caf_app.domain import geoloc
from caf_app.state.ma_caf import STORAGE_KEY, MaCafState


@pytest.fixture
def chooser():
    root = State(_reflex_internal_init=True)
    return root.get_substate(MaCafState.get_full_name().split(".")[1:])


def run(state, name: str, *args):
    result = MaCafState.event_handlers[name].fn(state, *args)
    return asyncio.run(result) if inspect.isawaitable(result) else result


def test_a_position_in_marseille_13e_leads_to_the_caf_13_and_keeps_the_choice(chooser):
    asked = run(chooser, "locate")
    assert chooser.locating and "cafLocate" in str(asked.args)
    assert run(chooser, "locate") is None, "a second tap while the browser looks asks nothing more"
    events = run(chooser, "located", "43.350200,5.432100")
    assert not chooser.locating and chooser.locate_error == ""
    assert STORAGE_KEY in str(events[0].args) and '"13"' in str(events[0].args)
    assert routes.MA_CAF_PAGES["13"].path in str(events[1].args)


def test_an_answer_nobody_waits_for_any_more_changes_nothing(chooser):
    run(chooser, "locate")
    run(chooser, "choose", {"code_postal": "92000"})  # the person typed a postal code meanwhile
    assert run(chooser, "located", "43.350200,5.432100") is None and chooser.locate_error == ""


def test_the_browser_s_refusals_and_positions_outside_france_say_why(chooser):
    for answer, message in (("erreur:1", geoloc.REFUSED), ("48.000000,-6.000000", geoloc.OUTSIDE),
                            ("<img src=x>", geoloc.UNAVAILABLE)):
        run(chooser, "locate")
        assert run(chooser, "located", answer) is None
        assert chooser.locate_error == message and not chooser.locating
    run(chooser, "locate")
    run(chooser, "located", "45.764000,4.835700")
    assert chooser.locate_error.startswith("Votre Caf est la Caf du Rhône (Lyon 2e Arrondissement).")


def test_outlines_that_cannot_be_read_give_the_french_message(chooser, monkeypatch, tmp_path):
    monkeypatch.setattr(communes_geo, "SOURCE", tmp_path / "absent.csv.lzma")
    communes_geo._map.cache_clear()
    try:
        run(chooser, "locate")
        assert run(chooser, "located", "43.350200,5.432100") is None
        assert chooser.locate_error == geoloc.UNAVAILABLE and not chooser.locating
    finally:
        communes_geo._map.cache_clear()
