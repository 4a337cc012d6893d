"""Adding group memberships from either side: a user's groups, or a group's users. One page
for both, running AddUserToGroup for every pair picked, all or none."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from iamconsole.exceptions import IamError
from iamconsole.operations import Caller, caller_for

from ..models import Account
from ..operations.groups import GetGroup
from ..operations.memberships import AddUserToGroup
from ..operations.users import ListGroupsForUser
from .kinds import GROUP, USER, EntityKind
from .pickers import build_picker, selected_groups, selected_users
from .support import caller_account


def _groups_of(caller: Caller, name: str) -> tuple[Any, QuerySet[Any]]:
    listing = ListGroupsForUser(caller=caller, user_name=name)
    groups = listing.run()
    return listing.entity, groups


def _members_of(caller: Caller, name: str) -> tuple[Any, QuerySet[Any]]:
    group, members = caller.run(GetGroup, group_name=name)
    return group, members


@dataclass(frozen=True)
class Side:
    """The page's entity (a user or a group) and what is picked for it (groups or users)."""

    kind: EntityKind
    others: str  # the picker's kind and field: "groups" or "users"
    picker_label: str
    title: str  # with {name}
    intro: str
    submit: str
    tab: str  # the entity page's tab to go back to
    none_picked: str
    current: Callable[[Caller, str], tuple[Any, QuerySet[Any]]]  # (entity, its memberships)
    selected: Callable[[Account, list[str]], list[Any]]
    pair: Callable[[Any, Any], dict[str, str]]  # AddUserToGroup's input for (entity, other)
    done: Callable[[Any, list[Any]], str]

    def breadcrumbs(self, entity: Any) -> list[tuple[str, str | None]]:
        return [(self.kind.list_label, self.kind.list_url()),
                (entity.name, self.kind.detail_url(entity.name, self.tab)), (self.submit, None)]


USER_GROUPS = Side(
    kind=USER, others="groups", picker_label="User groups", title="Add {name} to groups",
    intro="The user gets the permissions of every group it is in (at most 10 groups).",
    submit="Add to groups", tab="groups", none_picked="Select at least one group.",
    current=_groups_of, selected=selected_groups,
    pair=lambda user, group: {"group_name": group.name, "user_name": user.name},
    done=lambda user, groups: f"Added {user.name} to {', '.join(g.name for g in groups)}.",
)
GROUP_USERS = Side(
    kind=GROUP, others="users", picker_label="Users", title="Add users to {name}",
    intro="The users get the group's permissions.",
    submit="Add users", tab="users", none_picked="Select at least one user.",
    current=_members_of, selected=selected_users,
    pair=lambda group, user: {"group_name": group.name, "user_name": user.name},
    done=lambda group, users: f"Added {', '.join(u.name for u in users)} to {group.name}.",
)


def membership_add_view(request: HttpRequest, name: str, side: Side) -> HttpResponse:
    """Pick groups for a user, or users for a group, among those it is not linked to yet."""
    account = caller_account(request)
    caller = caller_for(request)
    entity, linked = side.current(caller, name)
    current = tuple(linked.values_list("name", flat=True))
    chosen = request.POST.getlist(side.others) if request.method == "POST" else []
    error, status = "", 200
    if request.method == "POST":
        picked = [o for o in side.selected(account, chosen) if o.name not in current]
        if not picked:
            error, status = side.none_picked, 400
        else:
            try:
                caller.run_all([AddUserToGroup(caller=caller, **side.pair(entity, other))
                                for other in picked])
            except IamError as exc:
                error, status = exc.message, exc.status
            else:
                messages.success(request, side.done(entity, picked))
                return redirect(side.kind.detail_url(entity.name, side.tab))
    picker = build_picker(account, kind=side.others, field_name=side.others,
                          label=side.picker_label, selected=chosen, exclude=current)
    return render(request, "accounts/membership_add.html", {
        "entity": entity, "side": side, "title": side.title.format(name=entity.name),
        "picker": picker, "error": error, "cancel_url": side.kind.detail_url(entity.name,
                                                                             side.tab),
        "breadcrumbs": side.breadcrumbs(entity),
    }, status=status)
