"""Access keys of an IAM user or of the root user: list, create (the secret shown once),
activate or deactivate, delete, and when each was last used."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from iamconsole.exceptions import InvalidInput, NoSuchEntity
from iamconsole.operations import Operation, register
from policies.condition_keys import current_boundary_context

from ..models import AccessKey
from ..selectors import access_key_get, access_key_list
from ..services import (
    CreatedAccessKey,
    access_key_create,
    access_key_delete,
    access_key_update_status,
)
from .owners import CredentialOperation, refuse_unless_root


@register
@dataclass(kw_only=True, eq=False)
class ListAccessKeys(CredentialOperation):
    """ListAccessKeys: the owner's access keys, oldest first (never their secrets)."""

    read_only = True

    def perform(self) -> QuerySet[AccessKey]:
        return access_key_list(**self.owner())


@register
@dataclass(kw_only=True, eq=False)
class CreateAccessKey(CredentialOperation):
    """CreateAccessKey: a new key for the owner (at most two each); its secret is in the
    output, and nowhere else ever again."""

    def perform(self) -> CreatedAccessKey:
        return access_key_create(**self.owner())


@dataclass(kw_only=True, eq=False)
class AccessKeyOperation(CredentialOperation):
    """An operation on one of the owner's keys: another identity's key is as absent as a
    missing one, and so is a malformed key ID."""

    access_key_id: str
    access_key: AccessKey | None = field(init=False, default=None, repr=False)

    def prepare(self) -> None:
        super().prepare()
        owner_pk = None if self.on_root else self.entity.pk

        def find() -> AccessKey:
            key = access_key_get(access_key_id=self.access_key_id, account=self.caller.account)
            if key.user_id != owner_pk:
                raise NoSuchEntity(f"The Access Key with id {self.access_key_id} cannot be "
                                   "found.", field="access_key_id")
            return key

        self.access_key = self.lookup(find, self.resource())


@register
@dataclass(kw_only=True, eq=False)
class UpdateAccessKey(AccessKeyOperation):
    """UpdateAccessKey: activate or deactivate a key (an inactive key cannot sign in)."""

    status: str

    def validate(self) -> None:
        super().validate()
        if self.status not in AccessKey.Status.values:
            raise InvalidInput("The status of an access key is Active or Inactive.",
                               field="status")

    def perform(self) -> AccessKey:
        return access_key_update_status(access_key=self.access_key, status=self.status)


@register
@dataclass(kw_only=True, eq=False)
class DeleteAccessKey(AccessKeyOperation):
    """DeleteAccessKey: delete one of the owner's access keys."""

    def perform(self) -> None:
        access_key_delete(access_key=self.access_key)


@register
@dataclass(kw_only=True, eq=False)
class GetAccessKeyLastUsed(Operation):
    """GetAccessKeyLastUsed: a key and when, where and for which service it was last used;
    authorized on the key's owner (only the root user reads the root user's keys)."""

    read_only = True

    access_key_id: str
    access_key: AccessKey | None = field(init=False, default=None, repr=False)

    def prepare(self) -> None:
        # A missing key's owner is unknown: the caller is authorized on any user of the
        # account before learning that it does not exist.
        self.access_key = self.lookup(
            lambda: access_key_get(access_key_id=self.access_key_id,
                                   account=self.caller.account),
            self.arn("user", "/", "*"),
        )
        if self.access_key.user_id is None:
            refuse_unless_root(self.caller, self.action)

    def resource(self) -> str:
        user = self.access_key.user
        return user.arn if user is not None else self.caller.account.root_arn

    def context(self) -> dict[str, str]:
        user = self.access_key.user
        return current_boundary_context(user) if user is not None else {}

    def perform(self) -> AccessKey:
        return self.access_key
