"""The principals guard rails are about, with their policies, in a fixed number of queries
whatever their count: the users and roles named, the members of the groups named, and what
`policies.authorization.policy_set_for` reads for each (own inline and attached policies,
their groups', the permissions boundary), read for all of them at once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from django.db.models import Q

from accounts.models import Account, GroupMembership, IamUser, Role

from ..analysis.model import Entity
from ..models import InlinePolicy, PolicyAttachment, PolicyVersion
from ..selectors import PolicySource

# Group ARNs (a rail about every member of a group) -> the members' user ARNs.
Members = dict[str, list[str]]


def _inline(policy: InlinePolicy, group: str | None) -> PolicySource:
    return PolicySource(source_type=policy.owner_type, source_id=policy.name, name=policy.name,
                        document_text=policy.document_text, document={}, via_group=group)


def _managed(version: PolicyVersion, group: str | None) -> PolicySource:
    policy = version.policy
    return PolicySource(
        source_type="aws-managed" if policy.account_id is None else "user-managed",
        source_id=policy.arn, name=policy.name, document_text=version.document_text,
        document={}, version_id=f"v{version.number}", via_group=group)


def load_subjects(account: Account, subjects: Collection[str]) -> tuple[list[Entity], Members]:
    """The users and roles among `subjects` and the members of the groups among them, each
    with its effective policies (six queries); and each named group's members."""
    fields = ("pk", "arn", "name", "unique_id", "tags", "permissions_boundary_id")
    users = list(IamUser.objects.filter(account=account).filter(
        Q(arn__in=subjects) | Q(memberships__group__arn__in=subjects)).distinct().only(*fields))
    roles = list(Role.objects.filter(account=account, arn__in=subjects).only(*fields))
    user_pks, role_pks = [u.pk for u in users], [r.pk for r in roles]
    memberships = list(GroupMembership.objects.filter(user_id__in=user_pks).values_list(
        "user_id", "group_id", "group__name", "group__arn"))
    group_pks = {m[1] for m in memberships}
    owners = Q(user_id__in=user_pks) | Q(group_id__in=group_pks) | Q(role_id__in=role_pks)
    inline = list(InlinePolicy.objects.filter(owners).order_by("name").only(
        "name", "document_text", "user_id", "group_id", "role_id"))
    attachments = list(PolicyAttachment.objects.filter(owners).values_list(
        "policy_id", "user_id", "group_id", "role_id"))
    used = {a[0] for a in attachments} | {
        e.permissions_boundary_id for e in [*users, *roles] if e.permissions_boundary_id}
    defaults = {v.policy_id: v for v in PolicyVersion.objects.filter(
        policy_id__in=used, is_default=True).select_related("policy").only(
        "policy_id", "number", "document_text", "policy__arn", "policy__name",
        "policy__account_id")}

    group_names = {m[1]: m[2] for m in memberships}
    own: dict[tuple[str, int], list[PolicySource]] = defaultdict(list)
    for policy in inline:
        pk = policy.user_id or policy.group_id or policy.role_id
        own[(policy.owner_type, pk)].append(_inline(policy, group_names.get(policy.group_id)))
    for policy_id, user_id, group_id, role_id in attachments:
        kind, pk = ("user", user_id) if user_id else ("group", group_id) if group_id else (
            "role", role_id)
        if policy_id in defaults:
            own[(kind, pk)].append(_managed(defaults[policy_id], group_names.get(group_id)))
    groups_of: dict[int, list[tuple[str, int]]] = defaultdict(list)
    members: Members = defaultdict(list)
    user_arns = {u.pk: u.arn for u in users}
    for user_id, group_id, name, arn in memberships:
        groups_of[user_id].append((name, group_id))
        members[arn].append(user_arns[user_id])

    def boundary(pk: int | None) -> PolicySource | None:
        return _managed(defaults[pk], None) if pk in defaults else None

    entities = []
    for user in users:
        identity = list(own[("user", user.pk)])
        for _name, group_id in sorted(groups_of[user.pk]):
            identity += own[("group", group_id)]
        entities.append(Entity("user", user.arn, user.name, account.account_id,
                               user.unique_id, identity=tuple(identity),
                               boundary=boundary(user.permissions_boundary_id),
                               tags=dict(user.tags or {})))
    for role in roles:
        entities.append(Entity("role", role.arn, role.name, account.account_id,
                               role.unique_id, identity=tuple(own[("role", role.pk)]),
                               boundary=boundary(role.permissions_boundary_id),
                               tags=dict(role.tags or {})))
    return entities, members
