"""Models of the accounts app."""

from .account import Account
from .operator import SiteOperator

__all__ = ["Account", "SiteOperator"]
