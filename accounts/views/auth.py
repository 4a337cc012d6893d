"""Sign-in and sign-out."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from iamconsole.access import public_view

from .. import throttle
from ..forms import RootSignInForm
from ..signin import authenticate_root, client_ip, end_session, start_session

GENERIC_FAILURE = "Your authentication information is incorrect. Please try again."


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@public_view
@never_cache
def signin_view(request: HttpRequest) -> HttpResponse:
    """Show the sign-in page and sign the root user in."""
    if getattr(request, "principal", None) is not None and request.method == "GET":
        return redirect(_safe_next(request))
    form = RootSignInForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        identity = "root:" + form.cleaned_data["email"]
        address = client_ip(request)
        wait = throttle.retry_after(identity=identity, address=address)
        if wait:
            form.add_error(
                None, f"Too many failed attempts. Try again in {wait // 60 + 1} minutes."
            )
            status = 429
        else:
            account = authenticate_root(
                email=form.cleaned_data["email"], password=form.cleaned_data["password"]
            )
            if account is not None:
                throttle.clear_failures(identity=identity)
                start_session(request, account)
                return redirect(_safe_next(request))
            throttle.record_failure(identity=identity, address=address)
            # One message for every failure, so nothing tells which part was wrong.
            form.add_error(None, GENERIC_FAILURE)
    context = {"form": form, "next": _safe_next(request)}
    return render(request, "accounts/signin.html", context, status=status)


@require_POST
def signout_view(request: HttpRequest) -> HttpResponse:
    """Sign out and return to the sign-in page."""
    end_session(request)
    messages.info(request, "You have signed out.")
    return redirect("accounts:signin")


urlpatterns = [
    path("signin/", signin_view, name="signin"),
    path("signout/", signout_view, name="signout"),
]
