"""Turning domain errors that escape a console view into the console's error pages."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django_htmx.http import push_url, reswap, retarget

from .exceptions import AccessDenied, IamError
from .views import permission_denied


class DomainErrorMiddleware:
    """Render AccessDenied as the 403 page (AWS's sentence) and other domain errors by status.

    Views handle validation errors beside the fields; this is the net for the rest, so a
    domain error never becomes a 500.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, IamError):
            return None
        if request.path.startswith("/api/"):
            return JsonResponse(exception.as_dict(), status=exception.status)
        if getattr(request, "htmx", False):
            # htmx swaps only 2xx answers: show the error in the page's message area instead,
            # and keep the address as it is (a tab link would push a URL the page does not show).
            response = render(request, "htmx/_error.html", {"error": exception})
            return push_url(retarget(reswap(response, "innerHTML"), "#messages"), False)
        if isinstance(exception, AccessDenied):
            return permission_denied(request, exception)
        return render(request, "error.html", {"error": exception}, status=exception.status)
