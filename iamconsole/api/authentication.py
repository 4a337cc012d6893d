"""API authentication and permission: the principal resolved by the middleware."""

from __future__ import annotations

from typing import Any

from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, CSRFCheck
from rest_framework.permissions import BasePermission
from rest_framework.request import Request


class PrincipalAuthentication(BaseAuthentication):
    """Use the principal the middleware resolved (console session or access key).

    A principal that came from the session cookie must also pass the CSRF check, as
    DRF's own SessionAuthentication requires; access-key callers send no cookie.
    """

    def authenticate(self, request: Request) -> tuple[Any, None] | None:
        principal = getattr(request._request, "principal", None)
        if principal is None:
            return None
        if getattr(request._request, "principal_source", "session") == "session":
            self.enforce_csrf(request)
        return principal, None

    def authenticate_header(self, request: Request) -> str:
        return 'Basic realm="iamconsole API"'

    @staticmethod
    def enforce_csrf(request: Request) -> None:
        check = CSRFCheck(lambda req: None)
        check.process_request(request)
        reason = check.process_view(request, None, (), {})
        if reason:
            raise exceptions.PermissionDenied(f"CSRF Failed: {reason}")


class IsSignedIn(BasePermission):
    """Every endpoint needs a principal; what it may do is decided per operation."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return getattr(request._request, "principal", None) is not None
