"""My security credentials: the root user's password, MFA and access keys (the identity menu).

An IAM user is sent to its own Security credentials tab; an assumed-role session has no
long-term credentials and is told so.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from iamconsole.operations import caller_for

from ..forms_account import RootAccessKeyConfirmForm
from ..forms_signin import ChangePasswordForm
from ..operations.credentials import ChangePassword, CreateAccessKey, ListAccessKeys, ListMFADevices
from ..signin import is_federated_session, refresh_fingerprint
from . import access_key_pages as keys
from . import credential_pages as pages
from .kinds import USER
from .support import change_own_password, run

PAGE_CRUMBS = [("My security credentials", None)]
# The operations' input naming the root user: only the root user may act on it.
ROOT = {"root_user": True}


def _page(
    request: HttpRequest, *, password_form: ChangePasswordForm | None = None, status: int = 200,
) -> HttpResponse:
    """The root user's page: account, password form, MFA device and access keys."""
    keys = list(run(request, ListAccessKeys, **ROOT))
    devices = list(run(request, ListMFADevices, **ROOT))
    account = caller_for(request).account
    context: dict[str, Any] = {
        "account": account,
        "owner": pages.root_owner(account),
        "access_keys": keys,
        "mfa_devices": devices,
        "password_form": password_form or ChangePasswordForm(),
        "breadcrumbs": PAGE_CRUMBS,
    }
    return render(request, "accounts/security_credentials.html", context, status=status)


def security_credentials_view(request: HttpRequest) -> HttpResponse:
    """The signed-in identity's own credentials, as the identity menu's entry shows them."""
    principal = request.principal
    if principal.kind == "user":
        return redirect(USER.detail_url(principal.name, "security_credentials"))
    if principal.kind in ("assumed-role", "federated-user"):
        return render(request, "accounts/security_credentials_role.html",
                      {"breadcrumbs": PAGE_CRUMBS, "federated": is_federated_session(request)})
    return _page(request)


# -- console password -------------------------------------------------------------------------
@require_POST
def root_password_view(request: HttpRequest) -> HttpResponse:
    """The root user changes its password (ChangePassword): the current one, then the new one
    twice. Other root sessions end, this one stays signed in."""
    change = ChangePassword(caller=caller_for(request), **ROOT, old_password="",
                            new_password="").preflight(validate=False)
    form = ChangePasswordForm(request.POST)
    status = 400
    if form.is_valid():
        change.old_password = form.cleaned_data["old_password"]
        change.new_password = form.cleaned_data["new_password"]
        changed, status = change_own_password(request, form, None, change.run)
        if changed is not None:
            refresh_fingerprint(request, changed, None)
            messages.success(request, "The root user's password has been changed.")
            return redirect("accounts:security_credentials")
    return _page(request, password_form=form, status=status)


# -- access keys ------------------------------------------------------------------------------
def access_key_create_view(request: HttpRequest) -> HttpResponse:
    """AWS's warning first; once acknowledged, the key and its secret, shown this once."""
    _, owner = pages.prepared(request, CreateAccessKey, ROOT)
    form = RootAccessKeyConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        created = keys.create_and_show(request, ROOT, owner)
        if isinstance(created, HttpResponse):  # always: no description tag to refuse
            return created
    return render(request, "accounts/root_access_key_create.html", {
        "form": form, "owner": owner, "breadcrumbs": owner.crumbs("Create access key"),
    }, status=400 if form.errors else 200)


def access_key_created_view(request: HttpRequest) -> HttpResponse:
    """Retrieve access key: the new root key's secret, once."""
    return keys.access_key_created_page(request, ROOT)


@require_POST
def access_key_status_view(request: HttpRequest, key_id: str) -> HttpResponse:
    """Activate or deactivate a root key (UpdateAccessKey)."""
    return pages.access_key_status_page(request, ROOT, key_id)


def access_key_delete_view(request: HttpRequest, key_id: str) -> HttpResponse:
    """Delete a root key after typing its ID (DeleteAccessKey)."""
    return pages.access_key_delete_page(request, ROOT, key_id)


# -- virtual MFA ------------------------------------------------------------------------------
def mfa_assign_view(request: HttpRequest) -> HttpResponse:
    """Step 1: name a virtual device for the root user, which has at most one."""
    listing = ListMFADevices(caller=caller_for(request), **ROOT)
    if listing.run().exists():
        messages.error(request, "The root user already has an MFA device: remove it before "
                       "assigning another.")
        return redirect(pages.owner_of(listing).back_url)
    return pages.mfa_assign_page(request, ROOT)


def mfa_enable_view(request: HttpRequest) -> HttpResponse:
    """Step 2: the QR code and the secret, then two consecutive codes."""
    return pages.mfa_enable_page(request, ROOT)


@require_POST
def mfa_cancel_view(request: HttpRequest) -> HttpResponse:
    """Abandon an assignment: the unassigned device is deleted."""
    return pages.mfa_cancel_page(request, ROOT)


@require_POST
def mfa_remove_view(request: HttpRequest) -> HttpResponse:
    """Remove the root user's device (DeactivateMFADevice) and delete it."""
    return pages.mfa_remove_page(request, ROOT)


_BASE = "security-credentials/"
urlpatterns = [
    path(_BASE, security_credentials_view, name="security_credentials"),
    path(_BASE + "password/", root_password_view, name="security_credentials_password"),
    *pages.credential_urlpatterns(_BASE, "security_credentials_", [
        access_key_create_view, access_key_created_view, access_key_status_view,
        access_key_delete_view,
        mfa_assign_view, mfa_enable_view, mfa_cancel_view, mfa_remove_view,
    ]),
]
