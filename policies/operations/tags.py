"""Tags of customer-managed policies: ListPolicyTags, TagPolicy, UntagPolicy, as every
taggable kind's (accounts.operations.tags); AWS-managed policies cannot be tagged
(UnmodifiableEntity, once the caller is authorized)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from accounts.operations.tags import ListTags, TagResource, UntagResource
from iamconsole.operations import register

from ..services.managed import ensure_customer_managed
from .policy import PolicyOperation


@dataclass(kw_only=True, eq=False)
class PolicyTagOperation(PolicyOperation):
    """A tag operation on the managed policy named by policy_arn."""

    def perform(self) -> Any:
        if not self.read_only:
            ensure_customer_managed(self.entity, "tag")
        return super().perform()


@register
@dataclass(kw_only=True, eq=False)
class ListPolicyTags(PolicyTagOperation, ListTags):
    """ListPolicyTags: the policy's tags, as {key: value} (none for AWS-managed ones)."""


@register
@dataclass(kw_only=True, eq=False)
class TagPolicy(PolicyTagOperation, TagResource):
    """TagPolicy: add tags to a customer-managed policy or overwrite their values."""


@register
@dataclass(kw_only=True, eq=False)
class UntagPolicy(PolicyTagOperation, UntagResource):
    """UntagPolicy: remove tags from a customer-managed policy by key."""
