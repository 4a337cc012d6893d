"""Access Advisor on the wire: GenerateServiceLastAccessedDetails, GetServiceLastAccessedDetails."""

from __future__ import annotations

from typing import Any

from iamconsole.wire.registry import WireCall, action

from ..operations.access_advisor import (
    GenerateServiceLastAccessedDetails,
    GetServiceLastAccessedDetails,
)


@action("GenerateServiceLastAccessedDetails")
def generate_service_last_accessed_details(call: WireCall) -> dict[str, Any]:
    return call.run(GenerateServiceLastAccessedDetails, arn=call.get("Arn"),
                    granularity=call.get("Granularity"))


@action("GetServiceLastAccessedDetails")
def get_service_last_accessed_details(call: WireCall) -> dict[str, Any]:
    return call.run(GetServiceLastAccessedDetails, job_id=call.get("JobId"))
