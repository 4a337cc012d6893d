"""The user pages: list, create flow, detail with tabs, credentials, permissions and tags."""

from . import create, credentials, detail, listing, tags

urlpatterns = [
    *listing.urlpatterns,
    *create.urlpatterns,
    *detail.urlpatterns,
    *credentials.urlpatterns,
    *tags.urlpatterns,
]
