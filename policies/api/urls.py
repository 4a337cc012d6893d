"""URLs of the policies API, mounted at /api/v1/."""

from rest_framework.routers import SimpleRouter

from .guard_rails import GuardRailViewSet
from .views import PolicyViewSet

app_name = "policies-api"

# The trailing slash is optional: scripts that leave it out must not be redirected.
router = SimpleRouter()
router.trailing_slash = "/?"
router.register("policies", PolicyViewSet, basename="policy")
router.register("guard-rails", GuardRailViewSet, basename="guard-rail")

urlpatterns = [*router.urls]
