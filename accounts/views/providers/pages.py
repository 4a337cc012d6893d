"""A provider's page (summary; a SAML provider's metadata and private keys, an OpenID
Connect provider's audiences and thumbprints; tags), its actions, and deleting it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from iamconsole.exceptions import IamError
from iamconsole.operations import Operation, caller_for

from ...demo.test_idp import signs_for
from ...forms_providers import AudienceForm, JwksForm, MetadataForm, ThumbprintsForm, lines
from ...kinds import OIDC_PROVIDER, SAML_PROVIDER, Kind
from ...operations.oidc_providers import (
    AddClientIDToOpenIDConnectProvider,
    DeleteOpenIDConnectProvider,
    GetOpenIDConnectProvider,
    RemoveClientIDFromOpenIDConnectProvider,
    UpdateOpenIDConnectProviderKeys,
    UpdateOpenIDConnectProviderThumbprint,
)
from ...operations.roles import ListRoles
from ...operations.saml_providers import DeleteSAMLProvider, GetSAMLProvider, UpdateSAMLProvider
from ...sts_selectors import roles_trusting_provider
from ..support import form_error, permits
from ..tags import ManageTagsView, TagPages, tags_section
from .listing import PROVIDERS_LABEL

# A metadata document shown on the page is cut here (AWS allows 10 MB).
METADATA_SHOWN = 20_000


@dataclass(frozen=True)
class ProviderKind:
    """What the pages do differently for SAML and OpenID Connect providers."""

    kind: Kind
    label: str  # "SAML", "OpenID Connect"
    get: type[Operation]
    delete: type[Operation]
    tags: TagPages

    def named(self, arn: str) -> dict[str, str]:
        """The operation input naming the provider."""
        return {self.kind.name_field: arn}

    # The detail frame's breadcrumb (console/detail_page.html).
    list_label = PROVIDERS_LABEL

    @property
    def list_url(self) -> str:
        return reverse("accounts:provider_list")


def _tag_pages(kind: Kind) -> TagPages:
    return TagPages(kind, PROVIDERS_LABEL, "accounts:provider_list", "accounts:provider_detail",
                    "accounts:provider_tags", tab=None, url_kwarg="arn")


SAML = ProviderKind(SAML_PROVIDER, "SAML", GetSAMLProvider, DeleteSAMLProvider,
                    _tag_pages(SAML_PROVIDER))
OIDC = ProviderKind(OIDC_PROVIDER, "OpenID Connect", GetOpenIDConnectProvider,
                    DeleteOpenIDConnectProvider, _tag_pages(OIDC_PROVIDER))


def provider_kind(arn: str) -> ProviderKind:
    """The kind an ARN names (its resource type); anything else is looked up as a SAML
    provider, so that the caller is refused, or told it does not exist, as AWS answers."""
    resource_type = arn.split(":", 5)[-1].split("/", 1)[0] if arn.count(":") >= 5 else ""
    return OIDC if resource_type == "oidc-provider" else SAML


def _get(request: HttpRequest, arn: str) -> tuple[ProviderKind, Any]:
    kind = provider_kind(arn)
    return kind, caller_for(request).run(kind.get, **kind.named(arn))


def _render(request: HttpRequest, kind: ProviderKind, provider: Any, *,
            forms: dict[str, Any] | None = None, status: int = 200) -> HttpResponse:
    arn = provider.arn
    context: dict[str, Any] = {
        "entity": provider, "provider": provider, "kind": kind, "type_label": kind.label,
        "nav_section": "accounts:provider_list",
        "can_delete": permits(request, kind.delete, arn),
        "delete_url": reverse("accounts:provider_delete", args=[arn]),
        **tags_section(request, kind.tags, provider),
    }
    if kind is SAML:
        document = provider.metadata_document
        context.update({
            "metadata_form": MetadataForm(), "private_keys": list(provider.private_keys.all()),
            "metadata_shown": document[:METADATA_SHOWN],
            "metadata_cut": len(document) > METADATA_SHOWN,
            "can_update": permits(request, UpdateSAMLProvider, arn),
        })
    else:
        context.update({
            "audience_form": AudienceForm(),
            "thumbprints_form": ThumbprintsForm(
                initial={"thumbprints": "\n".join(provider.thumbprints)}),
            "jwks_form": JwksForm(initial={"jwks": json.dumps(provider.jwks, indent=2)
                                           if provider.jwks else ""}),
            "signing_keys": provider.jwks.get("keys", []) if provider.jwks else [],
            "can_add": permits(request, AddClientIDToOpenIDConnectProvider, arn),
            "can_remove": permits(request, RemoveClientIDFromOpenIDConnectProvider, arn),
            "can_thumbprint": permits(request, UpdateOpenIDConnectProviderThumbprint, arn),
        })
    # The demo's providers trust the demo IdP's test key: the page can mint a sample.
    context["can_mint"] = signs_for(provider)
    # Who the provider's users become: the roles trusting it, for a caller who may list them.
    context["can_list_roles"] = permits(request, ListRoles)
    if context["can_list_roles"].allowed:
        context["trusting_roles"] = roles_trusting_provider(account_id=provider.account_id,
                                                            arn=arn)
    context.update(forms or {})
    return render(request, "accounts/provider_detail.html", context, status=status)


def provider_detail_view(request: HttpRequest, arn: str) -> HttpResponse:
    """GetSAMLProvider or GetOpenIDConnectProvider: the provider's page."""
    kind, provider = _get(request, arn)
    return _render(request, kind, provider)


def _update(request: HttpRequest, arn: str, form: Any, form_key: str, field: str,
            operation: type[Operation], success: str, **inputs: Any) -> HttpResponse:
    """Run an update from a form of the page: back to the page with a message, or the page
    with the error beside the form (answered with the error's status)."""
    kind = SAML if operation is UpdateSAMLProvider else OIDC
    status = 400
    if form.is_valid():
        try:
            caller_for(request).run(operation, **kind.named(arn), **inputs)
        except IamError as exc:
            form_error(form, exc, {exc.field or "": field})
            status = exc.status
        else:
            messages.success(request, success)
            return redirect("accounts:provider_detail", arn)
    provider = caller_for(request).run(kind.get, **kind.named(arn))
    return _render(request, kind, provider, forms={form_key: form}, status=status)


@require_POST
def metadata_view(request: HttpRequest, arn: str) -> HttpResponse:
    """UpdateSAMLProvider: replace the metadata document (uploaded or pasted)."""
    form = MetadataForm(request.POST, request.FILES)
    if not form.is_valid():
        return _update(request, arn, form, "metadata_form", "metadata", UpdateSAMLProvider, "")
    return _update(request, arn, form, "metadata_form", "metadata", UpdateSAMLProvider,
                   "Metadata document replaced.",
                   saml_metadata_document=form.metadata_document())


def _audience(request: HttpRequest, arn: str, operation: type[Operation],
              done: str) -> HttpResponse:
    form = AudienceForm(request.POST)
    client_id = form.data.get("client_id", "").strip()
    return _update(request, arn, form, "audience_form", "client_id", operation,
                   f"Audience {client_id} {done}.", client_id=client_id)


@require_POST
def audience_add_view(request: HttpRequest, arn: str) -> HttpResponse:
    """AddClientIDToOpenIDConnectProvider."""
    return _audience(request, arn, AddClientIDToOpenIDConnectProvider, "added")


@require_POST
def audience_remove_view(request: HttpRequest, arn: str) -> HttpResponse:
    """RemoveClientIDFromOpenIDConnectProvider."""
    return _audience(request, arn, RemoveClientIDFromOpenIDConnectProvider, "removed")


@require_POST
def thumbprints_view(request: HttpRequest, arn: str) -> HttpResponse:
    """UpdateOpenIDConnectProviderThumbprint: the list typed replaces the provider's."""
    form = ThumbprintsForm(request.POST)
    return _update(request, arn, form, "thumbprints_form", "thumbprints",
                   UpdateOpenIDConnectProviderThumbprint, "Thumbprints saved.",
                   thumbprint_list=lines(form.data.get("thumbprints", "")))


@require_POST
def keys_view(request: HttpRequest, arn: str) -> HttpResponse:
    """Replace the JWKS verifying the provider's tokens (empty: remove it)."""
    form = JwksForm(request.POST)
    return _update(request, arn, form, "jwks_form", "jwks", UpdateOpenIDConnectProviderKeys,
                   "Signing keys saved.", jwks=form.data.get("jwks", "").strip() or None)


def provider_delete_view(request: HttpRequest, arn: str) -> HttpResponse:
    """Delete a provider once its name (a SAML provider's) or URL (an OpenID Connect
    provider's, without https://) is typed; roles trusting it are left as they are."""
    kind = provider_kind(arn)
    deletion = kind.delete(caller=caller_for(request), **kind.named(arn)).preflight()
    provider = deletion.entity
    error = ""
    if request.method == "POST":
        if request.POST.get("confirm", "").strip() == provider.name:
            kind.delete(caller=caller_for(request), **kind.named(arn)).run()
            messages.success(request, f"{kind.label} provider {provider.name} deleted.")
            return redirect("accounts:provider_list")
        error = f"Type {provider.name} to confirm."
    return render(request, "accounts/entity_delete.html", {
        "entity": provider, "entity_label": f"{kind.label} provider", "name": provider.name,
        "nothing": "dependents (roles that trust it keep its ARN in their trust policies)",
        "blockers": [], "action_url": request.path, "nav_section": "accounts:provider_list",
        "cancel_url": reverse("accounts:provider_detail", args=[arn]), "error": error,
        "breadcrumbs": [(PROVIDERS_LABEL, reverse("accounts:provider_list")),
                        (provider.name, reverse("accounts:provider_detail", args=[arn])),
                        ("Delete", None)],
    }, status=400 if error else 200)


class ProviderTagsView(ManageTagsView):
    """Manage tags of a SAML or OpenID Connect provider (the kind its ARN names)."""

    @property
    def pages(self) -> TagPages:  # type: ignore[override]
        return provider_kind(self.kwargs["arn"]).tags
