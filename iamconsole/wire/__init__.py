"""AWS's own wire API at /aws: the Query protocol (IAM, STS) driven by botocore's models,
SigV4 verification, and the registry of wire actions, each of which names an operation."""

from .registry import ACTIONS, WireCall, action, forward

__all__ = ["ACTIONS", "WireCall", "action", "forward"]
