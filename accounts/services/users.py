"""Services for IAM users: create, rename or move, delete."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from django.db import transaction

from iamconsole.cache import invalidate_principal_policies
from iamconsole.exceptions import InvalidInput
from iamconsole.identifiers import USER_ID_PREFIX
from iamconsole.services import blockers_of, lock
from iamconsole.validators import validate_name, validate_path, validate_tags
from policies.models import ManagedPolicy

from ..models import Account, IamUser
from .named import Naming, named_create, named_delete, named_rename

USERS = Naming(IamUser, "user", "user", USER_ID_PREFIX, "User with name {name} already exists.",
               "IAM_QUOTA_USERS", "UsersPerAccount")


def check_boundary_policy(account_pk: int, policy: object) -> None:
    """A permissions boundary is a managed policy of the same account or an AWS-managed one."""
    if not isinstance(policy, ManagedPolicy) or policy.account_id not in (None, account_pk):
        raise InvalidInput(
            "A permissions boundary must be a managed policy of this account or AWS-managed.",
            field="permissions_boundary",
        )


@transaction.atomic
def user_create(
    *,
    account: Account,
    name: str,
    path: str = "/",
    tags: Mapping[str, str] | None = None,
    permissions_boundary: object | None = None,
    unique_id: str | None = None,
    created_at: datetime | None = None,
) -> IamUser:
    """Create an IAM user (CreateUser) with an `AIDA` ID; names are unique ignoring case.

    `unique_id` and `created_at` let imports keep AWS's values.
    """
    validate_name(name, "user")
    validate_path(path)
    tag_set = validate_tags(tags)
    if permissions_boundary is not None:
        check_boundary_policy(account.pk, permissions_boundary)
    user = named_create(USERS, account=account, name=name, path=path, tags=tag_set,
                        unique_id=unique_id, created_at=created_at,
                        permissions_boundary=permissions_boundary)
    if permissions_boundary is not None:
        invalidate_principal_policies(account.pk)
    return user


@transaction.atomic
def user_update(
    *, user: IamUser, new_name: str | None = None, new_path: str | None = None
) -> IamUser:
    """Rename or move a user (UpdateUser): the ARN changes, the unique ID stays."""
    user = lock(user)
    name = user.name if new_name is None else validate_name(new_name, "user", field="new_name")
    path = user.path if new_path is None else validate_path(new_path, field="new_path")
    return named_rename(USERS, user, name=name, path=path)


def user_dependents(user: IamUser) -> list[dict[str, str]]:
    """What blocks DeleteUser, in AWS's order: password, keys, certificates, SSH public keys,
    service-specific credentials, MFA, policies, groups."""
    blockers: list[dict[str, str]] = []
    if hasattr(user, "login_profile"):
        blockers.append({"type": "login profile", "name": user.name})
    return [
        *blockers,
        *blockers_of("access key", user.access_keys, "access_key_id"),
        *blockers_of("signing certificate", user.signing_certificates, "certificate_id"),
        *blockers_of("SSH public key", user.ssh_public_keys, "ssh_public_key_id"),
        *blockers_of("service-specific credential", user.service_specific_credentials,
                     "service_specific_credential_id"),
        *blockers_of("MFA device", user.mfa_devices, "serial_number"),
        *blockers_of("inline policy", user.inline_policies, "name"),
        *blockers_of("attached policy", user.policy_attachments, "policy__arn"),
        *blockers_of("group membership", user.memberships, "group__name"),
    ]


@transaction.atomic
def user_delete(*, user: IamUser) -> None:
    """Delete a user (DeleteUser); refuses with DeleteConflict listing what still depends on it."""
    named_delete(USERS, user, user_dependents)
