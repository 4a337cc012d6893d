"""Access Advisor on the wire: GenerateServiceLastAccessedDetails, GetServiceLastAccessedDetails
(WithEntities) and ListPoliciesGrantingServiceAccess."""

from __future__ import annotations

from typing import Any

from iamconsole.wire.pagination import page
from iamconsole.wire.registry import WireCall, action

from ..operations.access_advisor import (
    GenerateServiceLastAccessedDetails,
    GetServiceLastAccessedDetails,
    GetServiceLastAccessedDetailsWithEntities,
    ListPoliciesGrantingServiceAccess,
)


def _paged(call: WireCall, result: dict[str, Any], key: str) -> dict[str, Any]:
    """The result with one page of its list `key` (MaxItems, Marker, IsTruncated)."""
    return {**result, **page(call, result[key], key)}


@action("GenerateServiceLastAccessedDetails")
def generate_service_last_accessed_details(call: WireCall) -> dict[str, Any]:
    return call.run(GenerateServiceLastAccessedDetails, arn=call.get("Arn"),
                    granularity=call.get("Granularity"))


@action("GetServiceLastAccessedDetails")
def get_service_last_accessed_details(call: WireCall) -> dict[str, Any]:
    return _paged(call, call.run(GetServiceLastAccessedDetails, job_id=call.get("JobId")),
                  "ServicesLastAccessed")


@action("GetServiceLastAccessedDetailsWithEntities")
def get_service_last_accessed_details_with_entities(call: WireCall) -> dict[str, Any]:
    result = call.run(GetServiceLastAccessedDetailsWithEntities, job_id=call.get("JobId"),
                      service_namespace=call.get("ServiceNamespace"))
    return _paged(call, result, "EntityDetailsList")


@action("ListPoliciesGrantingServiceAccess")
def list_policies_granting_service_access(call: WireCall) -> dict[str, Any]:
    result = call.run(ListPoliciesGrantingServiceAccess, arn=call.get("Arn"),
                      service_namespaces=call.get("ServiceNamespaces", []))
    return _paged(call, result, "PoliciesGrantingServiceAccess")
