"""A role's page: summary (description and session duration editable) and tabs."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import urlencode

from iamconsole.exceptions import IamError
from iamconsole.htmx import is_htmx_partial
from iamconsole.operations import caller_for
from policies.operations.attached import ListAttachedRolePolicies
from policies.operations.inline import ListRolePolicies

from ...forms_roles import InstanceProfileNameForm, RoleSummaryForm
from ...models import InstanceProfile, Role
from ...operations.instance_profiles import RemoveRoleFromInstanceProfile
from ...operations.roles import (
    DeleteRole,
    GetRole,
    ListInstanceProfilesForRole,
    UpdateAssumeRolePolicy,
    UpdateRole,
)
from ...operations.service_linked_roles import DeleteServiceLinkedRole
from ..kinds import ROLE
from ..last_accessed import last_accessed_context
from ..support import form_error, permits, run
from ..tags import ROLE_TAGS, tags_tab
from ._common import role_crumbs
from .sessions import sessions_tab

TABS = (
    ("permissions", "Permissions"),
    ("trust", "Trust relationships"),
    ("tags", "Tags"),
    ("instance_profiles", "Instance profiles"),
    ("last_used", "Last used"),
    ("sessions", "Sessions"),
)
TAB_KEYS = {key for key, _ in TABS}
# The profiles offered by name when adding the role to one (those without a role).
PROFILE_CHOICES_MAX = 100


def _permissions_tab(request: HttpRequest, role: Role) -> dict[str, Any]:
    attached = list(run(request, ListAttachedRolePolicies, role_name=role.name))
    inline = list(run(request, ListRolePolicies, role_name=role.name))
    return {"attached": attached, "inline_policies": inline,
            "policy_count": len(attached) + len(inline)}


def _trust_tab(request: HttpRequest, role: Role) -> dict[str, Any]:
    return {"can_edit_trust": permits(request, UpdateAssumeRolePolicy, role.arn, entity=role)}


def _tags_tab(request: HttpRequest, role: Role) -> dict[str, Any]:
    return tags_tab(request, ROLE_TAGS, role)


def _profiles_tab(request: HttpRequest, role: Role) -> dict[str, Any]:
    profiles = list(run(request, ListInstanceProfilesForRole, role_name=role.name))
    for profile in profiles:
        profile.can_remove = permits(request, RemoveRoleFromInstanceProfile, profile.arn)
    empty = InstanceProfile.objects.filter(account_id=role.account_id, role__isnull=True)
    return {
        "profiles": profiles,
        "profile_form": InstanceProfileNameForm(),
        "empty_profiles": list(empty.order_by("name").values_list("name", flat=True)
                               [:PROFILE_CHOICES_MAX]),
    }


def _last_used_tab(request: HttpRequest, role: Role) -> dict[str, Any]:
    return last_accessed_context(request, role.arn)


TAB_CONTEXT = {
    "permissions": _permissions_tab,
    "trust": _trust_tab,
    "tags": _tags_tab,
    "instance_profiles": _profiles_tab,
    "last_used": _last_used_tab,
    "sessions": sessions_tab,
}


def switch_role_link(request: HttpRequest, role: Role) -> str:
    """The link that opens "Switch role" with this role and account filled in."""
    # Encoded: a "+" allowed in role names would otherwise arrive as a space.
    query = "?" + urlencode({"account": role.account.account_id, "roleName": role.name})
    return request.build_absolute_uri(reverse("accounts:switch_role")) + query


def render_role_detail(request: HttpRequest, role: Role, tab: str, *,
                       extra: dict[str, Any] | None = None, status: int = 200) -> HttpResponse:
    """The role page with one tab, or only that tab for htmx; `extra` overrides tab context.

    Forms posted from a tab come back through here on a validation error, keeping the input.
    """
    tab = tab if tab in TAB_KEYS else "permissions"
    context: dict[str, Any] = {
        "role": role,
        "tab": tab,
        "tabs": TABS,
        "tabs_label": "Role sections",
        # The tabs link to the role's page even when a rejected form posted elsewhere drew it.
        "tabs_url": reverse("accounts:role_detail", args=[role.name]),
        **TAB_CONTEXT[tab](request, role),
        **(extra or {}),
    }
    if is_htmx_partial(request) and request.GET.get("tab"):
        return render(request, "accounts/partials/_role_tab.html", context, status=status)
    # AWS deletes a service-linked role by a deletion task, never with DeleteRole.
    deleting, delete_url = ((DeleteServiceLinkedRole, "accounts:role_service_linked_delete")
                            if role.service_linked else (DeleteRole, "accounts:role_delete"))
    context.update({**_summary_context(request, role), "entity": role, "kind": ROLE,
                    "can_delete": permits(request, deleting, role.arn, entity=role),
                    "delete_url": reverse(delete_url, args=[role.name])})
    return render(request, "accounts/role_detail.html", context, status=status)


def role_detail_view(request: HttpRequest, name: str) -> HttpResponse:
    """GetRole: the summary panel and one tab (?tab=), or only the tab for htmx."""
    role = run(request, GetRole, role_name=name)
    return render_role_detail(request, role, request.GET.get("tab", "permissions"))


def _summary_context(request: HttpRequest, role: Role) -> dict[str, Any]:
    return {
        "role": role,
        "profile_arns": list(role.instance_profiles.values_list("arn", flat=True)),
        "switch_role_url": switch_role_link(request, role),
        "can_edit": permits(request, UpdateRole, role.arn),
    }


def role_summary_edit_view(request: HttpRequest, name: str) -> HttpResponse:
    """UpdateRole: description and maximum session duration, edited in the summary panel.

    With htmx the form replaces the summary panel and the saved summary comes back in its
    place; without, it is a page of its own.
    """
    role = run(request, GetRole, role_name=name)
    htmx = is_htmx_partial(request)
    initial = {"description": role.description,
               "max_session_duration": role.max_session_duration}
    form = RoleSummaryForm(request.POST or None, initial=initial,
                           current_duration=role.max_session_duration)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                role = caller_for(request).run(
                    UpdateRole, role_name=role.name,
                    description=form.cleaned_data["description"],
                    max_session_duration=form.cleaned_data["max_session_duration"])
            except IamError as exc:
                form_error(form, exc)
                status = exc.status
            else:
                if htmx:
                    return render(request, "accounts/partials/_role_summary.html",
                                  {**_summary_context(request, role), "updated": True})
                messages.success(request, f"Role {role.name} updated.")
                return redirect("accounts:role_detail", role.name)
        # htmx swaps only successful answers; the form with its errors is one (a denial
        # keeps its 403).
        if htmx and status == 400:
            status = 200
    context = {"role": role, "form": form, "breadcrumbs": role_crumbs(role, "Edit")}
    template = "accounts/partials/_role_summary_form.html" if htmx else "accounts/role_edit.html"
    return render(request, template, context, status=status)


urlpatterns = [
    path("roles/details/<str:name>/", role_detail_view, name="role_detail"),
    path("roles/details/<str:name>/edit/", role_summary_edit_view, name="role_edit"),
]
