"""The grammar's vocabulary: element names, versions, partitions, ARN and principal forms."""

from __future__ import annotations

import re

from policies.engine import globs

TOP_LEVEL_KEYS = ("Version", "Id", "Statement")
STATEMENT_KEYS = (
    "Sid", "Effect", "Action", "NotAction", "Resource", "NotResource",
    "Principal", "NotPrincipal", "Condition",
)
VERSIONS = ("2012-10-17", "2008-10-17")
PARTITIONS = ("aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f",
              "aws-eusc")
IAM_RESOURCE_TYPES = (
    "user/", "role/", "group/", "policy/", "instance-profile/", "mfa/", "saml-provider/",
    "oidc-provider/", "server-certificate/", "sms-mfa/", "access-report/", "root",
)
TRUST_ACTIONS = (
    "AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity", "TagSession",
    "SetSourceIdentity", "SetContext",
)
PRINCIPAL_KEYS = ("AWS", "Service", "Federated", "CanonicalUser")
IDENTITY_LIKE = ("identity", "boundary", "session", "scp")
ACTION = re.compile(r"^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$")
SID_STRICT = re.compile(r"^[A-Za-z0-9]*$")
_ACCOUNT_ID = re.compile(r"^\d{12}$")
_PRINCIPAL_ARN = re.compile(
    r"^arn:[a-z-]+:(iam::(\d{12}|aws):(root|user/.+|role/.+|federated-user/.+|saml-provider/.+"
    r"|oidc-provider/.+)|sts::\d{12}:(assumed-role/.+/.+|federated-user/.+))$"
)
VARIABLE = re.compile(r"\$\{[^}]*\}")
TYPE_NAMES = {
    "identity": "identity-based policies", "boundary": "permissions boundaries",
    "session": "session policies", "scp": "service control policies",
    "trust": "role trust policies", "resource": "resource-based policies",
    "rcp": "resource control policies", "endpoint": "VPC endpoint policies",
}


def glob_matches(pattern: str, value: str) -> bool:
    """True when `value` matches `pattern` (* and ? wildcards, ignoring case), in linear
    time."""
    return globs.glob_matches(pattern, value)


def allowed_characters_problem(text: str) -> int | None:
    """Offset of the first character AWS refuses (only TAB, LF, CR, U+0020-U+00FF)."""
    for offset, ch in enumerate(text):
        if not (ch in "\t\n\r" or " " <= ch <= "\u00ff"):
            return offset
    return None


def condition_text(value: object) -> str:
    """A condition value as the text AWS compares (booleans as true/false)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def resource_problem(value: str) -> str | None:
    """Why `value` is not a valid Resource ARN, or None."""
    fields = value.split(":", 5)
    if fields[0] != "arn" or len(fields) < 6 or not fields[5]:
        return (f"{value!r} is not a valid resource: use * or an ARN of the form "
                "arn:partition:service:region:account:resource.")
    partition, service, region = fields[1], fields[2], fields[3]
    if not any(glob_matches(partition, known) for known in PARTITIONS):
        return f"The partition {partition!r} in {value!r} is not an AWS partition."
    if service.lower() == "iam":
        if region and region != "*":
            return f"IAM resources have no region: {value!r} names {region!r}."
        resource = fields[5]
        if not (resource.startswith(IAM_RESOURCE_TYPES) or resource[0] in "*?$"):
            return (f"{value!r} does not name an IAM resource type "
                    "(user/, role/, group/, policy/, instance-profile/, mfa/, ...).")
    return None


def principal_problem(kind: str, value: str) -> str | None:
    """Why `value` is not a valid principal of type `kind` (AWS, Service...), or None."""
    if kind == "AWS":
        if value == "*" or _ACCOUNT_ID.match(value) or _PRINCIPAL_ARN.match(value):
            return None
        if re.match(r"^A[A-Z0-9]{15,127}$", value):
            return None  # unique IDs are accepted; AWS shows them for deleted principals
        return (f"{value!r} is not a valid AWS principal: use an account ID, or the ARN of "
                "the account root, a user, a role or a session.")
    if kind == "Service":
        if value == "*" or re.match(r"^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$", value):
            return None
        return f"{value!r} is not a service principal such as ec2.amazonaws.com."
    if kind == "Federated" and not value:
        return "A federated principal must not be empty."
    return None
