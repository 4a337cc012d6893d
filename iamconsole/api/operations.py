"""Every API handler runs the operation it performs, and cannot answer without having run it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from rest_framework.request import Request
from rest_framework.response import Response

from ..operations import Caller, Operation, caller_for


class IamOperationMixin:
    """Handlers name their operation (`self.run(CreateUser, ...)`), which authorizes itself.

    A successful response from a handler that ran no operation fails instead of being sent,
    so a handler cannot answer without its authorization.
    """

    request: Request

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        self.iam_authorized = False
        super().initial(request, *args, **kwargs)  # type: ignore[misc]

    @property
    def caller(self) -> Caller:
        """The request's caller, as the operations see it."""
        return caller_for(self.request)

    def ran(self) -> None:
        """Record that the handler ran its operation (a check the guard below reads)."""
        self.iam_authorized = True

    def run(self, operation: type[Operation], **inputs: Any) -> Any:
        """Run the handler's operation (it authorizes itself) and return its output."""
        result = self.caller.run(operation, **inputs)
        self.ran()
        return result

    def run_all(self, operations: list[Operation]) -> list[Any]:
        """Run several operations the handler performs, all of them or none."""
        results = self.caller.run_all(operations)
        self.ran()
        return results

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        if response.status_code < 400 and not getattr(self, "iam_authorized", False):
            handler = getattr(self, "action", None) or request.method.lower()
            raise ImproperlyConfigured(
                f"{type(self).__name__}.{handler} answered without running its operation."
            )
        return response
