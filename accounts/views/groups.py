"""User groups: list, create, detail with members and permissions, members added and removed,
delete."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from iamconsole.exceptions import IamError
from iamconsole.generic import ConsoleListView, ListPage
from iamconsole.identifiers import iam_arn
from iamconsole.operations import caller_for
from policies.operations.attached import AttachGroupPolicy, ListAttachedGroupPolicies
from policies.operations.inline import ListGroupPolicies, PutGroupPolicy
from policies.selectors import group_effective_policies

from ..console_selectors import group_member_table
from ..filtersets import IamGroupFilterSet
from ..forms_users import GroupCreateForm
from ..models import IamGroup
from ..operations.groups import CreateGroup, DeleteGroup, GetGroup, ListGroups
from ..operations.memberships import AddUserToGroup, RemoveUserFromGroup
from . import deletion
from .kinds import GROUP
from .last_accessed import last_accessed_context
from .memberships import GROUP_USERS, membership_add_view
from .pickers import build_picker, selected_policies, selected_users
from .support import caller_account, form_error, page_or_partial, permits, run
from .users.detail import MANAGED

TABS = (("users", "Users"), ("permissions", "Permissions"), ("last_accessed", "Last accessed"))


class GroupListView(ConsoleListView):
    """ListGroups: the account's groups with member and policy counts."""

    page = ListPage(
        title="User groups", noun="group", plural="groups", columns=6,
        description="A user group is a collection of IAM users. Use groups to give several "
                    "users the same permissions.",
        urls="accounts:group",
        empty_text="Create a group, attach policies to it and add users: they get its "
                   "permissions.",
    )
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

    operation = ListGroups

    def get_queryset(self) -> QuerySet[IamGroup]:
        return self.rows

    def get_extra_context(self) -> dict[str, Any]:
        return {"can_create": permits(self.request, CreateGroup, _any_group(self.request))}


def _any_group(request: HttpRequest) -> str:
    return iam_arn(caller_account(request).account_id, "group", "/", "*")


def group_create_view(request: HttpRequest) -> HttpResponse:
    """CreateGroup, AddUserToGroup for each chosen user and AttachGroupPolicy for each chosen
    policy: all of them or none."""
    caller_for(request).require(CreateGroup, _any_group(request))
    account = caller_account(request)
    form = GroupCreateForm(request.POST or None, account=account)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            caller = caller_for(request)
            name = data["name"]
            try:
                caller.run_all([
                    CreateGroup(caller=caller, group_name=name, path=data["path"]),
                    *(AddUserToGroup(caller=caller, group_name=name, user_name=user.name)
                      for user in selected_users(account, data["users"])),
                    *(AttachGroupPolicy(caller=caller, group_name=name, policy_arn=policy.arn)
                      for policy in selected_policies(account, data["policies"])),
                ])
            except IamError as exc:
                form_error(form, exc, {"policy_arn": "policies", "new_name": "name"})
                status = exc.status
            else:
                messages.success(request, f"User group {name} created.")
                return redirect(GROUP.detail_url(name, "users"))
    context = {
        "form": form,
        "user_picker": build_picker(account, kind="users", field_name="users", label="Users",
                                    selected=form["users"].value() or []),
        "policy_picker": build_picker(account, kind="policies", field_name="policies",
                                      label="Permissions policies",
                                      selected=form["policies"].value() or []),
        "has_data": form.is_bound,
    }
    return render(request, "accounts/group_create.html", context, status=status)


def _members_tab(request: HttpRequest, group: IamGroup) -> dict[str, Any]:
    return {"members": list(group_member_table(group)),
            "can_add": permits(request, AddUserToGroup, group.arn)}


def _permissions_tab(request: HttpRequest, group: IamGroup) -> dict[str, Any]:
    for listing in (ListAttachedGroupPolicies, ListGroupPolicies):
        run(request, listing, group_name=group.name)
    # A group's own policies come back "via" the group itself; show them as direct.
    sources = group_effective_policies(group).identity
    return {
        "managed": [s for s in sources if s.source_type in MANAGED],
        "inline": [s for s in sources if s.source_type not in MANAGED],
        "direct_count": len(sources),
        "can_attach": permits(request, AttachGroupPolicy, group.arn),
        "can_put_inline": permits(request, PutGroupPolicy, group.arn),
    }


_TAB_CONTEXT = {
    "users": _members_tab,
    "permissions": _permissions_tab,
    "last_accessed": lambda request, group: last_accessed_context(request, group.arn),
}


def group_detail_view(request: HttpRequest, name: str) -> HttpResponse:
    """GetGroup: summary, members and permissions (?tab=users|permissions)."""
    group, members = run(request, GetGroup, group_name=name)
    tab = request.GET.get("tab", "users")
    tab = tab if tab in _TAB_CONTEXT else "users"
    context: dict[str, Any] = {
        "group": group, "entity": group, "tab": tab, "tabs": TABS, "kind": GROUP,
        "delete_url": reverse("accounts:group_delete", args=[group.name]),
        "tabs_label": f"Sections of group {group.name}",
        "member_count": members.count(),
        "can_delete": permits(request, DeleteGroup, group.arn),
        **_TAB_CONTEXT[tab](request, group),
    }
    return page_or_partial(request, "accounts/group_detail.html",
                           "accounts/partials/_group_tabs.html", context)


@require_POST
def group_users_remove_view(request: HttpRequest, name: str) -> HttpResponse:
    """Remove one member."""
    removal = RemoveUserFromGroup(caller=caller_for(request), group_name=name,
                                  user_name=request.POST.get("user", ""))
    removal.run()
    messages.success(request, f"Removed {removal.user.name} from {removal.entity.name}.")
    return redirect(GROUP.detail_url(removal.entity.name, "users"))


urlpatterns = [
    path("groups/", GroupListView.as_view(), name="group_list"),
    path("groups/create/", group_create_view, name="group_create"),
    path("groups/delete/", deletion.bulk_delete_view,
         {"kind": deletion.GROUP, "listing": ListGroups}, name="group_bulk_delete"),
    path("groups/details/<str:name>/", group_detail_view, name="group_detail"),
    path("groups/details/<str:name>/delete/", deletion.delete_view,
         {"kind": deletion.GROUP}, name="group_delete"),
    path("groups/details/<str:name>/users/add/", membership_add_view, {"side": GROUP_USERS},
         name="group_users_add"),
    path("groups/details/<str:name>/users/remove/", group_users_remove_view,
         name="group_users_remove"),
]
