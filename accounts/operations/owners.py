"""Whose long-term credentials an operation acts on: a named IAM user, the caller itself, or
the root user (which only the root user may act on)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.db.models import QuerySet

from iamconsole.exceptions import AccessDenied, InvalidInput
from iamconsole.operations import Caller

from ..key_selectors import owned, owned_get
from .entities import UserOperation

# AWS's answer when an operation without UserName comes from an identity that is no IAM user.
NOT_A_USER = "Must specify userName when calling with non-User credentials"


def refuse_unless_root(caller: Caller, action: str) -> None:
    """AccessDenied, in AWS's words on the root user's ARN, unless the caller is the root
    user: no policy reaches the root user's credentials."""
    principal = caller.principal
    account = caller.account  # AccessDenied when nobody is signed in
    if not principal.is_root:
        raise AccessDenied(f"User: {principal.arn} is not authorized to perform: {action} "
                           f"on resource: {account.root_arn}")


@dataclass(kw_only=True, eq=False)
class CredentialOperation(UserOperation):
    """An operation on the credentials of an IAM user or of the root user.

    As in AWS, the user is the one named by `user_name`, else the caller itself: an IAM user
    acts on its own credentials, the root user on the root user's (`arn:aws:iam::<account>:
    root`). `root_user` (the console's root pages) asks for the root user's credentials: only
    the root user may act on them, whatever the caller's policies allow (no policy reaches the
    root user's credentials, not even an administrator's "Resource": "*").

    After `prepare`, `entity` is the user, or None for the root user.
    """

    user_name: str | None = None  # type: ignore[assignment]
    root_user: bool = False
    # The caller's own name when it acts on itself without naming a user.
    own_name: str | None = field(init=False, default=None, repr=False)

    @property
    def entity_name(self) -> str:
        return self.user_name or self.own_name or ""

    @property
    def on_root(self) -> bool:
        """True when the credentials are the root user's."""
        return self.entity is None

    @property
    def owner_label(self) -> str:
        """How a sentence names the owner: "user alice", "the root user"."""
        return "the root user" if self.on_root else f"user {self.entity.name}"

    def validate(self) -> None:
        if self.root_user and self.user_name:
            raise InvalidInput("Name a user, or act on the root user; not both.",
                               field="user_name")

    def preflight_owner(self) -> CredentialOperation:
        """Find the owner and authorize the operation's own action on it, without the rest of
        the input: what a page does before showing the form that brings it (a new device's
        name, then its codes)."""
        with self.refusal_recorded(), self.caller.running():
            CredentialOperation.prepare(self)
            self.caller.authorize(self.requirement())
        return self

    def prepare(self) -> None:
        principal = self.caller.principal
        if self.user_name is None and (self.root_user or (principal and principal.is_root)):
            refuse_unless_root(self.caller, self.action)
            self.entity = None
            return
        if self.user_name is None:
            if principal is None or principal.kind != "user":
                raise InvalidInput(NOT_A_USER, field="user_name")
            self.own_name = principal.name
        super().prepare()

    def resource(self) -> str:
        if self.on_root:
            return self.caller.account.root_arn
        return super().resource()

    def context(self) -> Mapping[str, Any]:
        return {} if self.on_root else super().context()

    def owner(self) -> dict[str, Any]:
        """The services' way of naming the owner: `user=` or, for the root user, `account=`."""
        if self.on_root:
            return {"account": self.caller.account}
        return {"user": self.entity}



@dataclass(kw_only=True, eq=False)
class UserCredentialOperation(CredentialOperation):
    """An operation on credentials only IAM users have (SSH public keys, service-specific
    credentials): the root user, acting on itself, must name a user, as AWS answers."""

    def prepare(self) -> None:
        super().prepare()
        if self.on_root:
            raise InvalidInput(NOT_A_USER, field="user_name")


@dataclass(kw_only=True, eq=False)
class OwnedCredentialOperation(CredentialOperation):
    """An operation on one of the owner's credentials, named by the input field `id_field`:
    another identity's credential is as absent as a missing one (NoSuchEntity, after
    authorizing the owner). Combine with UserCredentialOperation for users-only credentials.
    """

    id_field: ClassVar[str]
    # AWS's NoSuchEntity message, with {id}.
    missing: ClassVar[str]
    credential: Any = field(init=False, default=None, repr=False)

    def credentials(self) -> QuerySet[Any]:
        """Every credential of this type (the owner's are picked from them)."""
        raise NotImplementedError

    def prepare(self) -> None:
        super().prepare()
        identifier = getattr(self, self.id_field)
        rows = owned(self.credentials(), **self.owner())
        self.credential = self.lookup(
            lambda: owned_get(rows, self.missing.format(id=identifier), self.id_field,
                              **{self.id_field: identifier}),
            self.resource(),
        )
