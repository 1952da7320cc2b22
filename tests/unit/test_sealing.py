"""Sealed secrets (caf_app/security/sealing.py): readable back with the key and purpose, by nothing else."""

from __future__ import annotations

import pytest

from caf_app.security.sealing import UnsealError, is_sealed, seal, unseal

KEY = "une-clé-de-test-assez-longue-pour-l-application"


def test_a_sealed_value_opens_with_its_key_and_purpose_only():
    sealed = seal("JBSWY3DPEHPK3PXP", key=KEY, purpose="agent totp")
    assert is_sealed(sealed) and "JBSWY3DPEHPK3PXP" not in sealed
    assert unseal(sealed, key=KEY, purpose="agent totp") == "JBSWY3DPEHPK3PXP"
    with pytest.raises(UnsealError):
        unseal(sealed, key=KEY + "x", purpose="agent totp")
    with pytest.raises(UnsealError):
        unseal(sealed, key=KEY, purpose="autre usage")
    tampered = sealed[:-2] + ("A" if sealed[-2] != "A" else "B") + sealed[-1]
    with pytest.raises(UnsealError):
        unseal(tampered, key=KEY, purpose="agent totp")


def test_two_seals_of_one_value_differ_and_a_clear_value_reads_as_itself():
    assert seal("abc", key=KEY, purpose="p") != seal("abc", key=KEY, purpose="p")  # a fresh nonce each time
    assert not is_sealed("JBSWY3DPEHPK3PXP") and unseal("JBSWY3DPEHPK3PXP", key=KEY, purpose="p") == "JBSWY3DPEHPK3PXP"
