"""Role and instance-profile pages: list, create-role wizard, detail tabs, instance profiles."""

from . import create, detail, instance_profiles, listing, permissions, trust

urlpatterns = [
    *listing.urlpatterns,
    *create.urlpatterns,
    *detail.urlpatterns,
    *permissions.urlpatterns,
    *trust.urlpatterns,
    *instance_profiles.urlpatterns,
]
