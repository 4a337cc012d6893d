"""A policy's detail page: summary panel and tabs (permissions, entities, tags, versions...)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_safe

from accounts.views.tags import tags_tab
from iamconsole.exceptions import NoSuchEntity
from iamconsole.htmx import is_htmx_partial

from ..diff import formatted, side_by_side
from ..models import ManagedPolicy, PolicyVersion
from ..selectors import (
    policy_default_version,
    policy_entities,
    policy_list,
    policy_version_list,
)
from ..summary import permissions_summary
from ._common import DETAIL_TABS, allow, caller_account, detail_url, with_policy_arn
from .tags import POLICY_TAGS

TAB_KEYS = [key for key, _ in DETAIL_TABS]


def _annotated_policy(request: HttpRequest, arn: str) -> ManagedPolicy:
    """The policy with its usage counts in this account, in one query; else NoSuchEntity."""
    policy = policy_list(account=caller_account(request)).filter(arn=arn).first()
    if policy is None:
        raise NoSuchEntity(f"Policy {arn} does not exist or is not attachable.",
                           field="policy_arn")
    return policy


def _version(versions: list[PolicyVersion], version_id: str | None) -> PolicyVersion | None:
    return next((v for v in versions if v.version_id == version_id), None)


def _permissions_tab(request: HttpRequest, policy: ManagedPolicy) -> dict[str, Any]:
    allow(request, "iam:GetPolicyVersion", policy.arn)
    version = policy_default_version(policy)
    view = "json" if request.GET.get("view") == "json" else "summary"
    return {
        "version": version,
        "view": view,
        "document": formatted(version.document_text),
        "summary": permissions_summary(version.document) if view == "summary" else None,
    }


def _entities_tab(request: HttpRequest, policy: ManagedPolicy) -> dict[str, Any]:
    allow(request, "iam:ListEntitiesForPolicy", policy.arn)
    entities = policy_entities(policy=policy, account=caller_account(request))
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
    allow(request, "iam:ListPolicyVersions", policy.arn)
    versions = list(policy_version_list(policy))
    shown = _version(versions, request.GET.get("version"))
    if shown is not None:
        allow(request, "iam:GetPolicyVersion", policy.arn)
    return {
        "versions": versions,
        "shown": shown,
        "shown_document": formatted(shown.document_text) if shown else "",
        "max_versions": settings.IAM_MAX_POLICY_VERSIONS,
    }


def _compare_tab(request: HttpRequest, policy: ManagedPolicy) -> dict[str, Any]:
    allow(request, "iam:ListPolicyVersions", policy.arn)
    allow(request, "iam:GetPolicyVersion", policy.arn)
    versions = list(policy_version_list(policy))
    default = next(v for v in versions if v.is_default)
    # By default: the default version against the newest other one (what an edit changed).
    others = [v for v in versions if v is not default]
    left = _version(versions, request.GET.get("left")) or (others[0] if others else default)
    right = _version(versions, request.GET.get("right")) or default
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
}


def render_detail(
    request: HttpRequest, arn: str, tab: str, *, extra: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The detail page (or, for htmx, the tab) of a policy; `extra` overrides tab context.

    Forms posted from a tab re-render it through here on a validation error, keeping what
    the person typed.
    """
    policy = _annotated_policy(request, arn)
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
    allow(request, "iam:GetPolicy", arn)
    return render_detail(request, arn, request.GET.get("tab", "permissions"))


urlpatterns = [
    path("policies/details/<path:arn>", policy_detail_view, name="policy_detail"),
]
