"""Access Advisor from the trail: which services an identity's policies grant, and when the
identity last used each (the services this installation serves; others are honestly never
accessed in the tracking period)."""

from __future__ import annotations

import fnmatch
from datetime import datetime
from typing import Any

from django.db.models import Count, Max, Q

from policies.engine.service_reference import list_services
from policies.selectors import (
    group_effective_policies,
    role_effective_policies,
    user_effective_policies,
)

from .models import IamGroup, IamUser, Role, TrailEvent


def _actions(document: dict[str, Any]) -> list[str]:
    statements = document.get("Statement", [])
    statements = [statements] if isinstance(statements, dict) else statements
    found: list[str] = []
    for statement in statements:
        if isinstance(statement, dict) and statement.get("Effect") == "Allow":
            actions = statement.get("Action", [])
            found += [actions] if isinstance(actions, str) else list(actions)
    return found


def granted_services(entity: IamUser | IamGroup | Role) -> dict[str, str]:
    """{namespace: service name} of every service an Allow of the entity's policies names."""
    if isinstance(entity, IamUser):
        effective = user_effective_policies(entity)
    elif isinstance(entity, Role):
        effective = role_effective_policies(entity)
    else:
        effective = group_effective_policies(entity)
    prefixes = {str(action).split(":", 1)[0].lower() for source in effective.identity
                for action in _actions(source.document)}
    services = {info.prefix: info.name for info in list_services()}
    granted: dict[str, str] = {}
    for pattern in prefixes:
        for prefix in fnmatch.filter(services, pattern):
            granted[prefix] = services[prefix]
    return granted


def _principal_filter(entity: IamUser | IamGroup | Role) -> Q:
    if isinstance(entity, Role):  # its sessions: "AROA...:session"
        return Q(record__userIdentity__principalId__startswith=f"{entity.unique_id}:")
    if isinstance(entity, IamGroup):
        members = list(entity.users.values_list("unique_id", flat=True))
        return Q(record__userIdentity__principalId__in=members)
    return Q(record__userIdentity__principalId=entity.unique_id)


def last_accessed(entity: IamUser | IamGroup | Role, *, since: datetime | None = None
                  ) -> list[dict[str, Any]]:
    """AWS's ServicesLastAccessed for the entity: each granted service, when it was last
    authenticated to by the entity, by whom, in which region, by how many entities."""
    events = TrailEvent.objects.filter(_principal_filter(entity), account_id=entity.account_id,
                                       error_code="")
    if since is not None:
        events = events.filter(event_time__gte=since)
    used = {row["event_source"]: row for row in events.values("event_source").annotate(
        last=Max("event_time"), entities=Count("user_name", distinct=True))}
    services = []
    for prefix, name in sorted(granted_services(entity).items()):
        row = used.get(f"{prefix}.amazonaws.com")
        item: dict[str, Any] = {"ServiceName": name, "ServiceNamespace": prefix,
                                "TotalAuthenticatedEntities": row["entities"] if row else 0}
        if row is not None:
            last = events.filter(event_source=f"{prefix}.amazonaws.com").order_by(
                "-event_time", "-id").first()
            item["LastAuthenticated"] = row["last"]
            if last is not None:
                item["LastAuthenticatedRegion"] = last.record.get("awsRegion")
                identity = last.record.get("userIdentity", {})
                item["LastAuthenticatedEntity"] = identity.get("sessionContext", {}).get(
                    "sessionIssuer", {}).get("arn") or identity.get("arn")
        services.append(item)
    return services
