"""Admin building blocks: read-only model admins whose deletes run the operations."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from .exceptions import IamError
from .operations import Operation, root_caller


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shows rows without letting /admin write them: IAM writes belong to the services.

    When `delete_operation` is set (DeleteUser, DeletePolicy...), deleting runs it with its
    dependents as the account's root user, so the operator's delete does what the console's
    "delete with dependents" does, each removal as its own operation. `delete_kind` says how
    the operation names the row (user_name, policy_arn...).
    """

    delete_operation: type[Operation] | None = None
    delete_kind: Any = None

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.delete_operation is not None and super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        """List what goes with the object, but let the service decide: it removes dependents
        that /admin may not delete on its own and that RESTRICT would otherwise protect."""
        deleted, counts, _perms_needed, _protected = super().get_deleted_objects(objs, request)
        return deleted, counts, set(), []

    def _delete(self, request: HttpRequest, obj: Model) -> None:
        kind = self.delete_kind
        identifier = kind.arn_of(obj) if kind.named_by_arn else obj.name  # type: ignore[attr-defined]
        caller = root_caller(obj.account)  # type: ignore[attr-defined]
        try:
            caller.run(self.delete_operation, with_dependents=True,  # type: ignore[arg-type]
                       **{kind.name_field: identifier})
        except IamError as exc:
            self.message_user(request, exc.message, level=messages.ERROR)

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        self._delete(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for obj in queryset:
            self._delete(request, obj)
