"""Role and instance-profile pages: list, create-role wizard, detail tabs, instance profiles."""

from . import create, detail, instance_profiles, listing, service_linked, sessions, trust

urlpatterns = [
    *listing.urlpatterns,
    *create.urlpatterns,
    *detail.urlpatterns,
    *trust.urlpatterns,
    *instance_profiles.urlpatterns,
    *service_linked.urlpatterns,
    *sessions.urlpatterns,
]
