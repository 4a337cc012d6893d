"""URLs of AWS Organizations in the REST API, mounted at /api/v1/organizations/."""

from django.urls import URLPattern, re_path

from .views.organization_accounts import (
    AccountMoveView,
    CreateAccountStatusView,
    HandshakeAcceptView,
    HandshakesView,
    LeaveView,
    OrganizationAccountsView,
    OrganizationAccountView,
)
from .views.organization_policies import (
    EffectivePolicyView,
    PoliciesView,
    PolicyAttachmentView,
    PolicyTargetsView,
    PolicyView,
    ResourceTagsView,
    TargetPoliciesView,
)
from .views.organizations import (
    ID_REGEX,
    ChildrenView,
    OrganizationalUnitsView,
    OrganizationalUnitView,
    OrganizationView,
    ParentAccountsView,
    ParentsView,
    ParentUnitsView,
    PolicyTypeView,
    RootsView,
)

app_name = "organizations-api"


def _path(pattern: str, view: type, name: str) -> URLPattern:
    """`pattern` with `{x}` as an ID segment named x, and the trailing slash optional."""
    for variable in ("root_id", "policy_type", "ou_id", "parent_id", "child_id", "account_id",
                     "request_id", "handshake_id", "policy_id", "target_id", "resource_id"):
        pattern = pattern.replace(f"{{{variable}}}", f"(?P<{variable}>{ID_REGEX})")
    return re_path(rf"^{pattern}/?$", view.as_view(), name=name)


urlpatterns = [
    _path("organization", OrganizationView, "organization"),
    _path("roots", RootsView, "roots"),
    _path("roots/{root_id}/policy-types/{policy_type}", PolicyTypeView, "policy-type"),
    _path("organizational-units", OrganizationalUnitsView, "organizational-units"),
    _path("organizational-units/{ou_id}", OrganizationalUnitView, "organizational-unit"),
    _path("parents/{parent_id}/children", ChildrenView, "children"),
    _path("parents/{parent_id}/organizational-units", ParentUnitsView, "parent-units"),
    _path("parents/{parent_id}/accounts", ParentAccountsView, "parent-accounts"),
    _path("children/{child_id}/parents", ParentsView, "parents"),
    _path("accounts", OrganizationAccountsView, "accounts"),
    _path("accounts/{account_id}", OrganizationAccountView, "account"),
    _path("accounts/{account_id}/move", AccountMoveView, "account-move"),
    _path("create-account-status/{request_id}", CreateAccountStatusView,
          "create-account-status"),
    _path("leave", LeaveView, "leave"),
    _path("handshakes", HandshakesView, "handshakes"),
    _path("handshakes/{handshake_id}/accept", HandshakeAcceptView, "handshake-accept"),
    _path("policies", PoliciesView, "policies"),
    _path("policies/{policy_id}", PolicyView, "policy"),
    _path("policies/{policy_id}/targets", PolicyTargetsView, "policy-targets"),
    _path("policies/{policy_id}/targets/{target_id}", PolicyAttachmentView,
          "policy-attachment"),
    _path("targets/{target_id}/policies", TargetPoliciesView, "target-policies"),
    _path("effective-policy", EffectivePolicyView, "effective-policy"),
    _path("resources/{resource_id}/tags", ResourceTagsView, "resource-tags"),
]
