"""STS's federated sign-ins on the wire: AssumeRoleWithWebIdentity and AssumeRoleWithSAML
(unsigned, as in AWS: the token or assertion is the credential)."""

from __future__ import annotations

from typing import Any

from iamconsole.wire import WireCall, action

from ..operations.sts_federation import (
    AssumeRoleWithSAML,
    AssumeRoleWithWebIdentity,
    FederatedSession,
    session_answer,
)


def _session_inputs(call: WireCall) -> dict[str, Any]:
    return {"role_arn": call.get("RoleArn", ""), "policy": call.get("Policy"),
            "policy_arns": [entry.get("arn", "") for entry in call.get("PolicyArns", [])],
            "duration_seconds": call.get("DurationSeconds")}


@action("AssumeRoleWithWebIdentity", service="sts")
def assume_role_with_web_identity(call: WireCall) -> dict[str, Any]:
    session: FederatedSession = call.run(
        AssumeRoleWithWebIdentity, **_session_inputs(call),
        role_session_name=call.get("RoleSessionName", ""),
        web_identity_token=call.get("WebIdentityToken", ""),
        provider_id=call.get("ProviderId"))
    identity = session.identity
    # Provider: the provider's ARN (its name for Cognito and the like), as AWS answers.
    return {**session_answer(session), "SubjectFromWebIdentityToken": identity.subject,
            "Audience": identity.audience, "Provider": session.federated}


@action("AssumeRoleWithSAML", service="sts")
def assume_role_with_saml(call: WireCall) -> dict[str, Any]:
    session: FederatedSession = call.run(
        AssumeRoleWithSAML, **_session_inputs(call), principal_arn=call.get("PrincipalArn", ""),
        saml_assertion=call.get("SAMLAssertion", ""))
    identity = session.identity
    provider = session.provider
    return {**session_answer(session), "Subject": identity.subject,
            "SubjectType": identity.subject_type, "Issuer": identity.issuer,
            "Audience": identity.recipient,
            "NameQualifier": identity.name_qualifier(provider.account.account_id, provider.name)}
