"""Mint a sample token or assertion on a demo provider's page: the demo's test IdP signs it
for a role, and the page shows it with the AWS CLI command that assumes the role with it."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from iamconsole.operations import caller_for

from ...demo.test_idp import CI_SUBJECT, ENGINEER, cli_command, sample_assertion, sample_token
from ...demo.test_idp import signs_for as demo_idp_signs_for
from ...forms_providers import MintForm
from ...operations.roles import ListRoles
from ..support import permits
from .listing import PROVIDERS_LABEL
from .pages import SAML, provider_kind


def _trusting_roles(request: HttpRequest, provider: Any) -> list[str]:
    """The ARNs of the account's roles whose trust policy names the provider (none when the
    caller may not list roles)."""
    if not permits(request, ListRoles).allowed:
        return []
    roles = caller_for(request).run(ListRoles).filter(trust_policy__contains=provider.arn)
    return list(roles.values_list("arn", flat=True))


def provider_mint_view(request: HttpRequest, arn: str) -> HttpResponse:
    """GetSAMLProvider or GetOpenIDConnectProvider, then a sample signed by the demo IdP
    (for the demo's providers only: others do not trust its key)."""
    kind = provider_kind(arn)
    provider = caller_for(request).run(kind.get, **kind.named(arn))
    if not demo_idp_signs_for(provider):
        raise Http404("This provider does not trust the demo IdP's key.")
    roles = _trusting_roles(request, provider)
    saml = kind is SAML
    form = MintForm(request.POST or None, initial={
        "role_arn": roles[0] if roles else "", "subject": ENGINEER if saml else CI_SUBJECT})
    sample = command = ""
    if request.method == "POST" and form.is_valid():
        role_arn = form.cleaned_data["role_arn"].strip()
        subject = form.cleaned_data["subject"].strip() or (ENGINEER if saml else CI_SUBJECT)
        sample = (sample_assertion(provider, role_arn=role_arn, subject=subject) if saml
                  else sample_token(provider, subject=subject))
        command = cli_command(provider, role_arn=role_arn, sample=sample,
                              endpoint=request.build_absolute_uri("/aws"))
    detail = reverse("accounts:provider_detail", args=[arn])
    return render(request, "accounts/provider_mint.html", {
        "form": form, "provider": provider, "saml": saml, "roles": roles, "sample": sample,
        "command": command, "nav_section": "accounts:provider_list",
        "breadcrumbs": [(PROVIDERS_LABEL, reverse("accounts:provider_list")),
                        (provider.name, detail), ("Mint a sample", None)],
    }, status=200 if form.is_valid() or not form.is_bound else 400)
