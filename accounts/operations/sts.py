"""STS: AssumeRole, acting as a role of this or another account hosted here."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from iamconsole.exceptions import AccessDenied, InvalidInput
from iamconsole.operations import Operation, register

from ..models import Role
from ..selectors import entity_get_by_arn
from ..services.roles import role_record_use

_SESSION_NAME = re.compile(r"^[\w+=,.@-]{2,64}$")
_EXTERNAL_ID = re.compile(r"^[\w+=,.@:/-]{2,1224}$")


@register
@dataclass(kw_only=True, eq=False)
class AssumeRole(Operation):
    """AssumeRole: the caller's own policies and the role's trust policy (the resource-based
    policy of sts:AssumeRole) both decide, with the session name as sts:RoleSessionName and
    the external ID as sts:ExternalId; conditions on the caller (MFA, source IP, tags) see
    the caller's request context. A role that does not exist is refused as AWS refuses it:
    AccessDenied. Returns the role; the front door starts the session."""

    service = "sts"
    role_arn: str
    role_session_name: str
    external_id: str | None = None
    role: Role | None = field(init=False, default=None, repr=False)

    def validate(self) -> None:
        if not 20 <= len(self.role_arn) <= 2048:
            raise InvalidInput("The role ARN must have 20 to 2048 characters.", field="role_arn")
        if not _SESSION_NAME.match(self.role_session_name):
            raise InvalidInput("A session name has 2 to 64 letters, digits and _+=,.@-.",
                               field="role_session_name")
        if self.external_id is not None and not _EXTERNAL_ID.match(self.external_id):
            raise InvalidInput("An external ID has 2 to 1224 letters, digits and +=,.@:/- "
                               "characters.", field="external_id")

    def prepare(self) -> None:
        principal = self.caller.principal
        if principal is not None and principal.kind == "root":
            raise AccessDenied("Roles may not be assumed by root accounts.")
        found = entity_get_by_arn(arn=self.role_arn)
        self.role = found if isinstance(found, Role) else None

    def resource(self) -> str:
        return self.role_arn

    def context(self) -> Mapping[str, Any]:
        context = {"sts:RoleSessionName": self.role_session_name}
        if self.external_id:
            context["sts:ExternalId"] = self.external_id
        return context

    def perform(self) -> Role:
        if self.role is None:
            arn = self.caller.principal.arn if self.caller.principal else "anonymous"
            raise AccessDenied(f"User: {arn} is not authorized to perform: sts:AssumeRole on "
                               f"resource: {self.role_arn}")
        role_record_use(role=self.role)
        return self.role
