"""The federation endpoint (as AWS's console federation endpoint): an identity
broker turns temporary credentials into a sign-in token (`Action=getSigninToken`), then sends
the browser to `Action=login` with it, which signs the console in as that session."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from iamconsole.access import public_view
from iamconsole.exceptions import IamError, InvalidInput

from ..services.signin_tokens import signin_token_issue, signin_token_redeem
from ..signin import start_federated_session

ACTIONS = ("getSigninToken", "login")


def _param(request: HttpRequest, name: str) -> str | None:
    return request.POST.get(name) or request.GET.get(name)


def _destination(request: HttpRequest, value: str | None) -> str:
    """Where the console opens: a page of this console, else its dashboard (AWS's own
    console URLs and other hosts are not ours to send a browser to)."""
    if value and url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()},
                                                 require_https=request.is_secure()):
        return value
    return "/"


def _error(exc: IamError) -> JsonResponse:
    return JsonResponse({"code": exc.code, "message": exc.message, "field": exc.field},
                        status=exc.status)


def _get_signin_token(request: HttpRequest) -> HttpResponse:
    try:
        session = _param(request, "Session")
        if not session:
            raise InvalidInput("Session is required: the JSON of sessionId, sessionKey and "
                               "sessionToken.", field="Session")
        token = signin_token_issue(session=session,
                                   session_duration=_param(request, "SessionDuration"))
    except IamError as exc:
        return _error(exc)
    return JsonResponse({"SigninToken": token})


def _login(request: HttpRequest) -> HttpResponse:
    try:
        signin = signin_token_redeem(token=_param(request, "SigninToken") or "")
    except IamError as exc:
        return render(request, "error.html", {"error": exc}, status=exc.status)
    start_federated_session(request, signin.credential, expires_at=signin.expires_at,
                            issuer=_param(request, "Issuer") or "")
    return redirect(_destination(request, _param(request, "Destination")))


@public_view
@csrf_exempt  # getSigninToken may be POSTed by a broker; it carries its own credentials
@never_cache
def federation_view(request: HttpRequest) -> HttpResponse:
    """`Action=getSigninToken` (Session, SessionDuration) answers `{"SigninToken": ...}`;
    `Action=login` (SigninToken, Issuer, Destination) signs the browser in."""
    action = _param(request, "Action")
    if action == "getSigninToken":
        return _get_signin_token(request)
    if action == "login":
        return _login(request)
    return _error(InvalidInput(f"Action must be one of {', '.join(ACTIONS)}.", field="Action"))


urlpatterns = [path("federation", federation_view, name="federation")]
