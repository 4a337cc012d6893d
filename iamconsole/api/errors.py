"""The API's error answers: every error as {"code", "message", "field"} with AWS's codes."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from ..exceptions import AccessDenied, IamError
from ..operations.caller import record_refusal


def _first_error(detail: Any, path: str = "") -> tuple[str | None, str]:
    """The first (field path, message) of a DRF validation error's nested detail."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = key if key != "non_field_errors" else ""
            return _first_error(value, f"{path}.{name}" if path and name else name or path)
    if isinstance(detail, list) and detail:
        if all(not isinstance(item, (dict, list)) for item in detail):
            return path or None, str(detail[0])
        for index, item in enumerate(detail):
            if item:
                return _first_error(item, f"{path}[{index}]")
    return path or None, str(detail)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Answer every error as {"code", "message", "field"} with the matching HTTP status."""
    if isinstance(exc, IamError):
        if isinstance(exc, AccessDenied):
            record_refusal(context["request"], exc)
        # Errors of a JSON service (Organizations) answer 400 on the wire, by kind here.
        return Response(exc.as_dict(), status=getattr(exc, "rest_status", exc.status))
    if isinstance(exc, exceptions.ValidationError):
        field, message = _first_error(exc.detail)
        body = {"code": "InvalidInput", "message": message, "field": field, "details": exc.detail}
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, (exceptions.NotAuthenticated, exceptions.AuthenticationFailed)):
        response = Response(
            {"code": "NotAuthenticated", "message": str(exc.detail), "field": None},
            status=status.HTTP_401_UNAUTHORIZED,
        )
        response["WWW-Authenticate"] = 'Basic realm="iamconsole API"'
        return response
    if isinstance(exc, exceptions.PermissionDenied):
        return Response(
            {"code": "AccessDenied", "message": str(exc.detail), "field": None},
            status=status.HTTP_403_FORBIDDEN,
        )
    if isinstance(exc, (Http404, exceptions.NotFound)):
        return Response(
            {"code": "NoSuchEntity", "message": str(getattr(exc, "detail", exc)) or "Not found.",
             "field": None},
            status=status.HTTP_404_NOT_FOUND,
        )
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.APIException):
        code = {
            405: "MethodNotAllowed", 406: "NotAcceptable", 415: "UnsupportedMediaType",
            429: "Throttling",
        }.get(response.status_code, "InvalidInput")
        response.data = {"code": code, "message": str(exc.detail), "field": None}
    return response
