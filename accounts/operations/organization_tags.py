"""AWS Organizations' tags (TagResource, UntagResource, ListTagsForResource) on the root,
OUs, policies and accounts, and DescribeEffectivePolicy (which SCPs and RCPs do not have)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from iamconsole.operations import register
from iamconsole.organizations_errors import (
    EffectivePolicyNotFoundException,
    InvalidInputException,
    TargetNotFoundException,
)
from policies.authorization import Requirement

from ..models import OrganizationalUnit, OrganizationMember, OrganizationPolicy
from ..organizations_selectors import policy_arn, target_arn
from ..services.organization_policies import check_target
from .organizations import OrganizationsOperation, tag_dict

# DescribeEffectivePolicy's types (botocore's EffectivePolicyType); SCPs and RCPs have none.
EFFECTIVE_POLICY_TYPES = frozenset({
    "TAG_POLICY", "BACKUP_POLICY", "AISERVICES_OPT_OUT_POLICY", "CHATBOT_POLICY",
    "DECLARATIVE_POLICY_EC2", "SECURITYHUB_POLICY", "SECURITYHUB_CSPM_POLICY",
    "INSPECTOR_POLICY", "UPGRADE_ROLLOUT_POLICY", "BEDROCK_POLICY", "S3_POLICY",
    "NETWORK_SECURITY_DIRECTOR_POLICY", "GUARDDUTY_POLICY"})
MAX_TAGS = 50


@dataclass(kw_only=True, eq=False)
class _Tagging(OrganizationsOperation):
    resource_id: str
    taggable: Any = field(init=False, default=None, repr=False)

    def prepare(self) -> None:
        super().prepare()
        self.taggable = self.find(self._taggable, self.resource())

    def _taggable(self) -> Any:
        organization = self.organization
        found: Any = None
        if self.resource_id.startswith("r-"):
            found = organization if self.resource_id == organization.root_id else None
        elif self.resource_id.startswith("ou-"):
            found = OrganizationalUnit.objects.filter(organization=organization,
                                                      ou_id=self.resource_id).first()
        elif self.resource_id.startswith("p-"):
            found = OrganizationPolicy.objects.filter(organization=organization,
                                                      policy_id=self.resource_id).first()
        else:
            found = OrganizationMember.objects.filter(
                organization=organization, account__account_id=self.resource_id).first()
        if found is None:
            raise TargetNotFoundException("We can't find a root, OU, account, or policy "
                                          "with the ResourceId that you specified.")
        if isinstance(found, OrganizationPolicy) and found.aws_managed:
            raise InvalidInputException("You cannot tag an AWS managed policy.",
                                        reason="IMMUTABLE_POLICY", field="ResourceId")
        return found

    def resource(self) -> str:
        if self.resource_id.startswith("p-"):
            policy = self.taggable if isinstance(self.taggable, OrganizationPolicy) else None
            if policy is not None:
                return policy_arn(self.organization, policy.policy_id, policy.policy_type,
                                  policy.aws_managed)
            return (f"arn:aws:organizations::{self.organization.management_id}:policy/"
                    f"{self.organization.org_id}/*/{self.resource_id}")
        return target_arn(self.organization, self.resource_id)

    @property
    def current_tags(self) -> dict[str, str]:
        return dict(self.taggable.root_tags if self.resource_id.startswith("r-")
                    else self.taggable.tags)

    def save_tags(self, tags: dict[str, str]) -> None:
        name = "root_tags" if self.resource_id.startswith("r-") else "tags"
        model = type(self.taggable)
        with transaction.atomic():
            model.objects.filter(pk=self.taggable.pk).update(**{name: tags})


@register
@dataclass(kw_only=True, eq=False)
class TagResource(_Tagging):
    tags: list[dict[str, str]] = field(default_factory=list)

    def validate(self) -> None:
        tag_dict(self.tags)

    def context(self) -> Mapping[str, Any]:
        return self.tag_context(self.tags)

    def perform(self) -> None:
        tags = {**self.current_tags, **tag_dict(self.tags)}
        if len(tags) > MAX_TAGS:
            raise InvalidInputException("A resource has 50 tags at most.",
                                        reason="MAX_LIMIT_EXCEEDED_FILTER", field="Tags")
        self.save_tags(tags)


@register
@dataclass(kw_only=True, eq=False)
class UntagResource(_Tagging):
    tag_keys: list[str] = field(default_factory=list)

    def context(self) -> Mapping[str, Any]:
        return {"aws:TagKeys": list(self.tag_keys)}

    def perform(self) -> None:
        self.save_tags({k: v for k, v in self.current_tags.items() if k not in set(self.tag_keys)})


@register
@dataclass(kw_only=True, eq=False)
class ListTagsForResource(_Tagging):
    read_only = True

    def perform(self) -> dict[str, Any]:
        return {"Tags": [{"Key": k, "Value": v} for k, v in sorted(self.current_tags.items())]}


@register
@dataclass(kw_only=True, eq=False)
class DescribeEffectivePolicy(OrganizationsOperation):
    """DescribeEffectivePolicy: AWS computes it for management policy types only (tag,
    backup, AI opt-out...), which this installation does not host: SCP and RCP are refused
    as AWS refuses them, the others have no effective policy."""

    read_only = True
    management_only = False
    policy_type: str
    target_id: str | None = None

    def guard(self) -> None:  # once authorized (the REST door's query)
        super().guard()
        if self.policy_type not in EFFECTIVE_POLICY_TYPES:
            raise InvalidInputException(
                f"{self.policy_type} has no effective policy: use one of "
                f"{', '.join(sorted(EFFECTIVE_POLICY_TYPES))}.",
                reason="INVALID_ENUM_POLICY_TYPE", field="PolicyType")

    def resource(self) -> str:
        return target_arn(self.organization, self.target_id or self.caller.account_id)

    def requirements(self) -> Iterable[Requirement]:
        yield self.requirement(context={"organizations:PolicyType": self.policy_type})

    def perform(self) -> dict[str, Any]:
        if self.target_id is not None:
            check_target(self.organization, self.target_id)
        raise EffectivePolicyNotFoundException(
            "We can't find an effective policy of the specified type for this target.")
