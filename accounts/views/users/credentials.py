"""A user's security credentials: console password, access keys and virtual MFA devices."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from iamconsole.exceptions import IamError

from ...forms_users import ConsolePasswordForm
from ...models import IamUser, LoginProfile
from ...selectors import password_policy_get
from ...services import login_profile_create, login_profile_delete, login_profile_update
from ...services.onboarding import password_generate
from .. import credential_pages as pages
from ..kinds import USER
from ..support import allow, form_error

TAB = "security_credentials"


def _user(request: HttpRequest, name: str, action: str) -> IamUser:
    """The user, once `action` on it is authorized (AccessDenied first, then NoSuchEntity)."""
    return USER.authorized(request, name, action)


# -- console password ---------------------------------------------------------------------
def console_password_view(request: HttpRequest, name: str) -> HttpResponse:
    """Enable console access or reset the password, under the account's password policy."""
    user = _user(request, name, "iam:GetLoginProfile")
    profile = LoginProfile.objects.filter(user=user).first()
    action = "iam:UpdateLoginProfile" if profile else "iam:CreateLoginProfile"
    allow(request, action, user.arn)
    form = ConsolePasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        custom = data["password_type"] == "custom"
        password = data["custom_password"] if custom else password_generate(account=user.account)
        try:
            if profile is None:
                login_profile_create(user=user, password=password,
                                     password_reset_required=data["password_reset_required"])
            else:
                login_profile_update(user=user, password=password,
                                     password_reset_required=data["password_reset_required"])
        except IamError as exc:
            form_error(form, exc, {"password": "custom_password"})
        else:
            messages.success(request, f"Console password {'reset' if profile else 'set'} "
                             f"for {user.name}.")
            if custom:
                return redirect(USER.detail_url(user.name, TAB))
            return pages.no_store(render(request, "accounts/iamuser_password_set.html", {
                "iamuser": user, "password": password,
                "breadcrumbs": pages.user_owner(user).crumbs("Console password"),
            }))
    return render(request, "accounts/iamuser_password.html", {
        "iamuser": user, "form": form, "profile": profile,
        "password_policy": password_policy_get(user.account),
        "breadcrumbs": pages.user_owner(user).crumbs("Manage console access"),
    }, status=400 if form.errors else 200)


@require_POST
def console_password_remove_view(request: HttpRequest, name: str) -> HttpResponse:
    """Disable console access (DeleteLoginProfile)."""
    user = _user(request, name, "iam:DeleteLoginProfile")
    login_profile_delete(user=user)
    messages.success(request, f"Console access disabled for {user.name}.")
    return redirect(USER.detail_url(user.name, TAB))


# -- access keys ----------------------------------------------------------------------------
@require_POST
def access_key_create_view(request: HttpRequest, name: str) -> HttpResponse:
    """Create a key and show its secret this once, with a copy button and a .csv download."""
    user = _user(request, name, "iam:CreateAccessKey")
    return pages.access_key_create_page(request, pages.user_owner(user))


@require_POST
def access_key_status_view(request: HttpRequest, name: str, key_id: str) -> HttpResponse:
    """Activate or deactivate a key (UpdateAccessKey)."""
    user = _user(request, name, "iam:UpdateAccessKey")
    return pages.access_key_status_page(request, pages.user_owner(user), key_id)


def access_key_delete_view(request: HttpRequest, name: str, key_id: str) -> HttpResponse:
    """Delete a key after typing its ID (DeleteAccessKey)."""
    user = _user(request, name, "iam:DeleteAccessKey")
    return pages.access_key_delete_page(request, pages.user_owner(user), key_id)


# -- virtual MFA ------------------------------------------------------------------------------
def mfa_assign_view(request: HttpRequest, name: str) -> HttpResponse:
    """Step 1 of assigning a virtual MFA device: name it; it is created unassigned."""
    user = _user(request, name, "iam:EnableMFADevice")
    return pages.mfa_assign_page(request, pages.user_owner(user))


def mfa_enable_view(request: HttpRequest, name: str) -> HttpResponse:
    """Step 2: show the QR code and the base32 secret, then check two consecutive codes."""
    user = _user(request, name, "iam:EnableMFADevice")
    return pages.mfa_enable_page(request, pages.user_owner(user))


@require_POST
def mfa_cancel_view(request: HttpRequest, name: str) -> HttpResponse:
    """Abandon an assignment: the unassigned device is deleted, as AWS's console does."""
    user = _user(request, name, "iam:ListMFADevices")
    return pages.mfa_cancel_page(request, pages.user_owner(user))


@require_POST
def mfa_remove_view(request: HttpRequest, name: str) -> HttpResponse:
    """Remove a device from the user (DeactivateMFADevice) and delete it."""
    user = _user(request, name, "iam:DeactivateMFADevice")
    return pages.mfa_remove_page(request, pages.user_owner(user))


_BASE = "users/details/<str:name>/"
urlpatterns = [
    path(_BASE + "password/", console_password_view, name="iamuser_password"),
    path(_BASE + "password/remove/", console_password_remove_view,
         name="iamuser_password_remove"),
    *pages.credential_urlpatterns(_BASE, "iamuser_", [
        access_key_create_view, access_key_status_view, access_key_delete_view,
        mfa_assign_view, mfa_enable_view, mfa_cancel_view, mfa_remove_view,
    ]),
]
