"""The caller of a federated sign-in: an identity provider's user, known by its verified
token or assertion. No IAM policy of its own: the role's trust policy decides each of the
operation's requirements, with the provider as principal and the claims as condition keys."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from iamconsole.operations import Caller
from policies.authorization import Decision, Requirement
from policies.federated import check_federated

from ..models import Account


class FederatedCaller(Caller):
    """A provider's user, acting in the role's account (its provider's account)."""

    def __init__(self, provider: str, account: Account, context: Mapping[str, Any]) -> None:
        super().__init__(None, account)
        self.provider = provider
        self.context = dict(context)

    @property
    def account(self) -> Account:
        """The account of the provider (and of the role it assumes)."""
        assert self._account is not None
        return self._account

    @property
    def account_id(self) -> str:
        """The provider's account ID."""
        return self.account.account_id

    def check(self, requirement: Requirement) -> Decision:
        """The role's trust policy's decision for the provider's user."""
        return check_federated(self.provider, requirement, self.context)
