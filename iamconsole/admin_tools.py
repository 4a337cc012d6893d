"""Admin building blocks: read-only model admins whose deletes go through the services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from iamconsole.exceptions import IamError


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shows rows without letting /admin write them: IAM writes belong to the services.

    When `delete_service` is set, deleting calls it (a `*_delete_with_dependents` service),
    so the operator's delete does what the console's "delete with dependents" does.
    """

    delete_service: Callable[..., None] | None = None
    delete_argument = "entity"

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.delete_service is not None and super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        """List what goes with the object, but let the service decide: it removes dependents
        that /admin may not delete on its own and that RESTRICT would otherwise protect."""
        deleted, counts, _perms_needed, _protected = super().get_deleted_objects(objs, request)
        return deleted, counts, set(), []

    def _delete(self, request: HttpRequest, obj: Model) -> None:
        # Read from the class: a plain function there is not bound to the admin instance.
        service = type(self).delete_service
        try:
            service(**{self.delete_argument: obj})
        except IamError as exc:
            self.message_user(request, exc.message, level=messages.ERROR)

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        self._delete(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for obj in queryset:
            self._delete(request, obj)
