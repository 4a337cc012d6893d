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

from iamconsole.exceptions import AccessDenied

from ..forms_account import RootAccessKeyConfirmForm
from ..forms_signin import ChangePasswordForm
from ..models import Account
from ..selectors import access_key_list, root_mfa_device
from ..services import account_root_password_change
from ..signin import refresh_fingerprint
from . import credential_pages as pages
from .kinds import USER
from .support import allow, caller_account, change_own_password

PAGE_CRUMBS = [("My security credentials", None)]


def _root_account(request: HttpRequest, action: str) -> Account:
    """The caller's account, when the caller is its root user; anyone else gets AccessDenied.

    Only the root user manages the root user's credentials: no policy of an IAM user or a
    role reaches them, not even an administrator's `"Resource": "*"`. The denial names the
    operation and the root user's ARN in AWS's words.
    """
    account = caller_account(request)
    principal = request.principal
    if not principal.is_root:
        raise AccessDenied(f"User: {principal.arn} is not authorized to perform: {action} "
                           f"on resource: {account.root_arn}")
    return account


def _root(request: HttpRequest, action: str) -> pages.CredentialOwner:
    """The root user's credentials, once the caller is it and `action` on its ARN is allowed.

    The same authorize() as for a user's credentials; the root user is always allowed.
    """
    account = _root_account(request, action)
    allow(request, action, account.root_arn)
    return pages.root_owner(account)


def _page(
    request: HttpRequest, account: Account, *, password_form: ChangePasswordForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The root user's page: account, password form, MFA device and access keys."""
    allow(request, "iam:ListAccessKeys", account.root_arn)
    allow(request, "iam:ListMFADevices", account.root_arn)
    device = root_mfa_device(account)
    context: dict[str, Any] = {
        "account": account,
        "owner": pages.root_owner(account),
        "access_keys": list(access_key_list(account=account)),
        "mfa_devices": [device] if device is not None else [],
        "password_form": password_form or ChangePasswordForm(),
        "breadcrumbs": PAGE_CRUMBS,
    }
    return render(request, "accounts/security_credentials.html", context, status=status)


def security_credentials_view(request: HttpRequest) -> HttpResponse:
    """The signed-in identity's own credentials, as the identity menu's entry shows them."""
    principal = request.principal
    if principal.kind == "user":
        return redirect(USER.detail_url(principal.name, "security_credentials"))
    if principal.kind == "assumed-role":
        return render(request, "accounts/security_credentials_role.html",
                      {"breadcrumbs": PAGE_CRUMBS})
    return _page(request, caller_account(request))


# -- console password -------------------------------------------------------------------------
@require_POST
def root_password_view(request: HttpRequest) -> HttpResponse:
    """The root user changes its password: the current one, then the new one twice.

    No IAM action governs it (only the root user can). Other root sessions end, this one
    stays signed in.
    """
    account = _root_account(request, "iam:ChangePassword")
    form = ChangePasswordForm(request.POST)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        changed, refused = change_own_password(
            request, form, account, None,
            lambda: account_root_password_change(
                account=account, old_password=data["old_password"],
                new_password=data["new_password"],
            ),
        )
        status = 429 if refused else status
        if changed is not None:
            refresh_fingerprint(request, changed, None)
            messages.success(request, "The root user's password has been changed.")
            return redirect("accounts:security_credentials")
    return _page(request, account, password_form=form, status=status)


# -- access keys ------------------------------------------------------------------------------
def access_key_create_view(request: HttpRequest) -> HttpResponse:
    """AWS's warning first; once acknowledged, the key and its secret, shown this once."""
    owner = _root(request, "iam:CreateAccessKey")
    form = RootAccessKeyConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        return pages.access_key_create_page(request, owner)
    return render(request, "accounts/root_access_key_create.html", {
        "form": form, "owner": owner, "breadcrumbs": owner.crumbs("Create access key"),
    }, status=400 if form.errors else 200)


@require_POST
def access_key_status_view(request: HttpRequest, key_id: str) -> HttpResponse:
    """Activate or deactivate a root key (UpdateAccessKey)."""
    return pages.access_key_status_page(request, _root(request, "iam:UpdateAccessKey"), key_id)


def access_key_delete_view(request: HttpRequest, key_id: str) -> HttpResponse:
    """Delete a root key after typing its ID (DeleteAccessKey)."""
    return pages.access_key_delete_page(request, _root(request, "iam:DeleteAccessKey"), key_id)


# -- virtual MFA ------------------------------------------------------------------------------
def mfa_assign_view(request: HttpRequest) -> HttpResponse:
    """Step 1: name a virtual device for the root user, which has at most one."""
    owner = _root(request, "iam:EnableMFADevice")
    if root_mfa_device(owner.account) is not None:
        messages.error(request, "The root user already has an MFA device: remove it before "
                       "assigning another.")
        return redirect(owner.back_url)
    return pages.mfa_assign_page(request, owner)


def mfa_enable_view(request: HttpRequest) -> HttpResponse:
    """Step 2: the QR code and the secret, then two consecutive codes."""
    return pages.mfa_enable_page(request, _root(request, "iam:EnableMFADevice"))


@require_POST
def mfa_cancel_view(request: HttpRequest) -> HttpResponse:
    """Abandon an assignment: the unassigned device is deleted."""
    return pages.mfa_cancel_page(request, _root(request, "iam:ListMFADevices"))


@require_POST
def mfa_remove_view(request: HttpRequest) -> HttpResponse:
    """Remove the root user's device (DeactivateMFADevice) and delete it."""
    return pages.mfa_remove_page(request, _root(request, "iam:DeactivateMFADevice"))


_BASE = "security-credentials/"
urlpatterns = [
    path(_BASE, security_credentials_view, name="security_credentials"),
    path(_BASE + "password/", root_password_view, name="security_credentials_password"),
    *pages.credential_urlpatterns(_BASE, "security_credentials_", [
        access_key_create_view, access_key_status_view, access_key_delete_view,
        mfa_assign_view, mfa_enable_view, mfa_cancel_view, mfa_remove_view,
    ]),
]
