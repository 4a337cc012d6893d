"""URLs of the accounts app's console pages: each view module lists its own patterns."""

from .views import auth, dashboard, switch_role

app_name = "accounts"

urlpatterns = [
    *dashboard.urlpatterns,
    *auth.urlpatterns,
    *switch_role.urlpatterns,
]
