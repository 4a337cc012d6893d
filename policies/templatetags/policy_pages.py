"""Template helpers of the policy pages: server-side JSON highlighting and small formatters."""

from __future__ import annotations

import re

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from policies.summary import PolicySummary
from policies.summary_sections import SummarySection, summary_sections

register = template.Library()

# The same tokens and classes as static/js/policy-editor.js, so both look alike.
_TOKEN = re.compile(
    r'("(?:\\.|[^"\\])*"(\s*:)?|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\btrue\b|\bfalse\b|\bnull\b'
    r"|[{}\[\],])"
)


def _token_class(match: re.Match[str]) -> str:
    text = match.group(0)
    if match.group(1).startswith('"'):
        return "tok-key" if match.group(2) else "tok-string"
    if text in ("true", "false", "null"):
        return "tok-literal"
    if text[0] in "-0123456789":
        return "tok-number"
    return "tok-punct"


@register.filter
def highlight_json(text: str) -> SafeString:
    """Wrap the JSON tokens of `text` in `<span class="tok-...">`, escaping everything."""
    out: list[str] = []
    last = 0
    for match in _TOKEN.finditer(text or ""):
        out.append(escape(text[last:match.start()]))
        out.append(f'<span class="{_token_class(match)}">{escape(match.group(0))}</span>')
        last = match.end()
    out.append(escape((text or "")[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


@register.filter
def policy_type_label(policy: object) -> str:
    """AWS's policy type words: AWS managed, AWS managed - job function, Customer managed."""
    if getattr(policy, "account_id", None) is not None:
        return "Customer managed"
    if getattr(policy, "path", "/") == "/job-function/":
        return "AWS managed - job function"
    return "AWS managed"


_DETAIL_URL_NAMES = {"user": "accounts:iamuser_detail", "group": "accounts:group_detail",
                     "role": "accounts:role_detail"}


@register.simple_tag
def entity_url(kind: str, name: str) -> str:
    """The detail page of a user, group or role by name, or "" while that page does not exist."""
    try:
        return reverse(_DETAIL_URL_NAMES[kind.lower()], kwargs={"name": name})
    except (KeyError, NoReverseMatch):
        return ""


@register.simple_tag
def summary_sections_of(summary: PolicySummary, version_id: str = "") -> list[SummarySection]:
    """The summary's Deny and Allow sections with their first services; the page loads the
    rest on demand (a version names the document in those requests)."""
    return summary_sections(summary, params={"version": version_id} if version_id else {})
