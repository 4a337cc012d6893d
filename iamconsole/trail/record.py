"""Events in CloudTrail's record format, from the caller, the request and the call."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from accounts.models import TrailEvent
from iamconsole.principal import Principal

from .redaction import plain, response_elements, storable

EVENT_VERSION = "1.08"
# CloudTrail's resource types by the IAM ARN's resource type.
_RESOURCE_TYPES = {
    "user": "AWS::IAM::User", "group": "AWS::IAM::Group", "role": "AWS::IAM::Role",
    "policy": "AWS::IAM::Policy", "instance-profile": "AWS::IAM::InstanceProfile",
    "mfa": "AWS::IAM::MFADevice", "saml-provider": "AWS::IAM::SAMLProvider",
    "oidc-provider": "AWS::IAM::OIDCProvider", "server-certificate": "AWS::IAM::ServerCertificate",
    "assumed-role": "AWS::STS::AssumedRole",
}


@dataclass(frozen=True)
class Origin:
    """Where a call came from: what the trail records of the request beside its caller."""

    source_ip: str | None = None
    user_agent: str = ""
    request_id: str | None = None
    region: str = "us-east-1"
    access_key_id: str = ""

    @classmethod
    def of(cls, request: Any, **overrides: Any) -> Origin:
        """The origin of a Django request (its address, user agent)."""
        meta = getattr(request, "META", {})
        return cls(source_ip=meta.get("REMOTE_ADDR"),
                   user_agent=str(meta.get("HTTP_USER_AGENT", ""))[:1024], **overrides)


def user_identity(principal: Principal | None, origin: Origin) -> dict[str, Any]:
    """CloudTrail's `userIdentity` of a principal (an unsigned caller is anonymous)."""
    if principal is None:
        return {"type": "AWSAccount", "principalId": "", "accountId": "ANONYMOUS_PRINCIPAL"}
    kind = {"root": "Root", "user": "IAMUser", "assumed-role": "AssumedRole",
            "federated-user": "FederatedUser"}[principal.kind]
    identity: dict[str, Any] = {
        "type": kind, "principalId": principal.unique_id, "arn": principal.arn,
        "accountId": principal.account_id, "accessKeyId": origin.access_key_id,
    }
    if principal.kind == "user":
        identity["userName"] = principal.name
    if principal.kind == "assumed-role":
        role_id = principal.unique_id.split(":", 1)[0]
        # Built from the name only when the principal does not carry it (it has no path).
        issuer_arn = principal.issuer_arn or (
            f"arn:aws:iam::{principal.account_id}:role/{principal.name}")
        identity["sessionContext"] = {
            "sessionIssuer": {"type": "Role", "principalId": role_id, "arn": issuer_arn,
                              "accountId": principal.account_id, "userName": principal.name},
            "attributes": {
                "creationDate": _time(_issued_at(principal)),
                "mfaAuthenticated": "true" if principal.mfa_authenticated_at else "false",
            },
        }
        if principal.source_identity:
            identity["sessionContext"]["sourceIdentity"] = principal.source_identity
    elif principal.mfa_authenticated_at is not None or principal.via == "session":
        identity["sessionContext"] = {"attributes": {
            "mfaAuthenticated": "true" if principal.mfa_authenticated_at else "false"}}
    return identity


def _issued_at(principal: Principal) -> datetime | str | None:
    """When the session's credentials were issued (aws:TokenIssueTime), if it has one."""
    return dict(principal.session_context).get("aws:TokenIssueTime")  # type: ignore[return-value]


def _time(moment: datetime | str | None) -> str | None:
    if isinstance(moment, str):
        return moment
    if moment is None:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def resource_of(arn: str | None) -> tuple[str, str]:
    """(CloudTrail's resource type, the resource's name) of an ARN; ("", "") for none."""
    if not arn or arn == "*" or not arn.startswith("arn:"):
        return "", ""
    resource = arn.split(":", 5)[-1]
    kind, _, rest = resource.partition("/")
    return _RESOURCE_TYPES.get(kind, ""), rest.rsplit("/", 1)[-1] if rest else resource


def event(
    *,
    principal: Principal | None,
    origin: Origin,
    source: str,
    name: str,
    read_only: bool,
    parameters: Any = None,
    response: Any = None,
    error: tuple[str, str] | None = None,
    resource_arn: str | None = None,
    account_id: str | None = None,
    account_pk: int | None = None,
    event_type: str = "AwsApiCall",
    extra: dict[str, Any] | None = None,
    event_id: uuid.UUID | None = None,
) -> TrailEvent:
    """One event (unsaved): its CloudTrail record and the columns event history filters on."""
    now = datetime.now(UTC)
    event_id = event_id or uuid.uuid4()
    identity = user_identity(principal, origin)
    recipient = account_id or (principal.account_id if principal else "")
    record: dict[str, Any] = {
        "eventVersion": EVENT_VERSION,
        "userIdentity": identity,
        "eventTime": _time(now),
        "eventSource": f"{source}.amazonaws.com",
        "eventName": name,
        "awsRegion": origin.region,
        "sourceIPAddress": origin.source_ip or "AWS Internal",
        "userAgent": origin.user_agent,
        "requestParameters": plain(parameters) if parameters is not None else None,
        "responseElements": response_elements(response) if response is not None else None,
        "requestID": origin.request_id or str(uuid.uuid4()),
        "eventID": str(event_id),
        "readOnly": read_only,
        "eventType": event_type,
        "managementEvent": True,
        "recipientAccountId": recipient,
        "eventCategory": "Management",
    }
    if error is not None:
        if error[0]:  # a refused console sign-in has a message only
            record["errorCode"] = error[0]
        record["errorMessage"] = error[1]
    resource_type, resource_name = resource_of(resource_arn)
    if resource_arn and resource_type:
        record["resources"] = [{"accountId": recipient, "type": resource_type,
                                "ARN": resource_arn}]
    if extra:
        record.update(extra)
    user_name = principal.name if principal is not None else (
        record["userIdentity"].get("userName") or "")
    if principal is not None and principal.kind == "assumed-role":
        user_name = principal.session_name or principal.name
    return TrailEvent(
        account_id=account_pk if account_pk is not None else (
            principal.account_pk if principal else None),
        event_id=event_id, event_time=now, event_source=record["eventSource"],
        event_name=name, read_only=read_only, user_name=storable(user_name[:256]),
        access_key_id=storable(origin.access_key_id), resource_type=resource_type,
        resource_name=storable(resource_name[:2048]),
        error_code=(error[0] or "Failure") if error else "",
        record=storable(record),
    )
