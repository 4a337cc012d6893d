"""Reads of policies: lists with usage counts, versions, attachments and effective policy sets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from django.db.models import IntegerField, OuterRef, Q, QuerySet, Subquery

from accounts.models import Account, GroupMembership, IamGroup, IamUser, Role
from iamconsole.exceptions import NoSuchEntity
from iamconsole.querytools import count_of

from .models import InlinePolicy, ManagedPolicy, PolicyAttachment, PolicyVersion

Scope = Literal["All", "AWS", "Local"]


def policy_list(
    *,
    account: Account,
    scope: Scope = "All",
    only_attached: bool = False,
    path_prefix: str | None = None,
    name_contains: str | None = None,
    attachable_only: bool = False,
) -> QuerySet[ManagedPolicy]:
    """ListPolicies for an account: its own and AWS's, with usage counts in this account.

    Annotations: attachment_count, boundary_usage_count, default_version_number.
    """
    if scope == "AWS":
        qs = ManagedPolicy.objects.filter(account__isnull=True)
    elif scope == "Local":
        qs = ManagedPolicy.objects.filter(account=account)
    else:
        qs = ManagedPolicy.objects.filter(Q(account=account) | Q(account__isnull=True))
    if path_prefix:
        qs = qs.filter(path__startswith=path_prefix)
    if name_contains:
        qs = qs.filter(name__icontains=name_contains)
    if attachable_only:
        qs = qs.filter(is_attachable=True)
    qs = qs.annotate(
        attachment_count=count_of(PolicyAttachment.objects.filter(account=account), "policy"),
        boundary_usage_count=count_of(
            IamUser.objects.filter(account=account), "permissions_boundary"
        )
        + count_of(Role.objects.filter(account=account), "permissions_boundary"),
        default_version_number=Subquery(
            PolicyVersion.objects.filter(policy=OuterRef("pk"), is_default=True).values(
                "number"
            )[:1],
            output_field=IntegerField(),
        ),
    )
    if only_attached:
        qs = qs.filter(Q(attachment_count__gt=0) | Q(boundary_usage_count__gt=0))
    return qs


def policy_get(*, account: Account, arn: str) -> ManagedPolicy:
    """GetPolicy by ARN: one of the account's own policies or an AWS-managed one."""
    policy = (
        ManagedPolicy.objects.filter(Q(account=account) | Q(account__isnull=True))
        .filter(arn=arn)
        .first()
    )
    if policy is None:
        raise NoSuchEntity(f"Policy {arn} does not exist or is not attachable.",
                           field="policy_arn")
    return policy


def policy_get_with_usage(*, account: Account, arn: str) -> ManagedPolicy:
    """GetPolicy's answer: the policy by ARN annotated like `policy_list` (usage counts in
    the account, default version number), in one query; else NoSuchEntity."""
    policy = policy_list(account=account).filter(arn=arn).first()
    if policy is None:
        raise NoSuchEntity(f"Policy {arn} does not exist or is not attachable.",
                           field="policy_arn")
    return policy


def aws_managed_policy(name: str) -> ManagedPolicy:
    """The AWS-managed policy with this name (e.g. AdministratorAccess), else NoSuchEntity."""
    policy = ManagedPolicy.objects.filter(account__isnull=True, name=name).first()
    if policy is None:
        raise NoSuchEntity(f"AWS-managed policy {name} is not loaded "
                           "(run manage.py load_aws_managed_policies).")
    return policy


def policy_version_list(policy: ManagedPolicy) -> QuerySet[PolicyVersion]:
    """ListPolicyVersions, newest first."""
    return PolicyVersion.objects.filter(policy=policy).order_by("-number")


def policy_version_get(*, policy: ManagedPolicy, version_id: str) -> PolicyVersion:
    """GetPolicyVersion, else NoSuchEntity."""
    number = version_id[1:] if version_id.startswith("v") else ""
    version = (
        PolicyVersion.objects.filter(policy=policy, number=int(number)).first()
        if number.isdigit()
        else None
    )
    if version is None:
        raise NoSuchEntity(f"Policy {policy.arn} version {version_id} does not exist.",
                           field="version_id")
    return version


def policy_entities(*, policy: ManagedPolicy, account: Account) -> dict[str, list[Any]]:
    """ListEntitiesForPolicy within an account, plus the users and roles using it as boundary."""
    attachments = PolicyAttachment.objects.filter(policy=policy, account=account).select_related(
        "user__permissions_boundary", "group", "role__permissions_boundary"
    )
    result: dict[str, list[Any]] = {"users": [], "groups": [], "roles": []}
    for attachment in attachments:
        result[f"{attachment.entity_type}s"].append(attachment.entity)
    result["boundary_users"] = list(IamUser.objects.filter(account=account,
                                                           permissions_boundary=policy))
    result["boundary_roles"] = list(Role.objects.filter(account=account,
                                                        permissions_boundary=policy))
    return result


def attached_policies(entity: IamUser | IamGroup | Role) -> QuerySet[ManagedPolicy]:
    """ListAttachedUserPolicies / ListAttachedGroupPolicies / ListAttachedRolePolicies."""
    field = {IamUser: "user", IamGroup: "group", Role: "role"}[type(entity)]
    return ManagedPolicy.objects.filter(**{f"attachments__{field}": entity}).order_by("name")


def inline_policy_list(entity: IamUser | IamGroup | Role) -> QuerySet[InlinePolicy]:
    """ListUserPolicies / ListGroupPolicies / ListRolePolicies."""
    field = {IamUser: "user", IamGroup: "group", Role: "role"}[type(entity)]
    return InlinePolicy.objects.filter(**{field: entity}).order_by("name")


def inline_policy_get(*, entity: IamUser | IamGroup | Role, name: str) -> InlinePolicy:
    """GetUserPolicy / GetGroupPolicy / GetRolePolicy, else NoSuchEntity."""
    policy = inline_policy_list(entity).filter(name__iexact=name).first()
    if policy is None:
        raise NoSuchEntity(f"The policy with name {name} cannot be found.", field="policy_name")
    return policy


@dataclass(frozen=True)
class PolicySource:
    """One policy that applies to a principal, with what the simulator reports about it.

    `source_type` is AWS's SourcePolicyType: `user`, `group` or `role` for inline policies,
    `aws-managed` or `user-managed` for managed ones. `source_id` is the managed policy's ARN or
    the inline policy's name; `via_group` names the group it comes through.
    """

    source_type: str
    source_id: str
    name: str
    document_text: str
    document: dict[str, Any]
    version_id: str | None = None
    via_group: str | None = None


@dataclass(frozen=True)
class EffectivePolicies:
    """A principal's identity policies and its permissions boundary."""

    principal_arn: str
    identity: tuple[PolicySource, ...]
    boundary: PolicySource | None


def _managed_source(version: PolicyVersion, via_group: str | None = None) -> PolicySource:
    policy = version.policy
    return PolicySource(
        source_type="aws-managed" if policy.account_id is None else "user-managed",
        source_id=policy.arn,
        name=policy.name,
        document_text=version.document_text,
        document=version.document,
        version_id=version.version_id,
        via_group=via_group,
    )


def _inline_source(policy: InlinePolicy, via_group: str | None = None) -> PolicySource:
    return PolicySource(
        source_type=policy.owner_type,
        source_id=policy.name,
        name=policy.name,
        document_text=policy.document_text,
        document=policy.document,
        via_group=via_group,
    )


def _effective(
    *, arn: str, owner: Q, boundary_pk: int | None, groups: dict[int, str]
) -> EffectivePolicies:
    """Four queries whatever the number of policies: attachments, versions, inline policies."""
    attachments = list(PolicyAttachment.objects.filter(owner).values_list("policy_id", "group_id"))
    wanted = {policy_pk for policy_pk, _ in attachments} | ({boundary_pk} - {None})
    versions = {
        v.policy_id: v
        for v in PolicyVersion.objects.filter(policy_id__in=wanted, is_default=True)
        .select_related("policy")
    }
    inline = list(InlinePolicy.objects.filter(owner).order_by("group_id", "name"))
    sources = [_inline_source(p, groups.get(p.group_id)) for p in inline if not p.group_id]
    sources += [_managed_source(versions[pk]) for pk, gid in attachments if not gid]
    for group_pk, group_name in groups.items():
        sources += [_inline_source(p, group_name) for p in inline if p.group_id == group_pk]
        sources += [
            _managed_source(versions[pk], group_name)
            for pk, gid in attachments
            if gid == group_pk
        ]
    boundary = _managed_source(versions[boundary_pk]) if boundary_pk in versions else None
    return EffectivePolicies(principal_arn=arn, identity=tuple(sources), boundary=boundary)


def user_effective_policies(user: IamUser) -> EffectivePolicies:
    """The user's own inline and attached policies, those of its groups, and its boundary."""
    groups = dict(
        GroupMembership.objects.filter(user=user)
        .order_by("group__name")
        .values_list("group_id", "group__name")
    )
    owner = Q(user=user) | Q(group_id__in=list(groups))
    return _effective(
        arn=user.arn, owner=owner, boundary_pk=user.permissions_boundary_id, groups=groups
    )


def role_effective_policies(role: Role) -> EffectivePolicies:
    """The role's inline and attached policies and its boundary."""
    return _effective(
        arn=role.arn, owner=Q(role=role), boundary_pk=role.permissions_boundary_id, groups={}
    )


def group_effective_policies(group: IamGroup) -> EffectivePolicies:
    """The group's inline and attached policies (what its members get from it)."""
    return _effective(
        arn=group.arn, owner=Q(group=group), boundary_pk=None, groups={group.pk: group.name}
    )


def policy_get_by_id(*, account: Account, policy_id: str) -> ManagedPolicy:
    """A policy by its unique ID (`ANPA...`), the account's own or AWS-managed, else NoSuchEntity.

    Annotated like `policy_list` (usage counts in the account, default version number).
    """
    policy = policy_list(account=account).filter(unique_id=policy_id).first()
    if policy is None:
        raise NoSuchEntity(f"Policy with ID {policy_id} does not exist.", field="policy_id")
    return policy


def policy_attachable_entities(
    *, policy: ManagedPolicy, account: Account, name_contains: str | None = None,
    limit: int = 50,
) -> list[tuple[str, IamUser | IamGroup | Role]]:
    """The account's users, groups and roles the policy is not attached to yet, by name.

    At most `limit` of each kind, as (`user`|`group`|`role`, entity): three queries whatever
    the account's size.
    """
    attached = PolicyAttachment.objects.filter(policy=policy, account=account)
    found: list[tuple[str, IamUser | IamGroup | Role]] = []
    for kind, model in (("user", IamUser), ("group", IamGroup), ("role", Role)):
        rows = model.objects.filter(account=account).exclude(
            pk__in=attached.filter(**{f"{kind}__isnull": False}).values(kind)
        )
        if name_contains:
            rows = rows.filter(name__icontains=name_contains)
        found += [(kind, row) for row in rows.order_by("name")[:limit]]
    return found
