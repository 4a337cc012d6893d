"""The roles list: search, path prefix, sort, pages, trusted entities and last activity."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import path
from django.utils.functional import cached_property

from iamconsole.generic import ConsoleListView
from iamconsole.identifiers import iam_arn
from policies.authorization import Requirement

from ...filtersets import RoleFilterSet
from ...models import Account, Role
from ...selectors import role_list
from ..support import decision
from ._common import caller_account


class RoleListView(ConsoleListView):
    """ListRoles: each role with the entities its trust policy trusts and its last use.

    The trusted entities come from the trust policy loaded with the row (no extra query).
    """

    template_name = "accounts/role_list.html"
    partial_template_name = "accounts/partials/_role_table.html"
    filterset_class = RoleFilterSet
    quota_setting = "IAM_QUOTA_ROLES"
    ordering_fields = {
        "name": "name",
        "path": "path",
        "last_used": "last_used_at",
        "created": "created_at",
    }

    def get_operation(self) -> Requirement:
        return Requirement(action="iam:ListRoles", resource="*")

    @cached_property
    def account(self) -> Account:
        return caller_account(self.request)

    def get_queryset(self) -> QuerySet[Role]:
        return role_list(account=self.account)

    def get_extra_context(self) -> dict[str, Any]:
        account = self.account
        return {
            "account": account,
            "can_create": decision(self.request, "iam:CreateRole",
                                  iam_arn(account.account_id, "role", "/", "*")),
        }


urlpatterns = [
    path("roles/", RoleListView.as_view(), name="role_list"),
]
