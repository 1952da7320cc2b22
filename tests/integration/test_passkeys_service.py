"""Passkeys on our side (the ceremonies themselves run end to end with Chromium's virtual authenticator, in
tests/e2e/test_passkeys.py): the options ask for a discoverable credential with user verification, for the
relying party of the settings; a challenge serves 5 minutes; an unknown credential opens nothing; nobody removes
another person's passkey."""

import json
import time

import pytest

from caf_app import models as m
from caf_app.domain.errors import DomainError, Forbidden
from caf_app.services.identity import account, passkeys
from tests.factories import PASSKEY_SETTINGS as SETTINGS, actor_of
from tests.personas import ELISE, JONAS


def test_the_registration_asks_for_a_discoverable_verified_passkey_of_our_relying_party(seeded):
    elise = actor_of(seeded, ELISE.nir)
    seeded.add(m.Passkey(account_id=elise.account_id, credential_id="AAEC", public_key="AAEC"))
    seeded.commit()
    with pytest.raises(DomainError) as error:  # the password again first
        passkeys.registration_options(session=seeded, actor=elise, settings=SETTINGS, password="pas le bon")
    assert error.value.field == "mot_de_passe_cle"
    options, challenge = passkeys.registration_options(session=seeded, actor=elise, settings=SETTINGS,
                                                       password="Allocataire2026")
    data = json.loads(options)
    assert data["rp"] == {"id": "mon-compte.example", "name": passkeys.RP_NAME}
    assert data["authenticatorSelection"]["residentKey"] == "required"
    assert data["authenticatorSelection"]["userVerification"] == "required"
    assert [c["id"] for c in data["excludeCredentials"]] == ["AAEC"], "a device is not registered twice"
    assert data["challenge"] == challenge.value and len(challenge.check()) >= 16
    assert ELISE.nir not in options, "the device shows a name, never the NIR"


def test_a_challenge_serves_five_minutes_and_an_unknown_passkey_opens_nothing(seeded):
    _, challenge = passkeys.authentication_options(settings=SETTINGS)
    old = passkeys.Challenge(challenge.value, time.time() - passkeys.CHALLENGE_LIFETIME - 1)
    with pytest.raises(DomainError):
        old.check()
    unknown = json.dumps({"id": "ZZZZ", "rawId": "ZZZZ", "type": "public-key", "response": {}})
    for credential in (unknown, "pas du json"):
        with pytest.raises(DomainError) as error:
            passkeys.authenticate(session=seeded, credential=credential, challenge=challenge, settings=SETTINGS)
        assert error.value.message == passkeys.NOT_RECOGNISED


def test_nobody_removes_another_persons_passkey(seeded):
    elise, jonas = actor_of(seeded, ELISE.nir), actor_of(seeded, JONAS.nir)
    key = m.Passkey(account_id=elise.account_id, credential_id="AAED", public_key="AAED", label="Téléphone")
    seeded.add(key)
    seeded.commit()
    with pytest.raises(Forbidden):
        passkeys.remove(session=seeded, actor=jonas, passkey_id=key.id, keep_session="", secret=SETTINGS.secret_key)
    assert [line.label for line in passkeys.list_passkeys(session=seeded, actor=elise)] == ["Téléphone"]
    passkeys.remove(session=seeded, actor=elise, passkey_id=key.id, keep_session="", secret=SETTINGS.secret_key)
    assert passkeys.list_passkeys(session=seeded, actor=elise) == []


def test_a_new_password_takes_the_passkeys_with_it(seeded):
    """Whoever knew the old password may have added a passkey: a new password (changed or reset) removes them."""
    elise = actor_of(seeded, ELISE.nir)
    seeded.add(m.Passkey(account_id=elise.account_id, credential_id="AAEE", public_key="AAEE", label="Inconnu"))
    seeded.commit()
    account.change_password(session=seeded, actor=elise, current="Allocataire2026", new="NouveauMot2passe",
                            confirmation="NouveauMot2passe", keep_token="", secret=SETTINGS.secret_key)
    assert passkeys.list_passkeys(session=seeded, actor=elise) == []
