"""App configuration for the project package (template tags, management commands)."""

from django.apps import AppConfig


class IamconsoleConfig(AppConfig):
    """The project itself, registered so its template tags and checks load."""

    name = "iamconsole"
    verbose_name = "iamconsole"

    def ready(self) -> None:
        # Every app's operations register themselves when their modules are imported; models
        # must be loaded first, so the registry is filled here (Django's autodiscover idiom).
        from .operations.registry import autodiscover
        from .wire.registry import autodiscover as wire_autodiscover

        autodiscover()
        wire_autodiscover()
