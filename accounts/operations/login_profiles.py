"""Console passwords: a user's login profile (get, create, reset, delete) and ChangePassword,
the caller changing its own password."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from iamconsole.exceptions import AccessDenied, InvalidInput, InvalidUserType
from iamconsole.operations import register
from policies.authorization import Requirement

from ..models import LoginProfile
from ..selectors import login_profile_get, password_policy_get
from ..services import (
    account_root_password_change,
    login_profile_change_password,
    login_profile_create,
    login_profile_delete,
    login_profile_update,
)
from .owners import NOT_A_USER, CredentialOperation

PASSWORD_MAX = 128


def _validate_password(password: str | None, field: str) -> None:
    """AWS's passwordType: 1 to 128 characters."""
    if password is not None and not 1 <= len(password) <= PASSWORD_MAX:
        raise InvalidInput(f"A password has 1 to {PASSWORD_MAX} characters.", field=field)


@dataclass(kw_only=True, eq=False)
class LoginProfileOperation(CredentialOperation):
    """An operation on a user's console password: the named user's, else the caller's own
    when it is an IAM user, as AWS. The root user's password is its account's, not a login
    profile: another caller names the user."""

    def prepare(self) -> None:
        principal = self.caller.principal
        if self.user_name is None and (principal is None or principal.kind != "user"):
            raise InvalidInput(NOT_A_USER, field="user_name")
        super().prepare()


@register
@dataclass(kw_only=True, eq=False)
class GetLoginProfile(LoginProfileOperation):
    """GetLoginProfile: the user's console password settings (NoSuchEntity without one)."""

    read_only = True

    def perform(self) -> LoginProfile:
        return login_profile_get(self.entity)


@register
@dataclass(kw_only=True, eq=False)
class CreateLoginProfile(LoginProfileOperation):
    """CreateLoginProfile: give the user a console password, under the password policy."""

    password: str = field(repr=False)
    password_reset_required: bool = False

    def validate(self) -> None:
        super().validate()
        _validate_password(self.password, "password")

    def perform(self) -> LoginProfile:
        return login_profile_create(user=self.entity, password=self.password,
                                    password_reset_required=self.password_reset_required)


@register
@dataclass(kw_only=True, eq=False)
class UpdateLoginProfile(LoginProfileOperation):
    """UpdateLoginProfile: reset the user's console password, or its must-reset flag."""

    password: str | None = field(default=None, repr=False)
    password_reset_required: bool | None = None

    def validate(self) -> None:
        super().validate()
        if self.password is None and self.password_reset_required is None:
            raise InvalidInput("Give a password or password_reset_required.")
        _validate_password(self.password, "password")

    def perform(self) -> LoginProfile:
        return login_profile_update(user=self.entity, password=self.password,
                                    password_reset_required=self.password_reset_required)


@register
@dataclass(kw_only=True, eq=False)
class DeleteLoginProfile(LoginProfileOperation):
    """DeleteLoginProfile: remove the user's console password."""

    def perform(self) -> None:
        login_profile_delete(user=self.entity)


@register
@dataclass(kw_only=True, eq=False)
class ChangePassword(CredentialOperation):
    """ChangePassword: the caller changes its own console password, giving the current one.

    An IAM user needs iam:ChangePassword on itself, unless the account's password policy lets
    users change their own password (no custom policy, or AllowUsersToChangePassword) or a
    reset is due: then only an explicit Deny refuses it. `root_user` (the console's root page,
    not AWS's API) changes the root user's password, which only the root user may do;
    without it the root user is refused with InvalidUserType, as AWS's API answers.
    """

    old_password: str = field(repr=False)
    new_password: str = field(repr=False)

    def validate(self) -> None:
        super().validate()
        if self.user_name is not None:
            raise InvalidInput("ChangePassword changes the caller's own password: it names "
                               "no user.", field="user_name")
        _validate_password(self.old_password, "old_password")
        _validate_password(self.new_password, "password")

    def prepare(self) -> None:
        principal = self.caller.principal
        if not self.root_user and principal is not None and principal.is_root:
            raise InvalidUserType("ChangePassword changes an IAM user's own password; the "
                                  "root user's is not affected by this operation.")
        super().prepare()

    def granted_by_password_policy(self) -> bool:
        """True when the account lets its users change their own password (or one is due)."""
        policy = password_policy_get(self.caller.account)
        profile = getattr(self.entity, "login_profile", None)
        return (policy is None or policy.allow_users_to_change_password
                or bool(profile and profile.password_reset_required))

    def requirements(self) -> Iterable[Requirement]:
        if self.on_root or not self.granted_by_password_policy():
            yield self.requirement()
            return
        decision = self.caller.check(self.requirement())
        if decision.decision == "explicitDeny":
            raise AccessDenied(decision.message)

    def perform(self) -> Any:
        if self.on_root:
            return account_root_password_change(account=self.caller.account,
                                                old_password=self.old_password,
                                                new_password=self.new_password)
        return login_profile_change_password(user=self.entity, old_password=self.old_password,
                                             new_password=self.new_password)
