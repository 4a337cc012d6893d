"""A user's security credentials: console password, access keys and virtual MFA devices."""

from __future__ import annotations

import csv
import io
from urllib.parse import parse_qs, quote, urlencode, urlparse

import segno
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from iamconsole.exceptions import IamError, NoSuchEntity

from ...forms_users import ConsolePasswordForm, MfaCodesForm, MfaDeviceNameForm
from ...identifiers import iam_arn
from ...models import IamUser, LoginProfile
from ...selectors import access_key_get, mfa_device_get, password_policy_get
from ...services import (
    access_key_create,
    access_key_delete,
    access_key_update_status,
    login_profile_create,
    login_profile_delete,
    login_profile_update,
    mfa_device_create_virtual,
    mfa_device_deactivate,
    mfa_device_delete,
    mfa_device_enable,
    mfa_device_setup_uri,
)
from ...services.onboarding import password_generate
from ..kinds import USER
from ..support import allow, form_error

TAB = "security_credentials"


def _crumbs(user: IamUser, last: str) -> list[tuple[str, str | None]]:
    return [("Users", USER.list_url()), (user.name, USER.detail_url(user.name, TAB)),
            (last, None)]


def _no_store(response: HttpResponse) -> HttpResponse:
    # Pages holding a secret are never cached by the browser or a proxy.
    response["Cache-Control"] = "no-store"
    return response


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
            return _no_store(render(request, "accounts/iamuser_password_set.html", {
                "iamuser": user, "password": password,
                "breadcrumbs": _crumbs(user, "Console password"),
            }))
    return render(request, "accounts/iamuser_password.html", {
        "iamuser": user, "form": form, "profile": profile,
        "password_policy": password_policy_get(user.account),
        "breadcrumbs": _crumbs(user, "Manage console access"),
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
    try:
        created = access_key_create(user=user)
    except IamError as exc:
        messages.error(request, exc.message)
        return redirect(USER.detail_url(user.name, TAB))
    key_id, secret = created.access_key.access_key_id, created.secret_access_key
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(
        [["Access key ID", "Secret access key"], [key_id, secret]]
    )
    return _no_store(render(request, "accounts/iamuser_access_key_created.html", {
        "iamuser": user, "access_key_id": key_id, "secret": secret,
        "csv_href": "data:text/csv;charset=utf-8," + quote(buffer.getvalue()),
        "csv_name": f"{user.name}_accessKeys.csv",
        "breadcrumbs": _crumbs(user, "Create access key"),
    }, status=201))


@require_POST
def access_key_status_view(request: HttpRequest, name: str, key_id: str) -> HttpResponse:
    """Activate or deactivate a key (UpdateAccessKey)."""
    user = _user(request, name, "iam:UpdateAccessKey")
    key = access_key_get(access_key_id=key_id, account=user.account)
    if key.user_id != user.pk:
        raise_no_key(key_id)
    status = request.POST.get("status", "")
    try:
        access_key_update_status(access_key=key, status=status)
    except IamError as exc:
        messages.error(request, exc.message)
    else:
        verb = "activated" if status == "Active" else "deactivated"
        messages.success(request, f"Access key {key_id} {verb}.")
    return redirect(USER.detail_url(user.name, TAB))


def raise_no_key(key_id: str) -> None:
    """A key of another user is as absent as one that does not exist."""
    raise NoSuchEntity(f"The Access Key with id {key_id} cannot be found.")


def access_key_delete_view(request: HttpRequest, name: str, key_id: str) -> HttpResponse:
    """Delete a key after typing its ID (DeleteAccessKey)."""
    user = _user(request, name, "iam:DeleteAccessKey")
    key = access_key_get(access_key_id=key_id, account=user.account)
    if key.user_id != user.pk:
        raise_no_key(key_id)
    error = ""
    if request.method == "POST":
        if request.POST.get("confirm", "").strip() == key.access_key_id:
            access_key_delete(access_key=key)
            messages.success(request, f"Access key {key_id} deleted.")
            return redirect(USER.detail_url(user.name, TAB))
        error = f"Type the access key ID, {key.access_key_id}, to confirm."
    return render(request, "accounts/iamuser_access_key_delete.html", {
        "iamuser": user, "key": key, "error": error,
        "breadcrumbs": _crumbs(user, f"Delete {key_id}"),
    }, status=400 if error else 200)


# -- virtual MFA ------------------------------------------------------------------------------
def mfa_assign_view(request: HttpRequest, name: str) -> HttpResponse:
    """Step 1 of assigning a virtual MFA device: name it; it is created unassigned."""
    user = _user(request, name, "iam:EnableMFADevice")
    form = MfaDeviceNameForm(request.POST or None, initial={"device_name": user.name})
    if request.method == "POST" and form.is_valid():
        device_name = form.cleaned_data["device_name"]
        serial = iam_arn(user.account.account_id, "mfa", "/", device_name)
        allow(request, "iam:CreateVirtualMFADevice", serial)
        try:
            mfa_device_create_virtual(account=user.account, name=device_name)
        except IamError as exc:
            form_error(form, exc, {"name": "device_name"})
        else:
            url = reverse("accounts:iamuser_mfa_enable", args=[user.name])
            return redirect(f"{url}?{urlencode({'serial': serial})}")
    return render(request, "accounts/iamuser_mfa_assign.html", {
        "iamuser": user, "form": form, "breadcrumbs": _crumbs(user, "Assign MFA device"),
    }, status=400 if form.errors else 200)


def _qr(uri: str) -> str:
    """The provisioning URI as an inline SVG QR code, drawn on the server."""
    return segno.make(uri, error="m").svg_inline(
        scale=5, title="QR code of the virtual MFA device", dark="#16191f", light="#ffffff"
    )


def mfa_enable_view(request: HttpRequest, name: str) -> HttpResponse:
    """Step 2: show the QR code and the base32 secret, then check two consecutive codes."""
    user = _user(request, name, "iam:EnableMFADevice")
    serial = request.GET.get("serial") or request.POST.get("serial", "")
    device = mfa_device_get(account=user.account, serial_number=serial)
    if device.is_enabled:
        messages.info(request, f"The MFA device {device.name} is already assigned.")
        return redirect(USER.detail_url(user.name, TAB))
    form = MfaCodesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            mfa_device_enable(device=device, user=user,
                              authentication_code_1=form.cleaned_data["code_1"],
                              authentication_code_2=form.cleaned_data["code_2"])
        except IamError as exc:
            form_error(form, exc, {"authentication_code": "code_1"})
        else:
            messages.success(request, f"MFA device {device.name} assigned to {user.name}.")
            return redirect(USER.detail_url(user.name, TAB))
    uri = mfa_device_setup_uri(device)
    secret = parse_qs(urlparse(uri).query).get("secret", [""])[0]
    return _no_store(render(request, "accounts/iamuser_mfa_enable.html", {
        "iamuser": user, "device": device, "form": form,
        "qr_svg": mark_safe(_qr(uri)),  # noqa: S308 - segno's own SVG markup
        "secret": secret, "breadcrumbs": _crumbs(user, "Assign MFA device"),
    }, status=400 if form.errors else 200))


@require_POST
def mfa_cancel_view(request: HttpRequest, name: str) -> HttpResponse:
    """Abandon an assignment: the unassigned device is deleted, as AWS's console does."""
    user = _user(request, name, "iam:ListMFADevices")
    device = mfa_device_get(account=user.account, serial_number=request.POST.get("serial", ""))
    if not device.is_enabled:
        allow(request, "iam:DeleteVirtualMFADevice", device.serial_number)
        mfa_device_delete(device=device)
    return redirect(USER.detail_url(user.name, TAB))


@require_POST
def mfa_remove_view(request: HttpRequest, name: str) -> HttpResponse:
    """Remove a device from the user (DeactivateMFADevice) and delete it."""
    user = _user(request, name, "iam:DeactivateMFADevice")
    device = mfa_device_get(account=user.account, serial_number=request.POST.get("serial", ""))
    if device.user_id != user.pk:
        raise NoSuchEntity(f"The user {user.name} has no MFA device {device.serial_number}.")
    allow(request, "iam:DeleteVirtualMFADevice", device.serial_number)
    mfa_device_deactivate(device=device)
    mfa_device_delete(device=device)
    messages.success(request, f"MFA device {device.name} removed from {user.name}.")
    return redirect(USER.detail_url(user.name, TAB))


_BASE = "users/details/<str:name>/"
urlpatterns = [
    path(_BASE + "password/", console_password_view, name="iamuser_password"),
    path(_BASE + "password/remove/", console_password_remove_view,
         name="iamuser_password_remove"),
    path(_BASE + "access-keys/create/", access_key_create_view, name="iamuser_access_key_create"),
    path(_BASE + "access-keys/<str:key_id>/status/", access_key_status_view,
         name="iamuser_access_key_status"),
    path(_BASE + "access-keys/<str:key_id>/delete/", access_key_delete_view,
         name="iamuser_access_key_delete"),
    path(_BASE + "mfa/assign/", mfa_assign_view, name="iamuser_mfa_assign"),
    path(_BASE + "mfa/enable/", mfa_enable_view, name="iamuser_mfa_enable"),
    path(_BASE + "mfa/cancel/", mfa_cancel_view, name="iamuser_mfa_cancel"),
    path(_BASE + "mfa/remove/", mfa_remove_view, name="iamuser_mfa_remove"),
]
