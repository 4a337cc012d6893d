"""GetAccountAuthorizationDetails: an account's users, groups, roles and policies as one dict."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models.functions import Lower

from iamconsole.exceptions import InvalidInput

from ..models import Account, IamGroup, IamUser, InstanceProfile, PasswordPolicy, Role
from .fields import EXTENSION_KEY, EXTENSION_VERSION, encode_document, iso, tag_list
from .loading import PolicyRows, Related, load_policies, load_related

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


def _inline(policies: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"PolicyName": name, "PolicyDocument": encode_document(text)}
            for name, text in policies]


def _attached(attachments: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"PolicyName": name, "PolicyArn": arn} for name, arn in attachments]


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


def _user(user: IamUser, related: Related) -> dict[str, Any]:
    detail: dict[str, Any] = {
        "Path": user.path,
        "UserName": user.name,
        "UserId": user.unique_id,
        "Arn": user.arn,
        "CreateDate": iso(user.created_at),
        "UserPolicyList": _inline(related.inline.get(("user", user.pk), [])),
        "GroupList": sorted(related.groups_of_user.get(user.pk, []),
                            key=lambda n: (n.lower(), n)),
        "AttachedManagedPolicies": _attached(related.attached.get(("user", user.pk), [])),
    }
    _boundary(user, detail)
    _tags(user, detail)
    return detail


def _group(group: IamGroup, related: Related) -> dict[str, Any]:
    return {
        "Path": group.path,
        "GroupName": group.name,
        "GroupId": group.unique_id,
        "Arn": group.arn,
        "CreateDate": iso(group.created_at),
        "GroupPolicyList": _inline(related.inline.get(("group", group.pk), [])),
        "AttachedManagedPolicies": _attached(related.attached.get(("group", group.pk), [])),
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


def _role(role: Role, related: Related) -> dict[str, Any]:
    detail: dict[str, Any] = {
        "Path": role.path,
        "RoleName": role.name,
        "RoleId": role.unique_id,
        "Arn": role.arn,
        "CreateDate": iso(role.created_at),
        "AssumeRolePolicyDocument": encode_document(role.trust_policy),
        "InstanceProfileList": [
            _instance_profile(profile, role)
            for profile in related.profiles_of_role.get(role.pk, [])
        ],
        "RolePolicyList": _inline(related.inline.get(("role", role.pk), [])),
        "AttachedManagedPolicies": _attached(related.attached.get(("role", role.pk), [])),
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


def _policy(policy: Any, rows: PolicyRows) -> dict[str, Any]:
    versions = rows.versions.get(policy.pk, [])
    default = next((number for number, _, is_default, _ in versions if is_default), None)
    detail: dict[str, Any] = {
        "PolicyName": policy.name,
        "PolicyId": policy.unique_id,
        "Arn": policy.arn,
        "Path": policy.path,
        "DefaultVersionId": f"v{default}" if default is not None else None,
        "AttachmentCount": rows.attachments.get(policy.pk, 0),
        "PermissionsBoundaryUsageCount": rows.boundaries.get(policy.pk, 0),
        "IsAttachable": policy.is_attachable,
    }
    if policy.description:
        detail["Description"] = policy.description
    detail |= {
        "CreateDate": iso(policy.created_at),
        "UpdateDate": iso(policy.updated_at),
        "PolicyVersionList": [
            {
                "Document": encode_document(text),
                "VersionId": f"v{number}",
                "IsDefaultVersion": is_default,
                "CreateDate": iso(created_at),
            }
            for number, text, is_default, created_at in versions
        ],
    }
    return detail


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


def _user_extension(user: IamUser, related: Related) -> dict[str, Any]:
    profile = getattr(user, "login_profile", None)
    return {
        "UserName": user.name,
        "PasswordLastUsed": iso(user.password_last_used_at),
        "LoginProfile": None if profile is None else {
            "CreateDate": iso(profile.created_at),
            "PasswordResetRequired": profile.password_reset_required,
        },
        "MFADevices": [
            {"SerialNumber": serial, "EnableDate": iso(enabled_at)}
            for serial, enabled_at in related.mfa_of_user.get(user.pk, [])
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
            for k in related.keys_of_user.get(user.pk, [])
        ],
    }


def _extension(
    account: Account,
    chosen: set[str],
    users: list[IamUser],
    roles: list[Role],
    related: Related,
    policies: list[Any],
) -> dict[str, Any]:
    extension: dict[str, Any] = {
        "Version": EXTENSION_VERSION,
        "AccountId": account.account_id,
        "AccountAlias": account.alias,
        "PasswordPolicy": _password_policy(account),
    }
    if "User" in chosen:
        extension["Users"] = [_user_extension(u, related) for u in users]
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
            _instance_profile(p, None) for p in related.empty_profiles
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
    related = load_related(account, credentials=include_extension and "User" in chosen)
    users = (
        list(IamUser.objects.filter(account=account)
             .select_related("permissions_boundary", "login_profile").order_by(Lower("name")))
        if "User" in chosen else []
    )
    roles = (
        list(Role.objects.filter(account=account).select_related("permissions_boundary")
             .order_by(Lower("name")))
        if "Role" in chosen else []
    )
    groups = (
        list(IamGroup.objects.filter(account=account).order_by(Lower("name")))
        if "Group" in chosen else []
    )
    rows = load_policies(account, local="LocalManagedPolicy" in chosen,
                         aws="AWSManagedPolicy" in chosen)
    result: dict[str, Any] = {
        "UserDetailList": [_user(u, related) for u in users],
        "GroupDetailList": [_group(g, related) for g in groups],
        "RoleDetailList": [_role(r, related) for r in roles],
        "Policies": [_policy(p, rows) for p in rows.policies],
    }
    if include_extension:
        result[EXTENSION_KEY] = _extension(account, chosen, users, roles, related,
                                           rows.policies)
    return result
