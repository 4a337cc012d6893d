"""The roles list: search, path prefix, sort, pages, trusted entities and last activity; roles
deleted from it, one or several."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import path, reverse

from iamconsole.generic import ConsoleListView, ListPage
from iamconsole.identifiers import iam_arn

from ...console_selectors import trusted_entity_order
from ...filtersets import RoleFilterSet
from ...models import Role
from ...operations.roles import CreateRole, ListRoles
from ...operations.service_linked_roles import CreateServiceLinkedRole
from .. import deletion
from ..support import caller_account, permits
from .service_linked import any_service_role


class RoleListView(ConsoleListView):
    """ListRoles: each role with the entities its trust policy trusts and its last use.

    The trusted entities come from the trust policy loaded with the row (no extra query).
    """

    page = ListPage(
        title="Roles", noun="role", plural="roles", columns=6,
        description="An IAM role is an identity with permissions that the principals its trust "
                    "policy names can assume for short-term credentials.",
        urls="accounts:role",
        empty_text="This account has no IAM roles yet. Create one so that an AWS service, "
                   "another account or federated users can act in this account.",
    )
    partial_template_name = "accounts/partials/_role_table.html"
    filterset_class = RoleFilterSet
    quota_setting = "IAM_QUOTA_ROLES"
    ordering_fields = {
        "name": "name",
        "trusted": "trusted_entity",
        "path": "path",
        "last_used": "last_used_at",
        "created": "created_at",
    }

    operation = ListRoles

    def get_queryset(self) -> QuerySet[Role]:
        return self.rows.annotate(trusted_entity=trusted_entity_order())

    def get_extra_context(self) -> dict[str, Any]:
        account = caller_account(self.request)
        return {
            "account": account,
            "can_create": permits(self.request, CreateRole,
                                  iam_arn(account.account_id, "role", "/", "*")),
            "extra_actions": [(
                "Create service-linked role", reverse("accounts:role_service_linked_create"),
                permits(self.request, CreateServiceLinkedRole,
                        any_service_role(account.account_id)),
            )],
        }


urlpatterns = [
    path("roles/", RoleListView.as_view(), name="role_list"),
    path("roles/delete/", deletion.bulk_delete_view,
         {"kind": deletion.ROLE, "listing": ListRoles}, name="role_bulk_delete"),
    path("roles/details/<str:name>/delete/", deletion.delete_view, {"kind": deletion.ROLE},
         name="role_delete"),
]
