"""Root URLconf: the console at /, the REST API at /api/v1/, AWS's wire API at /aws, /admin/
for site operators."""

from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.permissions import AllowAny

from .views import healthz
from .wire.views import aws_endpoint


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 document: public by design, it describes the API and holds no data."""

    iam_public = True
    authentication_classes: list[type] = []
    permission_classes = [AllowAny]


class SwaggerView(SpectacularSwaggerView):
    """Swagger UI, served from drf-spectacular-sidecar (no CDN)."""

    iam_public = True
    authentication_classes: list[type] = []
    permission_classes = [AllowAny]


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # AWS's own API (boto3, the AWS CLI): endpoint_url=http://host/aws
    re_path(r"^aws/?$", aws_endpoint, name="aws"),
    path("admin/", admin.site.urls),
    path("api/v1/schema/", SchemaView.as_view(), name="api-schema"),
    path("api/v1/docs/", SwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/v1/organizations/", include("accounts.api.organizations_urls")),
    path("api/v1/", include("accounts.api.urls")),
    path("api/v1/", include("policies.api.urls")),
    path("api/v1/simulate/", include("policies.api.simulate_urls")),
    path("api/v1/analysis/", include("policies.api.analysis")),
    path("", include("accounts.urls")),
    path("", include("policies.urls")),
]

handler403 = "iamconsole.views.permission_denied"
handler404 = "iamconsole.views.page_not_found"
handler500 = "iamconsole.views.server_error"
