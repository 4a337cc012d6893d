"""Services of the accounts app: every write goes through one of these functions."""

from .accounts import account_create

__all__ = ["account_create"]
