"""Credential pages shared by IAM users and the root user: access keys and virtual MFA.

A page's view authorizes its IAM action on the owner's ARN first (the user, or
`arn:aws:iam::<account>:root`), then hands the owner to one of these helpers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlencode, urlparse

import segno
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.safestring import mark_safe

from iamconsole.exceptions import IamError, NoSuchEntity
from iamconsole.identifiers import iam_arn

from ..forms_users import MfaCodesForm, MfaDeviceNameForm
from ..models import AccessKey, Account, IamUser, MfaDevice
from ..selectors import access_key_get, mfa_device_get
from ..services import (
    access_key_create,
    access_key_delete,
    access_key_update_status,
    mfa_device_create_virtual,
    mfa_device_deactivate,
    mfa_device_delete,
    mfa_device_enable,
    mfa_device_setup_uri,
)
from .kinds import USER
from .support import allow, form_error

Crumbs = list[tuple[str, str | None]]


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

    def owns_key(self, key: AccessKey) -> bool:
        """True for the owner's own key (a root key has no user)."""
        return key.user_id == (self.user.pk if self.user is not None else None)

    def owns_device(self, device: MfaDevice) -> bool:
        """True for the MFA device assigned to the owner."""
        if self.user is None:
            return device.is_root
        return device.user_id == self.user.pk


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


def no_store(response: HttpResponse) -> HttpResponse:
    """Pages holding a secret are never cached by the browser or a proxy."""
    response["Cache-Control"] = "no-store"
    return response


# -- access keys ----------------------------------------------------------------------------
def access_key_create_page(request: HttpRequest, owner: CredentialOwner) -> HttpResponse:
    """Create a key and show its secret this once, with a copy button and a .csv download.

    The caller is authorized for iam:CreateAccessKey on the owner already.
    """
    try:
        if owner.user is not None:
            created = access_key_create(user=owner.user)
        else:
            created = access_key_create(account=owner.account)
    except IamError as exc:
        messages.error(request, exc.message)
        return redirect(owner.back_url)
    key_id, secret = created.access_key.access_key_id, created.secret_access_key
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(
        [["Access key ID", "Secret access key"], [key_id, secret]]
    )
    return no_store(render(request, "accounts/access_key_created.html", {
        "owner": owner, "access_key_id": key_id, "secret": secret,
        "csv_href": "data:text/csv;charset=utf-8," + quote(buffer.getvalue()),
        "csv_name": owner.csv_name,
        "breadcrumbs": owner.crumbs("Create access key"),
    }, status=201))


def owned_key(owner: CredentialOwner, key_id: str) -> AccessKey:
    """The owner's key with this ID; another identity's key is as absent as a missing one."""
    key = access_key_get(access_key_id=key_id, account=owner.account)
    if not owner.owns_key(key):
        raise NoSuchEntity(f"The Access Key with id {key_id} cannot be found.")
    return key


def access_key_status_page(
    request: HttpRequest, owner: CredentialOwner, key_id: str
) -> HttpResponse:
    """Activate or deactivate a key (UpdateAccessKey, authorized by the caller's view)."""
    key = owned_key(owner, key_id)
    status = request.POST.get("status", "")
    try:
        access_key_update_status(access_key=key, status=status)
    except IamError as exc:
        messages.error(request, exc.message)
    else:
        verb = "activated" if status == "Active" else "deactivated"
        messages.success(request, f"Access key {key_id} {verb}.")
    return redirect(owner.back_url)


def access_key_delete_page(
    request: HttpRequest, owner: CredentialOwner, key_id: str
) -> HttpResponse:
    """Delete a key after typing its ID (DeleteAccessKey, authorized by the caller's view)."""
    key = owned_key(owner, key_id)
    error = ""
    if request.method == "POST":
        if request.POST.get("confirm", "").strip() == key.access_key_id:
            access_key_delete(access_key=key)
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


def mfa_assign_page(request: HttpRequest, owner: CredentialOwner) -> HttpResponse:
    """Step 1 of assigning a virtual MFA device: name it; it is created unassigned.

    The caller is authorized for iam:EnableMFADevice on the owner already.
    """
    form = MfaDeviceNameForm(request.POST or None,
                             initial={"device_name": owner.default_device_name})
    if request.method == "POST" and form.is_valid():
        device_name = form.cleaned_data["device_name"]
        serial = iam_arn(owner.account.account_id, "mfa", "/", device_name)
        allow(request, "iam:CreateVirtualMFADevice", serial)
        try:
            mfa_device_create_virtual(account=owner.account, name=device_name)
        except IamError as exc:
            form_error(form, exc, {"name": "device_name"})
        else:
            created = request.session.get(_CREATED_DEVICES, {})
            request.session[_CREATED_DEVICES] = {**created, serial: owner.arn}
            return redirect(f"{owner.url('mfa_enable')}?{urlencode({'serial': serial})}")
    return render(request, "accounts/mfa_assign.html", {
        "owner": owner, "form": form, "breadcrumbs": owner.crumbs("Assign MFA device"),
    }, status=400 if form.errors else 200)


def _qr(uri: str) -> str:
    """The provisioning URI as an inline SVG QR code, drawn on the server."""
    return segno.make(uri, error="m").svg_inline(
        scale=5, title="QR code of the virtual MFA device", dark="#16191f", light="#ffffff"
    )


def mfa_enable_page(request: HttpRequest, owner: CredentialOwner) -> HttpResponse:
    """Step 2: show the QR code and the base32 secret, then check two consecutive codes.

    The caller is authorized for iam:EnableMFADevice on the owner already. The secret is shown
    only for a device this session created for the owner in step 1; any other unassigned
    device can be enabled with two codes (EnableMFADevice), by whoever already has its seed.
    """
    serial = request.GET.get("serial") or request.POST.get("serial", "")
    device = mfa_device_get(account=owner.account, serial_number=serial)
    if device.is_enabled:
        messages.info(request, f"The MFA device {device.name} is already assigned.")
        return redirect(owner.back_url)
    form = MfaCodesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            mfa_device_enable(device=device, user=owner.user, root=owner.is_root,
                              authentication_code_1=form.cleaned_data["code_1"],
                              authentication_code_2=form.cleaned_data["code_2"])
        except IamError as exc:
            form_error(form, exc, {"authentication_code": "code_1"})
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
    }, status=400 if form.errors else 200))


def mfa_cancel_page(request: HttpRequest, owner: CredentialOwner) -> HttpResponse:
    """Abandon an assignment: the unassigned device is deleted, as AWS's console does."""
    device = mfa_device_get(account=owner.account, serial_number=request.POST.get("serial", ""))
    if not device.is_enabled:
        allow(request, "iam:DeleteVirtualMFADevice", device.serial_number)
        mfa_device_delete(device=device)
        _forget_created(request, device.serial_number)
    return redirect(owner.back_url)


def mfa_remove_page(request: HttpRequest, owner: CredentialOwner) -> HttpResponse:
    """Remove the owner's device (DeactivateMFADevice, authorized by the view) and delete it."""
    device = mfa_device_get(account=owner.account, serial_number=request.POST.get("serial", ""))
    if not owner.owns_device(device):
        who = "The root user" if owner.user is None else f"The user {owner.user.name}"
        raise NoSuchEntity(f"{who} has no MFA device {device.serial_number}.")
    allow(request, "iam:DeleteVirtualMFADevice", device.serial_number)
    mfa_device_deactivate(device=device)
    mfa_device_delete(device=device)
    messages.success(request, f"MFA device {device.name} removed from {owner.label}.")
    return redirect(owner.back_url)


# -- routes -----------------------------------------------------------------------------------
# The access-key and MFA pages below an owner's base path, by the page names of
# CredentialOwner.url(): each module names its views `<page>_view`.
ROUTES = {
    "access_key_create": "access-keys/create/",
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
