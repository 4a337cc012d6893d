"""The users list (search, path prefix, sort, pages) and deleting users, one or several."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse

from iamconsole.generic import ConsoleListView, ListPage
from iamconsole.operations import caller_for

from ...console_selectors import user_table
from ...filtersets import IamUserFilterSet
from ...models import IamUser
from ...operations.users import CreateUser, DeleteUser, ListUsers
from ..deletion import USER, bulk_delete, confirm_delete
from ..support import caller_account, permits, run

USERS_CRUMB = ("Users", "accounts:iamuser_list")


class IamUserListView(ConsoleListView):
    """ListUsers: the account's users with groups, last activity, MFA and credential ages."""

    page = ListPage(
        title="Users", noun="user", plural="users", columns=9,
        description="An IAM user is an identity with long-term credentials that is used to "
                    "interact with AWS in an account.",
        urls="accounts:iamuser",
        empty_text="This account has no IAM users yet. Create one to give a person or an "
                   "application its own credentials.",
    )
    partial_template_name = "accounts/partials/_iamuser_table.html"
    filterset_class = IamUserFilterSet
    quota_setting = "IAM_QUOTA_USERS"
    ordering_fields = {
        "name": "name",
        "path": "path",
        "groups": "group_count",
        "last_activity": "last_activity",
        "mfa": "mfa_enabled",
        "created": "created_at",
        # Ages: the youngest password or key (the latest date) comes first when ascending.
        "password_age": "-password_changed_at",
        "key_age": "-oldest_active_key_at",
    }

    operation = ListUsers

    def get_queryset(self) -> QuerySet[IamUser]:
        return user_table(account=caller_account(self.request), users=self.rows)

    def get_extra_context(self) -> dict[str, Any]:
        account = caller_account(self.request)
        return {
            "account": account,
            "can_create": permits(self.request, CreateUser,
                                  f"arn:aws:iam::{account.account_id}:user/*"),
        }


def iamuser_delete_view(request: HttpRequest, name: str) -> HttpResponse:
    """Delete one user after typing its name; with its credentials, policies and groups."""
    user = DeleteUser(caller=caller_for(request), user_name=name).preflight().entity
    return confirm_delete(
        request, user, template="accounts/iamuser_delete.html",
        cancel_url=reverse("accounts:iamuser_detail", args=[user.name]),
        breadcrumbs=[("Users", reverse("accounts:iamuser_list")),
                     (user.name, reverse("accounts:iamuser_detail", args=[user.name])),
                     ("Delete", None)],
    )


def iamuser_bulk_delete_view(request: HttpRequest) -> HttpResponse:
    """Delete the users checked on the list, after typing "delete"."""
    names = request.POST.getlist("names") if request.method == "POST" else (
        request.GET.getlist("names")
    )
    users = list(run(request, ListUsers).filter(name__in=names).order_by("name"))
    return bulk_delete(
        request, users, kind=USER, template="accounts/entity_bulk_delete.html",
        breadcrumbs=[("Users", reverse("accounts:iamuser_list")), ("Delete users", None)],
    )


urlpatterns = [
    path("users/", IamUserListView.as_view(), name="iamuser_list"),
    path("users/delete/", iamuser_bulk_delete_view, name="iamuser_bulk_delete"),
    path("users/details/<str:name>/delete/", iamuser_delete_view, name="iamuser_delete"),
]
