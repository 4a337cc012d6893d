"""URLs of the accounts API, mounted at /api/v1/."""

from django.urls import re_path
from rest_framework.routers import SimpleRouter

from iamconsole.api.viewsets import NAME_REGEX

from .views.access_advisor import urlpatterns as access_advisor_urls
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
from .views.providers import OidcProviderViewSet, SamlProviderViewSet
from .views.roles import RoleViewSet
from .views.server_certificates import ServerCertificateViewSet
from .views.service_linked_roles import (
    TASK_ID_REGEX,
    DeletionStatusView,
    ServiceLinkedRolesView,
    ServiceLinkedRoleView,
)
from .views.trail import (
    EventDetailView,
    EventHistoryView,
    EventRetentionView,
)
from .views.users import UserViewSet

app_name = "accounts-api"

# The trailing slash is optional: scripts that leave it out must not be redirected.
router = SimpleRouter()
router.trailing_slash = "/?"
router.register("users", UserViewSet, basename="iamuser")
router.register("groups", GroupViewSet, basename="group")
router.register("roles", RoleViewSet, basename="role")
router.register("instance-profiles", InstanceProfileViewSet, basename="instanceprofile")
router.register("mfa-devices", MfaDeviceViewSet, basename="mfadevice")
router.register("saml-providers", SamlProviderViewSet, basename="samlprovider")
router.register("oidc-providers", OidcProviderViewSet, basename="oidcprovider")
router.register("server-certificates", ServerCertificateViewSet, basename="servercertificate")

urlpatterns = [
    re_path(r"^account/?$", AccountView.as_view(), name="account"),
    re_path(r"^account/alias/?$", AccountAliasView.as_view(), name="account-alias"),
    re_path(r"^account/summary/?$", AccountSummaryView.as_view(), name="account-summary"),
    re_path(r"^account/password-policy/?$", PasswordPolicyView.as_view(),
            name="password-policy"),
    re_path(r"^account/credential-report/?$", CredentialReportView.as_view(),
            name="credential-report"),
    re_path(r"^account/authorization-details/?$", AuthorizationDetailsView.as_view(),
            name="authorization-details"),
    re_path(r"^events/?$", EventHistoryView.as_view(), name="events"),
    re_path(r"^events/retention/?$", EventRetentionView.as_view(), name="event-retention"),
    re_path(r"^events/(?P<event_id>[^/]+)/?$", EventDetailView.as_view(),
            name="event-detail"),
    *access_advisor_urls,
    re_path(r"^service-linked-roles/?$", ServiceLinkedRolesView.as_view(),
            name="service-linked-roles"),
    re_path(rf"^service-linked-roles/deletion-status/(?P<deletion_task_id>{TASK_ID_REGEX})/?$",
            DeletionStatusView.as_view(), name="service-linked-role-deletion-status"),
    re_path(rf"^service-linked-roles/(?P<name>{NAME_REGEX})/?$",
            ServiceLinkedRoleView.as_view(), name="service-linked-role"),
    *router.urls,
]
