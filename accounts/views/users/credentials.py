"""A user's security credentials: console password, access keys and virtual MFA devices."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from iamconsole.exceptions import IamError, NoSuchEntity
from iamconsole.operations import caller_for

from ...forms_users import ConsolePasswordForm
from ...operations.credentials import (
    CreateLoginProfile,
    DeleteLoginProfile,
    GetLoginProfile,
    UpdateLoginProfile,
)
from ...selectors import password_policy_get
from ...services.onboarding import password_generate
from .. import access_key_pages as keys
from .. import credential_pages as pages
from ..kinds import USER
from ..support import form_error
from .retrieve import show_password_once

TAB = "security_credentials"


# -- console password ---------------------------------------------------------------------
def console_password_view(request: HttpRequest, name: str) -> HttpResponse:
    """Enable console access (CreateLoginProfile) or reset the password (UpdateLoginProfile),
    under the account's password policy."""
    lookup = GetLoginProfile(caller=caller_for(request), user_name=name)
    try:
        profile = lookup.run()
    except NoSuchEntity:
        if lookup.entity is None:  # no such user, rather than no password
            raise
        profile = None
    operation = UpdateLoginProfile if profile else CreateLoginProfile
    change = operation(caller=caller_for(request), user_name=name, password="")
    user = change.preflight(validate=False).entity
    form = ConsolePasswordForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        custom = data["password_type"] == "custom"
        change.password = (data["custom_password"] if custom
                           else password_generate(account=user.account))
        change.password_reset_required = data["password_reset_required"]
        try:
            change.run()
        except IamError as exc:
            form_error(form, exc, {"password": "custom_password"})
            status = exc.status
        else:
            messages.success(request, f"Console password {'reset' if profile else 'set'} "
                             f"for {user.name}.")
            return show_password_once(request, user, change.password, created=False)
    return render(request, "accounts/iamuser_password.html", {
        "iamuser": user, "form": form, "profile": profile,
        "password_policy": password_policy_get(user.account),
        "breadcrumbs": pages.user_owner(user).crumbs("Manage console access"),
    }, status=400 if form.errors and status == 200 else status)


@require_POST
def console_password_remove_view(request: HttpRequest, name: str) -> HttpResponse:
    """Disable console access (DeleteLoginProfile)."""
    removal = DeleteLoginProfile(caller=caller_for(request), user_name=name)
    removal.run()
    messages.success(request, f"Console access disabled for {removal.entity.name}.")
    return redirect(USER.detail_url(removal.entity.name, TAB))


# -- access keys and virtual MFA: the pages shared with the root user ---------------------------
def access_key_create_view(request: HttpRequest, name: str) -> HttpResponse:
    """Create a key in AWS's steps: use case, description tag, then its secret, once."""
    return keys.access_key_steps_page(request, {"user_name": name})


def access_key_created_view(request: HttpRequest, name: str) -> HttpResponse:
    """Retrieve access key: the new key's secret, once."""
    return keys.access_key_created_page(request, {"user_name": name})


@require_POST
def access_key_status_view(request: HttpRequest, name: str, key_id: str) -> HttpResponse:
    """Activate or deactivate a key (UpdateAccessKey)."""
    return pages.access_key_status_page(request, {"user_name": name}, key_id)


def access_key_delete_view(request: HttpRequest, name: str, key_id: str) -> HttpResponse:
    """Delete a key after typing its ID (DeleteAccessKey)."""
    return pages.access_key_delete_page(request, {"user_name": name}, key_id)


def mfa_assign_view(request: HttpRequest, name: str) -> HttpResponse:
    """Step 1 of assigning a virtual MFA device: name it; it is created unassigned."""
    return pages.mfa_assign_page(request, {"user_name": name})


def mfa_enable_view(request: HttpRequest, name: str) -> HttpResponse:
    """Step 2: show the QR code and the base32 secret, then check two consecutive codes."""
    return pages.mfa_enable_page(request, {"user_name": name})


@require_POST
def mfa_cancel_view(request: HttpRequest, name: str) -> HttpResponse:
    """Abandon an assignment: the unassigned device is deleted, as AWS's console does."""
    return pages.mfa_cancel_page(request, {"user_name": name})


@require_POST
def mfa_remove_view(request: HttpRequest, name: str) -> HttpResponse:
    """Remove a device from the user (DeactivateMFADevice) and delete it."""
    return pages.mfa_remove_page(request, {"user_name": name})


_BASE = "users/details/<str:name>/"
urlpatterns = [
    path(_BASE + "password/", console_password_view, name="iamuser_password"),
    path(_BASE + "password/remove/", console_password_remove_view,
         name="iamuser_password_remove"),
    *pages.credential_urlpatterns(_BASE, "iamuser_", [
        access_key_create_view, access_key_created_view, access_key_status_view,
        access_key_delete_view,
        mfa_assign_view, mfa_enable_view, mfa_cancel_view, mfa_remove_view,
    ]),
]
