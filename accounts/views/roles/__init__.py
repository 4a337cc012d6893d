"""Role and instance-profile pages: list, create-role wizard, detail tabs, instance profiles."""

from . import create, deletion, detail, instance_profiles, listing, permissions, picker, trust

urlpatterns = [
    *listing.urlpatterns,
    *create.urlpatterns,
    *deletion.urlpatterns,
    *detail.urlpatterns,
    *permissions.urlpatterns,
    *trust.urlpatterns,
    *picker.urlpatterns,
    *instance_profiles.urlpatterns,
]
