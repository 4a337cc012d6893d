"""Models of the accounts app."""

from .access_keys import AccessKey
from .account import Account
from .certificates import CredentialStatus, ServerCertificate, SigningCertificate
from .groups import IamGroup
from .identity_providers import OidcProvider, SamlPrivateKey, SamlProvider
from .instance_profiles import InstanceProfile
from .mfa import MfaDevice
from .operator import SiteOperator
from .organizations import (
    CreateAccountRequest,
    Handshake,
    Organization,
    OrganizationalUnit,
    OrganizationMember,
    OrganizationPolicy,
    OrganizationPolicyAttachment,
)
from .password_policy import PasswordPolicy
from .roles import Role, ServiceLinkedRoleDeletion
from .sessions import SigninToken, TemporaryCredential
from .switch_role import SwitchRoleEntry
from .throttles import AuthThrottle
from .trail import TrailEvent
from .user_keys import ServiceSpecificCredential, SSHPublicKey
from .users import GroupMembership, IamUser, LoginProfile

__all__ = [
    "AccessKey",
    "Account",
    "AuthThrottle",
    "CreateAccountRequest",
    "CredentialStatus",
    "GroupMembership",
    "Handshake",
    "IamGroup",
    "IamUser",
    "InstanceProfile",
    "LoginProfile",
    "MfaDevice",
    "OidcProvider",
    "Organization",
    "OrganizationMember",
    "OrganizationPolicy",
    "OrganizationPolicyAttachment",
    "OrganizationalUnit",
    "PasswordPolicy",
    "Role",
    "SamlPrivateKey",
    "SamlProvider",
    "ServiceLinkedRoleDeletion",
    "SSHPublicKey",
    "ServerCertificate",
    "ServiceSpecificCredential",
    "SigninToken",
    "SigningCertificate",
    "SiteOperator",
    "TemporaryCredential",
    "SwitchRoleEntry",
    "TrailEvent",
]
