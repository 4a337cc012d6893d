"""Cross-cutting answers: domain errors that escape a view as the console's error pages, and
the security headers of every answer."""

from collections.abc import Callable

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
            return self.get_response(request)
        finally:
            write_request_events(request)


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
