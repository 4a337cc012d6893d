"""The Identity providers list (SAML and OpenID Connect providers in one table) and the
Add provider page."""

from __future__ import annotations

from typing import Any

import django_filters
from django.conf import settings
from django.contrib import messages
from django.db.models import CharField, QuerySet, Value
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from iamconsole.exceptions import IamError
from iamconsole.generic import ConsoleListView, ListPage
from iamconsole.identifiers import iam_arn
from iamconsole.operations import caller_for
from policies.authorization import Decision

from ...forms_fields import tag_rows
from ...forms_providers import ProviderCreateForm, lines
from ...models import SamlProvider
from ...operations.oidc_providers import CreateOpenIDConnectProvider, ListOpenIDConnectProviders
from ...operations.saml_providers import CreateSAMLProvider, ListSAMLProviders
from ..support import caller_account, edit_tag_rows, form_error, permits, quiet

PROVIDERS_LABEL = "Identity providers"
_TYPES = {"saml": "SAML", "oidc": "OpenID Connect"}


class ProviderFilterSet(django_filters.FilterSet):
    """The list's search box (`q`): applied to each kind before the two are put together."""

    q = django_filters.CharFilter(method="already_applied", max_length=128, label="Search")

    class Meta:
        model = SamlProvider
        fields = ["q"]

    def already_applied(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset


class ProviderListView(ConsoleListView):
    """ListSAMLProviders and ListOpenIDConnectProviders: one table, with a Type column."""

    page = ListPage(
        title=PROVIDERS_LABEL, noun="provider", plural="providers", columns=4,
        plural_label="identity providers", urls="accounts:provider", bulk_delete=False,
        search_label="Find identity providers by name or URL",
        description="Identity providers let users signed in elsewhere (a SAML IdP, an "
                    "OpenID Connect IdP such as GitHub Actions) assume roles that trust them.",
        empty_text="Add a SAML or OpenID Connect provider, then create a role that trusts it.",
    )
    partial_template_name = "accounts/partials/_provider_table.html"
    filterset_class = ProviderFilterSet
    filter_controls = ()
    ordering_fields = {"name": "name", "type": "provider_type", "arn": "arn",
                       "created": "created_at"}
    operation = ListSAMLProviders

    def get_queryset(self) -> Any:
        if not hasattr(self, "_providers"):
            search = self.request.GET.get("q", "").strip()
            saml = self.rows.order_by()
            oidc = caller_for(self.request).run(ListOpenIDConnectProviders).order_by()
            if search:
                saml, oidc = saml.filter(name__icontains=search), oidc.filter(
                    url__icontains=search)
            columns = ("pk", "name", "arn", "created_at", "provider_type")
            self._providers = saml.annotate(
                provider_type=Value("SAML", output_field=CharField())).values(*columns).union(
                oidc.annotate(provider_type=Value("OpenID Connect", output_field=CharField()))
                .values("pk", "url", "arn", "created_at", "provider_type"), all=True)
        return self._providers

    def quota_context(self, total: int, is_filtered: bool) -> dict[str, Any]:
        used = self.get_queryset().count() if is_filtered else total
        return {"quota_used": used,
                "quota": settings.IAM_QUOTA_SAML_PROVIDERS + settings.IAM_QUOTA_OIDC_PROVIDERS}

    def get_extra_context(self) -> dict[str, Any]:
        return {"can_create": can_create(self.request)}


def _any(request: HttpRequest, resource_type: str) -> str:
    return iam_arn(caller_account(request).account_id, resource_type, "/", "*")


def can_create(request: HttpRequest) -> Decision:
    """Whether the caller may add a provider of either kind (the SAML denial otherwise)."""
    saml = permits(request, CreateSAMLProvider, _any(request, "saml-provider"))
    if saml.allowed:
        return saml
    oidc = permits(request, CreateOpenIDConnectProvider, _any(request, "oidc-provider"))
    return oidc if oidc.allowed else saml


def _create(request: HttpRequest, form: ProviderCreateForm) -> Any:
    data, caller = form.cleaned_data, caller_for(request)
    if data["provider_type"] == "saml":
        return caller.run(CreateSAMLProvider, name=data["name"], tags=data["tags"],
                          saml_metadata_document=form.metadata_document())
    return caller.run(CreateOpenIDConnectProvider, url=data["url"].strip(),
                      client_id_list=lines(data["audiences"]),
                      thumbprint_list=lines(data["thumbprints"]), tags=data["tags"],
                      jwks=data["jwks"].strip() or None)


# Where each operation input's error shows on the form.
_FIELDS = {"saml_metadata_document": "metadata", "client_id_list": "audiences",
           "thumbprint_list": "thumbprints", "url": "url", "name": "name", "tags": "tags",
           "jwks": "jwks"}


def provider_create_view(request: HttpRequest) -> HttpResponse:
    """Add provider: CreateSAMLProvider or CreateOpenIDConnectProvider, with tags. The page
    opens for a caller who may create either kind (else AWS's denial of the SAML one)."""
    allowed = can_create(request)
    if not allowed.allowed:
        caller_for(request).require(CreateSAMLProvider, _any(request, "saml-provider"))
    nav = request.POST.get("nav", "create")
    if request.method == "POST" and nav != "create":
        form = quiet(ProviderCreateForm(edit_tag_rows(request.POST, nav), request.FILES))
    else:
        form = ProviderCreateForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST" and nav == "create":
        status = 400
        if form.is_valid():
            try:
                provider = _create(request, form)
            except IamError as exc:
                form_error(form, exc, _FIELDS)
                status = exc.status
            else:
                label = _TYPES[form.cleaned_data["provider_type"]]
                messages.success(request, f"{label} provider {provider.name} added.")
                return redirect("accounts:provider_detail", provider.arn)
    return render(request, "accounts/provider_create.html", {
        "form": form, "tag_rows": tag_rows(form, blank_rows=0 if form.is_bound else 1),
        "can_create": allowed, "nav_section": "accounts:provider_list",
        "breadcrumbs": [(PROVIDERS_LABEL, reverse("accounts:provider_list")),
                        ("Add provider", None)],
    }, status=status)
