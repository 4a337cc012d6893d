"""Creating the demo through the services: whatever is missing, by name, so it is idempotent."""

from __future__ import annotations

import secrets
import string
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pyotp
from django.utils import timezone

from iamconsole.validators import SERVICE_ROLE_PATH
from policies.models import ManagedPolicy
from policies.selectors import aws_managed_policy
from policies.services import inline_policy_put, policy_attach, policy_create

from ..crypto import encrypt
from ..models import (
    AccessKey,
    Account,
    IamGroup,
    IamUser,
    InstanceProfile,
    MfaDevice,
    PasswordPolicy,
    Role,
)
from ..services import (
    access_key_create,
    account_create,
    group_add_user,
    group_create,
    instance_profile_create,
    login_profile_create,
    mfa_device_create_virtual,
    mfa_device_enable,
    password_policy_update,
    role_create,
    user_create,
)
from .content import DemoAccount, DemoRole, DemoUser
from .documents import DEMO_ACCOUNT_ID
from .passwords import record_hash, recorded_hash
from .providers import build_providers

_ALPHANUMERIC = string.ascii_letters + string.digits


def new_password() -> str:
    """A random password that every demo password policy accepts: `Xk7q-2mPa-...`."""
    while True:
        password = "-".join(
            "".join(secrets.choice(_ALPHANUMERIC) for _ in range(4)) for _ in range(4)
        )
        if (any(c.isupper() for c in password) and any(c.islower() for c in password)
                and any(c.isdigit() for c in password)):
            return password


@dataclass
class Keyring:
    """Sign-in details: the ones recorded earlier are reused, new ones are generated."""

    roots: dict[str, dict[str, Any]] = field(default_factory=dict)
    users: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    log: list[str] = field(default_factory=list)

    def user(self, account: Account, spec: DemoUser) -> dict[str, Any]:
        """The recorded details of a user, or new ones."""
        key = (account.account_id, spec.name)
        entry = self.users.setdefault(key, {})
        entry.update({
            "account_id": account.account_id,
            "account_alias": account.alias,
            "user_name": spec.name,
            "note": spec.note,
        })
        entry.setdefault("password", new_password())
        entry.setdefault("mfa_secret", None)
        return entry


def _managed_policy(account: Account, name: str) -> Any:
    """The account's own policy with this name, else the AWS-managed one."""
    own = ManagedPolicy.objects.filter(account=account, name=name).first()
    return own or aws_managed_policy(name)


def ensure_account(spec: DemoAccount, keyring: Keyring) -> Account:
    """The account, created with its recorded (or a new) root password when absent."""
    account = Account.objects.filter(account_id=spec.account_id).first()
    root = keyring.roots.setdefault(spec.account_id, {})
    root.setdefault("root_email", spec.root_email)
    if account is None:
        root["root_password"] = root.get("root_password") or secrets.token_urlsafe(12)
        account = account_create(
            account_id=spec.account_id, alias=spec.alias, name=spec.name,
            root_email=root["root_email"], root_password=root["root_password"],
        )
        record_hash(root, account.root_password, field="root_password")
        keyring.log.append(f"Created account {spec.account_id} ({spec.alias}).")
    return account


def build_account(spec: DemoAccount, keyring: Keyring) -> Account:
    """Create what the account lacks of the demo: policies, groups, users, roles."""
    account = ensure_account(spec, keyring)
    if spec.password_policy and not PasswordPolicy.objects.filter(account=account).exists():
        password_policy_update(account=account, **spec.password_policy)
    for policy in spec.policies:
        if not ManagedPolicy.objects.filter(account=account, name__iexact=policy.name).exists():
            policy_create(account=account, name=policy.name, path=policy.path,
                          policy_document=policy.document, description=policy.description)
    for group_spec in spec.groups:
        if not IamGroup.objects.filter(account=account, name__iexact=group_spec.name).exists():
            group = group_create(account=account, name=group_spec.name)
            for name in group_spec.policies:
                policy_attach(policy=_managed_policy(account, name), entity=group)
    for user_spec in spec.users:
        user = IamUser.objects.filter(account=account, name__iexact=user_spec.name).first()
        if user is None:
            _create_user(account, user_spec, keyring)
        elif user_spec.console and (account.account_id, user_spec.name) not in keyring.users:
            keyring.log.append(f"{user_spec.name}'s password is not recorded: reset it in "
                               "the console, or run load_demo --reset.")
    if spec.account_id == DEMO_ACCOUNT_ID:
        build_providers(account)  # before the roles that trust them
    for role_spec in spec.roles:
        if not Role.objects.filter(account=account, name__iexact=role_spec.name).exists():
            _create_role(account, role_spec)
    return account


def _create_user(account: Account, spec: DemoUser, keyring: Keyring) -> IamUser:
    boundary = _managed_policy(account, spec.boundary) if spec.boundary else None
    user = user_create(account=account, name=spec.name, path=spec.path, tags=spec.tags,
                       permissions_boundary=boundary)
    for name in spec.groups:
        group_add_user(group=IamGroup.objects.get(account=account, name=name), user=user)
    for name in spec.policies:
        policy_attach(policy=_managed_policy(account, name), entity=user)
    if spec.console:
        entry = keyring.user(account, spec)
        profile = login_profile_create(user=user, password=entry["password"],
                                       password_hash=recorded_hash(entry))
        record_hash(entry, profile.password)
        if spec.mfa:
            entry["mfa_secret"] = _enable_mfa(account, user, entry.get("mfa_secret"))
    if spec.access_key_age_days is not None:
        _access_key(user, spec.access_key_age_days)
    return user


def _enable_mfa(account: Account, user: IamUser, recorded_secret: str | None) -> str:
    """Assign a virtual MFA device with two consecutive codes, as a person would."""
    created = mfa_device_create_virtual(account=account, name=user.name)
    secret = created.seed
    if recorded_secret:
        # After --reset the person's authenticator app still holds the recorded secret.
        MfaDevice.objects.filter(pk=created.device.pk).update(
            seed_encrypted=encrypt(recorded_secret)
        )
        secret = recorded_secret
    totp = pyotp.TOTP(secret)
    step = totp.timecode(timezone.now())
    mfa_device_enable(
        device=MfaDevice.objects.get(pk=created.device.pk),
        authentication_code_1=totp.generate_otp(step - 1),
        authentication_code_2=totp.generate_otp(step),
        user=user,
    )
    return secret


def _access_key(user: IamUser, age_days: int) -> None:
    key = access_key_create(user=user).access_key
    now = timezone.now()
    # Backdated (no API sets these), so that the dashboard and the credential report have an
    # old, long-unused key to find.
    AccessKey.objects.filter(pk=key.pk).update(
        created_at=now - timedelta(days=age_days),
        last_used_at=now - timedelta(days=max(age_days // 2, 1)),
        last_used_service="s3",
        last_used_region="us-east-2",
    )


def _create_role(account: Account, spec: DemoRole) -> Role:
    role = role_create(
        account=account, name=spec.name, path=spec.path, trust_policy=spec.trust_policy,
        description=spec.description, max_session_duration=spec.max_session_duration,
        tags=spec.tags, service_linked=spec.path.startswith(SERVICE_ROLE_PATH),
    )
    for name in spec.policies:
        policy_attach(policy=_managed_policy(account, name), entity=role)
    for name, document in spec.inline:
        inline_policy_put(entity=role, name=name, policy_document=document)
    if spec.instance_profile and not InstanceProfile.objects.filter(
        account=account, name__iexact=spec.name
    ).exists():
        instance_profile_create(account=account, name=spec.name, role=role)
    return role
