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
    OidcProvider,
    Role,
    SamlProvider,
    ServerCertificate,
)
from .selectors import (
    group_get,
    instance_profile_get,
    mfa_device_get,
    oidc_provider_get,
    role_get,
    saml_provider_get,
    user_get,
)


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
        """The ARN an identifier names when no such resource exists (on the default path).
        For a kind named by ARN, something that is not an ARN (a URL typed by hand) is read
        as a name in the account, so that it is authorized, then not found."""
        if self.named_by_arn and len(str(identifier).split(":", 5)) == 6:
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
# Identity providers are named by their ARNs, as AWS's operations take them.
SAML_PROVIDER = Kind(
    "saml-provider", "SAMLProvider", "SAML provider", SamlProvider,
    lambda account, arn: saml_provider_get(account=account, arn=arn),
    "saml_provider_arn", named_by_arn=True, taggable=True,
)
OIDC_PROVIDER = Kind(
    "oidc-provider", "OpenIDConnectProvider", "OpenID Connect provider", OidcProvider,
    lambda account, arn: oidc_provider_get(account=account, arn=arn),
    "open_id_connect_provider_arn", named_by_arn=True, taggable=True,
)
SERVER_CERTIFICATE = Kind(
    "server-certificate", "ServerCertificate", "server certificate", ServerCertificate,
    lambda account, name: server_certificate_get(account=account, name=name),
    "server_certificate_name", taggable=True,
)
# The kinds that hold policies: users, groups and roles.
KINDS = (USER, GROUP, ROLE)
_BY_MODEL = {kind.model: kind for kind in (*KINDS, INSTANCE_PROFILE, MFA_DEVICE,
                                           SAML_PROVIDER, OIDC_PROVIDER, SERVER_CERTIFICATE)}


def kind_of(entity: Any) -> Kind:
    """The kind of a user, group, role, instance profile or MFA device."""
    return _BY_MODEL[type(entity)]
