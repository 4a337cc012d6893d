"""Every API handler runs the operation it performs (or, until converted, declares it)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from django.core.exceptions import ImproperlyConfigured
from rest_framework.request import Request
from rest_framework.response import Response

from policies.authorization import Requirement, authorize

from ..operations import Caller, Operation, caller_for

IamActions = str | tuple[str, ...]


class IamOperationMixin:
    """Map each handler to the IAM action(s) AWS uses and refuse to answer without a check.

    `iam_actions` maps a viewset handler name (`list`, `create`, `attached_policies`...) or,
    on plain API views, the lower-case HTTP method, to one IAM action or a tuple of them:

        iam_actions = {"list": "iam:ListUsers", "create": "iam:CreateUser"}

    Handlers call `self.authorize(resource_arn)` (or a helper that does) before they read or
    write anything the caller could see. Two guards make the check hard to forget: a handler
    missing from `iam_actions` fails at the start of the request, and a successful response
    from a handler that never called `authorize` fails instead of being sent.
    """

    iam_actions: ClassVar[Mapping[str, IamActions]] = {}
    request: Request

    def iam_action_key(self) -> str:
        """The key of the running handler in `iam_actions`."""
        action = getattr(self, "action", None)
        if action:
            return action
        method = self.request.method.lower()
        return "get" if method == "head" else method

    def declared_actions(self) -> tuple[str, ...]:
        """The IAM action(s) the running handler declared."""
        key = self.iam_action_key()
        try:
            declared = self.iam_actions[key]
        except KeyError:
            raise ImproperlyConfigured(
                f"{type(self).__name__}.{key} declares no IAM operation in iam_actions."
            ) from None
        return (declared,) if isinstance(declared, str) else tuple(declared)

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        self.iam_authorized = False
        super().initial(request, *args, **kwargs)  # type: ignore[misc]

    @property
    def caller(self) -> Caller:
        """The request's caller, as the operations see it."""
        return caller_for(self.request)

    def run(self, operation: type[Operation], **inputs: Any) -> Any:
        """Run the handler's operation (it authorizes itself) and return its output."""
        result = self.caller.run(operation, **inputs)
        self.iam_authorized = True
        return result

    def run_all(self, operations: list[Operation]) -> list[Any]:
        """Run several operations the handler performs, all of them or none."""
        results = self.caller.run_all(operations)
        self.iam_authorized = True
        return results

    def authorize(
        self,
        resource: str = "*",
        *,
        actions: IamActions | None = None,
        context: Mapping[str, Any] | None = None,
    ) -> None:
        """Raise AccessDenied unless the caller may perform the handler's action(s) on `resource`.

        `actions` overrides the declared ones for extra checks (e.g. iam:PassRole).
        """
        chosen = self.declared_actions() if actions is None else actions
        for action in (chosen,) if isinstance(chosen, str) else chosen:
            authorize(
                getattr(self.request, "principal", None),
                Requirement(action=action, resource=resource, context=dict(context or {})),
            )
        if actions is None:
            self.iam_authorized = True

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        if response.status_code < 400 and not getattr(self, "iam_authorized", False):
            raise ImproperlyConfigured(
                f"{type(self).__name__}.{self.iam_action_key()} answered without authorizing "
                "its IAM operation."
            )
        return response
