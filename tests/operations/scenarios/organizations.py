"""AWS Organizations operations: served by the wire API (JSON 1.1) and the REST API under
/api/v1/organizations/ (the doors come with them); their authorization is checked by
tests/accounts/organizations (every operation as `organizations:<Operation>` on AWS's ARN)."""

from __future__ import annotations

from ..harness import Scenario, req

ORG = "arn:aws:organizations::111111111111:organization/o-exampleorg"
ROOT = "arn:aws:organizations::111111111111:root/o-exampleorg/r-abcd"
OU = "arn:aws:organizations::111111111111:ou/o-exampleorg/ou-abcd-11111111"
POLICY = ("arn:aws:organizations::111111111111:policy/o-exampleorg/"
          "service_control_policy/p-11111111")
ACCOUNT = "arn:aws:organizations::111111111111:account/o-exampleorg/222222222222"
HANDSHAKE = "arn:aws:organizations::111111111111:handshake/o-exampleorg/invite/h-1111111111"
SCP = {"organizations:PolicyType": "SERVICE_CONTROL_POLICY"}


def _org(operation: str, *requires) -> Scenario:
    return Scenario(f"organizations:{operation}", tuple(requires))


SCENARIOS = [
    _org("CreateOrganization", req("organizations:CreateOrganization", "*")),
    _org("DescribeOrganization", req("organizations:DescribeOrganization", "*")),
    _org("DeleteOrganization", req("organizations:DeleteOrganization", ORG)),
    _org("ListRoots", req("organizations:ListRoots", "*")),
    _org("CreateOrganizationalUnit", req("organizations:CreateOrganizationalUnit", ROOT)),
    _org("DescribeOrganizationalUnit", req("organizations:DescribeOrganizationalUnit", OU)),
    _org("UpdateOrganizationalUnit", req("organizations:UpdateOrganizationalUnit", OU)),
    _org("DeleteOrganizationalUnit", req("organizations:DeleteOrganizationalUnit", OU)),
    _org("ListOrganizationalUnitsForParent",
         req("organizations:ListOrganizationalUnitsForParent", ROOT)),
    _org("ListChildren", req("organizations:ListChildren", ROOT)),
    _org("ListParents", req("organizations:ListParents", OU)),
    _org("CreatePolicy", req("organizations:CreatePolicy", "*", SCP)),
    _org("DescribePolicy", req("organizations:DescribePolicy", POLICY, SCP)),
    _org("UpdatePolicy", req("organizations:UpdatePolicy", POLICY, SCP)),
    _org("DeletePolicy", req("organizations:DeletePolicy", POLICY, SCP)),
    _org("ListPolicies", req("organizations:ListPolicies", "*", SCP)),
    _org("AttachPolicy", req("organizations:AttachPolicy", POLICY, SCP),
         req("organizations:AttachPolicy", OU, SCP)),
    _org("DetachPolicy", req("organizations:DetachPolicy", POLICY, SCP),
         req("organizations:DetachPolicy", OU, SCP)),
    _org("ListPoliciesForTarget", req("organizations:ListPoliciesForTarget", OU, SCP)),
    _org("ListTargetsForPolicy", req("organizations:ListTargetsForPolicy", POLICY, SCP)),
    _org("EnablePolicyType", req("organizations:EnablePolicyType", ROOT, SCP)),
    _org("DisablePolicyType", req("organizations:DisablePolicyType", ROOT, SCP)),
    _org("CreateAccount", req("organizations:CreateAccount", "*")),
    _org("DescribeCreateAccountStatus", req("organizations:DescribeCreateAccountStatus", "*")),
    _org("ListAccounts", req("organizations:ListAccounts", "*")),
    _org("ListAccountsForParent", req("organizations:ListAccountsForParent", ROOT)),
    _org("DescribeAccount", req("organizations:DescribeAccount", ACCOUNT)),
    _org("MoveAccount", req("organizations:MoveAccount", ACCOUNT),
         req("organizations:MoveAccount", ROOT), req("organizations:MoveAccount", OU)),
    _org("RemoveAccountFromOrganization",
         req("organizations:RemoveAccountFromOrganization", ACCOUNT)),
    _org("LeaveOrganization", req("organizations:LeaveOrganization", "*")),
    _org("InviteAccountToOrganization", req("organizations:InviteAccountToOrganization", "*")),
    _org("AcceptHandshake", req("organizations:AcceptHandshake", HANDSHAKE)),
    _org("ListHandshakesForAccount", req("organizations:ListHandshakesForAccount", "*")),
    _org("TagResource", req("organizations:TagResource", OU)),
    _org("UntagResource", req("organizations:UntagResource", OU)),
    _org("ListTagsForResource", req("organizations:ListTagsForResource", OU)),
    _org("DescribeEffectivePolicy", req("organizations:DescribeEffectivePolicy", ACCOUNT)),
]
