"""Credential pages shared by IAM users and the root user: access keys and virtual MFA.

Each page names the owner as its operations' input (`{"user_name": name}`, or
`{"root_user": True}` on the root user's pages) and runs the operations, which find the owner
and authorize it (only the root user acts on the root user's credentials).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import segno
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.safestring import mark_safe

from iamconsole.exceptions import DeleteConflict, IamError
from iamconsole.operations import caller_for

from ..forms_users import MfaCodesForm, MfaDeviceNameForm
from ..models import AccessKey, Account, IamUser, MfaDevice
from ..operations.credentials import (
    CreateVirtualMFADevice,
    CredentialOperation,
    DeactivateMFADevice,
    DeleteAccessKey,
    DeleteVirtualMFADevice,
    EnableMFADevice,
    ListMFADevices,
    UpdateAccessKey,
)
from ..services import mfa_device_setup_uri
from .kinds import USER
from .shown_once import no_store
from .support import form_error

Crumbs = list[tuple[str, str | None]]
# The operations' input naming the owner: {"user_name": "alice"} or {"root_user": True}.
Owned = Mapping[str, Any]


@dataclass(frozen=True)
class CredentialOwner:
    """Whose long-term credentials a page manages: an IAM user, or the root user (no user)."""

    account: Account
    user: IamUser | None
    arn: str
    # How sentences name the owner: "alice", "the root user".
    label: str
    # URL names of the owner's credential pages are `url_prefix + page` with `url_args` first.
    url_prefix: str
    url_args: tuple[str, ...]
    back_url: str
    crumbs_base: tuple[tuple[str, str | None], ...]
    csv_name: str
    default_device_name: str

    @property
    def is_root(self) -> bool:
        """True when the credentials are the root user's."""
        return self.user is None

    def url(self, page: str, *args: str) -> str:
        """The URL of one of the owner's credential pages (`access_key_create`...)."""
        return reverse(self.url_prefix + page, args=[*self.url_args, *args])

    def crumbs(self, last: str) -> Crumbs:
        """Breadcrumbs of a page below the owner's credentials page."""
        return [*self.crumbs_base, (last, None)]


def user_owner(user: IamUser) -> CredentialOwner:
    """An IAM user's credentials, managed on its Security credentials tab."""
    tab = USER.detail_url(user.name, "security_credentials")
    return CredentialOwner(
        account=user.account, user=user, arn=user.arn, label=user.name,
        url_prefix="accounts:iamuser_", url_args=(user.name,), back_url=tab,
        crumbs_base=(("Users", USER.list_url()), (user.name, tab)),
        csv_name=f"{user.name}_accessKeys.csv", default_device_name=user.name,
    )


def root_owner(account: Account) -> CredentialOwner:
    """The root user's credentials, managed on "My security credentials"."""
    page = reverse("accounts:security_credentials")
    return CredentialOwner(
        account=account, user=None, arn=account.root_arn, label="the root user",
        url_prefix="accounts:security_credentials_", url_args=(), back_url=page,
        crumbs_base=(("My security credentials", page),),
        # AWS's console names the root user's key file rootkey.csv.
        csv_name="rootkey.csv", default_device_name="root-account-mfa-device",
    )


def owner_of(operation: CredentialOperation) -> CredentialOwner:
    """The owner an operation found (once prepared)."""
    if operation.on_root:
        return root_owner(operation.caller.account)
    return user_owner(operation.entity)


def prepared(
    request: HttpRequest, operation: type[CredentialOperation], owned: Owned, **inputs: Any
) -> tuple[Any, CredentialOwner]:
    """The operation with what it acts on found and authorized (NoSuchEntity, AccessDenied),
    before its input is checked; and its owner."""
    op = operation(caller=caller_for(request), **owned, **inputs)
    op.preflight(validate=False)
    return op, owner_of(op)


# -- access keys (creation: access_key_pages) ------------------------------------------------
def access_key_status_page(request: HttpRequest, owned: Owned, key_id: str) -> HttpResponse:
    """Activate or deactivate a key (UpdateAccessKey)."""
    status = request.POST.get("status", "")
    op, owner = prepared(request, UpdateAccessKey, owned, access_key_id=key_id, status=status)
    try:
        op.run()
    except IamError as exc:
        messages.error(request, exc.message)
    else:
        verb = "activated" if status == "Active" else "deactivated"
        messages.success(request, f"Access key {key_id} {verb}.")
    return redirect(owner.back_url)


def access_key_delete_page(request: HttpRequest, owned: Owned, key_id: str) -> HttpResponse:
    """Delete a key after typing its ID (DeleteAccessKey)."""
    op = DeleteAccessKey(caller=caller_for(request), **owned, access_key_id=key_id)
    key: AccessKey = op.preflight().access_key
    owner = owner_of(op)
    error = ""
    if request.method == "POST":
        if request.POST.get("confirm", "").strip() == key.access_key_id:
            op.run()
            messages.success(request, f"Access key {key_id} deleted.")
            return redirect(owner.back_url)
        error = f"Type the access key ID, {key.access_key_id}, to confirm."
    return render(request, "accounts/access_key_delete.html", {
        "owner": owner, "key": key, "error": error,
        "breadcrumbs": owner.crumbs(f"Delete {key_id}"),
    }, status=400 if error else 200)


# -- virtual MFA ------------------------------------------------------------------------------
# Session key: serial -> owner ARN of the devices this session created in step 1. Only they
# show their seed in step 2: AWS hands a virtual device's seed to its creator, once, and an
# unassigned device of someone else (the root user's, mid-assignment) must not leak it.
_CREATED_DEVICES = "mfa_devices_created"


def _created_here(request: HttpRequest, owner: CredentialOwner, serial: str) -> bool:
    """True when this session created the device `serial` for `owner` (step 1)."""
    return request.session.get(_CREATED_DEVICES, {}).get(serial) == owner.arn


def _forget_created(request: HttpRequest, serial: str) -> None:
    created = request.session.get(_CREATED_DEVICES, {})
    if serial in created:
        request.session[_CREATED_DEVICES] = {k: v for k, v in created.items() if k != serial}


def mfa_assign_page(request: HttpRequest, owned: Owned) -> HttpResponse:
    """Step 1 of assigning a virtual MFA device: name it; it is created unassigned
    (CreateVirtualMFADevice), once the caller may enable MFA for the owner (EnableMFADevice).
    """
    owner = owner_of(EnableMFADevice(
        caller=caller_for(request), **owned, serial_number="", authentication_code_1="",
        authentication_code_2="").preflight_owner())
    form = MfaDeviceNameForm(request.POST or None,
                             initial={"device_name": owner.default_device_name})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            created = caller_for(request).run(
                CreateVirtualMFADevice, virtual_mfa_device_name=form.cleaned_data["device_name"])
        except IamError as exc:
            form_error(form, exc, {"name": "device_name"})
            status = exc.status
        else:
            serial = created.device.serial_number
            request.session[_CREATED_DEVICES] = {
                **request.session.get(_CREATED_DEVICES, {}), serial: owner.arn}
            return redirect(f"{owner.url('mfa_enable')}?{urlencode({'serial': serial})}")
    return render(request, "accounts/mfa_assign.html", {
        "owner": owner, "form": form, "breadcrumbs": owner.crumbs("Assign MFA device"),
    }, status=400 if form.errors and status == 200 else status)


def _qr(uri: str) -> str:
    """The provisioning URI as an inline SVG QR code, drawn on the server."""
    return segno.make(uri, error="m").svg_inline(
        scale=5, title="QR code of the virtual MFA device", dark="#16191f", light="#ffffff"
    )


def mfa_enable_page(request: HttpRequest, owned: Owned) -> HttpResponse:
    """Step 2: show the QR code and the base32 secret, then check two consecutive codes
    (EnableMFADevice).

    The secret is shown only for a device this session created for the owner in step 1; any
    other unassigned device can be enabled with two codes, by whoever already has its seed.
    """
    serial = request.GET.get("serial") or request.POST.get("serial", "")
    form = MfaCodesForm(request.POST or None)
    codes = {"authentication_code_1": form.data.get("code_1", ""),
             "authentication_code_2": form.data.get("code_2", "")}
    op = EnableMFADevice(caller=caller_for(request), **owned, serial_number=serial, **codes)
    device: MfaDevice = op.preflight(validate=False).device
    owner = owner_of(op)
    if device.is_enabled:
        messages.info(request, f"The MFA device {device.name} is already assigned.")
        return redirect(owner.back_url)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            op.run()
        except IamError as exc:
            form_error(form, exc, {"authentication_code": "code_1"})
            status = exc.status
        else:
            _forget_created(request, device.serial_number)
            messages.success(request, f"MFA device {device.name} assigned to {owner.label}.")
            return redirect(owner.back_url)
    qr_svg = secret = ""
    if _created_here(request, owner, device.serial_number):
        uri = mfa_device_setup_uri(device)
        secret = parse_qs(urlparse(uri).query).get("secret", [""])[0]
        qr_svg = mark_safe(_qr(uri))  # noqa: S308 - segno's own SVG markup
    return no_store(render(request, "accounts/mfa_enable.html", {
        "owner": owner, "device": device, "form": form, "qr_svg": qr_svg,
        "secret": secret, "breadcrumbs": owner.crumbs("Assign MFA device"),
    }, status=400 if form.errors and status == 200 else status))


def mfa_cancel_page(request: HttpRequest, owned: Owned) -> HttpResponse:
    """Abandon an assignment: the unassigned device is deleted (DeleteVirtualMFADevice), as
    AWS's console does; one assigned meanwhile stays."""
    listing = ListMFADevices(caller=caller_for(request), **owned)
    listing.run()
    serial = request.POST.get("serial", "")
    owner = owner_of(listing)
    try:
        caller_for(request).run(DeleteVirtualMFADevice, serial_number=serial)
    except DeleteConflict:
        messages.info(request, "MFA device setup was cancelled; the device had been assigned "
                      "meanwhile, so it stays.")
    else:
        messages.info(request, f"MFA device setup was cancelled: no device was assigned to "
                      f"{owner.label}.")
    _forget_created(request, serial)
    return redirect(owner.back_url)


def mfa_remove_page(request: HttpRequest, owned: Owned) -> HttpResponse:
    """Remove the owner's device (DeactivateMFADevice) and delete it (DeleteVirtualMFADevice),
    both or neither."""
    caller = caller_for(request)
    serial = request.POST.get("serial", "")
    deactivate = DeactivateMFADevice(caller=caller, **owned, serial_number=serial)
    caller.run_all([deactivate, DeleteVirtualMFADevice(caller=caller, serial_number=serial)])
    owner = owner_of(deactivate)
    messages.success(request, f"MFA device {deactivate.device.name} removed from "
                     f"{owner.label}.")
    return redirect(owner.back_url)


# -- routes -----------------------------------------------------------------------------------
# The access-key and MFA pages below an owner's base path, by the page names of
# CredentialOwner.url(): each module names its views `<page>_view`.
ROUTES = {
    "access_key_create": "access-keys/create/",
    "access_key_created": "access-keys/created/",
    "access_key_status": "access-keys/<str:key_id>/status/",
    "access_key_delete": "access-keys/<str:key_id>/delete/",
    "mfa_assign": "mfa/assign/",
    "mfa_enable": "mfa/enable/",
    "mfa_cancel": "mfa/cancel/",
    "mfa_remove": "mfa/remove/",
}


def credential_urlpatterns(
    base: str, name_prefix: str, views: Sequence[Callable[..., HttpResponse]]
) -> list[URLPattern]:
    """The routes of ROUTES below `base`, named `name_prefix + page`, one view per page."""
    by_page = {view.__name__.removesuffix("_view"): view for view in views}
    if set(by_page) != set(ROUTES):
        raise ValueError(f"Credential views for {sorted(ROUTES)} expected, got {sorted(by_page)}.")
    return [path(base + route, by_page[page], name=name_prefix + page)
            for page, route in ROUTES.items()]
