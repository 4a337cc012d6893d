"""Guard rails: checking saved expectations against the account's policies as they are."""

from .checking import Outcome, check_rails, recheck_accounts

__all__ = ["Outcome", "check_rails", "recheck_accounts"]
