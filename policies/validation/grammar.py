"""The grammar's vocabulary: element names, versions, partitions, ARN and principal forms."""

from __future__ import annotations

import re

from policies.engine import globs

from .findings import Severity

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
    "federated-user/", "report/",
)
TRUST_ACTIONS = (
    "AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity", "TagSession",
    "SetSourceIdentity", "SetContext",
)
PRINCIPAL_KEYS = ("AWS", "Service", "Federated", "CanonicalUser")
IDENTITY_LIKE = ("identity", "boundary", "session", "scp")
IAM_STORED = ("identity", "boundary")  # the policies IAM itself stores and validates
ACTION = re.compile(r"^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$")
_VENDOR = re.compile(r"^([A-Za-z0-9.-]+|\*)$")
SID_STRICT = re.compile(r"^[A-Za-z0-9]*$")
# Whose grammar limits a Sid to letters and digits: IAM's (identity policies, permissions
# boundaries, session policies) and Organizations' (SCPs, RCPs). Resource-based policies (S3
# bucket, KMS key, SNS, SQS... policies), role trust policies and VPC endpoint policies take
# any string, spaces included: AWS's own KMS default key policy has "Enable IAM User
# Permissions".
SID_LETTERS_AND_DIGITS = ("identity", "boundary", "session", "scp", "rcp")
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


def action_problem(action: str) -> tuple[Severity, str] | None:
    """Why `action` is not a valid action, and whether AWS refuses it ("error": no vendor,
    two colons, a vendor with other characters than letters, digits, '-' and '.') or only
    looks odd to a reader ("warning": IAM accepts any action name after a valid vendor)."""
    if action.strip("*") == "":
        return None
    vendor, colon, name = action.partition(":")
    if not colon:
        return "error", (f"{action!r} is not a valid action: prefix it with its service, "
                         "such as s3:GetObject.")
    if ":" in name:
        return "error", f"{action!r} has more than one ':': use service:ActionName."
    if not _VENDOR.match(vendor):
        return "error", (f"The service prefix {vendor!r} of {action!r} is not valid: use "
                         "letters, digits, '-' and '.' only.")
    if not ACTION.match(action):
        return "warning", (f"{action!r} is not a usual action: use service:ActionName "
                           "(letters and digits, and the wildcards * and ?); as written "
                           "it matches no known action.")
    return None


def resource_problem(value: str) -> tuple[Severity, str] | None:
    """Why `value` is not a valid Resource ARN, and whether AWS refuses it ("error") or
    accepts what matches no resource, such as an ARN with fewer than six fields ("warning")."""
    fields = value.split(":", 5)
    if len(fields) < 3 or not fields[1]:
        return "error", (f"{value!r} is not a valid resource: use * or an ARN of the form "
                         "arn:partition:service:region:account:resource.")
    partition, service = fields[1], fields[2]
    if fields[0] != "arn":
        return "error", f"{value!r} is not an ARN: an ARN starts with arn:."
    if not any(glob_matches(partition, known) for known in PARTITIONS):
        return "error", f"The partition {partition!r} in {value!r} is not an AWS partition."
    if not service or ("::" in value and len(fields) < 6):
        return "error", (f"{value!r} is not a valid ARN: the service is missing or the fields "
                         "are not arn:partition:service:region:account:resource.")
    if len(fields) < 6 or not fields[5]:
        return "warning", (f"{value!r} matches no resource: an ARN has the form "
                           "arn:partition:service:region:account:resource.")
    region, account, resource = fields[3], fields[4], fields[5]
    if service.lower() == "iam":
        if region and region != "*":
            return "error", f"IAM resources have no region: {value!r} names {region!r}."
        if not (resource.startswith(IAM_RESOURCE_TYPES) or resource[0] in "*?$"):
            return "error", (f"{value!r} does not name an IAM resource type "
                             "(user/, role/, group/, policy/, instance-profile/, mfa/, ...).")
    if service.lower() == "s3" and region and not account:
        return "error", (f"S3 buckets and objects have no region: {value!r} names "
                         f"{region!r}.")
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
