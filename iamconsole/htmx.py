"""htmx helpers shared by the views."""

from django.http import HttpRequest


def is_htmx_partial(request: HttpRequest) -> bool:
    """True when the request wants a fragment: an htmx request that is not a boosted navigation."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.boosted
