"""URLs of the accounts API, mounted at /api/v1/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from .views.account import (
    AccountAliasView,
    AccountSummaryView,
    AccountView,
    AuthorizationDetailsView,
    CredentialReportView,
    PasswordPolicyView,
)
from .views.groups import GroupViewSet
from .views.instance_profiles import InstanceProfileViewSet
from .views.mfa import MfaDeviceViewSet
from .views.roles import RoleViewSet
from .views.users import UserViewSet

app_name = "accounts-api"

router = SimpleRouter()
router.register("users", UserViewSet, basename="iamuser")
router.register("groups", GroupViewSet, basename="group")
router.register("roles", RoleViewSet, basename="role")
router.register("instance-profiles", InstanceProfileViewSet, basename="instanceprofile")
router.register("mfa-devices", MfaDeviceViewSet, basename="mfadevice")

urlpatterns = [
    path("account/", AccountView.as_view(), name="account"),
    path("account/alias/", AccountAliasView.as_view(), name="account-alias"),
    path("account/summary/", AccountSummaryView.as_view(), name="account-summary"),
    path("account/password-policy/", PasswordPolicyView.as_view(), name="password-policy"),
    path("account/credential-report/", CredentialReportView.as_view(),
         name="credential-report"),
    path("account/authorization-details/", AuthorizationDetailsView.as_view(),
         name="authorization-details"),
    *router.urls,
]
