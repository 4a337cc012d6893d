"""App configuration for accounts."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Accounts, root users, IAM users, groups, roles and instance profiles."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = "IAM accounts and identities"
