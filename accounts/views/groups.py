"""User groups: list, create, detail with members and permissions, delete."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from iamconsole.exceptions import IamError
from iamconsole.generic import ConsoleListView
from iamconsole.identifiers import iam_arn
from policies.authorization import Requirement
from policies.selectors import group_effective_policies

from ..console_selectors import group_member_table, group_table
from ..filtersets import IamGroupFilterSet
from ..forms_users import GroupCreateForm
from ..models import IamGroup
from ..selectors import user_get
from ..services import group_remove_user
from ..services.onboarding import group_add_users, group_create_with_access
from .deletion import GROUP as GROUP_DELETE
from .deletion import bulk_delete, confirm_delete
from .kinds import GROUP
from .pickers import build_picker, selected_policies, selected_users
from .support import allow, caller_account, decision, form_error, page_or_partial
from .users.detail import MANAGED

TABS = (("users", "Users"), ("permissions", "Permissions"))


class GroupListView(ConsoleListView):
    """ListGroups: the account's groups with member and policy counts."""

    template_name = "accounts/group_list.html"
    partial_template_name = "accounts/partials/_group_table.html"
    filterset_class = IamGroupFilterSet
    quota_setting = "IAM_QUOTA_GROUPS"
    ordering_fields = {
        "name": "name",
        "path": "path",
        "users": "member_count",
        "policies": "attached_policy_count",
        "created": "created_at",
    }

    def get_operation(self) -> Requirement:
        return Requirement(action="iam:ListGroups", resource="*")

    def get_queryset(self) -> QuerySet[IamGroup]:
        return group_table(account=caller_account(self.request))

    def get_extra_context(self) -> dict[str, Any]:
        account = caller_account(self.request)
        return {
            "can_create": decision(self.request, "iam:CreateGroup",
                                   f"arn:aws:iam::{account.account_id}:group/*"),
        }


def group_create_view(request: HttpRequest) -> HttpResponse:
    """CreateGroup, then add the chosen users and attach the chosen policies, in one go."""
    account = caller_account(request)
    allow(request, "iam:CreateGroup", f"arn:aws:iam::{account.account_id}:group/*")
    form = GroupCreateForm(request.POST or None, account=account)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        arn = iam_arn(account.account_id, "group", data["path"], data["name"])
        users = selected_users(account, data["users"])
        policies = selected_policies(account, data["policies"])
        allow(request, "iam:CreateGroup", arn)
        if users:
            allow(request, "iam:AddUserToGroup", arn)
        for policy in policies:
            allow(request, "iam:AttachGroupPolicy", arn, {"iam:PolicyARN": policy.arn})
        try:
            group = group_create_with_access(account=account, name=data["name"],
                                             path=data["path"], users=users, policies=policies)
        except IamError as exc:
            form_error(form, exc, {"policy_arn": "policies", "new_name": "name"})
        else:
            messages.success(request, f"User group {group.name} created.")
            return redirect(GROUP.detail_url(group.name, "users"))
    data = form.data if form.is_bound else {}
    context = {
        "form": form,
        "user_picker": build_picker(account, kind="users", field_name="users", label="Users",
                                    selected=form["users"].value() or []),
        "policy_picker": build_picker(account, kind="policies", field_name="policies",
                                      label="Permissions policies",
                                      selected=form["policies"].value() or []),
        "has_data": bool(data),
    }
    return render(request, "accounts/group_create.html", context,
                  status=400 if form.is_bound and form.errors else 200)


def group_detail_view(request: HttpRequest, name: str) -> HttpResponse:
    """GetGroup: summary, members and permissions (?tab=users|permissions)."""
    group = GROUP.authorized(request, name, "iam:GetGroup")
    tab = request.GET.get("tab", "users")
    tab = tab if tab in dict(TABS) else "users"
    context: dict[str, Any] = {
        "group": group, "tab": tab, "tabs": TABS, "kind": GROUP,
        "tabs_label": f"Sections of group {group.name}",
        "member_count": group.memberships.count(),
    }
    if tab == "users":
        context["members"] = list(group_member_table(group))
        context["can_add"] = decision(request, "iam:AddUserToGroup", group.arn)
    else:
        allow(request, "iam:ListAttachedGroupPolicies", group.arn)
        allow(request, "iam:ListGroupPolicies", group.arn)
        effective = group_effective_policies(group)
        sources = effective.identity
        # A group's own policies come back "via" the group itself; show them as direct.
        context.update({
            "managed": [s for s in sources if s.source_type in MANAGED],
            "inline": [s for s in sources if s.source_type not in MANAGED],
            "direct_count": len(sources),
            "can_attach": decision(request, "iam:AttachGroupPolicy", group.arn),
            "can_put_inline": decision(request, "iam:PutGroupPolicy", group.arn),
        })
    return page_or_partial(request, "accounts/group_detail.html",
                           "accounts/partials/_group_tabs.html", context)


def group_users_add_view(request: HttpRequest, name: str) -> HttpResponse:
    """Add users picked from the account's users who are not members yet."""
    account = caller_account(request)
    group = GROUP.authorized(request, name, "iam:GetGroup")
    members = tuple(group.memberships.values_list("user__name", flat=True))
    chosen = request.POST.getlist("users") if request.method == "POST" else []
    error = ""
    if request.method == "POST":
        users = [u for u in selected_users(account, chosen) if u.name not in members]
        if not users:
            error = "Select at least one user."
        else:
            allow(request, "iam:AddUserToGroup", group.arn)
            try:
                group_add_users(group=group, users=users)
            except IamError as exc:
                error = exc.message
            else:
                messages.success(request, f"Added {', '.join(u.name for u in users)} "
                                 f"to {group.name}.")
                return redirect(GROUP.detail_url(group.name, "users"))
    picker = build_picker(account, kind="users", field_name="users", label="Users",
                          selected=chosen, exclude=members)
    return render(request, "accounts/group_users_add.html", {
        "group": group, "picker": picker, "error": error,
        "breadcrumbs": [("User groups", GROUP.list_url()),
                        (group.name, GROUP.detail_url(group.name, "users")),
                        ("Add users", None)],
    }, status=400 if error else 200)


@require_POST
def group_users_remove_view(request: HttpRequest, name: str) -> HttpResponse:
    """Remove one member."""
    group = GROUP.authorized(request, name, "iam:RemoveUserFromGroup")
    user = user_get(account=caller_account(request), name=request.POST.get("user", ""))
    group_remove_user(group=group, user=user)
    messages.success(request, f"Removed {user.name} from {group.name}.")
    return redirect(GROUP.detail_url(group.name, "users"))


def group_delete_view(request: HttpRequest, name: str) -> HttpResponse:
    """Delete a group after typing its name; with its members and policies removed."""
    group = GROUP.authorized(request, name, "iam:DeleteGroup")
    return confirm_delete(
        request, group, template="accounts/group_delete.html",
        cancel_url=GROUP.detail_url(group.name, None),
        breadcrumbs=[("User groups", GROUP.list_url()),
                     (group.name, GROUP.detail_url(group.name, None)), ("Delete", None)],
    )


def group_bulk_delete_view(request: HttpRequest) -> HttpResponse:
    """Delete the groups checked on the list, after typing "delete"."""
    allow(request, "iam:ListGroups")
    names = request.POST.getlist("names") if request.method == "POST" else (
        request.GET.getlist("names")
    )
    groups = list(
        IamGroup.objects.filter(account=caller_account(request), name__in=names).order_by("name")
    )
    return bulk_delete(
        request, groups, kind=GROUP_DELETE, template="accounts/entity_bulk_delete.html",
        breadcrumbs=[("User groups", reverse("accounts:group_list")), ("Delete groups", None)],
    )


urlpatterns = [
    path("groups/", GroupListView.as_view(), name="group_list"),
    path("groups/create/", group_create_view, name="group_create"),
    path("groups/delete/", group_bulk_delete_view, name="group_bulk_delete"),
    path("groups/details/<str:name>/", group_detail_view, name="group_detail"),
    path("groups/details/<str:name>/delete/", group_delete_view, name="group_delete"),
    path("groups/details/<str:name>/users/add/", group_users_add_view, name="group_users_add"),
    path("groups/details/<str:name>/users/remove/", group_users_remove_view,
         name="group_users_remove"),
]
