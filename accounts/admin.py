"""Django admin for site operators; secrets are never shown."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Account, SiteOperator


@admin.register(SiteOperator)
class SiteOperatorAdmin(UserAdmin):
    """Site operators administer the installation through /admin only."""


@admin.register(Account)
class AccountAdmin(admin.ModelAdmin):
    """Accounts hosted here; the root password hash is never displayed or edited here."""

    list_display = ["account_id", "alias", "name", "root_email", "created_at"]
    search_fields = ["account_id", "alias", "name", "root_email"]
    exclude = ["root_password"]
    readonly_fields = [
        "account_id",
        "created_at",
        "root_password_changed_at",
        "root_password_last_used_at",
    ]
