"""Resolve the caller into request.principal and require it on every non-public view."""

import dataclasses
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import resolve_url
from django_htmx.http import HttpResponseClientRedirect

from iamconsole.access import is_public_view
from iamconsole.principal import Principal

from .api.keys import AccessKeyRejected, principal_from_access_key
from .signin import client_ip, principal_from_session


class PrincipalMiddleware:
    """Attach the signed-in IAM principal (or None) to every request as request.principal."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            principal, source = self.resolve(request)
        except AccessKeyRejected as exc:
            # Wrong credentials are refused outright, never downgraded to "not signed in".
            return _unauthorized(exc.message)
        if principal is not None:
            # Facts of this request that policies can test (aws:SourceIp, aws:SecureTransport).
            principal = dataclasses.replace(
                principal,
                via=source,
                source_ip=client_ip(request),
                secure_transport=request.is_secure(),
            )
        request.principal = principal  # type: ignore[attr-defined]
        request.principal_source = source  # type: ignore[attr-defined]
        if getattr(request, "role_session_ended", False):
            messages.warning(request, "Your role session ended: you are acting as yourself again.")
        response = self.get_response(request)
        if (
            response.status_code == 404
            and request.path.startswith("/api/")
            and response.get("Content-Type", "").startswith("text/html")
        ):
            # An API URL that matches no route answers in the API's JSON, not the HTML page.
            return JsonResponse({"code": "NoSuchEntity", "field": None,
                                 "message": f"No API resource at {request.path}."}, status=404)
        return response

    @staticmethod
    def resolve(request: HttpRequest) -> tuple[Principal | None, str]:
        """Who is calling, and how they proved it: "session" (console cookie) or "access-key".

        API requests may carry an access key as HTTP Basic credentials instead of the cookie.
        """
        if request.path.startswith("/api/"):
            principal = principal_from_access_key(request)
            if principal is not None:
                return principal, ("temporary-credentials" if principal.credential_id
                                   else "access-key")
        return principal_from_session(request), "session"


def _unauthorized(message: str) -> JsonResponse:
    """The API's 401: a JSON error and a Basic challenge."""
    response = JsonResponse({"code": "NotAuthenticated", "message": message, "field": None},
                            status=401)
    response["WWW-Authenticate"] = 'Basic realm="iamconsole API"'
    return response


class SignInRequiredMiddleware:
    """Refuse every view that is not public by design unless a principal is signed in.

    /admin/ is left to Django's admin, which authenticates site operators on its own.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., HttpResponse], view_args, view_kwargs
    ) -> HttpResponse | None:
        if is_public_view(view_func):
            return None
        if getattr(request, "principal", None) is not None:
            if getattr(request, "password_change_required", False) and not getattr(
                view_func, "allowed_during_password_change", False
            ):
                if request.path.startswith("/api/"):
                    return JsonResponse(
                        {"code": "PasswordResetRequired", "field": None,
                         "message": "Set a new console password before using the console."},
                        status=403,
                    )
                return redirect_to_login(
                    request.get_full_path(), "accounts:change_password"
                )
            return None
        match = request.resolver_match
        if match is not None and "admin" in match.namespaces:
            return None
        if request.path.startswith("/api/"):
            response = JsonResponse(
                {
                    "code": "NotAuthenticated",
                    "message": "Sign in, or send an access key as HTTP Basic credentials.",
                    "field": None,
                },
                status=401,
            )
            response["WWW-Authenticate"] = 'Basic realm="iamconsole API"'
            return response
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(resolve_url(settings.LOGIN_URL))
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
