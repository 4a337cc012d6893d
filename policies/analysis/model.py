"""The account as the analysis sees it: every principal with its effective policies, loaded
in a fixed number of queries whatever the account's size.

Each principal's policies are the ones `policies.authorization.policy_set_for` loads for it
(its own inline and attached policies, its groups', its permissions boundary), so an answer
of the analysis is what console authorization would decide. The loader reads the whole
account at once instead of four queries per principal. Sources carry the documents' text
only (`document` is left empty: the engine and the pre-check read the text).
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from accounts.models import (
    AccessKey,
    Account,
    GroupMembership,
    IamGroup,
    IamUser,
    InstanceProfile,
    LoginProfile,
    Role,
)

from ..models import InlinePolicy, ManagedPolicy, PolicyAttachment, PolicyVersion
from ..selectors import PolicySource

# Other hosted accounts a trust policy names (an ARN's account field or a bare account ID).
_ACCOUNT_ID = re.compile(r"(?<![0-9])([0-9]{12})(?![0-9])")
# At most this many other hosted accounts are loaded for one analysis.
MAX_OTHER_ACCOUNTS = 20


@dataclass
class Entity:
    """A user, group or role with the policies the engine sees for it."""

    kind: str  # "user" | "group" | "role"
    arn: str
    name: str
    account_id: str
    unique_id: str
    identity: tuple[PolicySource, ...] = ()
    boundary: PolicySource | None = None
    tags: dict[str, str] = field(default_factory=dict)
    # A user's groups (ARNs); a group's members (ARNs).
    groups: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    # Managed policies attached to the entity itself (ARNs).
    attached: tuple[str, ...] = ()
    inline: tuple[str, ...] = ()
    # Users: whether a console password exists and how many access keys.
    has_login_profile: bool = False
    access_keys: int = 0
    # Roles: the trust policy, the services it trusts, whether an instance profile holds it.
    trust_text: str = ""
    trust_services: frozenset[str] = frozenset()
    has_instance_profile: bool = False
    external: bool = False

    @property
    def is_principal(self) -> bool:
        return self.kind in ("user", "role")


@dataclass
class Policy:
    """A managed policy used in the account, with its versions (customer-managed only)."""

    arn: str
    name: str
    customer: bool
    default_text: str
    default_version: str
    # (version ID, text) of the versions that are not the default one.
    other_versions: tuple[tuple[str, str], ...] = ()
    attached_to: list[str] = field(default_factory=list)
    boundary_of: list[str] = field(default_factory=list)


@dataclass
class AccountModel:
    """Everything the analysis reads about one account (and the principals of other hosted
    accounts that its trust policies name)."""

    account_id: str
    account_pk: int
    entities: dict[str, Entity]
    policies: dict[str, Policy]
    _kinds: dict[str, list[Entity]] = field(default_factory=dict, repr=False)

    @functools.cached_property
    def principals(self) -> list[Entity]:
        """Users and roles, this account's first, in name order."""
        found = [e for e in self.entities.values() if e.is_principal]
        return sorted(found, key=lambda e: (e.external, e.kind != "user", e.name.lower(), e.arn))

    def of_kind(self, kind: str) -> list[Entity]:
        """The account's own users, groups or roles."""
        found = self._kinds.get(kind)
        if found is None:
            found = self._kinds[kind] = [e for e in self.entities.values()
                                         if e.kind == kind and not e.external]
        return found


def _trusted_services(document: Any) -> frozenset[str]:
    """The service principals an Allow statement of a trust policy names."""
    services: set[str] = set()
    statements = document.get("Statement", []) if isinstance(document, dict) else []
    for statement in statements if isinstance(statements, list) else [statements]:
        if not isinstance(statement, dict) or statement.get("Effect") != "Allow":
            continue
        principal = statement.get("Principal")
        value = principal.get("Service") if isinstance(principal, dict) else None
        values = value if isinstance(value, list) else [value]
        services.update(v.lower() for v in values if isinstance(v, str))
    return frozenset(services)


def _source(version: PolicyVersion, policy: ManagedPolicy, group: str | None) -> PolicySource:
    return PolicySource(
        source_type="aws-managed" if policy.account_id is None else "user-managed",
        source_id=policy.arn, name=policy.name, document_text=version.document_text,
        document={}, version_id=version.version_id, via_group=group,
    )


def _inline(policy: InlinePolicy, group: str | None) -> PolicySource:
    return PolicySource(source_type=policy.owner_type, source_id=policy.name, name=policy.name,
                        document_text=policy.document_text, document={}, via_group=group)


def _load_policies(account: Account, used: set[int]) -> tuple[dict[int, ManagedPolicy],
                                                               dict[int, PolicyVersion],
                                                               dict[int, list[PolicyVersion]]]:
    """The managed policies in use or owned by the account, their default versions and the
    other versions of the account's own policies (three queries)."""
    policies = {p.pk: p for p in ManagedPolicy.objects.filter(pk__in=used)}
    policies.update({p.pk: p for p in ManagedPolicy.objects.filter(account=account)})
    defaults: dict[int, PolicyVersion] = {}
    others: dict[int, list[PolicyVersion]] = defaultdict(list)
    versions = PolicyVersion.objects.filter(policy_id__in=list(policies)).filter(
        is_default=True) | PolicyVersion.objects.filter(policy__account=account)
    for version in versions.only("policy_id", "number", "document_text", "is_default"):
        if version.is_default:
            defaults[version.policy_id] = version
        else:
            others[version.policy_id].append(version)
    return policies, defaults, others


def load_account(account: Account, *, others: bool = True) -> AccountModel:
    """The account's users, groups and roles with their effective policies, its managed
    policies in use, and (with `others`) the principals of other hosted accounts that its
    trust policies name. A fixed number of queries."""
    acct = account.account_id
    users = list(IamUser.objects.filter(account=account).only(
        "pk", "arn", "name", "unique_id", "tags", "permissions_boundary_id"))
    groups = list(IamGroup.objects.filter(account=account).only("pk", "arn", "name", "unique_id"))
    roles = list(Role.objects.filter(account=account).only(
        "pk", "arn", "name", "unique_id", "tags", "permissions_boundary_id", "trust_policy",
        "trust_policy_document"))
    memberships = list(GroupMembership.objects.filter(group__account=account)
                       .values_list("user_id", "group_id"))
    attachments = list(PolicyAttachment.objects.filter(account=account)
                       .values_list("policy_id", "user_id", "group_id", "role_id"))
    inline = list(InlinePolicy.objects.filter(account=account).order_by("name").only(
        "name", "document_text", "user_id", "group_id", "role_id"))
    profiles = set(InstanceProfile.objects.filter(account=account, role__isnull=False)
                   .values_list("role_id", flat=True))
    logins = set(LoginProfile.objects.filter(user__account=account)
                 .values_list("user_id", flat=True))
    keys: dict[int, int] = defaultdict(int)
    for user_id in AccessKey.objects.filter(account=account, user__isnull=False).values_list(
            "user_id", flat=True):
        keys[user_id] += 1
    used = {a[0] for a in attachments}
    used |= {e.permissions_boundary_id for e in [*users, *roles] if e.permissions_boundary_id}
    policies, defaults, versions = _load_policies(account, used)

    group_by_pk = {g.pk: g for g in groups}
    user_groups: dict[int, list[IamGroup]] = defaultdict(list)
    group_members: dict[int, list[str]] = defaultdict(list)
    user_arn = {u.pk: u.arn for u in users}
    for user_id, group_id in memberships:
        user_groups[user_id].append(group_by_pk[group_id])
        group_members[group_id].append(user_arn[user_id])
    own: dict[tuple[str, int], list[PolicySource]] = defaultdict(list)
    attached: dict[tuple[str, int], list[str]] = defaultdict(list)
    inline_names: dict[tuple[str, int], list[str]] = defaultdict(list)
    for policy in inline:
        key = (policy.owner_type, policy.user_id or policy.group_id or policy.role_id)
        group = group_by_pk[policy.group_id].name if policy.group_id else None
        own[key].append(_inline(policy, group))
        inline_names[key].append(policy.name)
    for policy_id, user_id, group_id, role_id in attachments:
        kind, pk = ("user", user_id) if user_id else ("group", group_id) if group_id else (
            "role", role_id)
        group = group_by_pk[group_id].name if group_id else None
        own[(kind, pk)].append(_source(defaults[policy_id], policies[policy_id], group))
        attached[(kind, pk)].append(policies[policy_id].arn)

    def boundary(pk: int | None) -> PolicySource | None:
        return _source(defaults[pk], policies[pk], None) if pk in defaults else None

    entities: dict[str, Entity] = {}
    for g in groups:
        entities[g.arn] = Entity(
            "group", g.arn, g.name, acct, g.unique_id, identity=tuple(own[("group", g.pk)]),
            members=tuple(group_members[g.pk]), attached=tuple(attached[("group", g.pk)]),
            inline=tuple(inline_names[("group", g.pk)]))
    for u in users:
        member_of = sorted(user_groups[u.pk], key=lambda g: g.name)
        identity = list(own[("user", u.pk)])
        for g in member_of:
            identity += own[("group", g.pk)]
        entities[u.arn] = Entity(
            "user", u.arn, u.name, acct, u.unique_id, identity=tuple(identity),
            boundary=boundary(u.permissions_boundary_id), tags=dict(u.tags or {}),
            groups=tuple(g.arn for g in member_of), attached=tuple(attached[("user", u.pk)]),
            inline=tuple(inline_names[("user", u.pk)]), has_login_profile=u.pk in logins,
            access_keys=keys[u.pk])
    for r in roles:
        entities[r.arn] = Entity(
            "role", r.arn, r.name, acct, r.unique_id, identity=tuple(own[("role", r.pk)]),
            boundary=boundary(r.permissions_boundary_id), tags=dict(r.tags or {}),
            attached=tuple(attached[("role", r.pk)]), inline=tuple(inline_names[("role", r.pk)]),
            trust_text=r.trust_policy, trust_services=_trusted_services(r.trust_policy_document),
            has_instance_profile=r.pk in profiles)

    model_policies: dict[str, Policy] = {}
    for pk, policy in policies.items():
        if pk not in defaults:
            continue
        model_policies[policy.arn] = Policy(
            policy.arn, policy.name, policy.account_id is not None, defaults[pk].document_text,
            defaults[pk].version_id,
            tuple((v.version_id, v.document_text) for v in versions.get(pk, ())))
    role_arn = {r.pk: r.arn for r in roles}
    for policy_id, user_id, group_id, role_id in attachments:
        owner = (user_arn[user_id] if user_id else group_by_pk[group_id].arn if group_id
                 else role_arn[role_id])
        model_policies[policies[policy_id].arn].attached_to.append(owner)
    for e in [*users, *roles]:
        if e.permissions_boundary_id in policies:
            model_policies[policies[e.permissions_boundary_id].arn].boundary_of.append(e.arn)
    model = AccountModel(acct, account.pk, entities, model_policies)
    if others:
        _add_other_accounts(model, roles)
    return model


def _add_other_accounts(model: AccountModel, roles: list[Role]) -> None:
    """The users and roles of the other hosted accounts the trust policies name."""
    named = {m for r in roles for m in _ACCOUNT_ID.findall(r.trust_policy)} - {model.account_id}
    if not named:
        return
    for other in Account.objects.filter(account_id__in=sorted(named))[:MAX_OTHER_ACCOUNTS]:
        for entity in load_account(other, others=False).entities.values():
            if entity.is_principal:
                entity.external = True
                model.entities[entity.arn] = entity

