"""GetAccountAuthorizationDetails: an account's users, groups, roles and policies as one dict."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, Q
from django.db.models.functions import Lower

from iamconsole.exceptions import InvalidInput
from iamconsole.querytools import count_of

from ..models import (
    AccessKey,
    Account,
    GroupMembership,
    IamGroup,
    IamUser,
    InstanceProfile,
    MfaDevice,
    PasswordPolicy,
    Role,
)
from .fields import EXTENSION_KEY, EXTENSION_VERSION, encode_document, iso, tag_list

# AWS's Filter values; none given means all of them.
FILTERS = ("User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy")


def _filters(filters: Iterable[str] | None) -> set[str]:
    chosen = set(filters or ())
    unknown = sorted(chosen - set(FILTERS))
    if unknown:
        raise InvalidInput(
            f"Unknown filter {unknown[0]!r}: use {', '.join(FILTERS)}.", field="filter"
        )
    return chosen or set(FILTERS)


def _inline(policies: Iterable[Any]) -> list[dict[str, str]]:
    return [
        {"PolicyName": p.name, "PolicyDocument": encode_document(p.document_text)}
        for p in policies
    ]


def _attached(attachments: Iterable[Any]) -> list[dict[str, str]]:
    return [{"PolicyName": a.policy.name, "PolicyArn": a.policy.arn} for a in attachments]


def _boundary(entity: IamUser | Role, detail: dict[str, Any]) -> None:
    if entity.permissions_boundary is not None:
        detail["PermissionsBoundary"] = {
            "PermissionsBoundaryType": "PermissionsBoundaryPolicy",
            "PermissionsBoundaryArn": entity.permissions_boundary.arn,
        }


def _tags(entity: Any, detail: dict[str, Any]) -> None:
    # AWS leaves Tags out of a detail when the entity has none.
    if entity.tags:
        detail["Tags"] = tag_list(entity.tags)


def _user(user: IamUser) -> dict[str, Any]:
    detail: dict[str, Any] = {
        "Path": user.path,
        "UserName": user.name,
        "UserId": user.unique_id,
        "Arn": user.arn,
        "CreateDate": iso(user.created_at),
        "UserPolicyList": _inline(user.inline_policies.all()),
        "GroupList": sorted(
            (m.group.name for m in user.memberships.all()), key=lambda n: (n.lower(), n)
        ),
        "AttachedManagedPolicies": _attached(user.policy_attachments.all()),
    }
    _boundary(user, detail)
    _tags(user, detail)
    return detail


def _group(group: IamGroup) -> dict[str, Any]:
    return {
        "Path": group.path,
        "GroupName": group.name,
        "GroupId": group.unique_id,
        "Arn": group.arn,
        "CreateDate": iso(group.created_at),
        "GroupPolicyList": _inline(group.inline_policies.all()),
        "AttachedManagedPolicies": _attached(group.policy_attachments.all()),
    }


def _role_summary(role: Role) -> dict[str, Any]:
    """The Role object nested in an instance profile."""
    return {
        "Path": role.path,
        "RoleName": role.name,
        "RoleId": role.unique_id,
        "Arn": role.arn,
        "CreateDate": iso(role.created_at),
        "AssumeRolePolicyDocument": encode_document(role.trust_policy),
    }


def _instance_profile(profile: InstanceProfile, role: Role | None) -> dict[str, Any]:
    detail: dict[str, Any] = {
        "Path": profile.path,
        "InstanceProfileName": profile.name,
        "InstanceProfileId": profile.unique_id,
        "Arn": profile.arn,
        "CreateDate": iso(profile.created_at),
        "Roles": [_role_summary(role)] if role is not None else [],
    }
    _tags(profile, detail)
    return detail


def _role(role: Role) -> dict[str, Any]:
    detail: dict[str, Any] = {
        "Path": role.path,
        "RoleName": role.name,
        "RoleId": role.unique_id,
        "Arn": role.arn,
        "CreateDate": iso(role.created_at),
        "AssumeRolePolicyDocument": encode_document(role.trust_policy),
        "InstanceProfileList": [
            _instance_profile(profile, role) for profile in role.instance_profiles.all()
        ],
        "RolePolicyList": _inline(role.inline_policies.all()),
        "AttachedManagedPolicies": _attached(role.policy_attachments.all()),
    }
    _boundary(role, detail)
    _tags(role, detail)
    last_used: dict[str, str] = {}
    if role.last_used_at is not None:
        last_used["LastUsedDate"] = iso(role.last_used_at) or ""
        if role.last_used_region:
            last_used["Region"] = role.last_used_region
    detail["RoleLastUsed"] = last_used
    return detail


def _policy(policy: Any) -> dict[str, Any]:
    versions = list(policy.versions.all())
    default = next((v for v in versions if v.is_default), None)
    detail: dict[str, Any] = {
        "PolicyName": policy.name,
        "PolicyId": policy.unique_id,
        "Arn": policy.arn,
        "Path": policy.path,
        "DefaultVersionId": default.version_id if default else None,
        "AttachmentCount": policy.export_attachment_count,
        "PermissionsBoundaryUsageCount": policy.export_boundary_count,
        "IsAttachable": policy.is_attachable,
    }
    if policy.description:
        detail["Description"] = policy.description
    detail |= {
        "CreateDate": iso(policy.created_at),
        "UpdateDate": iso(policy.updated_at),
        "PolicyVersionList": [
            {
                "Document": encode_document(v.document_text),
                "VersionId": v.version_id,
                "IsDefaultVersion": v.is_default,
                "CreateDate": iso(v.created_at),
            }
            for v in versions
        ],
    }
    return detail


def _users(account: Account) -> list[IamUser]:
    return list(
        IamUser.objects.filter(account=account)
        .select_related("permissions_boundary", "login_profile")
        .prefetch_related(
            "inline_policies",
            Prefetch(
                "memberships", queryset=GroupMembership.objects.select_related("group")
            ),
            "policy_attachments__policy",
            Prefetch(
                "access_keys", queryset=AccessKey.objects.order_by("created_at", "access_key_id")
            ),
            Prefetch(
                "mfa_devices",
                queryset=MfaDevice.objects.filter(enabled_at__isnull=False).order_by(
                    "enabled_at", "serial_number"
                ),
            ),
        )
        .order_by(Lower("name"))
    )


def _roles(account: Account) -> list[Role]:
    return list(
        Role.objects.filter(account=account)
        .select_related("permissions_boundary")
        .prefetch_related(
            "inline_policies",
            "policy_attachments__policy",
            Prefetch(
                "instance_profiles", queryset=InstanceProfile.objects.order_by(Lower("name"))
            ),
        )
        .order_by(Lower("name"))
    )


def _policies(account: Account, chosen: set[str]) -> list[Any]:
    from policies.models import ManagedPolicy, PolicyAttachment

    scope = Q(pk__in=[])
    if "LocalManagedPolicy" in chosen:
        scope |= Q(account=account)
    if "AWSManagedPolicy" in chosen:
        # Only the AWS-managed policies this account uses, as AWS does.
        scope |= Q(account__isnull=True) & (
            Q(attachments__account=account)
            | Q(boundary_of_users__account=account)
            | Q(boundary_of_roles__account=account)
        )
    ids = ManagedPolicy.objects.filter(scope).values("pk")
    return list(
        ManagedPolicy.objects.filter(pk__in=ids)
        .annotate(
            export_attachment_count=count_of(
                PolicyAttachment.objects.filter(account=account), "policy"
            ),
            export_boundary_count=count_of(
                IamUser.objects.filter(account=account), "permissions_boundary"
            )
            + count_of(Role.objects.filter(account=account), "permissions_boundary"),
        )
        .prefetch_related("versions")
        .order_by(Lower("name"), "arn")
    )


def _password_policy(account: Account) -> dict[str, Any] | None:
    policy = PasswordPolicy.objects.filter(account=account).first()
    if policy is None:
        return None
    result: dict[str, Any] = {
        "MinimumPasswordLength": policy.minimum_password_length,
        "RequireSymbols": policy.require_symbols,
        "RequireNumbers": policy.require_numbers,
        "RequireUppercaseCharacters": policy.require_uppercase_characters,
        "RequireLowercaseCharacters": policy.require_lowercase_characters,
        "AllowUsersToChangePassword": policy.allow_users_to_change_password,
        "ExpirePasswords": policy.expire_passwords,
        "HardExpiry": policy.hard_expiry,
    }
    if policy.max_password_age is not None:
        result["MaxPasswordAge"] = policy.max_password_age
    if policy.password_reuse_prevention is not None:
        result["PasswordReusePrevention"] = policy.password_reuse_prevention
    return result


def _user_extension(user: IamUser) -> dict[str, Any]:
    profile = getattr(user, "login_profile", None)
    return {
        "UserName": user.name,
        "PasswordLastUsed": iso(user.password_last_used_at),
        "LoginProfile": None if profile is None else {
            "CreateDate": iso(profile.created_at),
            "PasswordResetRequired": profile.password_reset_required,
        },
        "MFADevices": [
            {"SerialNumber": d.serial_number, "EnableDate": iso(d.enabled_at)}
            for d in user.mfa_devices.all()
        ],
        # Metadata only: secrets never leave the console.
        "AccessKeys": [
            {
                "AccessKeyId": k.access_key_id,
                "Status": k.status,
                "CreateDate": iso(k.created_at),
                "LastUsedDate": iso(k.last_used_at),
                "ServiceName": k.last_used_service or None,
                "Region": k.last_used_region or None,
            }
            for k in user.access_keys.all()
        ],
    }


def _extension(
    account: Account,
    chosen: set[str],
    users: list[IamUser],
    roles: list[Role],
    policies: list[Any],
) -> dict[str, Any]:
    extension: dict[str, Any] = {
        "Version": EXTENSION_VERSION,
        "AccountId": account.account_id,
        "AccountAlias": account.alias,
        "PasswordPolicy": _password_policy(account),
    }
    if "User" in chosen:
        extension["Users"] = [_user_extension(u) for u in users]
    if "Role" in chosen:
        extension["Roles"] = [
            {
                "RoleName": r.name,
                "Description": r.description,
                "MaxSessionDuration": r.max_session_duration,
            }
            for r in roles
        ]
        # GAAD only shows instance profiles inside the role they hold.
        extension["InstanceProfiles"] = [
            _instance_profile(p, None)
            for p in InstanceProfile.objects.filter(account=account, role__isnull=True).order_by(
                Lower("name")
            )
        ]
    if "LocalManagedPolicy" in chosen:
        extension["PolicyTags"] = [
            {"PolicyArn": p.arn, "Tags": tag_list(p.tags)}
            for p in policies
            if p.account_id is not None and p.tags
        ]
    return extension


def export_authorization_details(
    account: Account,
    *,
    filters: Iterable[str] | None = None,
    include_extension: bool = True,
) -> dict[str, Any]:
    """GetAccountAuthorizationDetails for `account`, all pages merged, as the AWS CLI prints it.

    `filters` takes AWS's Filter values (User, Role, Group, LocalManagedPolicy,
    AWSManagedPolicy; none means all); an unknown one raises InvalidInput. Policy documents
    are URL-encoded exact texts; `Policies` holds the account's customer-managed policies and
    the AWS-managed policies it attaches or uses as boundaries. Unless `include_extension` is
    false, an `x-console` block adds what GAAD lacks (alias, password policy, role
    descriptions and session durations, role-less instance profiles, login profiles, MFA
    devices, access-key metadata without secrets, policy tags). A bounded number of queries
    whatever the account's size.
    """
    chosen = _filters(filters)
    users = _users(account) if "User" in chosen else []
    roles = _roles(account) if "Role" in chosen else []
    groups = (
        list(
            IamGroup.objects.filter(account=account)
            .prefetch_related("inline_policies", "policy_attachments__policy")
            .order_by(Lower("name"))
        )
        if "Group" in chosen
        else []
    )
    policies = _policies(account, chosen)
    result: dict[str, Any] = {
        "UserDetailList": [_user(u) for u in users],
        "GroupDetailList": [_group(g) for g in groups],
        "RoleDetailList": [_role(r) for r in roles],
        "Policies": [_policy(p) for p in policies],
    }
    if include_extension:
        result[EXTENSION_KEY] = _extension(account, chosen, users, roles, policies)
    return result
