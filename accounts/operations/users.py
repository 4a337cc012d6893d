"""IAM users: list, create, get, rename or move, delete (with its dependents, if asked)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from iamconsole.operations import Operation, register
from iamconsole.validators import validate_name, validate_path, validate_tags
from policies.authorization import Requirement
from policies.operations.attached import DetachUserPolicy
from policies.operations.boundaries import PutUserPermissionsBoundary
from policies.operations.inline import DeleteUserPolicy
from policies.selectors import attached_policies, inline_policy_list

from ..kinds import USER
from ..models import Account, IamUser
from ..selectors import filter_name_path, mfa_device_list, user_groups
from ..services import user_create, user_delete, user_update
from .certificates import DeleteSigningCertificate
from .credentials import (
    DeactivateMFADevice,
    DeleteAccessKey,
    DeleteLoginProfile,
    DeleteVirtualMFADevice,
)
from .entities import CreatePrincipal, UserOperation
from .memberships import RemoveUserFromGroup
from .owners import CredentialOperation
from .tags import TagUser
from .user_keys import DeleteServiceSpecificCredential, DeleteSSHPublicKey


@register
@dataclass(kw_only=True, eq=False)
class ListUsers(Operation):
    """ListUsers: the account's users, under a path prefix if given."""

    read_only = True
    path_prefix: str | None = None

    def perform(self) -> QuerySet[IamUser]:
        users = IamUser.objects.filter(account=self.caller.account)
        return filter_name_path(users, self.path_prefix, None)


@register
@dataclass(kw_only=True, eq=False)
class CreateUser(CreatePrincipal):
    """CreateUser: a new user (AIDA... ID), with a permissions boundary and tags if given
    (which also need TagUser and PutUserPermissionsBoundary)."""

    kind = USER
    tagging = TagUser
    bounding = PutUserPermissionsBoundary
    user_name: str

    def validate(self) -> None:
        validate_name(self.user_name, "user")
        validate_path(self.path)
        validate_tags(self.tags)

    def perform(self) -> IamUser:
        return user_create(account=self.caller.account, name=self.user_name, path=self.path,
                           tags=self.tags, permissions_boundary=self.boundary)


@register
@dataclass(kw_only=True, eq=False)
class GetUser(CredentialOperation):
    """GetUser: one user, by name (ignoring case); without a name, the caller itself, as AWS
    answers: an IAM user gets its own user, the root user its account (AWS's root shape)."""

    read_only = True

    def perform(self) -> IamUser | Account:
        return self.caller.account if self.on_root else self.entity


@register
@dataclass(kw_only=True, eq=False)
class ListGroupsForUser(UserOperation):
    """ListGroupsForUser: the groups the user belongs to, by name."""

    read_only = True

    def perform(self) -> QuerySet[Any]:
        return user_groups(self.entity)


@register
@dataclass(kw_only=True, eq=False)
class UpdateUser(UserOperation):
    """UpdateUser: rename or move a user; its unique ID stays, its ARN changes.

    AWS requires the permission on the user as it is and as it will be.
    """

    new_user_name: str | None = None
    new_path: str | None = None

    def validate(self) -> None:
        if self.new_user_name is not None:
            validate_name(self.new_user_name, "user", field="name")
        if self.new_path is not None:
            validate_path(self.new_path, field="path")

    def requirements(self) -> Iterable[Requirement]:
        yield self.requirement()
        new_arn = self.arn("user", self.new_path or self.entity.path,
                           self.new_user_name or self.entity.name)
        if new_arn != self.entity.arn:
            yield self.requirement(resource=new_arn)

    def perform(self) -> IamUser:
        return user_update(user=self.entity, new_name=self.new_user_name,
                           new_path=self.new_path)


@register
@dataclass(kw_only=True, eq=False)
class DeleteUser(UserOperation):
    """DeleteUser: refused with DeleteConflict while the user has credentials, policies or
    groups; `with_dependents` (the console's and the REST API's choice, not AWS's) first
    performs each removal AWS would need, as its own operation: DeleteLoginProfile,
    DeleteAccessKey, DeleteSigningCertificate, DeleteSSHPublicKey,
    DeleteServiceSpecificCredential, DeactivateMFADevice and DeleteVirtualMFADevice,
    DeleteUserPolicy, DetachUserPolicy, RemoveUserFromGroup."""

    with_dependents: bool = False

    def implied(self) -> Iterable[Operation]:
        if not self.with_dependents:
            return
        user = self.entity
        name = user.name
        if hasattr(user, "login_profile"):
            yield self.also(DeleteLoginProfile, user_name=name)
        for key_id in user.access_keys.values_list("access_key_id", flat=True):
            yield self.also(DeleteAccessKey, user_name=name, access_key_id=key_id)
        for cert_id in user.signing_certificates.values_list("certificate_id", flat=True):
            yield self.also(DeleteSigningCertificate, user_name=name, certificate_id=cert_id)
        for key_id in user.ssh_public_keys.values_list("ssh_public_key_id", flat=True):
            yield self.also(DeleteSSHPublicKey, user_name=name, ssh_public_key_id=key_id)
        for credential_id in user.service_specific_credentials.values_list(
                "service_specific_credential_id", flat=True):
            yield self.also(DeleteServiceSpecificCredential, user_name=name,
                            service_specific_credential_id=credential_id)
        for device in mfa_device_list(account=self.caller.account, user=user):
            yield self.also(DeactivateMFADevice, user_name=name,
                            serial_number=device.serial_number)
            yield self.also(DeleteVirtualMFADevice, serial_number=device.serial_number)
        for policy_name in inline_policy_list(user).values_list("name", flat=True):
            yield self.also(DeleteUserPolicy, user_name=name, policy_name=policy_name)
        for arn in attached_policies(user).values_list("arn", flat=True):
            yield self.also(DetachUserPolicy, user_name=name, policy_arn=arn)
        for group_name in user_groups(user).values_list("name", flat=True):
            yield self.also(RemoveUserFromGroup, group_name=group_name, user_name=name)

    def perform(self) -> None:
        user_delete(user=self.entity)
