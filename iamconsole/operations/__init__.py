"""The operations layer: each AWS operation defined once, with its input rules, its
authorization and its effect; the console, the REST API and the import only name them."""

from .base import OPERATIONS, Operation, register
from .caller import Caller, caller_for, root_caller
from .kinds import per_kind

__all__ = [
    "OPERATIONS", "Caller", "Operation", "caller_for", "per_kind", "register", "root_caller",
]
