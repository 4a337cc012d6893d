"""Reads of accounts and identities: lists with counts (no N+1) and lookups by name or ARN."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet

from iamconsole.exceptions import NoSuchEntity
from iamconsole.querytools import count_of, has_row, unique_row
from policies.models import InlinePolicy, ManagedPolicy, PolicyAttachment, PolicyVersion

from .models import (
    AccessKey,
    Account,
    GroupMembership,
    IamGroup,
    IamUser,
    InstanceProfile,
    LoginProfile,
    MfaDevice,
    OidcProvider,
    PasswordPolicy,
    Role,
    SamlProvider,
    ServerCertificate,
    SigningCertificate,
    SwitchRoleEntry,
)


def filter_name_path(
    qs: QuerySet, path_prefix: str | None, name_contains: str | None
) -> QuerySet:
    """The rows under a path prefix whose name contains a text (ignoring case), if given."""
    if path_prefix:
        qs = qs.filter(path__startswith=path_prefix)
    if name_contains:
        qs = qs.filter(name__icontains=name_contains)
    return qs


def account_get(*, account_id_or_alias: str) -> Account:
    """The account with this 12-digit ID or alias (what IAM users type to sign in)."""
    value = account_id_or_alias.strip()
    account = Account.objects.filter(Q(account_id=value) | Q(alias=value.lower())).first()
    if account is None:
        raise NoSuchEntity(f"Account {value} cannot be found.", field="account")
    return account


def user_list(
    *,
    account: Account,
    path_prefix: str | None = None,
    name_contains: str | None = None,
    users: QuerySet[IamUser] | None = None,
) -> QuerySet[IamUser]:
    """ListUsers with the counts a list page shows, in a single query (of `users`, the
    account's users ListUsers returned, if given)."""
    qs = IamUser.objects.filter(account=account) if users is None else users
    qs = qs.select_related("permissions_boundary")
    return filter_name_path(qs, path_prefix, name_contains).annotate(
        group_count=count_of(GroupMembership.objects.all(), "user"),
        access_key_count=count_of(AccessKey.objects.all(), "user"),
        active_access_key_count=count_of(AccessKey.objects.filter(status="Active"), "user"),
        mfa_device_count=count_of(MfaDevice.objects.all(), "user"),
        attached_policy_count=count_of(PolicyAttachment.objects.all(), "user"),
        inline_policy_count=count_of(InlinePolicy.objects.all(), "user"),
        has_login_profile=has_row(LoginProfile.objects.all(), "user"),
    )


def _by_name(queryset: QuerySet[Any], account: Account, name: str, message: str,
             field: str) -> Any:
    """The row named `name` (ignoring case, as IAM does) in the account, else NoSuchEntity."""
    found = unique_row(queryset.filter(account=account, name__iexact=name))
    if found is None:
        raise NoSuchEntity(message, field=field)
    found.account = account  # the account given is the row's: no join, no query for it
    return found


def user_get(*, account: Account, name: str) -> IamUser:
    """GetUser: the user with this name (ignoring case) in the account, else NoSuchEntity."""
    return _by_name(
        IamUser.objects.select_related("permissions_boundary"), account, name,
        f"The user with name {name} cannot be found.", "user_name",
    )


def user_groups(user: IamUser) -> QuerySet[IamGroup]:
    """ListGroupsForUser, with each group's member and policy counts (as group_list)."""
    return _with_group_counts(IamGroup.objects.filter(memberships__user=user).order_by("name"))


def group_list(
    *, account: Account, path_prefix: str | None = None, name_contains: str | None = None
) -> QuerySet[IamGroup]:
    """ListGroups with member and policy counts, in a single query."""
    qs = IamGroup.objects.filter(account=account)
    return _with_group_counts(filter_name_path(qs, path_prefix, name_contains))


def _with_group_counts(groups: QuerySet[IamGroup]) -> QuerySet[IamGroup]:
    return groups.annotate(
        member_count=count_of(GroupMembership.objects.all(), "group"),
        attached_policy_count=count_of(PolicyAttachment.objects.all(), "group"),
        inline_policy_count=count_of(InlinePolicy.objects.all(), "group"),
    )


def group_get(*, account: Account, name: str) -> IamGroup:
    """The group with this name (ignoring case) in the account, else NoSuchEntity."""
    return _by_name(
        IamGroup.objects.all(), account, name,
        f"The group with name {name} cannot be found.", "group_name",
    )


def group_members(group: IamGroup) -> QuerySet[IamUser]:
    """GetGroup's user list."""
    return IamUser.objects.filter(memberships__group=group).order_by("name")


def role_list(
    *, account: Account, path_prefix: str | None = None, name_contains: str | None = None
) -> QuerySet[Role]:
    """ListRoles with policy and instance-profile counts, in a single query."""
    qs = Role.objects.filter(account=account).select_related("permissions_boundary")
    return filter_name_path(qs, path_prefix, name_contains).annotate(
        attached_policy_count=count_of(PolicyAttachment.objects.all(), "role"),
        inline_policy_count=count_of(InlinePolicy.objects.all(), "role"),
        instance_profile_count=count_of(InstanceProfile.objects.all(), "role"),
    )


def role_get(*, account: Account, name: str) -> Role:
    """GetRole: the role with this name (ignoring case) in the account, else NoSuchEntity."""
    return _by_name(
        Role.objects.select_related("permissions_boundary"), account, name,
        f"The role with name {name} cannot be found.", "role_name",
    )


# The profile's own columns that lists show (the console's table and the API's).
INSTANCE_PROFILE_LIST_FIELDS = (
    "account", "name", "path", "unique_id", "arn", "created_at", "tags", "role",
)


def instance_profile_list(
    *,
    account: Account,
    path_prefix: str | None = None,
    name_contains: str | None = None,
    role: Role | None = None,
) -> QuerySet[InstanceProfile]:
    """ListInstanceProfiles (or ListInstanceProfilesForRole) with the role joined in.

    Only the columns a list shows are read: a page holds 100 profiles, and the role's
    documents, tags and dates would cost more to decode than the rest of the row.
    """
    qs = (
        InstanceProfile.objects.filter(account=account)
        .select_related("role")
        .only(*INSTANCE_PROFILE_LIST_FIELDS, "role__name", "role__unique_id", "role__arn")
    )
    if role is not None:
        qs = qs.filter(role=role)
    return filter_name_path(qs, path_prefix, name_contains)


def instance_profile_get(*, account: Account, name: str) -> InstanceProfile:
    """GetInstanceProfile, else NoSuchEntity."""
    return _by_name(
        InstanceProfile.objects.select_related("role"), account, name,
        f"Instance Profile {name} cannot be found.", "instance_profile_name",
    )


def entity_get_by_arn(*, arn: str) -> IamUser | IamGroup | Role | None:
    """The user, group or role with this exact ARN, in any account hosted here."""
    kind = arn.split(":", 5)[-1].split("/", 1)[0] if arn.count(":") >= 5 else ""
    model = {"user": IamUser, "group": IamGroup, "role": Role}.get(kind)
    if model is None:
        return None
    return model.objects.select_related("account").filter(arn=arn).first()


def access_key_list(
    *, user: IamUser | None = None, account: Account | None = None
) -> QuerySet[AccessKey]:
    """ListAccessKeys of a user, or of the root user when only `account` is given."""
    if user is not None:
        return AccessKey.objects.filter(user=user).order_by("created_at")
    return AccessKey.objects.filter(account=account, user__isnull=True).order_by("created_at")


def access_key_get(*, access_key_id: str, account: Account | None = None) -> AccessKey:
    """The key with this ID (optionally within an account), else NoSuchEntity."""
    qs = AccessKey.objects.select_related("account", "user").filter(access_key_id=access_key_id)
    if account is not None:
        qs = qs.filter(account=account)
    key = qs.first()
    if key is None:
        raise NoSuchEntity(f"The Access Key with id {access_key_id} cannot be found.",
                           field="access_key_id")
    return key


def mfa_device_list(
    *, account: Account, assignment_status: str = "Any", user: IamUser | None = None
) -> QuerySet[MfaDevice]:
    """ListVirtualMFADevices (Assigned / Unassigned / Any), or a user's devices."""
    qs = MfaDevice.objects.filter(account=account).select_related("user")
    if user is not None:
        qs = qs.filter(user=user)
    if assignment_status == "Assigned":
        qs = qs.filter(enabled_at__isnull=False)
    elif assignment_status == "Unassigned":
        qs = qs.filter(enabled_at__isnull=True)
    return qs


def mfa_device_get(*, account: Account, serial_number: str) -> MfaDevice:
    """The device with this serial number (its ARN) in the account, else NoSuchEntity."""
    device = (
        MfaDevice.objects.select_related("account", "user")
        .filter(account=account, serial_number=serial_number)
        .first()
    )
    if device is None:
        raise NoSuchEntity(f"VirtualMFADevice with serial number {serial_number} doesn't exist.",
                           field="serial_number")
    return device


def root_mfa_device(account: Account) -> MfaDevice | None:
    """The root user's enabled MFA device, if any."""
    return MfaDevice.objects.filter(account=account, is_root=True).first()


def password_policy_get(account: Account) -> PasswordPolicy | None:
    """The custom password policy, or None when AWS's default applies."""
    return PasswordPolicy.objects.filter(account=account).first()


def password_expires_at(
    profile: LoginProfile, policy: PasswordPolicy | None
) -> datetime | None:
    """When the console password expires under the policy's maximum age (None: never)."""
    if policy is None or policy.max_password_age is None:
        return None
    return profile.password_changed_at + timedelta(days=policy.max_password_age)


def account_summary(account: Account) -> dict[str, Any]:
    """GetAccountSummary: usage and quotas by AWS's key names."""
    return {
        "Users": IamUser.objects.filter(account=account).count(),
        "UsersQuota": settings.IAM_QUOTA_USERS,
        "Groups": IamGroup.objects.filter(account=account).count(),
        "GroupsQuota": settings.IAM_QUOTA_GROUPS,
        "Roles": Role.objects.filter(account=account).count(),
        "RolesQuota": settings.IAM_QUOTA_ROLES,
        "InstanceProfiles": InstanceProfile.objects.filter(account=account).count(),
        "InstanceProfilesQuota": settings.IAM_QUOTA_INSTANCE_PROFILES,
        "Policies": ManagedPolicy.objects.filter(account=account).count(),
        "PoliciesQuota": settings.IAM_QUOTA_CUSTOMER_POLICIES,
        "PolicyVersionsInUse": PolicyVersion.objects.filter(policy__account=account).count(),
        "PolicyVersionsInUseQuota": settings.IAM_QUOTA_POLICY_VERSIONS_IN_USE,
        "VersionsPerPolicyQuota": settings.IAM_MAX_POLICY_VERSIONS,
        "Providers": (SamlProvider.objects.filter(account=account).count()
                      + OidcProvider.objects.filter(account=account).count()),
        "MFADevices": MfaDevice.objects.filter(account=account).count(),
        "MFADevicesInUse": MfaDevice.objects.filter(
            account=account, enabled_at__isnull=False
        ).count(),
        "AccountMFAEnabled": int(root_mfa_device(account) is not None),
        "AccountAccessKeysPresent": int(
            AccessKey.objects.filter(account=account, user__isnull=True).exists()
        ),
        "AccountPasswordPresent": int(bool(account.root_password)),
        "AccountSigningCertificatesPresent": int(
            SigningCertificate.objects.filter(account=account, user__isnull=True).exists()
        ),
        "AccessKeysPerUserQuota": settings.IAM_MAX_ACCESS_KEYS_PER_USER,
        "ServerCertificates": ServerCertificate.objects.filter(account=account).count(),
        "ServerCertificatesQuota": settings.IAM_QUOTA_SERVER_CERTIFICATES,
        "SigningCertificatesPerUserQuota": settings.IAM_MAX_SIGNING_CERTIFICATES_PER_USER,
        "GroupsPerUserQuota": settings.IAM_MAX_GROUPS_PER_USER,
        "AttachedPoliciesPerUserQuota": settings.IAM_MAX_ATTACHED_POLICIES_USER,
        "AttachedPoliciesPerGroupQuota": settings.IAM_MAX_ATTACHED_POLICIES_GROUP,
        "AttachedPoliciesPerRoleQuota": settings.IAM_MAX_ATTACHED_POLICIES_ROLE,
        "PolicySizeQuota": settings.IAM_MANAGED_POLICY_MAX_SIZE,
        "UserPolicySizeQuota": settings.IAM_INLINE_POLICY_MAX_SIZE_USER,
        "GroupPolicySizeQuota": settings.IAM_INLINE_POLICY_MAX_SIZE_GROUP,
        "RolePolicySizeQuota": settings.IAM_INLINE_POLICY_MAX_SIZE_ROLE,
        "AssumeRolePolicySizeQuota": settings.IAM_TRUST_POLICY_MAX_SIZE,
        "GlobalEndpointTokenVersion": 1,
    }


def principal_account(principal: Any) -> Account:
    """The account of a signed-in principal (by primary key: an alias could look like an ID)."""
    return Account.objects.get(pk=principal.account_pk)


def mfa_device_get_by_name(*, account: Account, name: str) -> MfaDevice:
    """The virtual MFA device with this name (ignoring case) in the account, else NoSuchEntity."""
    device = (
        MfaDevice.objects.select_related("account", "user")
        .filter(account=account, name__iexact=name)
        .first()
    )
    if device is None:
        raise NoSuchEntity(f"VirtualMFADevice with name {name} doesn't exist.",
                           field="device_name")
    return device


def login_profile_get(user: IamUser) -> LoginProfile:
    """GetLoginProfile: the user's console password settings, else NoSuchEntity."""
    profile = LoginProfile.objects.select_related("user").filter(user=user).first()
    if profile is None:
        raise NoSuchEntity(f"Login Profile for User {user.name} cannot be found.",
                           field="user_name")
    return profile


def saml_provider_list(*, account: Account) -> QuerySet[SamlProvider]:
    """ListSAMLProviders: the account's SAML providers by name, without their metadata
    documents (up to 10 MB each) or tags."""
    return (SamlProvider.objects.filter(account=account)
            .only("id", "account_id", "name", "arn", "valid_until", "created_at")
            .order_by("name"))


def saml_provider_get(*, account: Account, arn: str) -> SamlProvider:
    """GetSAMLProvider by ARN, with its private keys' IDs, else NoSuchEntity."""
    provider = (SamlProvider.objects.select_related("account").prefetch_related("private_keys")
                .filter(account=account, arn=arn).first())
    if provider is None:
        raise NoSuchEntity(f"Manifest not found for arn {arn}", field="saml_provider_arn")
    return provider


def oidc_provider_list(*, account: Account) -> QuerySet[OidcProvider]:
    """ListOpenIDConnectProviders: the account's OpenID Connect providers by URL."""
    return OidcProvider.objects.filter(account=account).order_by("url")


def oidc_provider_get(*, account: Account, arn: str) -> OidcProvider:
    """GetOpenIDConnectProvider by ARN, else NoSuchEntity."""
    provider = OidcProvider.objects.select_related("account").filter(account=account,
                                                                     arn=arn).first()
    if provider is None:
        raise NoSuchEntity(f"OpenIDConnect Provider not found for arn {arn}",
                           field="open_id_connect_provider_arn")
    return provider


def switch_role_history(*, user_id: int | None) -> QuerySet[SwitchRoleEntry]:
    """An IAM user's role history for the identity menu, latest first (five rows at most)."""
    return SwitchRoleEntry.objects.filter(user_id=user_id).order_by("-used_at")
