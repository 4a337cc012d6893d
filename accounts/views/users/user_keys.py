"""A user's SSH public keys for CodeCommit, HTTPS Git and other service-specific credentials,
and X.509 signing certificates, on the Security credentials tab: upload or create, activate
or deactivate, delete; a new service password is shown once."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from iamconsole.exceptions import IamError
from iamconsole.operations import Operation

from ...operations.certificates import (
    DeleteSigningCertificate,
    UpdateSigningCertificate,
    UploadSigningCertificate,
)
from ...operations.user_keys import (
    CreateServiceSpecificCredential,
    DeleteServiceSpecificCredential,
    DeleteSSHPublicKey,
    ListServiceSpecificCredentials,
    ResetServiceSpecificCredential,
    UpdateServiceSpecificCredential,
    UpdateSSHPublicKey,
    UploadSSHPublicKey,
)
from ...services.user_keys import SERVICES
from .. import credential_pages as pages
from .. import shown_once
from ..support import form_error

KIND = "service_credential"


def body_form(field: str, label: str) -> type[forms.Form]:
    """A form of one pasted PEM certificate or SSH public key, named as the operation's
    input (certificate_body, ssh_public_key_body)."""
    return type("BodyForm", (forms.Form,), {field: forms.CharField(
        label=label, max_length=16384, strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "class": "input code"}))})


# -- uploads --------------------------------------------------------------------------------
def _upload(request: HttpRequest, name: str, operation: type[Operation], field: str,
            what: str, help_text: str) -> HttpResponse:
    op, owner = pages.prepared(request, operation, {"user_name": name}, **{field: ""})
    form = body_form(field, what.capitalize())(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        setattr(op, field, form.cleaned_data[field])
        try:
            op.run()
        except IamError as exc:
            form_error(form, exc)
            status = exc.status
        else:
            messages.success(request, f"{what.capitalize()} uploaded for {owner.label}.")
            return redirect(owner.back_url)
    return render(request, "accounts/credential_upload.html", {
        "owner": owner, "form": form, "what": what, "help_text": help_text,
        "breadcrumbs": owner.crumbs(f"Upload {what}"),
    }, status=400 if form.errors and status == 200 else status)


def ssh_key_upload_view(request: HttpRequest, name: str) -> HttpResponse:
    """Upload an SSH public key for CodeCommit (UploadSSHPublicKey)."""
    return _upload(request, name, UploadSSHPublicKey, "ssh_public_key_body", "SSH public key",
                   "An ssh-rsa key of at least 2,048 bits, in OpenSSH format (the content of "
                   "id_rsa.pub) or PEM. At most five per user.")


def signing_certificate_upload_view(request: HttpRequest, name: str) -> HttpResponse:
    """Upload an X.509 signing certificate (UploadSigningCertificate)."""
    return _upload(request, name, UploadSigningCertificate, "certificate_body",
                   "X.509 certificate",
                   "A certificate in PEM format (-----BEGIN CERTIFICATE-----). At most two "
                   "per user.")


# -- status and delete ------------------------------------------------------------------------
def _change(request: HttpRequest, name: str, operation: type[Operation], ident: dict[str, str],
            done: str, **inputs: Any) -> HttpResponse:
    op, owner = pages.prepared(request, operation, {"user_name": name}, **ident, **inputs)
    try:
        op.run()
    except IamError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect(owner.back_url)


def _status_word(request: HttpRequest) -> str:
    return "activated" if request.POST.get("status") == "Active" else "deactivated"


@require_POST
def ssh_key_status_view(request: HttpRequest, name: str, key_id: str) -> HttpResponse:
    """Activate or deactivate an SSH public key (UpdateSSHPublicKey)."""
    return _change(request, name, UpdateSSHPublicKey, {"ssh_public_key_id": key_id},
                   f"SSH public key {key_id} {_status_word(request)}.",
                   status=request.POST.get("status", ""))


@require_POST
def ssh_key_delete_view(request: HttpRequest, name: str, key_id: str) -> HttpResponse:
    """Delete an SSH public key (DeleteSSHPublicKey)."""
    return _change(request, name, DeleteSSHPublicKey, {"ssh_public_key_id": key_id},
                   f"SSH public key {key_id} deleted.")


@require_POST
def signing_certificate_status_view(request: HttpRequest, name: str,
                                    cert_id: str) -> HttpResponse:
    """Activate or deactivate a signing certificate (UpdateSigningCertificate)."""
    return _change(request, name, UpdateSigningCertificate, {"certificate_id": cert_id},
                   f"Certificate {cert_id} {_status_word(request)}.",
                   status=request.POST.get("status", ""))


@require_POST
def signing_certificate_delete_view(request: HttpRequest, name: str,
                                    cert_id: str) -> HttpResponse:
    """Delete a signing certificate (DeleteSigningCertificate)."""
    return _change(request, name, DeleteSigningCertificate, {"certificate_id": cert_id},
                   f"Certificate {cert_id} deleted.")


@require_POST
def service_credential_status_view(request: HttpRequest, name: str,
                                   credential_id: str) -> HttpResponse:
    """Activate or deactivate a service-specific credential (UpdateServiceSpecificCredential)."""
    return _change(request, name, UpdateServiceSpecificCredential,
                   {"service_specific_credential_id": credential_id},
                   f"Credential {credential_id} {_status_word(request)}.",
                   status=request.POST.get("status", ""))


@require_POST
def service_credential_delete_view(request: HttpRequest, name: str,
                                   credential_id: str) -> HttpResponse:
    """Delete a service-specific credential (DeleteServiceSpecificCredential)."""
    return _change(request, name, DeleteServiceSpecificCredential,
                   {"service_specific_credential_id": credential_id},
                   f"Credential {credential_id} deleted.")


# -- service-specific credentials: the password, once -----------------------------------------
def _show_once(request: HttpRequest, op: Operation, created: Any) -> HttpResponse:
    """Keep the new password (encrypted) in the session for the next page only, which shows
    it and forgets it: reloading that page never shows it again."""
    credential = created.credential
    owner = pages.user_owner(op.entity)
    token = shown_once.keep(
        request, KIND, owner.arn, id=credential.service_specific_credential_id,
        service=credential.service_name, service_user_name=credential.service_user_name,
        password=created.service_password)
    return shown_once.redirect_to(owner.url("service_credential_created"), token)


@require_POST
def service_credential_create_view(request: HttpRequest, name: str) -> HttpResponse:
    """Generate credentials for a service (CreateServiceSpecificCredential)."""
    service = request.POST.get("service_name", "")
    op, owner = pages.prepared(request, CreateServiceSpecificCredential, {"user_name": name},
                               service_name=service)
    try:
        created = op.run()
    except IamError as exc:
        messages.error(request, exc.message)
        return redirect(owner.back_url)
    return _show_once(request, op, created)


@require_POST
def service_credential_reset_view(request: HttpRequest, name: str,
                                  credential_id: str) -> HttpResponse:
    """A new password for a credential (ResetServiceSpecificCredential), shown once."""
    op, _ = pages.prepared(request, ResetServiceSpecificCredential, {"user_name": name},
                           service_specific_credential_id=credential_id)
    return _show_once(request, op, op.run())


def service_credential_created_view(request: HttpRequest, name: str) -> HttpResponse:
    """The password of the credential just created or reset, once; afterwards, a page saying
    it can no longer be shown. The user is looked up as its credentials list is
    (ListServiceSpecificCredentials)."""
    _, owner = pages.prepared(request, ListServiceSpecificCredentials, {"user_name": name})
    shown = shown_once.take(request, KIND, owner.arn)
    if shown is not None:
        shown["service_label"] = SERVICES.get(shown["service"], shown["service"])
    return shown_once.no_store(render(request, "accounts/service_credential_created.html", {
        "owner": owner, "shown": shown, "breadcrumbs": owner.crumbs("Service credentials"),
    }))


_BASE = "users/details/<str:name>/"
urlpatterns = [
    path(_BASE + route, view, name="iamuser_" + view.__name__.removesuffix("_view"))
    for route, view in (
        ("ssh-public-keys/upload/", ssh_key_upload_view),
        ("ssh-public-keys/<str:key_id>/status/", ssh_key_status_view),
        ("ssh-public-keys/<str:key_id>/delete/", ssh_key_delete_view),
        ("signing-certificates/upload/", signing_certificate_upload_view),
        ("signing-certificates/<str:cert_id>/status/", signing_certificate_status_view),
        ("signing-certificates/<str:cert_id>/delete/", signing_certificate_delete_view),
        ("service-credentials/create/", service_credential_create_view),
        ("service-credentials/created/", service_credential_created_view),
        ("service-credentials/<str:credential_id>/status/", service_credential_status_view),
        ("service-credentials/<str:credential_id>/reset/", service_credential_reset_view),
        ("service-credentials/<str:credential_id>/delete/", service_credential_delete_view),
    )
]


# Service-specific credentials by the console's section, in AWS's console order.
SECTIONS = (
    ("codecommit.amazonaws.com", "HTTPS Git credentials for AWS CodeCommit",
     "User names and passwords for HTTPS connections to CodeCommit repositories."),
    ("cassandra.amazonaws.com", "Credentials for Amazon Keyspaces (for Apache Cassandra)",
     "User names and passwords for Cassandra drivers connecting to Amazon Keyspaces."),
)


def user_keys_tab(*, ssh_public_keys: Any, service_credentials: Any,
                  signing_certificates: Any) -> dict[str, Any]:
    """The context of the tab's SSH keys, service credentials and certificates sections,
    from the rows their List* operations returned (three queries)."""
    credentials = list(service_credentials)
    return {
        "ssh_public_keys": list(ssh_public_keys),
        "signing_certificates": list(signing_certificates),
        "service_sections": [
            {"service": service, "title": title, "help": help_text,
             "credentials": [c for c in credentials if c.service_name == service]}
            for service, title, help_text in SECTIONS
        ],
        # Bedrock and CloudWatch Logs API keys, made through the API.
        "other_service_credentials": [c for c in credentials
                                      if c.service_name not in {s[0] for s in SECTIONS}],
    }
