"""Request principals (spec 1.1) and Principal/NotPrincipal grades (spec 2.5)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from policies.engine.document import ParsedStatement, PrincipalSpec
from policies.engine.types import PolicyEngineError

# Grades, ordered so that max() picks the element grade of spec 2.5.
NONE, ACCOUNT, SESSION_ROLE, SESSION_USER, DIRECT = 0, 1, 2, 3, 4
GRADE_NAMES = {
    NONE: "None",
    ACCOUNT: "Account",
    SESSION_ROLE: "SessionRole",
    SESSION_USER: "SessionUser",
    DIRECT: "Direct",
}

_ACCOUNT_ID = re.compile(r"\d{12}")
_ROOT_ARN = re.compile(r"arn:([^:]+):iam::(\d{12}):root")
_WEB_IDENTITY_PROVIDERS = frozenset(
    {
        "cognito-identity.amazonaws.com",
        "accounts.google.com",
        "graph.facebook.com",
        "www.amazon.com",
    }
)


class PrincipalKind(Enum):
    """The kinds of caller the engine distinguishes."""

    ANONYMOUS = "anonymous"
    USER = "user"
    ROLE = "role"
    ASSUMED_ROLE = "assumed-role"
    FEDERATED_USER = "federated-user"
    ROOT = "root"
    SERVICE = "service"
    FEDERATED_PROVIDER = "federated-provider"


@dataclass(frozen=True, slots=True)
class RequestPrincipal:
    """A parsed request principal: its kind, account and (for sessions) names."""

    value: str | None
    kind: PrincipalKind
    partition: str | None = None
    account: str | None = None
    name: str | None = None  # role name of a session, or the federated user's name

    @property
    def is_session_capable(self) -> bool:
        """Session policies apply only to roles, role sessions and federated users."""
        return self.kind in (
            PrincipalKind.ROLE,
            PrincipalKind.ASSUMED_ROLE,
            PrincipalKind.FEDERATED_USER,
        )


def parse_principal(value: object) -> RequestPrincipal:
    """Classify the request principal (ARN, service principal, provider, or None)."""
    if value is None:
        return RequestPrincipal(None, PrincipalKind.ANONYMOUS)
    if not isinstance(value, str) or not value or any(c.isspace() for c in value):
        raise PolicyEngineError(
            f"principal must be an ARN, a service principal or None, not {value!r}"
        )
    if not value.startswith("arn:"):
        if value in _WEB_IDENTITY_PROVIDERS or not value.endswith(
            (".amazonaws.com", ".amazonaws.com.cn")
        ):
            return RequestPrincipal(value, PrincipalKind.FEDERATED_PROVIDER)
        return RequestPrincipal(value, PrincipalKind.SERVICE)
    fields = value.split(":", 5)
    if len(fields) != 6 or not fields[1] or not fields[4]:
        raise PolicyEngineError(f"principal {value!r} is not a valid ARN")
    _, partition, service, _, account, resource = fields
    kind_name, _, rest = resource.partition("/")
    kind = None
    name = None
    if service == "iam":
        if resource == "root":
            kind = PrincipalKind.ROOT
        elif kind_name in ("user", "role") and rest:
            kind = PrincipalKind.USER if kind_name == "user" else PrincipalKind.ROLE
        elif kind_name in ("saml-provider", "oidc-provider") and rest:
            kind = PrincipalKind.FEDERATED_PROVIDER
    elif service == "sts":
        if kind_name == "assumed-role" and rest.count("/") == 1 and "" not in rest.split("/"):
            kind, name = PrincipalKind.ASSUMED_ROLE, rest.split("/")[0]
        elif kind_name == "federated-user" and rest:
            kind, name = PrincipalKind.FEDERATED_USER, rest
    if kind is None:
        raise PolicyEngineError(
            f"principal {value!r} is not a user, role, assumed-role session, federated "
            f"user, root or identity-provider ARN"
        )
    return RequestPrincipal(value, kind, partition, account, name)


def _grade_aws(entry: str, principal: RequestPrincipal) -> int:
    if entry == "*":
        return DIRECT
    if principal.kind is PrincipalKind.ANONYMOUS or principal.account is None:
        return NONE
    if _ACCOUNT_ID.fullmatch(entry):
        return ACCOUNT if entry == principal.account else NONE
    root = _ROOT_ARN.fullmatch(entry)
    if root:
        same = root.group(2) == principal.account and root.group(1) == principal.partition
        return ACCOUNT if same else NONE
    if "*" in entry or "?" in entry:
        return NONE  # partial wildcards never match in Principal
    if entry == principal.value:
        return DIRECT
    fields = entry.split(":", 5)
    if (
        len(fields) != 6
        or fields[2] != "iam"
        or fields[1] != principal.partition
        or fields[4] != principal.account
    ):
        return NONE
    kind_name, _, path = fields[5].partition("/")
    last = path.rsplit("/", 1)[-1]
    if principal.kind is PrincipalKind.ASSUMED_ROLE and kind_name == "role" and last:
        # The session's role ARN has no path, so match on the role name only.
        if last.lower() == (principal.name or "").lower():
            return SESSION_ROLE
    if principal.kind is PrincipalKind.FEDERATED_USER and kind_name == "user" and last:
        if last == principal.name:
            return SESSION_USER
    return NONE


def grade_element(spec: PrincipalSpec, principal: RequestPrincipal) -> int:
    """Return the best grade any entry of a Principal element gives ``principal``."""
    best = NONE
    for kind, entries in spec:
        for entry in entries:
            if kind == "AWS":
                grade = _grade_aws(entry, principal)
            elif principal.kind is PrincipalKind.ANONYMOUS:
                grade = NONE
            else:
                grade = DIRECT if entry == principal.value else NONE
            if grade == DIRECT:
                return DIRECT
            best = max(best, grade)
    return best


def grade_statement(
    statement: ParsedStatement, principal: RequestPrincipal, has_boundary: bool
) -> int:
    """Grade a resource-policy statement's Principal/NotPrincipal for ``principal``."""
    if statement.principal is not None:
        return grade_element(statement.principal, principal)
    if statement.not_principal is not None:
        if has_boundary and statement.effect == "Deny":
            return DIRECT  # AWS: Deny + NotPrincipal always applies to boundary holders
        return DIRECT if grade_element(statement.not_principal, principal) == NONE else NONE
    return NONE
