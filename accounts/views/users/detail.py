"""A user's page: summary, then tabs for permissions, groups, tags and security credentials."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from iamconsole.exceptions import NoSuchEntity
from iamconsole.operations import caller_for
from policies.operations.attached import AttachUserPolicy, ListAttachedUserPolicies
from policies.operations.boundaries import PutUserPermissionsBoundary
from policies.operations.inline import ListUserPolicies, PutUserPolicy
from policies.selectors import user_effective_policies

from ...console_selectors import user_overview
from ...models import IamUser
from ...operations.certificates import ListSigningCertificates
from ...operations.credentials import GetLoginProfile, ListAccessKeys, ListMFADevices
from ...operations.memberships import RemoveUserFromGroup
from ...operations.user_keys import ListServiceSpecificCredentials, ListSSHPublicKeys
from ...operations.users import DeleteUser, GetUser, ListGroupsForUser
from ...selectors import password_expires_at, password_policy_get
from ..credential_pages import user_owner
from ..kinds import GROUP, USER
from ..last_accessed import last_accessed_context
from ..memberships import USER_GROUPS, membership_add_view
from ..support import caller_account, page_or_partial, permits, run
from ..tags import USER_TAGS, tags_tab
from .user_keys import user_keys_tab

TABS = (
    ("permissions", "Permissions"),
    ("groups", "Groups"),
    ("tags", "Tags"),
    ("security_credentials", "Security credentials"),
    ("last_accessed", "Last accessed"),
)
TAB_KEYS = {key for key, _ in TABS}
MANAGED = ("aws-managed", "user-managed")


def permissions_rows(sources: Any) -> dict[str, list[Any]]:
    """Split a principal's policy sources into direct managed, inline, and via groups."""
    direct = [s for s in sources if s.via_group is None]
    return {
        "managed": [s for s in direct if s.source_type in MANAGED],
        "inline": [s for s in direct if s.source_type not in MANAGED],
        "via_groups": [s for s in sources if s.via_group is not None],
        "direct_count": len(direct),
    }


def _permissions(request: HttpRequest, user: IamUser) -> dict[str, Any]:
    for listing in (ListAttachedUserPolicies, ListUserPolicies, ListGroupsForUser):
        run(request, listing, user_name=user.name)
    effective = user_effective_policies(user)
    return {
        **permissions_rows(effective.identity),
        "boundary": effective.boundary,
        "can_attach": permits(request, AttachUserPolicy, user.arn),
        "can_put_inline": permits(request, PutUserPolicy, user.arn),
        "can_boundary": permits(request, PutUserPermissionsBoundary, user.arn),
    }


def _groups(request: HttpRequest, user: IamUser) -> dict[str, Any]:
    return {"groups": list(run(request, ListGroupsForUser, user_name=user.name))}


def _tags(request: HttpRequest, user: IamUser) -> dict[str, Any]:
    return tags_tab(request, USER_TAGS, user)


def _credentials(request: HttpRequest, user: IamUser) -> dict[str, Any]:
    for listing in (ListAccessKeys, ListMFADevices):
        run(request, listing, user_name=user.name)
    keys = user_keys_tab(
        ssh_public_keys=run(request, ListSSHPublicKeys, user_name=user.name),
        service_credentials=run(request, ListServiceSpecificCredentials, user_name=user.name),
        signing_certificates=run(request, ListSigningCertificates, user_name=user.name),
    )
    try:
        run(request, GetLoginProfile, user_name=user.name)
    except NoSuchEntity:
        pass  # no console password: the tab says so
    policy = password_policy_get(user.account)
    return {"password_policy": policy, "owner": user_owner(user), **keys}


_TAB_CONTEXT = {
    "permissions": _permissions,
    "groups": _groups,
    "tags": _tags,
    "security_credentials": _credentials,
    "last_accessed": lambda request, user: last_accessed_context(request, user.arn),
}


def iamuser_detail_view(request: HttpRequest, name: str) -> HttpResponse:
    """GetUser: the summary panel and the tab chosen by ?tab= (htmx swaps only the tab)."""
    account = caller_account(request)
    user = run(request, GetUser, user_name=name)
    tab = request.GET.get("tab", "permissions")
    tab = tab if tab in TAB_KEYS else "permissions"
    overview = user_overview(user)
    expires = None
    if overview.login_profile is not None:
        expires = password_expires_at(overview.login_profile, password_policy_get(account))
    context: dict[str, Any] = {
        "iamuser": user,
        "entity": user,
        "can_delete": permits(request, DeleteUser, user.arn),
        "delete_url": reverse("accounts:iamuser_delete", args=[user.name]),
        "account": account,
        "overview": overview,
        "password_expires_at": expires,
        "tab": tab,
        "tabs": TABS,
        "tabs_label": f"Sections of user {user.name}",
        "kind": USER,
        **_TAB_CONTEXT[tab](request, user),
    }
    return page_or_partial(request, "accounts/iamuser_detail.html",
                           "accounts/partials/_iamuser_tabs.html", context)


@require_POST
def iamuser_groups_remove_view(request: HttpRequest, name: str) -> HttpResponse:
    """Remove the user from one group."""
    removal = RemoveUserFromGroup(caller=caller_for(request),
                                  group_name=request.POST.get("group", ""), user_name=name)
    removal.run()
    group, user = removal.entity, removal.user
    messages.success(request, f"Removed {user.name} from {group.name}.")
    if request.POST.get("next") == "group":
        return redirect(GROUP.detail_url(group.name, "users"))
    return redirect(USER.detail_url(user.name, "groups"))


urlpatterns = [
    path("users/details/<str:name>/", iamuser_detail_view, name="iamuser_detail"),
    path("users/details/<str:name>/groups/add/", membership_add_view, {"side": USER_GROUPS},
         name="iamuser_groups_add"),
    path("users/details/<str:name>/groups/remove/", iamuser_groups_remove_view,
         name="iamuser_groups_remove"),
]
