"""OpenAPI pieces shared by every endpoint: the error body, error responses, auth schemes."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema_field,
    extend_schema_serializer,
)
from rest_framework import serializers

ERROR_CODES = (
    "NotAuthenticated", "AccessDenied", "NoSuchEntity", "EntityAlreadyExists", "DeleteConflict",
    "LimitExceeded", "MalformedPolicyDocument", "InvalidInput", "PreconditionFailed",
    "PasswordPolicyViolation", "UnmodifiableEntity", "PolicyNotAttachable",
    "InvalidAuthenticationCode", "ConcurrentModification", "MethodNotAllowed", "NotAcceptable",
    "UnsupportedMediaType", "Throttling", "GuardRailViolation",
)

_ERROR_EXAMPLES = {
    "400": ("InvalidInput", "The user name may contain only letters, digits and _+=,.@- "
            "characters.", "name"),
    "401": ("NotAuthenticated", "Sign in, or send an access key as HTTP Basic credentials.",
            None),
    "403": ("AccessDenied", "User: arn:aws:iam::111111111111:user/alice is not authorized to "
            "perform: iam:CreateUser on resource: arn:aws:iam::111111111111:user/bob because no "
            "identity-based policy allows the iam:CreateUser action", None),
    "404": ("NoSuchEntity", "The user with name bob cannot be found.", "user_name"),
    "409": ("EntityAlreadyExists", "User with name bob already exists.", "name"),
    "412": ("PreconditionFailed", "The entity changed since you read it (If-Match does not "
            "match its current ETag). Read it again and retry with the new ETag.", "If-Match"),
    "415": ("UnsupportedMediaType", 'Unsupported media type "text/plain" in request.', None),
}


@extend_schema_field(
    {"description": "More about the error: the findings of a policy document, the blockers of "
                    "a delete, the broken password rules.", "nullable": True}
)
class _AnyField(serializers.JSONField):
    pass


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            f"{code} {name}",
            value={"code": name, "message": message, "field": field},
            status_codes=[code],
            response_only=True,
        )
        for code, (name, message, field) in _ERROR_EXAMPLES.items()
    ]
)
class ErrorSerializer(serializers.Serializer):
    """Every error: AWS's code, a sentence, and the input field at fault (or null)."""

    code = serializers.CharField(help_text="AWS's error code, e.g. NoSuchEntity.")
    message = serializers.CharField()
    field = serializers.CharField(allow_null=True, help_text="The input field at fault.")
    details = _AnyField(required=False)
    reason = serializers.CharField(
        required=False,
        help_text="Organizations' errors: the rule broken (the Reason of "
                  "ConstraintViolationException or InvalidInputException).",
    )


IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="The ETag of your last read; the write fails with 412 PreconditionFailed "
                "when the entity changed since.",
)
ETAG = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[200, 201],
    description="The entity tag of this representation, for If-Match.",
)


# What a path segment naming an entity may hold, written for OpenAPI's ECMA regexes (where \w
# is ASCII, unlike Python's); the routes accept a superset and the selectors decide.
NAME_PATTERN = r"^[A-Za-z0-9_+=,.@-]{1,128}$"
ID_PATTERN = r"^[A-Za-z0-9_]{16,128}$"


class IamAutoSchema(AutoSchema):
    """Adds the error responses every endpoint can give, each with the error body.

    Path parameters routed by the name regex are documented with the ASCII NAME_PATTERN.
    """

    def _resolve_path_parameters(self, variables: Any) -> list[dict[str, Any]]:
        parameters = super()._resolve_path_parameters(variables)
        entity = getattr(self.view, "entity_type", "") or "entity"
        for parameter in parameters:
            if parameter["schema"].get("pattern", "").startswith("^[\\w+=,.@-]"):
                parameter["schema"]["pattern"] = NAME_PATTERN
            if parameter["name"] == "name" and not parameter.get("description"):
                parameter["description"] = (
                    f"The {entity.replace('-', ' ').replace('mfa', 'MFA device')}'s name "
                    "in your account (ignoring case)."
                )
            elif parameter["name"] == "policy_id":
                parameter["schema"]["pattern"] = ID_PATTERN
                parameter.setdefault("description", "The managed policy's unique ID (ANPA...).")
        return parameters

    def _error_codes(self) -> list[str]:
        codes = ["400", "401", "403"]
        # Anything naming an entity (in the path or the body) can miss it; lists never do.
        if "{" in self.path or not (self.method == "GET" and self._is_list_view()):
            codes.append("404")
        if self.method in ("POST", "PUT", "PATCH", "DELETE"):
            codes.append("409")
        if self.method in ("POST", "PUT", "PATCH"):
            codes.append("415")
        if any(
            isinstance(p, OpenApiParameter) and p.name == "If-Match"
            for p in self.get_override_parameters()
        ):
            codes.append("412")
        return codes

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        for code in self._error_codes():
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    ErrorSerializer, code, ("application/json",), direction
                )
        return responses


class PrincipalAuthenticationScheme(OpenApiAuthenticationExtension):
    """Access keys as HTTP Basic (ID as user name, secret as password), or the console session."""

    target_class = "iamconsole.api.authentication.PrincipalAuthentication"
    name = ["accessKey", "consoleSession"]

    def get_security_requirement(self, auto_schema: Any) -> list[dict[str, list[Any]]]:
        return [{"accessKey": []}, {"consoleSession": []}]

    def get_security_definition(self, auto_schema: Any) -> list[dict[str, Any]]:
        return [
            {
                "type": "http",
                "scheme": "basic",
                "description": "An IAM access key: the access key ID as user name and the "
                               "secret access key as password. Only ever over TLS.",
            },
            {
                "type": "apiKey",
                "in": "cookie",
                "name": "sessionid",
                "description": "The console's session cookie; unsafe methods also need the "
                               "X-CSRFToken header.",
            },
        ]
