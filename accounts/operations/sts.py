"""STS: AssumeRole, acting as a role of this or another account hosted here."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import timezone

from iamconsole.exceptions import AccessDenied, InvalidInput, StsValidationError
from iamconsole.operations import Operation, register
from iamconsole.principal import Principal
from policies.authorization import Requirement

from ..models import MfaDevice, Role
from ..selectors import entity_get_by_arn
from ..services.mfa import mfa_device_verify_code
from ..services.roles import role_record_use
from ..services.sessions import IssuedSession, session_issue

_SESSION_NAME = re.compile(r"^[\w+=,.@-]{2,64}$")
_EXTERNAL_ID = re.compile(r"^[\w+=,.@:/-]{2,1224}$")
_SERIAL = re.compile(r"^[\w+=/:,.@-]{9,256}$")
_TOKEN_CODE = re.compile(r"^\d{6}$")
MFA_FAILED = "MultiFactorAuthentication failed with invalid MFA one time pass code."


def session_tag_context(tags: Sequence[Mapping[str, str]],
                        transitive: Sequence[str]) -> dict[str, Any]:
    """The condition keys of sts:TagSession: aws:RequestTag/*, aws:TagKeys and
    sts:TransitiveTagKeys."""
    context: dict[str, Any] = {f"aws:RequestTag/{t['Key']}": t["Value"] for t in tags}
    context["aws:TagKeys"] = [t["Key"] for t in tags]
    if transitive:
        context["sts:TransitiveTagKeys"] = list(transitive)
    return context


def verify_mfa(principal: Principal | None, serial_number: str | None,
               token_code: str | None) -> datetime | None:
    """When the request names an MFA device and code (SerialNumber, TokenCode): the time
    the caller's own device accepted the code, else AccessDenied as AWS answers."""
    if serial_number is None and token_code is None:
        return None
    if serial_number is None or token_code is None:
        raise StsValidationError("SerialNumber and TokenCode are given together.")
    if not _SERIAL.match(serial_number):
        raise StsValidationError("A serial number has 9 to 256 letters, digits and "
                                 "+=/:,.@- characters.")
    if not _TOKEN_CODE.match(token_code):
        raise StsValidationError("1 validation error detected: Value at 'tokenCode' failed "
                                 "to satisfy constraint: Member must satisfy regular "
                                 "expression pattern: [\\d]*")
    devices = MfaDevice.objects.filter(serial_number=serial_number, enabled_at__isnull=False)
    if principal is None or principal.kind not in ("user", "root"):
        device = None
    elif principal.kind == "root":
        device = devices.filter(account_id=principal.account_pk, is_root=True).first()
    else:
        device = devices.filter(user_id=principal.entity_pk).first()
    if device is None or not mfa_device_verify_code(device=device, code=token_code):
        raise AccessDenied(MFA_FAILED)
    return timezone.now()


@register
@dataclass(kw_only=True, eq=False)
class AssumeRole(Operation):
    """AssumeRole: the caller's own policies and the role's trust policy (the resource-based
    policy of sts:AssumeRole) both decide, with the session name as sts:RoleSessionName and
    the external ID as sts:ExternalId; conditions on the caller (MFA, source IP, tags) see
    the caller's request context. A role that does not exist is refused as AWS refuses it:
    AccessDenied. Session tags also need sts:TagSession, a source identity
    sts:SetSourceIdentity. Returns the role (the console starts its own session), or with
    `issue_credentials` the temporary credentials (IssuedSession)."""

    service = "sts"
    role_arn: str
    role_session_name: str
    external_id: str | None = None
    duration_seconds: int | None = None
    policy: str | None = None
    policy_arns: Sequence[str] = ()
    tags: Sequence[Mapping[str, str]] = ()
    transitive_tag_keys: Sequence[str] = ()
    source_identity: str | None = None
    serial_number: str | None = None
    token_code: str | None = None
    issue_credentials: bool = False
    role: Role | None = field(init=False, default=None, repr=False)
    mfa_at: datetime | None = field(init=False, default=None, repr=False)

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
        if principal is not None and principal.kind == "federated-user":
            raise AccessDenied(f"User: {principal.arn} is not authorized to perform: "
                               f"sts:AssumeRole on resource: {self.role_arn}")
        self.mfa_at = verify_mfa(principal, self.serial_number, self.token_code)
        found = entity_get_by_arn(arn=self.role_arn)
        self.role = found if isinstance(found, Role) else None

    def resource(self) -> str:
        return self.role_arn

    def context(self) -> Mapping[str, Any]:
        context: dict[str, Any] = {"sts:RoleSessionName": self.role_session_name}
        if self.external_id:
            context["sts:ExternalId"] = self.external_id
        if self.source_identity:
            context["sts:SourceIdentity"] = self.source_identity
        if self.mfa_at is not None:
            context["aws:MultiFactorAuthPresent"] = "true"
            context["aws:MultiFactorAuthAge"] = "0"
        return context

    def requirements(self) -> Iterable[Requirement]:
        yield self.requirement()
        mfa = {k: v for k, v in self.context().items() if k.startswith("aws:")}
        if self.tags:
            yield self.requirement(
                "sts:TagSession",
                context={**mfa, **session_tag_context(self.tags, self.transitive_tag_keys)})
        if self.source_identity:
            yield self.requirement("sts:SetSourceIdentity",
                                   context={**mfa, "sts:SourceIdentity": self.source_identity})

    def perform(self) -> Role | IssuedSession:
        if self.role is None:
            arn = self.caller.principal.arn if self.caller.principal else "anonymous"
            raise AccessDenied(f"User: {arn} is not authorized to perform: sts:AssumeRole on "
                               f"resource: {self.role_arn}")
        role_record_use(role=self.role)
        if not self.issue_credentials:
            return self.role
        principal = self.caller.principal
        chained = principal if principal is not None and principal.kind == "assumed-role" \
            else None
        # MFA the caller's own session used (a role session, GetSessionToken's) carries over.
        mfa_at = self.mfa_at or (principal.mfa_authenticated_at if principal else None)
        return session_issue(
            kind="assumed-role", issued_by="AssumeRole", role=self.role,
            session_name=self.role_session_name,
            duration_seconds=self.duration_seconds or 3600,
            max_duration=self.role.max_session_duration, policy=self.policy,
            policy_arns=self.policy_arns, session_tags=self.tags,
            transitive_tag_keys=self.transitive_tag_keys,
            source_identity=self.source_identity, mfa_authenticated_at=mfa_at, parent=chained,
            caller_arn=principal.arn if principal else "")
