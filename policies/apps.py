"""App configuration for policies."""

from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    """Managed and inline policies, validation, the simulator and authorization."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "policies"
    verbose_name = "IAM policies"
