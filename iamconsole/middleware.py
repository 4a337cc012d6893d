"""Cross-cutting answers: domain errors that escape a view as the console's error pages, and
the security headers of every answer."""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django_htmx.http import push_url, reswap, retarget

from .exceptions import AccessDenied, IamError
from .operations.caller import record_refusal, write_request_events
from .views import permission_denied


class TrailMiddleware:
    """Write the trail events a request's calls left waiting (its reads and refusals), in one
    INSERT once the answer is ready."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            response = self.get_response(request)
            _show_guard_rail_warnings(request, response)
            return response
        finally:
            write_request_events(request)


def _show_guard_rail_warnings(request: HttpRequest, response: HttpResponse) -> None:
    """The guard rails in warn mode the request's changes broke: a message on the console's
    next page, a header on the API's answer (the events record them either way)."""
    caller = getattr(request, "_iam_caller", None)
    if caller is None or not caller.warnings:
        return
    names = ", ".join(dict.fromkeys(w.rail.name for w in caller.warnings))
    if request.path.startswith(("/api/", "/aws")):
        response["X-Guard-Rail-Warnings"] = names.encode("ascii", "replace").decode()
    else:
        for warning in caller.warnings:
            messages.warning(request, f"Guard rail {warning.rail.name} is now broken: "
                                      f"{warning.rail.sentence} ({warning.detail}).")


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
        if isinstance(exception, AccessDenied):
            record_refusal(request, exception)
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


# The console's own pages: every script and style from the site's static files, no inline
# code, no plugins, no framing, forms posting only here. QR codes are data: images.
CONSOLE_CSP = "; ".join([
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
    "font-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'self'",
    "form-action 'self'", "frame-ancestors 'none'",
])
# Django's admin and the API's Swagger UI (drf-spectacular-sidecar) write inline scripts and
# styles of their own.
THIRD_PARTY_CSP = CONSOLE_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'") \
    .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
THIRD_PARTY_PREFIXES = ("/admin/", "/api/v1/docs/")
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone",
    "payment", "usb", "interest-cohort",
))


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every answer (HSTS is Django's
    SecurityMiddleware, on when BEHIND_TLS_PROXY is)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            third_party = request.path.startswith(THIRD_PARTY_PREFIXES)
            response["Content-Security-Policy"] = THIRD_PARTY_CSP if third_party else CONSOLE_CSP
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
