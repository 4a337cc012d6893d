"""Filters of the role and instance-profile pages: trusted entities, policy types, durations."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse

from ..trust_templates import trusted_entities as _trusted_entities
from ..trust_words import trust_sentences

register = template.Library()


@register.filter
def trusted_entities(role: Any) -> list[str]:
    """The entities a role's trust policy trusts: "AWS service: ec2", "Account: 1111...";
    a service-linked role's service marked as AWS's console does."""
    labels = _trusted_entities(getattr(role, "trust_policy_document", None))
    if getattr(role, "service_linked", False):
        return [f"{label} (service-linked role)" for label in labels]
    return labels


@register.filter
def trust_in_words(role: Any) -> list[str]:
    """Who may assume the role and on which conditions, a sentence per trust statement."""
    return trust_sentences(getattr(role, "trust_policy_document", None))


@register.filter
def managed_policy_type(policy: Any) -> str:
    """AWS's type label of a managed policy."""
    if policy.account_id is not None:
        return "Customer managed"
    if policy.path == "/job-function/":
        return "AWS managed - job function"
    return "AWS managed"


@register.filter
def session_duration(seconds: int | None) -> str:
    """A maximum session duration as the console writes it: "1 hour", "1 hour 30 minutes"."""
    if not seconds:
        return "—"
    hours, rest = divmod(int(seconds), 3600)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest // 60:
        parts.append(f"{rest // 60} minute{'s' if rest // 60 != 1 else ''}")
    return " ".join(parts) or f"{seconds} seconds"


@register.simple_tag
def policy_page_url(arn: str) -> str:
    """The managed policy's page, once the policies pages provide one ("" until then)."""
    try:
        return reverse("policies:policy_detail", kwargs={"arn": arn})
    except NoReverseMatch:
        return ""
