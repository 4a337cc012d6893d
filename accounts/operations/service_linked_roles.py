"""Service-linked roles: roles an AWS service creates and uses, in /aws-service-role/, which
only the service changes: created for it, deleted by a deletion task whose status one reads."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from iamconsole.exceptions import IamError, InvalidInput, NoSuchEntity
from iamconsole.operations import Operation, register
from iamconsole.validators import SERVICE_ROLE_PATH, validate_description
from policies.selectors import attached_policies, inline_policy_list
from policies.services import inline_policy_delete, policy_detach

from ..models import Account, Role, ServiceLinkedRoleDeletion
from ..selectors import instance_profile_list
from ..service_role_names import service_role_name
from ..services import (
    instance_profile_remove_role,
    role_create,
    role_delete,
    role_deletion_finish,
    role_deletion_start,
)
from .roles import RoleOperation

_SERVICE = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com$")
_SUFFIX = re.compile(r"^[\w+=,.@-]{1,64}$")
# task/aws-service-role/<service>/<role name>/<UUID>: what DeleteServiceLinkedRole answers.
_TASK = re.compile(r"^task/aws-service-role/([\w.-]+)/([\w+=,.@-]{1,64})/"
                   r"([0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12})$")


def service_trust_policy(service: str) -> dict[str, Any]:
    """The trust policy of a service-linked role: only the service may assume it."""
    return {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole",
    }]}


@register
@dataclass(kw_only=True, eq=False)
class CreateServiceLinkedRole(Operation):
    """CreateServiceLinkedRole: the role an AWS service uses, in /aws-service-role/<service>/,
    trusted by that service only; authorized with iam:AWSServiceName."""

    aws_service_name: str
    description: str = ""
    custom_suffix: str | None = None

    def validate(self) -> None:
        if not _SERVICE.match(self.aws_service_name or ""):
            raise InvalidInput("AWSServiceName is a service principal such as "
                               "elasticbeanstalk.amazonaws.com.", field="aws_service_name")
        if self.custom_suffix is not None and not _SUFFIX.match(self.custom_suffix):
            raise InvalidInput("CustomSuffix has 1 to 64 letters, digits or _+=,.@- "
                               "characters.", field="custom_suffix")
        validate_description(self.description)

    @property
    def role_path(self) -> str:
        return f"/aws-service-role/{self.aws_service_name}/"

    def resource(self) -> str:
        return self.arn("role", self.role_path,
                        service_role_name(self.aws_service_name, self.custom_suffix))

    @staticmethod
    def service_context(service: str | None) -> dict[str, str]:
        """iam:AWSServiceName, the condition key AWS sets for the service's role."""
        return {"iam:AWSServiceName": service} if service else {}

    def context(self) -> Mapping[str, Any]:
        return self.service_context(self.aws_service_name)

    def perform(self) -> Role:
        return role_create(
            account=self.caller.account, path=self.role_path,
            name=service_role_name(self.aws_service_name, self.custom_suffix),
            trust_policy=service_trust_policy(self.aws_service_name),
            description=self.description, service_linked=True,
        )


def _delete_as_service(account: Account, role: Role) -> None:
    """What the service does to delete its role: take it out of its instance profiles, drop
    its inline and attached policies, then delete it."""
    for profile in instance_profile_list(account=account, role=role):
        instance_profile_remove_role(instance_profile=profile, role=role)
    for name in list(inline_policy_list(role).values_list("name", flat=True)):
        inline_policy_delete(entity=role, name=name)
    for policy in list(attached_policies(role)):
        policy_detach(policy=policy, entity=role)
    role_delete(role=role)


@register
@dataclass(kw_only=True, eq=False)
class DeleteServiceLinkedRole(RoleOperation):
    """DeleteServiceLinkedRole: start deleting a service-linked role; answers the deletion
    task, whose status GetServiceLinkedRoleDeletionStatus reads. The service removes what
    holds the role (instance profiles, inline and attached policies) without asking the
    caller for more than iam:DeleteServiceLinkedRole. AWS deletes asynchronously; here the
    task runs before the answer, ending SUCCEEDED, or FAILED with the reason (the role
    unchanged)."""

    @classmethod
    def forbidden(cls, entity: Any) -> IamError | None:
        if not entity.service_linked:
            return InvalidInput(f"Role {entity.name} is not a service-linked role; delete it "
                                "with DeleteRole.", field="role_name")
        return None

    def guard(self) -> None:
        if (error := self.forbidden(self.entity)) is not None:
            raise error

    def perform(self) -> ServiceLinkedRoleDeletion:
        task = role_deletion_start(role=self.entity)
        try:
            with transaction.atomic():
                _delete_as_service(self.caller.account, self.entity)
        except IamError as exc:
            return role_deletion_finish(task=task, failure=exc.message)
        return role_deletion_finish(task=task)


@register
@dataclass(kw_only=True, eq=False)
class GetServiceLinkedRoleDeletionStatus(Operation):
    """GetServiceLinkedRoleDeletionStatus: the status of a deletion task of the caller's
    account (NOT_STARTED, IN_PROGRESS, SUCCEEDED, FAILED with the reason), authorized on the
    role the task deletes (its ARN is in the task ID)."""

    read_only = True
    deletion_task_id: str

    def validate(self) -> None:
        if not 1 <= len(self.deletion_task_id or "") <= 1000:
            raise InvalidInput("DeletionTaskId has 1 to 1000 characters.",
                               field="deletion_task_id")

    def resource(self) -> str:
        # A task ID that names no role is refused once authorized on every service-linked
        # role (perform), so that a caller who may read none learns nothing more.
        found = _TASK.match(self.deletion_task_id)
        if found is None:
            return self.arn("role", SERVICE_ROLE_PATH, "*")
        service, role_name, _ = found.groups()
        return self.arn("role", f"{SERVICE_ROLE_PATH}{service}/", role_name)

    def perform(self) -> ServiceLinkedRoleDeletion:
        if not _TASK.match(self.deletion_task_id):
            raise InvalidInput(
                f"Invalid deletion task ID {self.deletion_task_id}: a deletion task ID is "
                "task/aws-service-role/<service>/<role name>/<ID>, as "
                "DeleteServiceLinkedRole answers it.", field="deletion_task_id")
        task = ServiceLinkedRoleDeletion.objects.filter(
            account=self.caller.account, task_id=self.deletion_task_id).first()
        if task is None:
            raise NoSuchEntity(f"Deletion task {self.deletion_task_id} does not exist.",
                               field="deletion_task_id")
        return task
