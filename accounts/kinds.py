"""The kinds of IAM resource that share machinery: users, groups, roles, instance profiles
virtual MFA devices and server certificates (managed policies add theirs in policies.kinds).

Operations that AWS defines once per kind (AttachUserPolicy, AttachGroupPolicy,
AttachRolePolicy; TagUser, TagRole, TagInstanceProfile...) are one class parametrized by a
`Kind`, and so are the console's pages and the REST API's endpoints for them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from iamconsole.identifiers import iam_arn

from .key_selectors import server_certificate_get
from .models import (
    Account,
    IamGroup,
    IamUser,
    InstanceProfile,
    MfaDevice,
    Role,
    ServerCertificate,
)
from .selectors import group_get, instance_profile_get, mfa_device_get, role_get, user_get


@dataclass(frozen=True)
class Kind:
    """What differs between kinds of resource where AWS treats them alike."""

    key: str  # the ARN's resource type: "user", "instance-profile"
    noun: str  # the word in AWS's operation names: "User" (AttachUserPolicy)
    label: str  # in sentences: "user", "instance profile"
    model: type[Any]
    # find(account, identifier): the resource, else NoSuchEntity.
    find: Callable[[Account, str], Any]
    # The operation input naming the resource, as AWS names it: user_name (UserName).
    name_field: str
    # Whether the identifier is the resource's ARN (an MFA serial number, a policy ARN)
    # rather than a name.
    named_by_arn: bool = False
    arn_field: str = "arn"  # the model field holding the ARN (an MFA device's serial number)
    has_boundary: bool = False
    has_policies: bool = False
    taggable: bool = False

    def operation_name(self, pattern: str) -> str:
        """An AWS operation name for this kind: "Attach{}Policy" -> "AttachUserPolicy"."""
        return pattern.format(self.noun)

    def arn_of(self, resource: Any) -> str:
        """The resource's ARN."""
        return getattr(resource, self.arn_field)

    def implied_arn(self, account_id: str, identifier: str) -> str:
        """The ARN an identifier names when no such resource exists (on the default path)."""
        if self.named_by_arn:
            return identifier
        return iam_arn(account_id, self.key, "/", identifier)


USER = Kind("user", "User", "user", IamUser,
            lambda account, name: user_get(account=account, name=name), "user_name",
            has_boundary=True, has_policies=True, taggable=True)
GROUP = Kind("group", "Group", "group", IamGroup,
             lambda account, name: group_get(account=account, name=name), "group_name",
             has_policies=True)
ROLE = Kind("role", "Role", "role", Role,
            lambda account, name: role_get(account=account, name=name), "role_name",
            has_boundary=True, has_policies=True, taggable=True)
INSTANCE_PROFILE = Kind(
    "instance-profile", "InstanceProfile", "instance profile", InstanceProfile,
    lambda account, name: instance_profile_get(account=account, name=name),
    "instance_profile_name", taggable=True,
)
MFA_DEVICE = Kind(
    "mfa", "MFADevice", "MFA device", MfaDevice,
    lambda account, serial: mfa_device_get(account=account, serial_number=serial),
    "serial_number", named_by_arn=True, arn_field="serial_number", taggable=True,
)
SERVER_CERTIFICATE = Kind(
    "server-certificate", "ServerCertificate", "server certificate", ServerCertificate,
    lambda account, name: server_certificate_get(account=account, name=name),
    "server_certificate_name", taggable=True,
)
# The kinds that hold policies: users, groups and roles.
KINDS = (USER, GROUP, ROLE)
_BY_MODEL = {kind.model: kind for kind in (*KINDS, INSTANCE_PROFILE, MFA_DEVICE,
                                             SERVER_CERTIFICATE)}


def kind_of(entity: Any) -> Kind:
    """The kind of a user, group, role, instance profile or MFA device."""
    return _BY_MODEL[type(entity)]
