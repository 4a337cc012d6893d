"""Service-linked roles: roles an AWS service creates and uses, in /aws-service-role/."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from iamconsole.exceptions import InvalidInput
from iamconsole.operations import Operation, register
from iamconsole.validators import validate_description

from ..models import Role
from ..services import role_create

_SERVICE = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com$")
_SUFFIX = re.compile(r"^[\w+=,.@-]{1,64}$")


def service_role_name(service: str, custom_suffix: str | None = None) -> str:
    """AWSServiceRoleFor<Service>[_<suffix>]: the service's first label in words
    (elasticbeanstalk.amazonaws.com -> AWSServiceRoleForElasticbeanstalk)."""
    words = re.split(r"[-.]", service.split(".amazonaws.com")[0])
    name = "AWSServiceRoleFor" + "".join(word[:1].upper() + word[1:] for word in words)
    return f"{name}_{custom_suffix}" if custom_suffix else name


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
