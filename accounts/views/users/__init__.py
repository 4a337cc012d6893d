"""The user pages: list, create flow, detail with tabs and credentials (tags: views.tags)."""

from . import create, credentials, detail, listing, retrieve, user_keys

urlpatterns = [
    *listing.urlpatterns,
    *create.urlpatterns,
    *detail.urlpatterns,
    *credentials.urlpatterns,
    *retrieve.urlpatterns,
    *user_keys.urlpatterns,
]
