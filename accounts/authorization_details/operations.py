"""The IAM operations an import performs, so that a console import can authorize each one."""

from __future__ import annotations

from ..identifiers import iam_arn
from .parse import AuthorizationDetails, Principal

_KIND = {"user": "User", "group": "Group", "role": "Role"}


def _principal_operations(
    item: Principal, account_id: str, group_arns: dict[str, str]
) -> list[tuple[str, str]]:
    kind = _KIND[item.kind]
    arn = iam_arn(account_id, item.kind, item.path, item.name)
    operations = [(f"iam:Create{kind}", arn)]
    if item.tags:
        operations.append((f"iam:Tag{kind}", arn))
    if item.inline:
        operations.append((f"iam:Put{kind}Policy", arn))
    if item.attached:
        operations.append((f"iam:Attach{kind}Policy", arn))
    if item.boundary is not None:
        operations.append((f"iam:Put{kind}PermissionsBoundary", arn))
    if item.kind == "role":
        operations.append(("iam:UpdateAssumeRolePolicy", arn))
    for group in item.groups:
        group_arn = group_arns.get(group.key.lower()) or iam_arn(
            account_id, "group", "/", group.key
        )
        operations.append(("iam:AddUserToGroup", group_arn))
    return operations


def import_operations(details: AuthorizationDetails, account_id: str) -> list[tuple[str, str]]:
    """(action, resource ARN) for everything the import may create or change, without repeats.

    Each entity is declared with the action that creates it (an existing one is updated by the
    same import, which needs no less), plus the actions for its policies, tags, boundary,
    memberships and credentials, on the ARNs it gets in `account_id`.
    """
    operations: list[tuple[str, str]] = []
    group_arns = {
        key: iam_arn(account_id, "group", g.path, g.name) for key, g in details.groups.items()
    }
    for policy in details.policies.values():
        if policy.aws_managed:
            continue
        arn = iam_arn(account_id, "policy", policy.path, policy.name)
        operations.append(("iam:CreatePolicy", arn))
        if len(policy.versions) > 1:
            operations.append(("iam:CreatePolicyVersion", arn))
        if policy.tags:
            operations.append(("iam:TagPolicy", arn))
    for collection in (details.groups, details.users, details.roles):
        for item in collection.values():
            operations += _principal_operations(item, account_id, group_arns)
    for profile in details.profiles.values():
        arn = iam_arn(account_id, "instance-profile", profile.path, profile.name)
        operations.append(("iam:CreateInstanceProfile", arn))
        if profile.tags:
            operations.append(("iam:TagInstanceProfile", arn))
        role = details.roles.get(profile.role.lower()) if profile.role else None
        if role is not None:
            operations.append(("iam:AddRoleToInstanceProfile", arn))
            # AWS also asks for PassRole on the role put into a profile.
            operations.append(("iam:PassRole", iam_arn(account_id, "role", role.path, role.name)))
    for name, credentials in details.credentials.items():
        user = details.users[name]
        arn = iam_arn(account_id, "user", user.path, user.name)
        if credentials.login_profile is not None:
            operations.append(("iam:CreateLoginProfile", arn))
        if credentials.access_keys:
            operations.append(("iam:CreateAccessKey", arn))
        if credentials.mfa_devices:
            operations.append(("iam:EnableMFADevice", arn))
    if details.alias is not None:
        operations.append(("iam:CreateAccountAlias", "*"))
    if details.password_policy is not None:
        operations.append(("iam:UpdateAccountPasswordPolicy", "*"))
    return list(dict.fromkeys(operations))
