"""Project-level views: the health check and the error pages."""

import logging

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .access import public_view
from .operations.caller import record_refusal

logger = logging.getLogger(__name__)


@public_view
@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Answer 200 when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        logger.exception("Health check: the database did not answer")
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Render the 403 page in the console's layout, with the denial message when there is one
    (on the trail, unless an operation recorded it)."""
    if exception is not None:
        record_refusal(request, exception)
    message = str(exception) if exception is not None and str(exception) else ""
    return render(request, "403.html", {"message": message}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Render the 404 page in the console's layout."""
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Render the 500 page in the layout; fall back to plain text if rendering fails too."""
    try:
        return HttpResponse(loader.render_to_string("500.html", {}, request), status=500)
    except Exception:  # the error page must never raise
        logger.exception("Rendering the 500 page failed")
        return HttpResponse("Server error", content_type="text/plain", status=500)
