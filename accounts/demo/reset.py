"""Emptying a demo account through the operations (as its root user), so that
`load_demo --reset` can rebuild it."""

from __future__ import annotations

from typing import Any

from iamconsole.operations import root_caller
from policies.models import ManagedPolicy, SimulatorPreset
from policies.operations.managed import DeletePolicy
from policies.services import simulator_preset_delete

from ..models import AccessKey, Account, IamGroup, IamUser, InstanceProfile, MfaDevice, Role
from ..operations.groups import DeleteGroup
from ..operations.instance_profiles import DeleteInstanceProfile
from ..operations.roles import DeleteRole
from ..operations.service_linked_roles import DeleteServiceLinkedRole
from ..operations.users import DeleteUser
from ..services import (
    access_key_delete,
    account_alias_delete,
    account_alias_set,
    account_root_password_set,
    mfa_device_deactivate,
    mfa_device_delete,
    password_policy_delete,
)
from .content import DemoAccount
from .passwords import hash_unchanged, record_hash


def wipe_account(account: Account, spec: DemoAccount, recorded: dict[str, Any]) -> Account:
    """Delete every entity of the account and restore its alias and root password (the one
    in `recorded`, the root user's sign-in details, where its new hash is recorded).

    The account row stays (its ID, and the sessions of people signed in to it); whatever a
    class created, changed or deleted is gone, ready for the demo to be built again. A root
    password that is still the recorded one (same hash) is left as it is, so the root user's
    sessions go on.
    """
    root = root_caller(account)
    for profile in InstanceProfile.objects.filter(account=account):
        root.run(DeleteInstanceProfile, instance_profile_name=profile.name, with_dependents=True)
    for role in Role.objects.filter(account=account):
        if role.service_linked:  # only its deletion task deletes it
            root.run(DeleteServiceLinkedRole, role_name=role.name)
        else:
            root.run(DeleteRole, role_name=role.name, with_dependents=True)
    for user in IamUser.objects.filter(account=account):
        root.run(DeleteUser, user_name=user.name, with_dependents=True)
    for group in IamGroup.objects.filter(account=account):
        root.run(DeleteGroup, group_name=group.name, with_dependents=True)
    for arn in ManagedPolicy.objects.filter(account=account).values_list("arn", flat=True):
        root.run(DeletePolicy, policy_arn=arn, with_dependents=True)
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
    password = recorded.get("root_password")
    if password and not hash_unchanged(recorded, account.root_password, field="root_password"):
        account = account_root_password_set(account=account, password=password)
    if password:  # the stored hash is one of it now: the next reset need not check again
        record_hash(recorded, account.root_password, field="root_password")
    return account
