"""Domain errors raised by the accounts services (shared definitions live in iamconsole)."""

from iamconsole.exceptions import (
    AccessDenied,
    ConcurrentModification,
    DeleteConflict,
    EntityAlreadyExists,
    IamError,
    InvalidAuthenticationCode,
    InvalidInput,
    LimitExceeded,
    MalformedPolicyDocument,
    NoSuchEntity,
    PasswordPolicyViolation,
    PolicyNotAttachable,
    PreconditionFailed,
    UnmodifiableEntity,
)

__all__ = [
    "AccessDenied",
    "ConcurrentModification",
    "DeleteConflict",
    "EntityAlreadyExists",
    "IamError",
    "InvalidAuthenticationCode",
    "InvalidInput",
    "LimitExceeded",
    "MalformedPolicyDocument",
    "NoSuchEntity",
    "PasswordPolicyViolation",
    "PolicyNotAttachable",
    "PreconditionFailed",
    "UnmodifiableEntity",
]
