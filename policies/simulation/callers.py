"""The request context a simulated principal brings: the keys that describe the caller."""

from __future__ import annotations

import dataclasses
from typing import Any

from accounts.models import IamUser, Role
from accounts.signin import user_principal
from iamconsole.principal import Principal
from policies.authorization import PolicySet, request_context

from .context import engine_value
from .inputs import SimulationInput

PRINCIPAL_KEYS = ("aws:principalarn", "aws:principalaccount", "aws:principaltype",
                  "aws:userid", "aws:username", "aws:principalorgid", "aws:principalorgpaths")


def _entity_principal(entity: IamUser | Role) -> Principal:
    if isinstance(entity, IamUser):
        return dataclasses.replace(user_principal(entity), via="access-key")
    return Principal(kind="assumed-role", account_id=entity.account.account_id, arn=entity.arn,
                     unique_id=entity.unique_id, name=entity.name, account_pk=entity.account_id,
                     via="access-key", issuer_arn=entity.arn)


def _caller_context(arn: str) -> dict[str, str]:
    """What AWS knows about a caller from its ARN alone (custom simulations)."""
    parts = arn.split(":", 5)
    account, resource = parts[4], parts[5]
    kind, _, rest = resource.partition("/")
    if kind == "root":
        return {"aws:PrincipalArn": arn, "aws:PrincipalAccount": account,
                "aws:PrincipalType": "Account"}
    if kind == "user":
        return {"aws:PrincipalArn": arn, "aws:PrincipalAccount": account,
                "aws:PrincipalType": "User", "aws:username": rest.rsplit("/", 1)[-1]}
    if kind == "assumed-role":
        role_arn = f"arn:{parts[1]}:iam::{account}:role/{rest.split('/', 1)[0]}"
        return {"aws:PrincipalArn": role_arn, "aws:PrincipalAccount": account,
                "aws:PrincipalType": "AssumedRole"}
    if kind == "role":
        return {"aws:PrincipalArn": arn, "aws:PrincipalAccount": account,
                "aws:PrincipalType": "AssumedRole"}
    return {"aws:PrincipalArn": arn, "aws:PrincipalAccount": account,
            "aws:PrincipalType": "FederatedUser"}


def principal_context(entity: Any, policy_set: PolicySet | None, caller_arn: str) -> dict[str, Any]:
    """The keys that describe the simulated principal itself (ARN, account, type, user name,
    unique ID and tags), as console authorization fills them in; the request's own facts
    (source IP, time, MFA, TLS) are left to the person's context entries."""
    if isinstance(entity, IamUser | Role) and policy_set is not None:
        full = request_context(_entity_principal(entity), policy_set)
        return {
            key: value for key, value in full.items()
            if key.lower() in PRINCIPAL_KEYS or key.lower().startswith("aws:principaltag/")
        }
    return _caller_context(caller_arn)


def merged_context(base: dict[str, Any], simulation: SimulationInput) -> dict[str, Any]:
    """The principal's keys with the person's entries on top (keys compare ignoring case)."""
    by_lower = {key.lower(): (key, value) for key, value in base.items()}
    for entry in simulation.context_entries:
        by_lower[entry.key.lower()] = (entry.key, engine_value(entry.values, entry.type))
    return dict(by_lower.values())


