"""AWS Organizations' policies: SCPs and RCPs, their attachments and the policy types.

Authorized as `organizations:<Operation>` on the policy's ARN (and the target's, for
AttachPolicy and DetachPolicy) with `organizations:PolicyType`; management account only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from iamconsole.operations import register
from iamconsole.trail.changes import policy_change_data
from policies.authorization import Requirement

from ..models import OrganizationPolicy, OrganizationPolicyAttachment
from ..organizations_selectors import (
    policy_arn,
    policy_get,
    policy_shape,
    policy_summary,
    root_shape,
    target_arn,
    target_summaries,
)
from ..services.organization_policies import (
    check_target,
    org_policy_attach,
    org_policy_create,
    org_policy_delete,
    org_policy_detach,
    org_policy_update,
    policy_type_disable,
    policy_type_enable,
    validate_policy_type,
)
from .organizations import CreateWithTags, OrganizationsOperation, tag_dict


@register
@dataclass(kw_only=True, eq=False)
class CreatePolicy(CreateWithTags):
    """CreatePolicy: an SCP or RCP (5,120 characters, the type's grammar)."""

    name: str
    description: str = ""
    content: str
    type: str

    def validate(self) -> None:
        validate_policy_type(self.type)
        super().validate()

    def context(self) -> Mapping[str, Any]:
        return {"organizations:PolicyType": self.type, **super().context()}

    def perform(self) -> dict[str, Any]:
        policy = org_policy_create(
            organization=self.organization, name=self.name, description=self.description,
            content=self.content, policy_type=self.type, tags=tag_dict(self.tags))
        return {"Policy": policy_shape(self.organization, policy)}


@dataclass(kw_only=True, eq=False)
class _PolicyOperation(OrganizationsOperation):
    policy_id: str
    policy: OrganizationPolicy | None = field(init=False, default=None, repr=False)

    def prepare(self) -> None:
        super().prepare()
        self.policy = self.find(lambda: policy_get(self.organization, self.policy_id),
                                self._missing_arn())

    def _missing_arn(self) -> str:
        return (f"arn:aws:organizations::{self.organization.management_id}:policy/"
                f"{self.organization.org_id}/*/{self.policy_id}")

    def resource(self) -> str:
        policy = self.policy
        return policy_arn(self.organization, policy.policy_id, policy.policy_type,
                          policy.aws_managed)

    def context(self) -> Mapping[str, Any]:
        return {"organizations:PolicyType": self.policy.policy_type}


@register
@dataclass(kw_only=True, eq=False)
class DescribePolicy(_PolicyOperation):
    """DescribePolicy: any account of the organization may read a policy."""

    read_only = True
    management_only = False

    def perform(self) -> dict[str, Any]:
        return {"Policy": policy_shape(self.organization, self.policy)}


@register
@dataclass(kw_only=True, eq=False)
class UpdatePolicy(_PolicyOperation):
    name: str | None = None
    description: str | None = None
    content: str | None = None

    replaced_content: str = field(init=False, default="", repr=False)

    def perform(self) -> dict[str, Any]:
        self.replaced_content = self.policy.content
        policy = org_policy_update(policy=self.policy, name=self.name,
                                   description=self.description, content=self.content)
        return {"Policy": policy_shape(self.organization, policy)}

    def trail_additional_data(self, output: Any) -> dict[str, Any] | None:
        # A new name or description alone changes no document.
        return None if self.content is None else policy_change_data(self.replaced_content)


@register
@dataclass(kw_only=True, eq=False)
class DeletePolicy(_PolicyOperation):
    def perform(self) -> None:
        org_policy_delete(policy=self.policy)

    def trail_additional_data(self, output: None) -> dict[str, Any]:
        return policy_change_data(self.policy.content)


@register
@dataclass(kw_only=True, eq=False)
class ListPolicies(OrganizationsOperation):
    """ListPolicies of one type (FullAWSAccess / RCPFullAWSAccess included)."""

    read_only = True
    filter: str

    def guard(self) -> None:  # once authorized (the REST door's query)
        super().guard()
        validate_policy_type(self.filter, "Filter")

    def context(self) -> Mapping[str, Any]:
        return {"organizations:PolicyType": self.filter}

    def perform(self) -> dict[str, Any]:
        policies = self.organization.policies.filter(policy_type=self.filter)
        return {"Policies": [policy_summary(self.organization, p) for p in policies]}


@dataclass(kw_only=True, eq=False)
class _Attachment(_PolicyOperation):
    target_id: str

    def requirements(self) -> Iterable[Requirement]:
        yield self.requirement()
        yield self.requirement(resource=target_arn(self.organization, self.target_id))


@register
@dataclass(kw_only=True, eq=False)
class AttachPolicy(_Attachment):
    """AttachPolicy: 5 policies of a type per target at most."""

    def perform(self) -> None:
        org_policy_attach(policy=self.policy, target_id=self.target_id)


@register
@dataclass(kw_only=True, eq=False)
class DetachPolicy(_Attachment):
    """DetachPolicy: a target keeps at least one SCP."""

    def perform(self) -> None:
        org_policy_detach(policy=self.policy, target_id=self.target_id)


@register
@dataclass(kw_only=True, eq=False)
class ListPoliciesForTarget(OrganizationsOperation):
    read_only = True
    target_id: str
    filter: str

    def guard(self) -> None:  # once authorized (the REST door's query)
        super().guard()
        validate_policy_type(self.filter, "Filter")

    def prepare(self) -> None:
        super().prepare()
        self.find(lambda: check_target(self.organization, self.target_id), self.resource())

    def resource(self) -> str:
        return target_arn(self.organization, self.target_id)

    def context(self) -> Mapping[str, Any]:
        return {"organizations:PolicyType": self.filter}

    def perform(self) -> dict[str, Any]:
        policies = self.organization.policies.filter(
            policy_type=self.filter, attachments__target_id=self.target_id)
        return {"Policies": [policy_summary(self.organization, p) for p in policies]}


@register
@dataclass(kw_only=True, eq=False)
class ListTargetsForPolicy(_PolicyOperation):
    read_only = True

    def perform(self) -> dict[str, Any]:
        targets = (OrganizationPolicyAttachment.objects.filter(policy=self.policy)
                   .values_list("target_id", flat=True))
        return {"Targets": target_summaries(self.organization, targets)}


@dataclass(kw_only=True, eq=False)
class _PolicyType(OrganizationsOperation):
    root_id: str
    policy_type: str

    def validate(self) -> None:
        validate_policy_type(self.policy_type, "PolicyType")

    def resource(self) -> str:
        return target_arn(self.organization, self.root_id)

    def context(self) -> Mapping[str, Any]:
        return {"organizations:PolicyType": self.policy_type}


@register
@dataclass(kw_only=True, eq=False)
class EnablePolicyType(_PolicyType):
    """EnablePolicyType: FullAWSAccess (or RCPFullAWSAccess) goes to every target."""

    def perform(self) -> dict[str, Any]:
        organization = policy_type_enable(organization=self.organization,
                                          root_id=self.root_id, policy_type=self.policy_type)
        return {"Root": root_shape(organization)}


@register
@dataclass(kw_only=True, eq=False)
class DisablePolicyType(_PolicyType):
    def perform(self) -> dict[str, Any]:
        organization = policy_type_disable(organization=self.organization,
                                           root_id=self.root_id, policy_type=self.policy_type)
        return {"Root": root_shape(organization)}
