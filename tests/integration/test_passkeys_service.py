"""Passkeys on our side (the ceremonies themselves run end to end with Chromium's virtual authenticator, in
tests/e2e/test_passkeys.py): the options ask for a discoverable credential with user verification, for the
relying party of the settings; a challenge serves 5 minutes; an unknown credential opens nothing; nobody removes
another person's passkey."""

import json
import time

import pytest

from caf_app import models as m
from caf_app.domain.errors import DomainError, Forbidden
from caf_app.services import account, passkeys
from caf_app.settings import load_settings

from .test_mon_compte_services import actor_of

SETTINGS = load_settings({"CAF_ENV": "demo", "CAF_SECRET_KEY": "s" * 40, "CAF_DATA_DIR": "/tmp/caf-passkeys",
                          "CAF_WEBAUTHN_RP_ID": "mon-compte.example", "CAF_WEBAUTHN_ORIGIN": "https://mon-compte.example"})


def test_the_registration_asks_for_a_discoverable_verified_passkey_of_our_relying_party(seeded):
    elise = actor_of(seeded, "2900513055031")
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
    assert "2900513055031" not in options, "the device shows a name, never the NIR"


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
    elise, jonas = actor_of(seeded, "2900513055031"), actor_of(seeded, "1850375112042")
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
    elise = actor_of(seeded, "2900513055031")
    seeded.add(m.Passkey(account_id=elise.account_id, credential_id="AAEE", public_key="AAEE", label="Inconnu"))
    seeded.commit()
    account.change_password(session=seeded, actor=elise, current="Allocataire2026", new="NouveauMot2passe",
                            confirmation="NouveauMot2passe", keep_token="", secret=SETTINGS.secret_key)
    assert passkeys.list_passkeys(session=seeded, actor=elise) == []
