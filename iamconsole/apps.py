"""App configuration for the project package (template tags, management commands)."""

from django.apps import AppConfig


class IamconsoleConfig(AppConfig):
    """The project itself, registered so its template tags and checks load."""

    name = "iamconsole"
    verbose_name = "iamconsole"
