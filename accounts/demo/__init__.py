"""The training demo: Example Corp's Systems Manager and KMS stories, a partner account, and
the organization Example Corp manages."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from policies.models import ManagedPolicy
from policies.services import aws_managed_policies_sync

from ..models import Account
from .build import Keyring, build_account
from .content import DEMO_ACCOUNTS, EXAMPLE_CORP
from .documents import DEVELOPMENT_ACCOUNT_ID
from .organization import build_organization, reset_organization
from .presets import MEMBER_PRESETS, PRESETS, organization_presets, save_presets
from .reset import wipe_account

__all__ = ["DEMO_ACCOUNTS", "EXAMPLE_CORP", "MEMBER_PRESETS", "PRESETS", "DemoLoad",
           "load_demo"]


@dataclass
class DemoLoad:
    """What load_demo did: the sign-in details to record, messages, presets saved."""

    credentials: dict[str, Any]
    log: list[str] = field(default_factory=list)
    presets_saved: int = 0


def _keyring(credentials: Mapping[str, Any]) -> Keyring:
    keyring = Keyring()
    if credentials.get("root_email") or credentials.get("root_password"):
        keyring.roots[EXAMPLE_CORP.account_id] = {
            k: str(credentials[k]) for k in _ROOT_FIELDS if credentials.get(k)
        }
    for other in credentials.get("accounts") or ():
        if isinstance(other, Mapping) and other.get("account_id"):
            keyring.roots[str(other["account_id"])] = {
                k: str(other[k]) for k in _ROOT_FIELDS if other.get(k)
            }
    for user in credentials.get("users") or ():
        if isinstance(user, Mapping) and user.get("account_id") and user.get("user_name"):
            keyring.users[(str(user["account_id"]), str(user["user_name"]))] = dict(user)
    return keyring


_ROOT_FIELDS = ("root_email", "root_password", "root_password_hash", "root_password_hash_mac")


def _forget_passwords(keyring: Keyring) -> None:
    """New passwords everywhere (MFA secrets stay: they are in people's authenticator apps)."""
    for root in keyring.roots.values():
        root.pop("root_password", None)
    for entry in keyring.users.values():
        entry.pop("password", None)
    keyring.log.append("New passwords were generated: earlier hand-outs no longer work.")


def _credentials(keyring: Keyring) -> dict[str, Any]:
    main = keyring.roots.get(EXAMPLE_CORP.account_id, {})
    users = [
        keyring.users[(spec.account_id, user.name)]
        for spec in DEMO_ACCOUNTS
        for user in spec.users
        if (spec.account_id, user.name) in keyring.users
        and keyring.users[(spec.account_id, user.name)].get("user_name")
    ]
    return {
        "root_email": main.get("root_email", EXAMPLE_CORP.root_email),
        **{k: main[k] for k in _ROOT_FIELDS[1:] if main.get(k)},
        "users": users,
        "accounts": [
            {"account_id": spec.account_id, "account_alias": spec.alias,
             **keyring.roots[spec.account_id]}
            for spec in DEMO_ACCOUNTS[1:]
            if spec.account_id in keyring.roots
        ],
    }


def _ensure_catalogue() -> None:
    if not ManagedPolicy.objects.filter(account=None, name="AdministratorAccess").exists():
        aws_managed_policies_sync()


@transaction.atomic
def load_demo(*, credentials: Mapping[str, Any] | None = None, reset: bool = False,
              new_passwords: bool = False) -> DemoLoad:
    """Create whatever the demo lacks (idempotent); with `reset`, rebuild it from scratch.

    `credentials` are the sign-in details recorded by an earlier run: recorded passwords and
    MFA secrets are reused, so printed hand-outs stay valid across resets (`new_passwords`:
    random new ones instead); new ones are random per installation. Returns the details to
    record again. One transaction.
    """
    keyring = _keyring(credentials or {})
    if new_passwords:
        _forget_passwords(keyring)
    _ensure_catalogue()
    if reset:
        corp = Account.objects.filter(account_id=EXAMPLE_CORP.account_id).first()
        if corp is not None:
            reset_organization(corp, [spec.account_id for spec in DEMO_ACCOUNTS])
        for spec in DEMO_ACCOUNTS:
            account = Account.objects.filter(account_id=spec.account_id).first()
            if account is not None:
                root = keyring.roots.setdefault(spec.account_id, {})
                root["root_password"] = root.get("root_password") or secrets.token_urlsafe(12)
                wipe_account(account, spec, root)
                keyring.log.append(f"Reset account {spec.account_id} ({spec.alias}).")
    accounts = [build_account(spec, keyring) for spec in DEMO_ACCOUNTS]
    organization = build_organization(accounts[0], accounts[1:], keyring.log)
    extra = organization_presets(organization.org_id) if organization else ()
    saved = save_presets(accounts[0], extra)
    if organization is not None:  # the development account's principals are bound by SCPs
        development = next(a for a in accounts if a.account_id == DEVELOPMENT_ACCOUNT_ID)
        saved += save_presets(development, MEMBER_PRESETS, base=())
    return DemoLoad(_credentials(keyring), keyring.log, saved)
