"""URLs of the policies API, mounted at /api/v1/."""

from rest_framework.routers import SimpleRouter

from .views import PolicyViewSet

app_name = "policies-api"

router = SimpleRouter()
router.register("policies", PolicyViewSet, basename="policy")

urlpatterns = [*router.urls]
