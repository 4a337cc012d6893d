"""Django admin for policies: read-only (versions are immutable; AWS-managed policies too)."""

from django.contrib import admin

from iamconsole.admin_tools import ReadOnlyAdmin

from .kinds import POLICY
from .models import InlinePolicy, ManagedPolicy, PolicyAttachment, PolicyVersion
from .operations.managed import DeletePolicy


class PolicyVersionInline(admin.TabularInline):
    """A policy's versions, read-only."""

    model = PolicyVersion
    fields = ["number", "is_default", "created_at", "document_text"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ManagedPolicy)
class ManagedPolicyAdmin(ReadOnlyAdmin):
    """Managed policies; deleting a customer-managed one detaches it everywhere first."""

    delete_operation = DeletePolicy
    delete_kind = POLICY
    list_display = ["name", "account", "path", "unique_id", "is_attachable", "updated_at"]
    list_filter = [("account", admin.EmptyFieldListFilter), "path"]
    list_select_related = ["account"]
    search_fields = ["name", "arn", "unique_id"]
    fields = [
        "account", "name", "path", "unique_id", "arn", "description", "is_attachable",
        "tags", "created_at", "updated_at",
    ]
    inlines = [PolicyVersionInline]

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_aws_managed:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(PolicyVersion)
class PolicyVersionAdmin(ReadOnlyAdmin):
    """Policy versions (immutable, as in AWS)."""

    list_display = ["policy", "number", "is_default", "created_at"]
    list_select_related = ["policy"]
    search_fields = ["policy__name", "policy__arn"]


@admin.register(InlinePolicy)
class InlinePolicyAdmin(ReadOnlyAdmin):
    """Inline policies of users, groups and roles."""

    list_display = ["name", "account", "user", "group", "role", "size"]
    list_select_related = ["account", "user", "group", "role"]
    search_fields = ["name"]


@admin.register(PolicyAttachment)
class PolicyAttachmentAdmin(ReadOnlyAdmin):
    """Managed-policy attachments."""

    list_display = ["policy", "account", "user", "group", "role", "created_at"]
    list_select_related = ["policy", "account", "user", "group", "role"]
