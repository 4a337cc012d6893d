"""Test IdPs made once per test session (key generation is the slow part)."""

from __future__ import annotations

from functools import cache

from accounts.federation.minting import TestIdp, new_test_idp


@cache
def rsa_idp(kid: str = "test-idp-1") -> TestIdp:
    """An RSA test IdP (RS256), one per kid."""
    return new_test_idp(kid=kid)


@cache
def ec_idp() -> TestIdp:
    """An EC P-256 test IdP (ES256)."""
    return new_test_idp(curve=True, kid="ec-1")
