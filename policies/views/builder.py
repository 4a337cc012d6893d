"""The visual statement builder's htmx endpoints: services, one statement card, JSON → cards.

They read only the service reference, never account data: they are authorized as the read the
policy pages all need, ListPolicies.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_POST, require_safe

from accounts.views.support import run

from ..builder import (
    OPERATORS,
    QUALIFIERS,
    Card,
    action_groups,
    card_from_params,
    condition_keys,
    default_resource_type,
    document_cards,
    new_card_id,
    resource_choices,
    search_services,
)
from ..operations.managed import ListPolicies


def card_context(card: Card) -> dict[str, Any]:
    """What the card template shows: action groups, resource types, condition keys."""
    resources, wildcard_only = resource_choices(card)
    service_keys, global_keys = condition_keys(card)
    names = [choice.name for choice in resources]
    arn_type = card.pending.get("arn_type", "")
    if arn_type not in names:
        first = default_resource_type(card)
        arn_type = next((n for n in names if n.lower() == first.lower()), names[0] if names else "")
    return {
        "arn_type": arn_type,
        "card": card,
        "groups": action_groups(card),
        "resource_choices": resources,
        "wildcard_only": wildcard_only,
        "service_keys": service_keys,
        "global_keys": global_keys,
        "operators": OPERATORS,
        "qualifiers": QUALIFIERS,
        "kept": card.kept_patterns(),
        "chosen_count": len(card.action_list()) if card.service else 0,
        # A card without a service shows the popular ones at once, without another request.
        "services": [] if card.service else search_services(""),
    }


@require_safe
def builder_services_view(request: HttpRequest) -> HttpResponse:
    """The services matching ?q= (by prefix or name), as buttons that choose one."""
    run(request, ListPolicies)
    query = request.GET.get("q", "")
    return render(request, "policies/partials/_builder_services.html",
                  {"services": search_services(query), "query": query})


@require_safe
def builder_statement_view(request: HttpRequest) -> HttpResponse:
    """One statement card from its posted fields (`b_*`), after the requested `b_op`.

    `b_part=details` answers only the resources and conditions (they depend on the chosen
    actions), so ticking an action does not redraw the long action list.
    """
    run(request, ListPolicies)
    card = card_from_params(request.GET)
    template = (
        "policies/partials/_builder_details.html"
        if request.GET.get("b_part") == "details"
        else "policies/partials/_builder_card.html"
    )
    return render(request, template, {"c": card_context(card)})


@require_POST
def builder_from_json_view(request: HttpRequest) -> HttpResponse:
    """The builder panel for the JSON editor's document (posted as policy_document)."""
    run(request, ListPolicies)
    built = document_cards(request.POST.get("policy_document", ""))
    cards = [
        card_context(item) if isinstance(item, Card) else {"raw": item} for item in built.cards
    ]
    return render(request, "policies/partials/_builder_panel.html",
                  {"built": built, "cards": cards, "new_card_id": new_card_id()})


urlpatterns = [
    path("policies/builder/services/", builder_services_view, name="builder_services"),
    path("policies/builder/statement/", builder_statement_view, name="builder_statement"),
    path("policies/builder/from-json/", builder_from_json_view, name="builder_from_json"),
]
