"""URLs of the accounts app's console pages: each view module lists its own patterns."""

from .views import (
    account_settings,
    auth,
    authorization_details,
    dashboard,
    demo_reset,
    event_history,
    federation,
    groups,
    organization,
    organization_policies,
    permissions,
    pickers,
    providers,
    reports,
    roles,
    security_credentials,
    switch_role,
    tags,
    throttles,
    users,
)

app_name = "accounts"

urlpatterns = [
    *dashboard.urlpatterns,
    *auth.urlpatterns,
    *federation.urlpatterns,
    *switch_role.urlpatterns,
    *security_credentials.urlpatterns,
    *users.urlpatterns, *groups.urlpatterns, *permissions.urlpatterns, *pickers.urlpatterns,
    *account_settings.urlpatterns, *throttles.urlpatterns, *reports.urlpatterns,
    *event_history.urlpatterns,
    *roles.urlpatterns, *tags.urlpatterns,
    *authorization_details.urlpatterns,
    *demo_reset.urlpatterns,
    *providers.urlpatterns,
    *organization.urlpatterns, *organization_policies.urlpatterns,
]
