"""Role and instance-profile pages: list, create-role wizard, detail tabs, instance profiles."""

from . import create, detail, instance_profiles, listing, permissions, tags, trust

urlpatterns = [
    *listing.urlpatterns,
    *create.urlpatterns,
    *detail.urlpatterns,
    *permissions.urlpatterns,
    *trust.urlpatterns,
    *tags.urlpatterns,
    *instance_profiles.urlpatterns,
]
