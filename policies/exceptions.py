"""Domain errors raised by the policies services (shared definitions live in iamconsole)."""

from iamconsole.exceptions import (
    AccessDenied,
    ConcurrentModification,
    DeleteConflict,
    EntityAlreadyExists,
    IamError,
    InvalidInput,
    LimitExceeded,
    MalformedPolicyDocument,
    NoSuchEntity,
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
    "InvalidInput",
    "LimitExceeded",
    "MalformedPolicyDocument",
    "NoSuchEntity",
    "PolicyNotAttachable",
    "PreconditionFailed",
    "UnmodifiableEntity",
]
