"""Access Advisor on an identity's or a policy's page: each service it grants, the policies
granting it, when it was last used and by whom, with the actions of the tracked services."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from iamconsole.exceptions import AccessDenied

from ..operations.access_advisor import (
    GenerateServiceLastAccessedDetails,
    GetServiceLastAccessedDetails,
    ListPoliciesGrantingServiceAccess,
)
from .support import run

# ListPoliciesGrantingServiceAccess takes at most this many namespaces a call.
NAMESPACES_PER_CALL = 200


def _granting(request: HttpRequest, arn: str, namespaces: list[str]) -> dict[str, list[Any]]:
    """{namespace: the policies granting it} (a call per 200 namespaces)."""
    found: dict[str, list[Any]] = {}
    for start in range(0, len(namespaces), NAMESPACES_PER_CALL):
        answer = run(request, ListPoliciesGrantingServiceAccess, arn=arn,
                     service_namespaces=namespaces[start:start + NAMESPACES_PER_CALL])
        for entry in answer["PoliciesGrantingServiceAccess"]:
            found[entry["ServiceNamespace"]] = entry["Policies"]
    return found


def last_accessed_context(request: HttpRequest, arn: str, *, granting: bool = True
                          ) -> dict[str, Any]:
    """The report's services, used ones first (or AWS's denial in their place), each with
    the policies granting it when `granting` (users, groups and roles) and allowed."""
    try:
        job = run(request, GenerateServiceLastAccessedDetails, arn=arn,
                  granularity="ACTION_LEVEL")
        report = run(request, GetServiceLastAccessedDetails, job_id=job["JobId"])
    except AccessDenied as exc:
        return {"last_accessed_denied": exc.message}
    services = sorted(report["ServicesLastAccessed"],
                      key=lambda s: (s.get("LastAuthenticated") is None, s["ServiceName"]))
    context: dict[str, Any] = {"last_accessed": services, "last_accessed_granting": granting,
                               "used_count": sum(1 for s in services
                                                 if s.get("LastAuthenticated"))}
    if granting and services:
        try:
            policies = _granting(request, arn, [s["ServiceNamespace"] for s in services])
        except AccessDenied as exc:
            context["granting_denied"] = exc.message
        else:
            for service in services:
                service["Policies"] = policies.get(service["ServiceNamespace"], [])
    return context
