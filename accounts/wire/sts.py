"""STS's wire actions (Version 2011-06-15, signing service `sts`)."""

from __future__ import annotations

import re
from typing import Any

from iamconsole.exceptions import AccessDenied
from iamconsole.principal import Principal
from iamconsole.wire import WireCall, action

from ..operations.sts import AssumeRole
from ..operations.sts_tokens import (
    DecodeAuthorizationMessage,
    GetAccessKeyInfo,
    GetCallerIdentity,
    GetFederationToken,
    GetSessionToken,
    encode_authorization_message,
)
from ..services.sessions import IssuedSession

_DENIAL = re.compile(r"perform: (?P<action>\S+) on resource: (?P<resource>\S+)")


def _policy_arns(call: WireCall) -> list[str]:
    return [entry.get("arn", "") for entry in call.get("PolicyArns", [])]


def _tags(call: WireCall) -> list[dict[str, str]]:
    return [{"Key": t.get("Key", ""), "Value": t.get("Value", "")} for t in call.get("Tags", [])]


def _packed(issued: IssuedSession) -> dict[str, Any]:
    return {} if issued.packed_policy_size is None else {
        "PackedPolicySize": issued.packed_policy_size}


@action("AssumeRole", service="sts")
def assume_role(call: WireCall) -> dict[str, Any]:
    issued: IssuedSession = call.run(
        AssumeRole, role_arn=call.get("RoleArn", ""),
        role_session_name=call.get("RoleSessionName", ""), external_id=call.get("ExternalId"),
        duration_seconds=call.get("DurationSeconds"), policy=call.get("Policy"),
        policy_arns=_policy_arns(call), tags=_tags(call),
        transitive_tag_keys=call.get("TransitiveTagKeys", []),
        source_identity=call.get("SourceIdentity"), serial_number=call.get("SerialNumber"),
        token_code=call.get("TokenCode"), issue_credentials=True)
    answer = {"Credentials": issued.credentials(),
              "AssumedRoleUser": issued.assumed_role_user(), **_packed(issued)}
    if issued.principal.source_identity:
        answer["SourceIdentity"] = issued.principal.source_identity
    return answer


@action("GetCallerIdentity", service="sts")
def get_caller_identity(call: WireCall) -> dict[str, Any]:
    return call.run(GetCallerIdentity)


@action("GetSessionToken", service="sts")
def get_session_token(call: WireCall) -> dict[str, Any]:
    issued: IssuedSession = call.run(
        GetSessionToken, duration_seconds=call.get("DurationSeconds"),
        serial_number=call.get("SerialNumber"), token_code=call.get("TokenCode"))
    return {"Credentials": issued.credentials()}


@action("GetFederationToken", service="sts")
def get_federation_token(call: WireCall) -> dict[str, Any]:
    issued: IssuedSession = call.run(
        GetFederationToken, name=call.get("Name", ""), policy=call.get("Policy"),
        policy_arns=_policy_arns(call), duration_seconds=call.get("DurationSeconds"),
        tags=_tags(call))
    return {"Credentials": issued.credentials(), "FederatedUser": issued.federated_user(),
            **_packed(issued)}


@action("GetAccessKeyInfo", service="sts")
def get_access_key_info(call: WireCall) -> dict[str, Any]:
    return call.run(GetAccessKeyInfo, access_key_id=call.get("AccessKeyId", ""))


@action("DecodeAuthorizationMessage", service="sts")
def decode_authorization_message(call: WireCall) -> dict[str, Any]:
    return call.run(DecodeAuthorizationMessage, encoded_message=call.get("EncodedMessage", ""))


def _statements(result: Any) -> list[dict[str, Any]]:
    return [{"statementId": m.sid or "", "effect": m.effect,
             "source": {"type": m.policy_type, "index": m.policy_index,
                        "statementIndex": m.statement_index}}
            for m in getattr(result, "matched_statements", ())]


def encoded_denial(principal: Principal, denied: AccessDenied) -> str:
    """What a wire AccessDenied carries in its `<Detail>`: the evaluation's details,
    encrypted, for DecodeAuthorizationMessage (AWS's "Encoded authorization failure
    message")."""
    message = denied.message
    found = _DENIAL.search(message)
    result = getattr(denied.decision, "result", None)
    details = {
        "allowed": False,
        "explicitDeny": "explicit deny" in message,
        "matchedStatements": {"items": _statements(result)},
        "failures": {"items": []},
        "message": message,
        "explanation": getattr(result, "explanation", ""),
        "decidingPolicyType": getattr(result, "deciding_policy_type", None),
        "context": {
            "principal": {"id": principal.unique_id, "arn": principal.arn},
            "action": found["action"] if found else "",
            "resource": found["resource"] if found else "",
            "conditions": {"items": [
                {"key": key, "values": {"items": [{"value": str(value)}]}}
                for key, value in principal.session_context]},
        },
    }
    return f"Encoded authorization failure message: {encode_authorization_message(details)}"
