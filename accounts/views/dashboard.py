"""The console's landing page: the account, usage against quotas, security recommendations."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.views.decorators.http import require_safe

from iamconsole.exceptions import AccessDenied
from policies.guard_rails.selectors import guard_rail_counts
from policies.operations.guard_rails import ListGuardRails

from ..console_selectors import security_recommendations
from ..operations.account import GetAccountSummary
from ..operations.roles import ListRoles
from ..operations.users import CreateUser, ListUsers
from ..unused_access import DAY_CHOICES, DEFAULT_DAYS, unused_access
from .support import caller_account, optional_url, permits, run

# (label, usage key, quota key, list page, its filter) in AWS's order; pages not built yet
# show no link. The policies list also holds AWS's policies: the tile opens the ones it counts.
RESOURCES = (
    ("User groups", "Groups", "GroupsQuota", "accounts:group_list", ""),
    ("Users", "Users", "UsersQuota", "accounts:iamuser_list", ""),
    ("Roles", "Roles", "RolesQuota", "accounts:role_list", ""),
    ("Customer managed policies", "Policies", "PoliciesQuota", "policies:policy_list",
     "?type=customer"),
    ("Instance profiles", "InstanceProfiles", "InstanceProfilesQuota",
     "accounts:instanceprofile_list", ""),
)
# Where the root user manages its own MFA and keys ("My security credentials").
ROOT_CREDENTIALS_PAGE = "accounts:security_credentials"


def _resources(summary: dict[str, Any]) -> list[dict[str, Any]]:
    """The tiles of the IAM resources panel: usage against quota, with the list's link."""
    return [
        {
            "label": label,
            "used": summary[used],
            "quota": summary[quota],
            "percent": min(100, round(100 * summary[used] / summary[quota]))
            if summary[quota] else 0,
            "url": (url + query) if (url := optional_url(url_name)) else None,
        }
        for label, used, quota, url_name, query in RESOURCES
    ]


def dashboard_view(request: HttpRequest) -> HttpResponse:
    """Show the account at a glance; a panel the caller may not read shows AWS's denial
    instead (GetAccountSummary for both, ListUsers too for the recommendations).

    The page is where everyone lands after signing in, so it never answers AccessDenied.
    """
    account = caller_account(request)
    context: dict[str, Any] = {
        "account": account,
        "signin_url": request.build_absolute_uri(
            f"/signin/?account={account.alias or account.account_id}"
        ),
        # Disabled with AWS's denial when not allowed, as on the users list.
        "can_create_user": permits(request, CreateUser,
                                   f"arn:aws:iam::{account.account_id}:user/*"),
    }
    try:
        context["rails"] = guard_rail_counts(run(request, ListGuardRails))
    except AccessDenied as exc:
        context["rails_denied"] = exc.message
    try:
        context["resources"] = _resources(run(request, GetAccountSummary))
    except AccessDenied as exc:
        context["summary_denied"] = context["recommend_denied"] = exc.message
        return render(request, "accounts/dashboard.html", context)
    try:
        run(request, ListUsers)
    except AccessDenied as exc:
        context["recommend_denied"] = exc.message
        return render(request, "accounts/dashboard.html", context)
    context["security"] = security_recommendations(account)
    # Only the root user can act on the root user's credentials: others get no link.
    if request.principal.is_root:
        context["root_credentials_url"] = reverse(ROOT_CREDENTIALS_PAGE)
    return render(request, "accounts/dashboard.html", context)


@require_safe
def unused_access_view(request: HttpRequest) -> HttpResponse:
    """The dashboard's "Unused access" card (htmx, ?days=30|90|180): roles, access keys and
    console passwords not used in the period, and users and roles granted services they did
    not use. Reading it lists the users and the roles; refused (403), the dashboard that loads
    it simply shows no card, as with the findings panel."""
    try:
        days = int(request.GET.get("days", DEFAULT_DAYS))
    except ValueError:
        days = DEFAULT_DAYS
    days = days if days in DAY_CHOICES else DEFAULT_DAYS
    run(request, ListUsers)
    run(request, ListRoles)
    return render(request, "accounts/partials/_unused_access.html", {
        "days": days, "day_choices": DAY_CHOICES,
        "unused": unused_access(caller_account(request), days=days)})


urlpatterns = [
    path("", dashboard_view, name="dashboard"),
    path("dashboard/unused-access/", unused_access_view, name="unused_access"),
]
