"""The Identity providers pages: the list of both kinds, adding a provider, a provider's
page (summary, metadata or audiences and thumbprints, tags), deleting one."""

from __future__ import annotations

from django.urls import path

from .listing import ProviderListView, provider_create_view
from .mint import provider_mint_view
from .pages import (
    ProviderTagsView,
    audience_add_view,
    audience_remove_view,
    keys_view,
    metadata_view,
    provider_delete_view,
    provider_detail_view,
    thumbprints_view,
)

urlpatterns = [
    path("identity-providers/", ProviderListView.as_view(), name="provider_list"),
    path("identity-providers/create/", provider_create_view, name="provider_create"),
    path("identity-providers/details/<path:arn>", provider_detail_view, name="provider_detail"),
    path("identity-providers/delete/<path:arn>", provider_delete_view, name="provider_delete"),
    path("identity-providers/tags/<path:arn>", ProviderTagsView.as_view(), name="provider_tags"),
    path("identity-providers/metadata/<path:arn>", metadata_view, name="provider_metadata"),
    path("identity-providers/audiences/add/<path:arn>", audience_add_view,
         name="provider_audience_add"),
    path("identity-providers/audiences/remove/<path:arn>", audience_remove_view,
         name="provider_audience_remove"),
    path("identity-providers/thumbprints/<path:arn>", thumbprints_view,
         name="provider_thumbprints"),
    path("identity-providers/keys/<path:arn>", keys_view, name="provider_keys"),
    path("identity-providers/mint/<path:arn>", provider_mint_view, name="provider_mint"),
]
