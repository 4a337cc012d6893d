"""The account: its alias, its password policy, its summary and the export of everything
it holds (GetAccountAuthorizationDetails). None of them names a resource: AWS authorizes
them on "*"."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from typing import Any

from iamconsole.exceptions import InvalidInput, NoSuchEntity
from iamconsole.operations import Operation, register

from ..authorization_details import FILTERS, export_authorization_details
from ..models import Account, PasswordPolicy
from ..models.account import ACCOUNT_ALIAS_VALIDATOR
from ..selectors import account_summary, password_policy_get
from ..services import (
    account_alias_delete,
    account_alias_set,
    password_policy_delete,
    password_policy_update,
)


def validate_account_alias(alias: str) -> None:
    """AWS's AccountAlias: 3 to 63 lowercase letters, digits and single hyphens."""
    if not isinstance(alias, str) or not ACCOUNT_ALIAS_VALIDATOR.regex.match(alias):
        raise InvalidInput(str(ACCOUNT_ALIAS_VALIDATOR.message), field="alias")


class AliasOperation(Operation):
    """An operation changing the account alias: the caller's account keeps the new value, so
    the operations after it in the same request see it."""

    def changed(self, account: Account) -> Account:
        self.caller.account.alias = account.alias
        return account


@register
@dataclass(kw_only=True, eq=False)
class ListAccountAliases(Operation):
    """ListAccountAliases: the account's alias, as a list of none or one."""

    read_only = True

    def perform(self) -> list[str]:
        alias = self.caller.account.alias
        return [alias] if alias else []


@register
@dataclass(kw_only=True, eq=False)
class DeleteAccountAlias(AliasOperation):
    """DeleteAccountAlias: remove the alias (NoSuchEntity unless the account has this one);
    IAM users then sign in with the account ID."""

    account_alias: str

    def validate(self) -> None:
        if self.account_alias:  # none given: the account has no alias to name
            validate_account_alias(self.account_alias)

    def prepare(self) -> None:
        def find() -> None:
            if not self.account_alias or self.caller.account.alias != self.account_alias:
                raise NoSuchEntity(
                    f"The account alias {self.account_alias} cannot be found."
                    if self.account_alias else "The account has no alias.", field="alias")

        self.lookup(find, "*")

    def perform(self) -> Account:
        return self.changed(account_alias_delete(account=self.caller.account))


@register
@dataclass(kw_only=True, eq=False)
class CreateAccountAlias(AliasOperation):
    """CreateAccountAlias: set the alias (unique across accounts). An account has one alias:
    replacing it first performs DeleteAccountAlias of the current one, so a caller who may
    not remove the alias keeps it; setting the same alias again changes nothing."""

    account_alias: str

    def validate(self) -> None:
        validate_account_alias(self.account_alias)

    def implied(self) -> Iterable[Operation]:
        current = self.caller.account.alias
        if current and current != self.account_alias:
            yield self.also(DeleteAccountAlias, account_alias=current)

    def perform(self) -> Account:
        return self.changed(account_alias_set(account=self.caller.account,
                                              alias=self.account_alias))


@register
@dataclass(kw_only=True, eq=False)
class GetAccountPasswordPolicy(Operation):
    """GetAccountPasswordPolicy: the custom policy (NoSuchEntity while AWS's default
    applies)."""

    read_only = True

    def perform(self) -> PasswordPolicy:
        policy = password_policy_get(self.caller.account)
        if policy is None:
            raise NoSuchEntity(f"The Password Policy with domain name "
                               f"{self.caller.account_id} cannot be found.")
        return policy


# AWS's ranges of the numeric settings (botocore's model).
_RANGES = {
    "minimum_password_length": (6, 128),
    "max_password_age": (1, 1095),
    "password_reuse_prevention": (1, 24),
}


@register
@dataclass(kw_only=True, eq=False)
class UpdateAccountPasswordPolicy(Operation):
    """UpdateAccountPasswordPolicy: settings left out return to their defaults, as in AWS
    (no max_password_age: passwords never expire; no password_reuse_prevention: any may be
    reused)."""

    minimum_password_length: int | None = None
    require_symbols: bool | None = None
    require_numbers: bool | None = None
    require_uppercase_characters: bool | None = None
    require_lowercase_characters: bool | None = None
    allow_users_to_change_password: bool | None = None
    max_password_age: int | None = None
    password_reuse_prevention: int | None = None
    hard_expiry: bool | None = None

    def settings(self) -> dict[str, Any]:
        """The settings given (the others take their defaults)."""
        given = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "caller"}
        return {name: value for name, value in given.items() if value is not None}

    def validate(self) -> None:
        for name, (low, high) in _RANGES.items():
            value = getattr(self, name)
            if value is not None and not low <= value <= high:
                raise InvalidInput(f"The value of {name} must be from {low} to {high}.",
                                   field=name)

    def perform(self) -> PasswordPolicy:
        return password_policy_update(account=self.caller.account, **self.settings())


@register
@dataclass(kw_only=True, eq=False)
class DeleteAccountPasswordPolicy(Operation):
    """DeleteAccountPasswordPolicy: AWS's default policy applies again (NoSuchEntity when it
    already does)."""

    def perform(self) -> None:
        password_policy_delete(account=self.caller.account)


@register
@dataclass(kw_only=True, eq=False)
class GetAccountSummary(Operation):
    """GetAccountSummary: usage and quotas by AWS's key names (Users, UsersQuota...)."""

    read_only = True

    def perform(self) -> dict[str, Any]:
        return account_summary(self.caller.account)


@register
@dataclass(kw_only=True, eq=False)
class GetAccountAuthorizationDetails(Operation):
    """GetAccountAuthorizationDetails: the account's users, groups, roles and policies in
    AWS's shape, all pages merged; `filter` keeps only some lists (none: all of them).

    `include_extension` (the console's and the REST API's choice, not AWS's) adds the
    x-console block with what AWS's format lacks, so that an import restores the account.
    """

    read_only = True
    filter: Sequence[str] = ()
    include_extension: bool = True

    def validate(self) -> None:
        unknown = [value for value in self.filter if value not in FILTERS]
        if unknown:
            raise InvalidInput(f"Unknown filter {unknown[0]!r}: use {', '.join(FILTERS)}.",
                               field="filter")

    def perform(self) -> dict[str, Any]:
        return export_authorization_details(self.caller.account, filters=self.filter,
                                            include_extension=self.include_extension)
