"""AWS Organizations operations through the REST API under /api/v1/organizations/ (also the
wire API, JSON 1.1), in the organization `setup` builds (tests/operations/organization_world).

AcceptHandshake and LeaveOrganization are a member account's, DescribeEffectivePolicy never
succeeds here (no management policy types): they name no door, and
tests/accounts/organizations and tests/api/test_organization*.py check them."""

from __future__ import annotations

from .. import organization_world as org
from ..harness import Call, Scenario, req

ROOT = "arn:aws:organizations::111111111111:root/o-exampleorg/r-abcd"
OU = "arn:aws:organizations::111111111111:ou/o-exampleorg/ou-abcd-11111111"
POLICY = ("arn:aws:organizations::111111111111:policy/o-exampleorg/"
          "service_control_policy/p-11111111")
ACCOUNT = "arn:aws:organizations::111111111111:account/o-exampleorg/222222222222"
HANDSHAKE = "arn:aws:organizations::111111111111:handshake/o-exampleorg/invite/h-1111111111"
SCP = {"organizations:PolicyType": "SERVICE_CONTROL_POLICY"}


ORGS = "/api/v1/organizations"


def _org(operation: str, *requires, method: str = "", path: str = "", data=None,
         setup=org.with_member) -> Scenario:
    api = Call(method, ORGS + path, data) if method else None
    return Scenario(f"organizations:{operation}", tuple(requires), api=api,
                    setup=setup if api else None)


SCENARIOS = [
    _org("CreateOrganization", req("organizations:CreateOrganization", "*"),
         method="post", path="/organization/", data={}, setup=None),
    _org("DescribeOrganization", req("organizations:DescribeOrganization", "*"),
         method="get", path="/organization/"),
    _org("DeleteOrganization", req("organizations:DeleteOrganization", "*"),
         method="delete", path="/organization/", setup=org.without_member),
    _org("ListRoots", req("organizations:ListRoots", "*"), method="get", path="/roots/"),
    _org("CreateOrganizationalUnit", req("organizations:CreateOrganizationalUnit", ROOT),
         method="post", path="/organizational-units/",
         data={"parent_id": "r-abcd", "name": "Sandbox"}),
    _org("DescribeOrganizationalUnit", req("organizations:DescribeOrganizationalUnit", OU),
         method="get", path="/organizational-units/ou-abcd-11111111/"),
    _org("UpdateOrganizationalUnit", req("organizations:UpdateOrganizationalUnit", OU),
         method="patch", path="/organizational-units/ou-abcd-11111111/", data={"name": "Prod"}),
    _org("DeleteOrganizationalUnit", req("organizations:DeleteOrganizationalUnit", OU),
         method="delete", path="/organizational-units/ou-abcd-11111111/"),
    _org("ListOrganizationalUnitsForParent",
         req("organizations:ListOrganizationalUnitsForParent", ROOT),
         method="get", path="/parents/r-abcd/organizational-units/"),
    _org("ListChildren", req("organizations:ListChildren", ROOT),
         method="get", path="/parents/r-abcd/children/?type=ACCOUNT"),
    _org("ListParents", req("organizations:ListParents", OU),
         method="get", path="/children/ou-abcd-11111111/parents/"),
    _org("CreatePolicy", req("organizations:CreatePolicy", "*", SCP),
         method="post", path="/policies/",
         data={"name": "Another", "type": "SERVICE_CONTROL_POLICY", "content": org.DENY}),
    _org("DescribePolicy", req("organizations:DescribePolicy", POLICY, SCP),
         method="get", path="/policies/p-11111111/"),
    _org("UpdatePolicy", req("organizations:UpdatePolicy", POLICY, SCP),
         method="patch", path="/policies/p-11111111/", data={"description": "Changed"}),
    _org("DeletePolicy", req("organizations:DeletePolicy", POLICY, SCP),
         method="delete", path="/policies/p-11111111/"),
    _org("ListPolicies", req("organizations:ListPolicies", "*", SCP),
         method="get", path="/policies/?filter=SERVICE_CONTROL_POLICY"),
    _org("AttachPolicy", req("organizations:AttachPolicy", POLICY, SCP),
         req("organizations:AttachPolicy", OU, SCP),
         method="post", path="/policies/p-11111111/targets/ou-abcd-11111111/"),
    _org("DetachPolicy", req("organizations:DetachPolicy", POLICY, SCP),
         req("organizations:DetachPolicy", OU, SCP),
         method="delete", path="/policies/p-11111111/targets/ou-abcd-11111111/",
         setup=org.with_attachment),
    _org("ListPoliciesForTarget", req("organizations:ListPoliciesForTarget", OU, SCP),
         method="get", path="/targets/ou-abcd-11111111/policies/?filter=SERVICE_CONTROL_POLICY"),
    _org("ListTargetsForPolicy", req("organizations:ListTargetsForPolicy", POLICY, SCP),
         method="get", path="/policies/p-11111111/targets/", setup=org.with_attachment),
    _org("EnablePolicyType", req("organizations:EnablePolicyType", ROOT, SCP),
         method="post", path="/roots/r-abcd/policy-types/SERVICE_CONTROL_POLICY/",
         setup=org.without_scp),
    _org("DisablePolicyType", req("organizations:DisablePolicyType", ROOT, SCP),
         method="delete", path="/roots/r-abcd/policy-types/SERVICE_CONTROL_POLICY/"),
    _org("CreateAccount", req("organizations:CreateAccount", "*"),
         method="post", path="/accounts/",
         data={"email": "new@example.com", "account_name": "New"}),
    _org("DescribeCreateAccountStatus", req("organizations:DescribeCreateAccountStatus", "*"),
         method="get", path="/create-account-status/car-11111111/", setup=org.with_request),
    _org("ListAccounts", req("organizations:ListAccounts", "*"),
         method="get", path="/accounts/"),
    _org("ListAccountsForParent", req("organizations:ListAccountsForParent", ROOT),
         method="get", path="/parents/r-abcd/accounts/"),
    _org("DescribeAccount", req("organizations:DescribeAccount", ACCOUNT),
         method="get", path="/accounts/222222222222/"),
    _org("MoveAccount", req("organizations:MoveAccount", ACCOUNT),
         req("organizations:MoveAccount", ROOT), req("organizations:MoveAccount", OU),
         method="post", path="/accounts/222222222222/move/",
         data={"source_parent_id": "r-abcd", "destination_parent_id": "ou-abcd-11111111"}),
    _org("RemoveAccountFromOrganization",
         req("organizations:RemoveAccountFromOrganization", ACCOUNT),
         method="delete", path="/accounts/222222222222/"),
    _org("LeaveOrganization", req("organizations:LeaveOrganization", "*")),
    _org("InviteAccountToOrganization", req("organizations:InviteAccountToOrganization", "*"),
         method="post", path="/handshakes/", data={"target_id": "222222222222"},
         setup=org.with_outsider),
    _org("AcceptHandshake", req("organizations:AcceptHandshake", HANDSHAKE)),
    _org("ListHandshakesForAccount", req("organizations:ListHandshakesForAccount", "*"),
         method="get", path="/handshakes/"),
    _org("TagResource", req("organizations:TagResource", OU),
         method="post", path="/resources/ou-abcd-11111111/tags/", data={"tags": {}}),
    _org("UntagResource", req("organizations:UntagResource", OU, {"aws:TagKeys": ["team"]}),
         method="delete", path="/resources/ou-abcd-11111111/tags/?key=team"),
    _org("ListTagsForResource", req("organizations:ListTagsForResource", OU),
         method="get", path="/resources/ou-abcd-11111111/tags/"),
    _org("DescribeEffectivePolicy", req("organizations:DescribeEffectivePolicy", ACCOUNT)),
]
