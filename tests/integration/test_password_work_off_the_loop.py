"""Argon2 (64 MiB, about 0.1 s of CPU) never runs on the event loop, nor in asyncio's default executor: every
event handler that checks or hashes a password runs that work in the hashing pool (security/passwords.py), as
many threads as cores. What this buys another person's tab during a burst of logins is measured by
bench/login_load.py."""

import asyncio
import threading

import pytest
from reflex.state import State

from caf_app.security import passwords
from caf_app.services.identity import auth
from caf_app.state import compte, connexion, private, profil
from tests.factories import SECRET, open_session
from tests.personas import ELISE

WRONG = "Mauvais2026xx"


@pytest.fixture
def argon2_threads(monkeypatch):
    """The name of the thread of each argon2 hash or verification."""
    names, real = [], passwords._hasher()

    class Recording:
        def verify(self, password_hash, password):
            names.append(threading.current_thread().name)
            return real.verify(password_hash, password)

        def hash(self, password):
            names.append(threading.current_thread().name)
            return real.hash(password)

    monkeypatch.setattr(passwords, "_hasher", Recording)
    return names


@pytest.fixture
def tab(engine, seeded, monkeypatch):
    """A tab's state tree, logged in as Elise, on the test database."""
    actor = auth.session_actor(session=seeded, token=open_session(seeded, ELISE.nir), secret=SECRET)

    async def current_actor(state, opening=False):
        return actor

    for module in (private, connexion):
        monkeypatch.setattr(module, "engine", lambda: engine)
    monkeypatch.setattr(private, "current_actor", current_actor)
    root = State(_reflex_internal_init=True)
    for opened in (compte.GererState, profil.ProfilState):  # their pages are open: their loaders ran
        substate(root, opened).loaded = True
    return root


def substate(root: State, state_class):
    return root.get_substate(state_class.get_full_name().split(".")[1:])


def handle(root: State, state_class, handler, *args):
    """Run one event handler as the event loop of the app does."""
    state = substate(root, state_class)
    asyncio.run(handler.fn(state, *args))
    return state


def test_a_login_checks_the_password_in_the_hashing_pool(tab, argon2_threads):
    state = handle(tab, connexion.ConnexionState, connexion.ConnexionState.submit,
                   {"identifiant": ELISE.nir, "mot_de_passe": WRONG})
    assert state.form_error == auth.WRONG_CREDENTIALS
    assert argon2_threads and all(name.startswith("argon2") for name in argon2_threads), argon2_threads


def test_a_password_typed_again_is_checked_in_the_hashing_pool(tab, argon2_threads):
    gerer = handle(tab, compte.GererState, compte.GererState.change_password,
                   {"actuel": WRONG, "mot_de_passe": "Nouveau2026ab", "confirmation": "Nouveau2026ab"})
    assert gerer.errors == {"actuel": "Votre mot de passe actuel n'est pas celui-ci."}
    handle(tab, compte.GererState, compte.GererState.add_passkey, {"mot_de_passe_cle": WRONG})
    assert gerer.passkey_error_field == "Ce n'est pas votre mot de passe actuel."
    state = substate(tab, profil.ProfilState)
    state.editing = "email"
    handle(tab, profil.ProfilState, profil.ProfilState.start_contact,
           {"email": "elise@example.fr", "email_confirmation": "elise@example.fr", "mot_de_passe_actuel": WRONG})
    assert set(state.errors) == {"mot_de_passe_actuel"}
    assert len(argon2_threads) == 3 and all(name.startswith("argon2") for name in argon2_threads), argon2_threads


def test_the_pool_has_as_many_threads_as_cores_and_lets_the_event_loop_run(argon2_threads):
    busy, most = [0], [0]
    lock = threading.Lock()

    def work():
        with lock:
            busy[0] += 1
            most[0] = max(most[0], busy[0])
        passwords.verify_password(None, WRONG)
        with lock:
            busy[0] -= 1

    async def burst():
        ticks = 0
        jobs = asyncio.gather(*(passwords.in_hashing_pool(work) for _ in range(3 * passwords.cores())))
        while not jobs.done():
            ticks += 1
            await asyncio.sleep(0)
        await jobs
        return ticks

    assert asyncio.run(burst()) > 3 * passwords.cores()  # the loop kept running while the pool hashed
    assert 1 <= most[0] <= passwords.cores()  # a burst queues: never more hashes at once than cores
    assert all(name.startswith("argon2") for name in argon2_threads)
