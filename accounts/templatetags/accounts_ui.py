"""Filters for the user and group pages: ages, last activity and policy type labels."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django import template
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from iamconsole.templatetags.console import row_url
from policies.models import ManagedPolicy

from ..selectors import switch_role_history
from ..signin import is_federated_session
from ..views.demo_reset import is_demo_trainer as demo_trainer
from ..views.support import policy_detail_url
from ..views.switch_role import ROLE_DISPLAY

register = template.Library()
# How many of a user's groups the users table names before "+N more".
GROUPS_SHOWN = 3


@register.simple_tag
def group_links(groups: Sequence[Any]) -> SafeString:
    """The users table's Groups cell: the first groups as links, then "+N more", or None.

    `groups` is every group of the user (at most 10), as the page's prefetch loads them.
    """
    if not groups:
        return mark_safe('<span class="muted">None</span>')
    links = format_html_join(
        ", ", '<a href="{}">{}</a>',
        ((row_url("accounts:group_detail", group.name), group.name)
         for group in groups[:GROUPS_SHOWN]),
    )
    if len(groups) > GROUPS_SHOWN:
        return format_html('{} <span class="muted">+{} more</span>', links,
                           len(groups) - GROUPS_SHOWN)
    return links


@register.filter
def age(moment: datetime | None) -> str:
    """How long ago: "Today", "1 day", "12 days" (AWS's password and key age columns)."""
    if moment is None:
        return "—"
    days = (timezone.now() - moment).days
    if days <= 0:
        return "Today"
    return "1 day" if days == 1 else f"{days} days"


@register.filter
def ago(moment: datetime | None) -> str:
    """Last activity: "Never", "Today", "3 days ago"."""
    if moment is None:
        return "Never"
    text = age(moment)
    return text if text == "Today" else f"{text} ago"


@register.filter
def latest(first: datetime | None, second: datetime | None) -> datetime | None:
    """The later of two optional times (last activity from password and key use)."""
    known = [t for t in (first, second) if t is not None]
    return max(known) if known else None


@register.filter
def policy_kind(arn: str) -> str:
    """AWS's type label of a managed policy, from its ARN."""
    if arn.startswith("arn:aws:iam::aws:policy/job-function/"):
        return "AWS managed - job function"
    if arn.startswith("arn:aws:iam::aws:"):
        return "AWS managed"
    return "Customer managed"


@register.filter
def source_kind(source_type: str) -> str:
    """The console's words for a PolicySource.source_type."""
    return {
        "aws-managed": "AWS managed",
        "user-managed": "Customer managed",
        "user": "Customer inline",
        "group": "Customer inline",
        "role": "Customer inline",
    }.get(source_type, source_type)


@register.filter
def picker_key(item: object) -> str:
    """The value a picker posts: a managed policy's ARN, a group's or user's name."""
    if isinstance(item, ManagedPolicy):
        return item.arn
    return str(getattr(item, "name", ""))


@register.filter
def policy_url(arn: str) -> str:
    """The page of a managed policy, or "" while the policies pages do not provide one."""
    return policy_detail_url(arn) or ""


@register.simple_tag
def credential_url(owner: Any, page: str, *args: str) -> str:
    """A credential page of a user or the root user: `{% credential_url owner "mfa_cancel" %}`."""
    return owner.url(page, *args)


@register.filter
def is_demo_trainer(principal: Any) -> bool:
    """True for the demo account's root user, whose identity menu offers "Reset demo"."""
    return demo_trainer(principal)


@register.simple_tag(takes_context=True)
def role_session_display(context: Any) -> dict[str, str]:
    """The display name and colour chosen for the current role session ({} otherwise;
    `federated` for a console session of the federation endpoint)."""
    request = context.get("request")
    principal = context.get("principal")
    if request is None or getattr(principal, "kind", None) != "assumed-role":
        return {}
    if is_federated_session(request):
        # Signed in through the federation endpoint: no user to switch back to.
        return {"federated": True}
    display = request.session.get(ROLE_DISPLAY)
    return display if isinstance(display, dict) else {}


@register.simple_tag
def role_history(principal: Any) -> list[Any]:
    """The identity menu's role history of a signed-in IAM user, latest first (one query)."""
    if getattr(principal, "kind", None) != "user":
        return []
    return list(switch_role_history(user_id=principal.entity_pk))


@register.filter
def tag_value(tags: dict[str, str] | None, key: str) -> str:
    """The value of a tag (an access key's description: the user's tag keyed by its ID)."""
    return (tags or {}).get(key, "")


@register.filter
def entity_label(arn: str | None) -> str:
    """`user carol` for a user's or role's ARN (the path left out), "" for none."""
    resource = str(arn or "").split(":", 5)[-1]
    kind, _, rest = resource.partition("/")
    return f"{kind} {rest.rsplit('/', 1)[-1]}" if rest else resource
