"""The IAM operations an import performs, so that a console import can authorize each one."""

from __future__ import annotations

from typing import Any

from iamconsole.identifiers import iam_arn
from policies.authorization import PASSED_TO_EC2, tag_context

from .parse import AuthorizationDetails, Principal

_KIND = {"user": "User", "group": "Group", "role": "Role"}

# (action, resource ARN, condition keys AWS sets for it: iam:PolicyARN, aws:TagKeys...)
ImportOperation = tuple[str, str, dict[str, Any]]


def _local(arn: str, details: AuthorizationDetails, account_id: str) -> str:
    """The file's ARN as it is in `account_id` (what the importer attaches)."""
    source = details.source_account
    if source and f"::{source}:" in arn:
        return arn.replace(f"::{source}:", f"::{account_id}:", 1)
    return arn


def _principal_operations(
    item: Principal, account_id: str, group_arns: dict[str, str], details: AuthorizationDetails
) -> list[ImportOperation]:
    kind = _KIND[item.kind]
    arn = iam_arn(account_id, item.kind, item.path, item.name)
    boundary = (
        {"iam:PermissionsBoundary": _local(item.boundary.key, details, account_id)}
        if item.boundary is not None else {}
    )
    create_context = {**tag_context(item.tags), **boundary} if item.kind != "group" else {}
    operations: list[ImportOperation] = [(f"iam:Create{kind}", arn, create_context)]
    if item.tags:
        operations.append((f"iam:Tag{kind}", arn, tag_context(item.tags)))
    if item.inline:
        operations.append((f"iam:Put{kind}Policy", arn, boundary))
    for ref in item.attached:
        # One per policy, with its ARN: a caller denied attaching AdministratorAccess is
        # denied importing a file that attaches it.
        operations.append((f"iam:Attach{kind}Policy", arn,
                           {"iam:PolicyARN": _local(ref.key, details, account_id), **boundary}))
    if item.boundary is not None:
        operations.append((f"iam:Put{kind}PermissionsBoundary", arn, boundary))
    if item.kind == "role":
        operations.append(("iam:UpdateAssumeRolePolicy", arn, boundary))
    for group in item.groups:
        group_arn = group_arns.get(group.key.lower()) or iam_arn(
            account_id, "group", "/", group.key
        )
        operations.append(("iam:AddUserToGroup", group_arn, {}))
    return operations


def import_operations(details: AuthorizationDetails, account_id: str) -> list[ImportOperation]:
    """(action, resource ARN, context) for everything the import may create or change.

    Each entity is declared with the action that creates it (an existing one is updated by the
    same import, which needs no less), plus the actions for its policies, tags, boundary,
    memberships and credentials, on the ARNs it gets in `account_id`, with the condition keys
    AWS sets for each (iam:PolicyARN, iam:PermissionsBoundary, aws:RequestTag/aws:TagKeys,
    iam:PassedToService).
    """
    operations: list[ImportOperation] = []
    group_arns = {
        key: iam_arn(account_id, "group", g.path, g.name) for key, g in details.groups.items()
    }
    for policy in details.policies.values():
        if policy.aws_managed:
            continue
        arn = iam_arn(account_id, "policy", policy.path, policy.name)
        operations.append(("iam:CreatePolicy", arn, tag_context(policy.tags)))
        if len(policy.versions) > 1:
            operations.append(("iam:CreatePolicyVersion", arn, {}))
        if policy.tags:
            operations.append(("iam:TagPolicy", arn, tag_context(policy.tags)))
    for collection in (details.groups, details.users, details.roles):
        for item in collection.values():
            operations += _principal_operations(item, account_id, group_arns, details)
    for profile in details.profiles.values():
        arn = iam_arn(account_id, "instance-profile", profile.path, profile.name)
        operations.append(("iam:CreateInstanceProfile", arn, tag_context(profile.tags)))
        if profile.tags:
            operations.append(("iam:TagInstanceProfile", arn, tag_context(profile.tags)))
        role = details.roles.get(profile.role.lower()) if profile.role else None
        if role is not None:
            operations.append(("iam:AddRoleToInstanceProfile", arn, {}))
            # AWS also asks for PassRole on the role put into a profile (handed to EC2).
            operations.append(("iam:PassRole", iam_arn(account_id, "role", role.path, role.name),
                               PASSED_TO_EC2))
    for name, credentials in details.credentials.items():
        user = details.users[name]
        arn = iam_arn(account_id, "user", user.path, user.name)
        if credentials.login_profile is not None:
            operations.append(("iam:CreateLoginProfile", arn, {}))
        if credentials.access_keys:
            operations.append(("iam:CreateAccessKey", arn, {}))
        if credentials.mfa_devices:
            operations.append(("iam:EnableMFADevice", arn, {}))
    if details.alias is not None:
        operations.append(("iam:CreateAccountAlias", "*", {}))
    if details.password_policy is not None:
        operations.append(("iam:UpdateAccountPasswordPolicy", "*", {}))
    unique: dict[tuple[str, str, str], ImportOperation] = {}
    for action, resource, context in operations:
        unique.setdefault((action, resource, repr(sorted(context.items()))),
                          (action, resource, context))
    return list(unique.values())
