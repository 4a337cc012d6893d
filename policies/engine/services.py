"""Service-specific authorizers (spec 4): STS, KMS and IAM rules and S3 Block Public Access."""

from __future__ import annotations

import functools
import ipaddress
from dataclasses import dataclass

from policies.engine.document import ParsedPolicy, ParsedStatement

# How far identity policies count in the same account (spec 3.2 "trust").
TRUST_NONE, TRUST_IMPLICIT, TRUST_EXPLICIT = 0, 1, 2

_IAM_MANAGED_POLICY_ACTIONS = frozenset(
    {
        "createpolicy",
        "createpolicyversion",
        "deletepolicy",
        "deletepolicyversion",
        "setdefaultpolicyversion",
        "tagpolicy",
        "untagpolicy",
    }
)
_IAM_RESERVED_ROLE_ACTIONS = frozenset(
    {
        "createrole",
        "deleterole",
        "updaterole",
        "updateroledescription",
        "attachrolepolicy",
        "detachrolepolicy",
        "putrolepolicy",
        "deleterolepolicy",
        "putrolepermissionsboundary",
        "deleterolepermissionsboundary",
        "createservicelinkedrole",
        "deleteservicelinkedrole",
        "tagrole",
        "untagrole",
        "updateassumerolepolicy",
        "passrole",
    }
)
_KMS_ALIAS_ACTIONS = frozenset({"createalias", "deletealias", "updatealias"})


@dataclass(frozen=True, slots=True)
class ServiceRules:
    """The service-specific behaviour of one action, computed once per action."""

    trust: str  # "default", "sts" or "kms"
    get_caller_identity: bool = False
    iam_managed_policy: bool = False
    iam_reserved_role: bool = False
    kms_managed_alias: bool = False


@functools.lru_cache(maxsize=65536)
def rules_for(service: str, name: str) -> ServiceRules:
    """Return the rules for ``service:name`` (both lower-cased)."""
    if service == "sts":
        return ServiceRules("sts", get_caller_identity=name == "getcalleridentity")
    if service == "kms":
        return ServiceRules("kms", kms_managed_alias=name in _KMS_ALIAS_ACTIONS)
    if service == "iam":
        return ServiceRules(
            "default",
            iam_managed_policy=name in _IAM_MANAGED_POLICY_ACTIONS,
            iam_reserved_role=name in _IAM_RESERVED_ROLE_ACTIONS,
        )
    return ServiceRules("default")


def trust(
    rules: ServiceRules, resource_part: str | None, has_resource_policy: bool, account_allow: bool
) -> int:
    """How identity policies count in the same account (``resource_part`` None for ``*``)."""
    if rules.trust == "sts":
        if not has_resource_policy:
            return TRUST_IMPLICIT
        return TRUST_EXPLICIT if account_allow else TRUST_NONE
    if rules.trust == "kms" and resource_part is not None and resource_part.startswith("key/"):
        # Identity policies count only if the key policy "enables IAM policies".
        return TRUST_EXPLICIT if account_allow else TRUST_NONE
    return TRUST_IMPLICIT


def service_denial(rules: ServiceRules, account: str, resource_part: str) -> str | None:
    """Return a reason code when the service itself refuses the action on this resource."""
    if rules.iam_managed_policy and account == "aws" and resource_part.startswith("policy/"):
        return "iam_managed_policy"
    if rules.iam_reserved_role and resource_part.startswith("role/aws-reserved/"):
        return "iam_reserved_role"
    if rules.kms_managed_alias and resource_part.lower().startswith("alias/aws/"):
        return "kms_managed_alias"
    return None


_FIXED_KEYS = frozenset(
    {
        "aws:principalorgid",
        "aws:principalaccount",
        "aws:sourceaccount",
        "aws:sourceorgid",
        "aws:sourcevpc",
        "aws:sourcevpce",
        "aws:vpceaccount",
        "aws:vpceorgid",
        "aws:userid",
        "aws:sourceowner",
    }
)
_PATH_KEYS = frozenset({"aws:principalorgpaths", "aws:sourceorgpaths", "aws:vpceorgpaths"})
_ARN_KEYS = frozenset({"aws:principalarn", "aws:sourcearn", "aws:sourcevpcarn"})
_LIMITING_OPERATORS = frozenset(
    {
        "stringequals",
        "stringequalsignorecase",
        "stringlike",
        "arnequals",
        "arnlike",
        "bool",
        "ipaddress",
    }
)


def _wild(text: str) -> bool:
    return "*" in text or "?" in text or "${" in text


def _narrow(value: str) -> bool:
    try:
        network = ipaddress.ip_network(value, strict=False)
    except ValueError:
        return False
    return network.is_private or network.prefixlen >= (8 if network.version == 4 else 32)


def _limits(operator: str, key: str, values: tuple[str, ...]) -> bool:
    """True if the condition restricts who can use an otherwise public grant."""
    name = operator.lower().removeprefix("foranyvalue:")
    key = key.lower()
    if name not in _LIMITING_OPERATORS or not values:
        return False
    if key in _FIXED_KEYS:
        return not any(_wild(value) for value in values)
    if key in _PATH_KEYS:
        return not any(_wild(value.split("/", 1)[0]) for value in values)
    if key in _ARN_KEYS:
        accounts = [value.split(":")[4] if value.count(":") >= 5 else "" for value in values]
        return all(account and not _wild(account) for account in accounts)
    if key == "aws:principalisawsservice":
        return all(value.lower() == "true" for value in values)
    if key == "aws:sourceip":
        return name == "ipaddress" and all(_narrow(value) for value in values)
    return False


def _public_statement(statement: ParsedStatement) -> bool:
    if statement.effect != "Allow":
        return False
    if statement.not_principal is not None:
        return True
    everyone = any(kind == "AWS" and "*" in entries for kind, entries in statement.principal or ())
    return everyone and not any(_limits(*condition) for condition in statement.conditions)


def is_public_policy(policy: ParsedPolicy) -> bool:
    """S3's notion of a public bucket policy: a statement granting to anyone, unconditionally."""
    return any(_public_statement(statement) for statement in policy.statements)
