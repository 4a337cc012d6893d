"""A policy's detail page: summary panel and tabs (permissions, entities, tags, versions...)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_safe

from accounts.views.last_accessed import last_accessed_context
from accounts.views.support import run
from accounts.views.tags import tags_tab
from iamconsole.htmx import is_htmx_partial

from ..diff import formatted, side_by_side
from ..models import ManagedPolicy, PolicyVersion
from ..operations.managed import GetPolicy, ListEntitiesForPolicy
from ..operations.versions import GetPolicyVersion, ListPolicyVersions
from ..summary import permissions_summary
from ._common import DETAIL_TABS, detail_url, with_policy_arn
from .tags import POLICY_TAGS

TAB_KEYS = [key for key, _ in DETAIL_TABS]


def _version(versions: list[PolicyVersion], version_id: str | None) -> PolicyVersion | None:
    return next((v for v in versions if v.version_id == version_id), None)


def _get_version(request: HttpRequest, policy: ManagedPolicy, version_id: str) -> PolicyVersion:
    return run(request, GetPolicyVersion, policy_arn=policy.arn, version_id=version_id)


def _list_versions(request: HttpRequest, policy: ManagedPolicy) -> list[PolicyVersion]:
    return list(run(request, ListPolicyVersions, policy_arn=policy.arn))


def _permissions_tab(request: HttpRequest, policy: ManagedPolicy) -> dict[str, Any]:
    version = _get_version(request, policy, f"v{policy.default_version_number}")
    view = "json" if request.GET.get("view") == "json" else "summary"
    return {
        "version": version,
        "view": view,
        "document": formatted(version.document_text),
        "summary": permissions_summary(version.document) if view == "summary" else None,
    }


def _entities_tab(request: HttpRequest, policy: ManagedPolicy) -> dict[str, Any]:
    entities = run(request, ListEntitiesForPolicy, policy_arn=policy.arn)
    rows = [("User", user, "user") for user in entities["users"]]
    rows += [("Group", group, "group") for group in entities["groups"]]
    rows += [("Role", role, "role") for role in entities["roles"]]
    rows.sort(key=lambda row: (row[1].name.lower(), row[0]))
    return {
        "entities": rows,
        "boundary_users": entities["boundary_users"],
        "boundary_roles": entities["boundary_roles"],
        "boundary_count": len(entities["boundary_users"]) + len(entities["boundary_roles"]),
    }


def _versions_tab(request: HttpRequest, policy: ManagedPolicy) -> dict[str, Any]:
    versions = _list_versions(request, policy)
    shown = _version(versions, request.GET.get("version"))
    if shown is not None:
        shown = _get_version(request, policy, shown.version_id)
    return {
        "versions": versions,
        "shown": shown,
        "shown_document": formatted(shown.document_text) if shown else "",
        "max_versions": settings.IAM_MAX_POLICY_VERSIONS,
    }


def _compare_tab(request: HttpRequest, policy: ManagedPolicy) -> dict[str, Any]:
    versions = _list_versions(request, policy)
    default = next(v for v in versions if v.is_default)
    # By default: the default version against the newest other one (what an edit changed).
    others = [v for v in versions if v is not default]
    left = _version(versions, request.GET.get("left")) or (others[0] if others else default)
    right = _version(versions, request.GET.get("right")) or default
    left, right = (_get_version(request, policy, v.version_id) for v in (left, right))
    as_written = request.GET.get("text") == "written"
    left_text, right_text = left.document_text, right.document_text
    if not as_written:
        left_text, right_text = formatted(left_text), formatted(right_text)
    return {
        "versions": versions,
        "left": left,
        "right": right,
        "as_written": as_written,
        "diff": side_by_side(left_text, right_text),
    }


def _tags_tab(request: HttpRequest, policy: ManagedPolicy) -> dict[str, Any]:
    return tags_tab(request, POLICY_TAGS, policy)


def _boundary_tab(request: HttpRequest, policy: ManagedPolicy) -> dict[str, Any]:
    return _entities_tab(request, policy)


TAB_CONTEXT = {
    "permissions": _permissions_tab,
    "entities": _entities_tab,
    "tags": _tags_tab,
    "versions": _versions_tab,
    "compare": _compare_tab,
    "boundary": _boundary_tab,
    "last_accessed": lambda request, policy: last_accessed_context(request, policy.arn,
                                                                   granting=False),
}


def render_detail(
    request: HttpRequest, arn: str, tab: str, *, extra: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    """GetPolicy: the detail page (or, for htmx, the tab) of a policy; `extra` overrides tab
    context.

    Forms posted from a tab re-render it through here on a validation error, keeping what
    the person typed.
    """
    policy = run(request, GetPolicy, policy_arn=arn)
    if tab not in TAB_KEYS:
        tab = "permissions"
    context: dict[str, Any] = {
        "policy": policy,
        "tab": tab,
        "tabs": DETAIL_TABS,
        "tabs_label": "Policy sections",
        # The tabs link to the policy's page even when a rejected form posted elsewhere drew it.
        "tabs_url": detail_url(arn),
        "nav_section": "policies:policy_list",
        **TAB_CONTEXT[tab](request, policy),
        **(extra or {}),
    }
    if is_htmx_partial(request):
        return render(request, "policies/partials/_policy_tab.html", context, status=status)
    return render(request, "policies/policy_detail.html", context, status=status)


@require_safe
@with_policy_arn
def policy_detail_view(request: HttpRequest, arn: str) -> HttpResponse:
    """GetPolicy: the summary panel and one tab (?tab=), or only the tab for htmx."""
    return render_detail(request, arn, request.GET.get("tab", "permissions"))


urlpatterns = [
    path("policies/details/<path:arn>", policy_detail_view, name="policy_detail"),
]
