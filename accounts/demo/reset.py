"""Emptying a demo account through the services, so that `load_demo --reset` can rebuild it."""

from __future__ import annotations

from policies.models import ManagedPolicy, SimulatorPreset
from policies.services import policy_delete_with_dependents, simulator_preset_delete

from ..models import AccessKey, Account, IamGroup, IamUser, InstanceProfile, MfaDevice, Role
from ..services import (
    access_key_delete,
    account_alias_delete,
    account_alias_set,
    account_root_password_set,
    group_delete_with_dependents,
    instance_profile_delete_with_dependents,
    mfa_device_deactivate,
    mfa_device_delete,
    password_policy_delete,
    role_delete_with_dependents,
    user_delete_with_dependents,
)
from .content import DemoAccount


def wipe_account(account: Account, spec: DemoAccount, root_password: str | None) -> Account:
    """Delete every entity of the account and restore its alias and root password.

    The account row stays (its ID, and the sessions of people signed in to it); whatever a
    class created, changed or deleted is gone, ready for the demo to be built again.
    """
    for profile in InstanceProfile.objects.filter(account=account):
        instance_profile_delete_with_dependents(instance_profile=profile)
    for role in Role.objects.filter(account=account):
        role_delete_with_dependents(role=role)
    for user in IamUser.objects.filter(account=account):
        user_delete_with_dependents(user=user)
    for group in IamGroup.objects.filter(account=account):
        group_delete_with_dependents(group=group)
    for policy in ManagedPolicy.objects.filter(account=account):
        policy_delete_with_dependents(policy=policy)
    for device in MfaDevice.objects.filter(account=account):
        if device.is_enabled:
            device = mfa_device_deactivate(device=device)
        mfa_device_delete(device=device)
    for key in AccessKey.objects.filter(account=account):
        access_key_delete(access_key=key)
    if hasattr(account, "password_policy"):
        password_policy_delete(account=account)
    for preset in SimulatorPreset.objects.filter(account=account):
        simulator_preset_delete(preset=preset)
    if account.alias != spec.alias:
        if Account.objects.filter(alias=spec.alias).exclude(pk=account.pk).exists():
            account = account_alias_delete(account=account)
        else:
            account = account_alias_set(account=account, alias=spec.alias)
    if root_password:
        account = account_root_password_set(account=account, password=root_password)
    return account
