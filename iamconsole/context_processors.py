"""Template context shared by every console page."""

from django.http import HttpRequest


def console(request: HttpRequest) -> dict[str, object]:
    """Expose the signed-in principal to templates."""
    return {"principal": getattr(request, "principal", None)}
