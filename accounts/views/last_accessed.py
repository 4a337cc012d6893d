"""Access Advisor on an identity's page: each service it is granted, and when it last used it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from iamconsole.exceptions import AccessDenied

from ..operations.access_advisor import (
    GenerateServiceLastAccessedDetails,
    GetServiceLastAccessedDetails,
)
from .support import run


def last_accessed_context(request: HttpRequest, arn: str) -> dict[str, Any]:
    """The report's services, used ones first (or AWS's denial in their place)."""
    try:
        job = run(request, GenerateServiceLastAccessedDetails, arn=arn)
        report = run(request, GetServiceLastAccessedDetails, job_id=job["JobId"])
    except AccessDenied as exc:
        return {"last_accessed_denied": exc.message}
    services = sorted(report["ServicesLastAccessed"],
                      key=lambda s: (s.get("LastAuthenticated") is None, s["ServiceName"]))
    return {"last_accessed": services}
