"""Root URLconf: the console at /, the REST API at /api/v1/, /admin/ for site operators."""

from django.contrib import admin
from django.urls import include, path

from .views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include("accounts.urls")),
    path("", include("policies.urls")),
]

handler403 = "iamconsole.views.permission_denied"
handler404 = "iamconsole.views.page_not_found"
handler500 = "iamconsole.views.server_error"
