"""The FranceConnect+ adapter without a provider: the state and nonce are long enough for FC+, the app's keys
publish their public halves only, and a provider out of reach is said so (the provider itself is met end to end
in tests/e2e/test_franceconnect.py)."""

import json
import socket

import pytest

from caf_app.security.franceconnect import (
    FranceConnectError,
    Provider,
    check_userinfo,
    generate_keys,
    random_value,
)
from caf_app.services.identity.franceconnect import signup_fields
from caf_app.settings import load_settings


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again when the block ends: nothing listens there


def settings(issuer: str):
    return load_settings({"CAF_ENV": "demo", "CAF_SECRET_KEY": "s" * 40, "CAF_DATA_DIR": "/tmp/caf-fc-unit",
                          "CAF_FC_ISSUER": issuer, "CAF_FC_CLIENT_ID": "client", "CAF_FC_KEYS": generate_keys()})


def test_state_and_nonce_are_at_least_32_characters_and_never_repeat():
    values = {random_value() for _ in range(200)}
    assert len(values) == 200 and min(len(value) for value in values) >= 32


def test_the_published_keys_are_public_rsa_encryption_keys():
    published = Provider(settings("http://127.0.0.1:1/api/v2")).public_jwks()["keys"]
    assert len(published) == 1 and published[0]["kty"] == "RSA" and published[0]["use"] == "enc"
    assert not {"d", "p", "q", "dp", "dq", "qi"} & set(published[0]), "no private part"
    assert json.loads(generate_keys())["keys"][0]["d"], "the stored set is private"


def test_a_provider_out_of_reach_is_reported_as_unavailable():
    provider = Provider(settings(f"http://127.0.0.1:{closed_port()}/api/v2"))
    with pytest.raises(FranceConnectError) as error:
        provider.authorization_url(state=random_value(), nonce=random_value())
    assert error.value.reason == "indisponible"


@pytest.mark.parametrize("changed", [{"iss": "https://ailleurs.example/api/v2"}, {"aud": "un-autre-client"},
                                     {"sub": "une-autre-personne"}, {"iss": None}, {"aud": None}])
def test_a_userinfo_from_elsewhere_for_another_client_or_person_is_refused(changed):
    userinfo = {"iss": "https://fc.example/api/v2", "aud": "client", "sub": "abc", "given_name": "Jonas"}
    check_userinfo(dict(userinfo), issuer="https://fc.example/api/v2", client_id="client", sub="abc")
    for name, value in changed.items():
        if value is None:
            del userinfo[name]
        else:
            userinfo[name] = value
    with pytest.raises(FranceConnectError):
        check_userinfo(userinfo, issuer="https://fc.example/api/v2", client_id="client", sub="abc")


@pytest.mark.parametrize(("code", "commune", "departement"), [
    ("69123", "Lyon", "69"), ("75112", "Paris", "75"),  # an arrondissement: a birth in Paris
    ("20004", "Ajaccio", "20"),  # Corsica before 1976: the old code still names the commune
    ("97411", "Saint-Denis", "974")])
def test_the_commune_of_birth_comes_from_its_insee_code(code, commune, departement):
    fields = signup_fields({"birthplace": code, "birthcountry": "99100"})
    assert fields["commune_naissance"] == commune and fields["departement_naissance"] == departement


def test_an_unknown_code_or_a_name_the_form_refuses_leaves_the_commune_to_the_person():
    assert "commune_naissance" not in signup_fields({"birthplace": "99999", "birthcountry": "99100"})
    assert "commune_naissance" not in signup_fields({"birthplace": "58062", "birthcountry": "99100"})  # "(Ville)"
    assert "commune_naissance" not in signup_fields({"birthplace": "", "birthcountry": "99134"})  # abroad
