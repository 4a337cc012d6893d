"""Trust policies as the AWS console's create-role wizard writes them, and who they trust."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

VERSION = "2012-10-17"
# The audience AWS's sign-in endpoint presents in SAML assertions for console access.
SAML_CONSOLE_AUDIENCE = "https://signin.aws.amazon.com/saml"
ACCOUNT_ID_RE = re.compile(r"^\d{12}$")
# sts:ExternalId: 2 to 1,224 characters of letters, digits and +=,.@:/-_ (AWS's pattern).
EXTERNAL_ID_RE = re.compile(r"^[\w+=,.@:/-]{2,1224}$")
SAML_PROVIDER_ARN_RE = re.compile(r"^arn:aws:iam::\d{12}:saml-provider/[\w._-]{1,128}$")


@dataclass(frozen=True)
class UseCase:
    """One "AWS service" use case of the wizard: who assumes the role and what it starts with.

    `policies` are AWS-managed policy names preselected on the permissions step;
    `instance_profile` says the console also creates an instance profile of the role's name.
    """

    key: str
    service_name: str
    label: str
    description: str
    principal: str
    policies: tuple[str, ...] = ()
    instance_profile: bool = False


USE_CASES: tuple[UseCase, ...] = (
    UseCase("ec2", "EC2", "EC2",
            "Allows EC2 instances to call AWS services on your behalf.",
            "ec2.amazonaws.com", instance_profile=True),
    UseCase("ec2-ssm", "EC2", "EC2 Role for AWS Systems Manager",
            "Allows EC2 instances to call AWS services like CloudWatch and Systems Manager "
            "on your behalf.",
            "ec2.amazonaws.com", ("AmazonSSMManagedInstanceCore",), instance_profile=True),
    UseCase("lambda", "Lambda", "Lambda",
            "Allows Lambda functions to call AWS services on your behalf.",
            "lambda.amazonaws.com"),
    UseCase("ecs-tasks", "Elastic Container Service", "Elastic Container Service Task",
            "Allows ECS tasks to call AWS services on your behalf.",
            "ecs-tasks.amazonaws.com"),
    UseCase("apigateway", "API Gateway", "API Gateway",
            "Allows API Gateway to push logs to CloudWatch Logs.",
            "apigateway.amazonaws.com", ("AmazonAPIGatewayPushToCloudWatchLogs",)),
    UseCase("glue", "Glue", "Glue",
            "Allows Glue to call AWS services on your behalf.",
            "glue.amazonaws.com", ("AWSGlueServiceRole",)),
    UseCase("states", "Step Functions", "Step Functions",
            "Allows Step Functions to access AWS resources on your behalf.",
            "states.amazonaws.com"),
    UseCase("cloudformation", "CloudFormation", "CloudFormation",
            "Allows CloudFormation to create and manage AWS stacks and resources on your "
            "behalf.",
            "cloudformation.amazonaws.com"),
)
USE_CASES_BY_KEY = {use_case.key: use_case for use_case in USE_CASES}


@dataclass(frozen=True)
class WebIdentityProvider:
    """A web identity provider: the Federated principal and the condition key of its audience."""

    key: str
    label: str
    principal: str
    audience_key: str
    audience_label: str


WEB_IDENTITY_PROVIDERS: tuple[WebIdentityProvider, ...] = (
    WebIdentityProvider("cognito", "Amazon Cognito", "cognito-identity.amazonaws.com",
                        "cognito-identity.amazonaws.com:aud", "Identity pool ID"),
    WebIdentityProvider("amazon", "Login with Amazon", "www.amazon.com",
                        "www.amazon.com:app_id", "Application ID"),
    WebIdentityProvider("facebook", "Facebook", "graph.facebook.com",
                        "graph.facebook.com:app_id", "Application ID"),
    WebIdentityProvider("google", "Google", "accounts.google.com",
                        "accounts.google.com:aud", "Audience"),
)
WEB_IDENTITY_BY_KEY = {provider.key: provider for provider in WEB_IDENTITY_PROVIDERS}
# SAML attributes the console offers for a programmatic-access condition.
SAML_ATTRIBUTES = ("SAML:aud", "SAML:iss", "SAML:sub", "SAML:sub_type",
                   "SAML:eduPersonOrgDN", "SAML:namequalifier")
CUSTOM_TRUST_TEMPLATE = {
    "Version": VERSION,
    "Statement": [
        {"Sid": "Statement1", "Effect": "Allow", "Principal": {}, "Action": "sts:AssumeRole"}
    ],
}


def to_text(document: Mapping[str, Any]) -> str:
    """The document as the console shows and stores it: JSON with four-space indents."""
    return json.dumps(document, indent=4)


def _policy(statement: dict[str, Any]) -> dict[str, Any]:
    return {"Version": VERSION, "Statement": [statement]}


def aws_service_trust(services: Iterable[str]) -> dict[str, Any]:
    """Trust for AWS services (EC2, Lambda...): sts:AssumeRole by their service principals."""
    return _policy({
        "Effect": "Allow",
        "Action": ["sts:AssumeRole"],
        "Principal": {"Service": list(services)},
    })


def aws_account_trust(
    account_id: str, *, external_id: str = "", require_mfa: bool = False
) -> dict[str, Any]:
    """Trust for an AWS account's principals (its root ARN), with the console's options.

    An external ID adds `StringEquals sts:ExternalId`; requiring MFA adds
    `Bool aws:MultiFactorAuthPresent "true"`. Without options AWS writes an empty Condition.
    """
    if not ACCOUNT_ID_RE.match(account_id):
        raise ValueError("An account ID has exactly 12 digits.")
    condition: dict[str, Any] = {}
    if external_id:
        condition["StringEquals"] = {"sts:ExternalId": external_id}
    if require_mfa:
        condition["Bool"] = {"aws:MultiFactorAuthPresent": "true"}
    return _policy({
        "Effect": "Allow",
        "Principal": {"AWS": f"arn:aws:iam::{account_id}:root"},
        "Action": "sts:AssumeRole",
        "Condition": condition,
    })


def oidc_host(url: str) -> str:
    """An OIDC provider's identifier: its URL without scheme or trailing slash."""
    host = re.sub(r"^https?://", "", url.strip(), flags=re.IGNORECASE)
    return host.rstrip("/")


def web_identity_trust(
    *, account_id: str, provider: str, audience: str, oidc_url: str = ""
) -> dict[str, Any]:
    """Trust for a web identity: a well-known provider, or `provider="oidc"` with its URL.

    A custom OIDC provider is named by its IAM ARN (`oidc-provider/<host>`) and its audience is
    the `<host>:aud` condition key, as the console writes them.
    """
    if provider == "oidc":
        host = oidc_host(oidc_url)
        if not host:
            raise ValueError("Give the OIDC provider's URL.")
        principal = f"arn:aws:iam::{account_id}:oidc-provider/{host}"
        audience_key = f"{host}:aud"
    else:
        known = WEB_IDENTITY_BY_KEY[provider]
        principal, audience_key = known.principal, known.audience_key
    return _policy({
        "Effect": "Allow",
        "Principal": {"Federated": principal},
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": {"StringEquals": {audience_key: audience}},
    })


def saml_trust(
    *, provider_arn: str, console_access: bool, attribute: str = "", value: str = ""
) -> dict[str, Any]:
    """Trust for SAML 2.0 federation through an IAM SAML provider.

    Console access requires `SAML:aud` to be AWS's sign-in endpoint; programmatic access
    takes an optional attribute condition instead.
    """
    statement: dict[str, Any] = {
        "Effect": "Allow",
        "Principal": {"Federated": provider_arn},
        "Action": "sts:AssumeRoleWithSAML",
    }
    if console_access:
        statement["Condition"] = {"StringEquals": {"SAML:aud": SAML_CONSOLE_AUDIENCE}}
    elif attribute and value:
        statement["Condition"] = {"StringEquals": {attribute: value}}
    return _policy(statement)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def _aws_principal_label(value: str) -> str:
    if ACCOUNT_ID_RE.match(value):
        return f"Account: {value}"
    match = re.match(r"^arn:[\w-]+:iam::(\d{12}):root$", value)
    if match:
        return f"Account: {match.group(1)}"
    return f"Principal: {value}"


def _federated_label(value: str) -> str:
    # An IAM provider ARN is named by its resource part (saml-provider/Okta).
    name = value.split(":", 5)[-1] if value.startswith("arn:") else value
    return f"Identity provider: {name}"


def trusted_entities(document: Mapping[str, Any] | None) -> list[str]:
    """What the roles list shows as trusted entities, from the trust policy's Allow statements.

    "AWS service: ec2", "Account: 111122223333", "Identity provider: accounts.google.com",
    "Anyone" for `"Principal": "*"`; each label once, in the policy's order.
    """
    labels: list[str] = []
    statements = (document or {}).get("Statement", [])
    if isinstance(statements, dict):
        statements = [statements]
    for statement in statements if isinstance(statements, list) else []:
        if not isinstance(statement, dict) or statement.get("Effect") != "Allow":
            continue
        principal = statement.get("Principal")
        if principal == "*":
            labels.append("Anyone")
            continue
        if not isinstance(principal, dict):
            continue
        for service in _strings(principal.get("Service")):
            labels.append(f"AWS service: {service.removesuffix('.amazonaws.com')}")
        labels += [_aws_principal_label(v) for v in _strings(principal.get("AWS"))]
        labels += [_federated_label(v) for v in _strings(principal.get("Federated"))]
    return list(dict.fromkeys(labels))


def trusts_service(document: Mapping[str, Any] | None, service: str) -> bool:
    """True when an Allow statement names this service principal (ec2.amazonaws.com)."""
    return f"AWS service: {service.removesuffix('.amazonaws.com')}" in trusted_entities(document)
