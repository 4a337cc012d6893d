"""Access Advisor from the trail: which services an identity's policies grant, and when the
identity last used each (the services this installation serves; others are honestly never
accessed in the tracking period). A fixed number of queries whatever the trail's size."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Max, Q
from django.db.models.fields.json import KT

from iamconsole.operations import OPERATIONS
from policies.models import ManagedPolicy, PolicyAttachment
from policies.selectors import (
    PolicySource,
    group_effective_policies,
    role_effective_policies,
    user_effective_policies,
)

from .access_grants import TRACKED_NAMESPACES, actions_granted, namespaces_granted, service_names
from .models import IamGroup, IamUser, Role, TrailEvent

Entity = IamUser | IamGroup | Role | ManagedPolicy
Principal = IamUser | Role
_SUFFIX = ".amazonaws.com"


@dataclass
class Subject:
    """What a report is on: the entity, the policies that grant (each a PolicySource) and
    the users and roles whose use counts (a group's members, a policy's holders)."""

    entity: Entity
    sources: tuple[PolicySource, ...]
    principals: list[Principal] = field(default_factory=list)

    @property
    def principal_by_id(self) -> dict[str, Principal]:
        return {p.unique_id: p for p in self.principals}


def _policy_source(policy: ManagedPolicy) -> tuple[PolicySource, ...]:
    version = policy.versions.filter(is_default=True).first()
    if version is None:
        return ()
    return (PolicySource(source_type="user-managed" if policy.account_id else "aws-managed",
                         source_id=policy.arn, name=policy.name,
                         document_text=version.document_text, document=version.document,
                         version_id=version.version_id),)


def _policy_holders(policy: ManagedPolicy, account_pk: int) -> list[Principal]:
    """The users and roles a policy applies to: attached to them or to a group of theirs."""
    attachments = list(PolicyAttachment.objects.filter(policy=policy, account_id=account_pk)
                       .select_related("user", "role"))
    groups = [a.group_id for a in attachments if a.group_id]
    users = {a.user.pk: a.user for a in attachments if a.user_id}
    users.update((u.pk, u) for u in IamUser.objects.filter(memberships__group_id__in=groups))
    roles = [a.role for a in attachments if a.role_id]
    return sorted([*users.values(), *roles], key=lambda p: (p.name.lower(), p.arn))


def subject_of(entity: Entity, account_pk: int) -> Subject:
    """The subject of a report on a user, group, role or managed policy."""
    if isinstance(entity, ManagedPolicy):
        return Subject(entity, _policy_source(entity), _policy_holders(entity, account_pk))
    if isinstance(entity, IamUser):
        return Subject(entity, user_effective_policies(entity).identity, [entity])
    if isinstance(entity, Role):
        return Subject(entity, role_effective_policies(entity).identity, [entity])
    members = list(entity.users.order_by("name"))
    return Subject(entity, group_effective_policies(entity).identity, members)  # type: ignore[arg-type]


def granted_namespaces(subject: Subject) -> set[str]:
    """The namespaces of every service an Allow of the subject's policies names."""
    found: set[str] = set()
    for source in subject.sources:
        found |= namespaces_granted(source.document_text)
    return found


def tracked_actions(prefix: str) -> tuple[str, ...]:
    """The actions of a tracked service this installation serves (its operations)."""
    return tuple(sorted(op.operation_name for op in OPERATIONS.values()
                        if op.service == prefix and op.action == f"{prefix}:{op.operation_name}"))


def _events_of(subject: Subject, account_pk: int, until: datetime | None) -> Any:
    """The subject's principals' successful calls: a user's own, a role's sessions'."""
    who = Q(pk__in=[])
    users = [p.unique_id for p in subject.principals if isinstance(p, IamUser)]
    if users:
        who |= Q(record__userIdentity__principalId__in=users)
    for role in (p for p in subject.principals if isinstance(p, Role)):
        who |= Q(record__userIdentity__principalId__startswith=f"{role.unique_id}:")
    events = TrailEvent.objects.filter(who, account_id=account_pk, error_code="")
    return events.filter(event_time__lte=until) if until is not None else events


@dataclass(frozen=True)
class Use:
    """The last successful call of one action by one principal, in one region."""

    namespace: str
    action: str
    principal: Principal
    region: str
    last: datetime


def uses(subject: Subject, account_pk: int, until: datetime | None = None) -> list[Use]:
    """Every (action, principal, region) the subject's principals used and when last: one
    aggregate query over the trail."""
    by_id = subject.principal_by_id
    rows = (_events_of(subject, account_pk, until)
            .values("event_source", "event_name", who=KT("record__userIdentity__principalId"),
                    region=KT("record__awsRegion"))
            .annotate(last=Max("event_time")).order_by())
    found = []
    for row in rows:
        principal = by_id.get(str(row["who"] or "").split(":", 1)[0])
        if principal is not None and row["event_source"].endswith(_SUFFIX):
            found.append(Use(row["event_source"][:-len(_SUFFIX)], row["event_name"], principal,
                             row["region"] or "", row["last"]))
    return found


def _latest(found: Iterable[Use]) -> Use | None:
    return max(found, key=lambda use: use.last, default=None)


def _tracked(subject: Subject, prefix: str, used: list[Use]) -> list[dict[str, Any]]:
    names = tracked_actions(prefix)
    granted: set[str] = set()
    for source in subject.sources:
        granted |= actions_granted(source.document_text, prefix, names)
    actions = []
    for name in sorted(granted):
        item: dict[str, Any] = {"ActionName": name}
        last = _latest(use for use in used if use.action == name)
        if last is not None:
            item.update(LastAccessedEntity=last.principal.arn, LastAccessedTime=last.last,
                        LastAccessedRegion=last.region)
        actions.append(item)
    return actions


def services_last_accessed(subject: Subject, account_pk: int, *, action_level: bool = False,
                           until: datetime | None = None) -> list[dict[str, Any]]:
    """AWS's ServicesLastAccessed for the subject: each granted service (by namespace), when
    one of its principals last used it, which, in which region, how many of them; with the
    tracked services' actions at ACTION_LEVEL."""
    names = service_names()
    found = uses(subject, account_pk, until)
    services = []
    for prefix in sorted(granted_namespaces(subject)):
        used = [use for use in found if use.namespace == prefix]
        item: dict[str, Any] = {
            "ServiceName": names[prefix], "ServiceNamespace": prefix,
            "TotalAuthenticatedEntities": len({use.principal.arn for use in used})}
        last = _latest(used)
        if last is not None:
            item.update(LastAuthenticated=last.last, LastAuthenticatedEntity=last.principal.arn,
                        LastAuthenticatedRegion=last.region)
        if action_level and prefix in TRACKED_NAMESPACES and last is not None:
            item["TrackedActionsLastAccessed"] = _tracked(subject, prefix, used)
        services.append(item)
    return services


def entity_info(principal: Principal) -> dict[str, Any]:
    """AWS's EntityInfo of a user or role."""
    return {"Arn": principal.arn, "Name": principal.name,
            "Type": "USER" if isinstance(principal, IamUser) else "ROLE",
            "Id": principal.unique_id, "Path": principal.path}


def entities_last_accessed(subject: Subject, account_pk: int, prefix: str, *,
                           until: datetime | None = None) -> list[dict[str, Any]]:
    """AWS's EntityDetailsList: each user or role through which the subject could reach the
    service, with when it last did (most recent first, then never)."""
    found = [use for use in uses(subject, account_pk, until) if use.namespace == prefix]
    details = []
    for principal in subject.principals:
        item: dict[str, Any] = {"EntityInfo": entity_info(principal)}
        last = _latest(use for use in found if use.principal is principal)
        if last is not None:
            item["LastAuthenticated"] = last.last
        details.append(item)
    details.sort(key=lambda d: (d.get("LastAuthenticated") is None,
                                -(d["LastAuthenticated"].timestamp()
                                  if d.get("LastAuthenticated") else 0)))
    return details


def policies_granting(subject: Subject, prefix: str) -> list[dict[str, Any]]:
    """AWS's PoliciesGrantingServiceAccess for one namespace: the subject's policies that
    allow an action of the service, inline ones with the user, group or role holding them."""
    found = []
    entity = subject.entity
    for source in subject.sources:
        if prefix not in namespaces_granted(source.document_text):
            continue
        item: dict[str, Any] = {"PolicyName": source.name}
        if source.source_type in ("aws-managed", "user-managed"):
            item.update(PolicyType="MANAGED", PolicyArn=source.source_id)
        else:
            owner = ("GROUP", source.via_group) if source.via_group else (
                source.source_type.upper(), entity.name)
            item.update(PolicyType="INLINE", EntityType=owner[0], EntityName=owner[1])
        found.append(item)
    return found
