"""Sign-in as root or IAM user, the MFA step, the forced password change, and sign-out."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from iamconsole.access import public_view

from .. import throttle
from ..demo.credentials import demo_signin_details
from ..forms_signin import ChangePasswordForm, IamUserSignInForm, MfaCodeForm, RootSignInForm
from ..models import Account, IamUser
from ..operations.credentials import ChangePassword
from ..passwords import password_change_reason, password_expired_hard
from ..services import login_profile_record_use
from ..services.mfa import mfa_device_verify_code
from ..signin import (
    authenticate_root,
    authenticate_user,
    client_ip,
    end_session,
    mfa_device_for,
    pending_mfa,
    refresh_fingerprint,
    signed_in_identity,
    start_pending_mfa,
    start_session,
)
from ..signin_trail import record_signin, record_signin_failure
from .support import change_own_password, reserve_attempt, run

GENERIC_FAILURE = "Your authentication information is incorrect. Please try again."


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


def _after_password(request: HttpRequest, account: Account, user: IamUser | None) -> HttpResponse:
    """The password was right: ask for the MFA code if the identity has a device."""
    if mfa_device_for(account=account, user=user) is not None:
        start_pending_mfa(request, account, user)
        return redirect(_with_next(request, "accounts:signin_mfa"))
    return _complete(request, account, user, mfa=False)


def _with_next(request: HttpRequest, url_name: str) -> str:
    """The URL of the next sign-in step, carrying the page asked for (?next=) to its end."""
    next_url = _safe_next(request)
    # Encoded, or the page's own query string (?q=a&sort=name) would be cut at its "&".
    query = f"?{urlencode({'next': next_url})}" if next_url != "/" else ""
    return reverse(url_name) + query


def _complete(request: HttpRequest, account: Account, user: IamUser | None, *,
              mfa: bool) -> HttpResponse:
    start_session(request, account, user, mfa_authenticated=mfa)
    record_signin(request, account, user, mfa=mfa)
    if user is not None:
        login_profile_record_use(user=user)
        if password_change_reason(user):
            return redirect(_with_next(request, "accounts:change_password"))
    else:
        Account.objects.filter(pk=account.pk).update(root_password_last_used_at=timezone.now())
    return redirect(_safe_next(request))


@public_view
@never_cache
def signin_view(request: HttpRequest) -> HttpResponse:
    """Sign in as the root user (email) or as an IAM user (account, user name, password)."""
    if getattr(request, "principal", None) is not None and request.method == "GET":
        return redirect(_safe_next(request))
    mode = request.POST.get("mode") or ("root" if "email" in request.POST else "")
    mode = mode or request.GET.get("as") or "iam"
    mode = mode if mode in ("root", "iam") else "iam"
    bound = request.method == "POST"
    root_form = RootSignInForm(request.POST if bound and mode == "root" else None)
    iam_form = IamUserSignInForm(
        request.POST if bound and mode == "iam" else None,
        initial={"account": request.GET.get("account", ""),
                 "user_name": request.GET.get("user_name", "")},
    )
    form = root_form if mode == "root" else iam_form
    status = 200
    if bound and form.is_valid():
        data = form.cleaned_data
        identity = (
            throttle.root_identity(data["email"]) if mode == "root"
            else throttle.user_identity(data["account"], data["user_name"])
        )
        # The attempt takes its place before the password is hashed: concurrent guesses
        # cannot pass the limit.
        attempt = reserve_attempt(form, identity, client_ip(request))
        if attempt is None:
            status = 429
        else:
            if mode == "root":
                account = authenticate_root(email=data["email"], password=data["password"])
                user = None
            else:
                user = authenticate_user(account=data["account"], user_name=data["user_name"],
                                         password=data["password"])
                account = user.account if user is not None else None
            if account is not None:
                attempt.succeeded()
            if account is not None and user is not None and password_expired_hard(user):
                form.add_error(None, "Your password has expired and the password policy "
                               "requires an administrator to reset it.")
            elif account is not None:
                return _after_password(request, account, user)
            else:
                # One message for every failure, so nothing tells which part was wrong.
                record_signin_failure(request, data)
                form.add_error(None, GENERIC_FAILURE)
    context = {
        "mode": mode,
        "root_form": root_form,
        "iam_form": iam_form,
        "next": _safe_next(request),
        "demo": demo_signin_details(),
    }
    return render(request, "accounts/signin.html", context, status=status)


@public_view
@never_cache
def signin_mfa_view(request: HttpRequest) -> HttpResponse:
    """The second step: the code from the identity's virtual MFA device."""
    pending = pending_mfa(request)
    if pending is None:
        messages.info(request, "Sign in again: the MFA step expired.")
        return redirect("accounts:signin")
    account, user = pending
    form = MfaCodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        identity = throttle.known_identity("mfa", account, user)
        attempt = reserve_attempt(form, identity, client_ip(request))
        if attempt is None:
            status = 429
        else:
            device = mfa_device_for(account=account, user=user)
            if device is not None and mfa_device_verify_code(
                device=device, code=form.cleaned_data["code"]
            ):
                attempt.succeeded()
                return _complete(request, account, user, mfa=True)
            form.add_error("code", "The MFA code is not valid. Wait for a new code and try "
                           "again.")
    context = {"form": form, "account": account, "user": user, "next": _safe_next(request)}
    return render(request, "accounts/signin_mfa.html", context, status=status)


@never_cache
def change_password_view(request: HttpRequest) -> HttpResponse:
    """An IAM user sets a new password: required after a reset or when it expired."""
    identity = signed_in_identity(request)
    if identity is None or identity[1] is None:
        messages.info(request, "Only IAM users have a console password to change here.")
        return redirect("accounts:dashboard")
    account, user = identity
    reason = password_change_reason(user)
    form = ChangePasswordForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        profile, status = change_own_password(
            request, form, user,
            lambda: run(request, ChangePassword, old_password=data["old_password"],
                        new_password=data["new_password"]),
        )
        if profile is not None:
            user.login_profile.refresh_from_db()
            refresh_fingerprint(request, account, user)
            messages.success(request, "Your password has been changed.")
            return redirect(_safe_next(request))
    context = {"form": form, "reason": reason, "user": user, "next": _safe_next(request)}
    return render(request, "accounts/change_password.html", context, status=status)


change_password_view.allowed_during_password_change = True  # type: ignore[attr-defined]


@require_POST
def signout_view(request: HttpRequest) -> HttpResponse:
    """Sign out and return to the sign-in page."""
    end_session(request)
    messages.info(request, "You have signed out.")
    return redirect("accounts:signin")


signout_view.allowed_during_password_change = True  # type: ignore[attr-defined]


urlpatterns = [
    path("signin/", signin_view, name="signin"),
    path("signin/mfa/", signin_mfa_view, name="signin_mfa"),
    path("signin/change-password/", change_password_view, name="change_password"),
    path("signout/", signout_view, name="signout"),
]
