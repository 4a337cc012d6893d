"""Issue 17's story at the operations level: the management account's administrator creates
an organization and an account, assumes OrganizationAccountAccessRole in it and creates an
IAM user there; an SCP denying iam:CreateUser on the account's OU refuses the same call,
naming the SCP, while the management account's own CreateUser still works; detaching
restores it. An RCP denies access to the member's resources by principals outside the
organization."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Account, Role
from accounts.operations.sts import AssumeRole
from accounts.operations.users import CreateUser
from accounts.services.users import user_create
from accounts.signin import role_session_principal, user_principal
from iamconsole.exceptions import AccessDenied
from iamconsole.operations.caller import Caller, root_caller
from policies.services import policy_attach_to_user

from .test_operations_tree import DENY_CREATE_USER, run

SCP = "SERVICE_CONTROL_POLICY"
RCP = "RESOURCE_CONTROL_POLICY"


@pytest.fixture
def admin(account, aws_policy):
    """The management account's administrator (an IAM user with AdministratorAccess)."""
    user = user_create(account=account, name="admin")
    policy_attach_to_user(user=user, policy=aws_policy("AdministratorAccess"))
    return Caller(user_principal(user))


@pytest.fixture
def story(admin):
    """The organization with SCPs enabled, a Workloads OU and a created account in it."""
    run(admin, "CreateOrganization")
    root_id = run(admin, "ListRoots")["Roots"][0]["Id"]
    run(admin, "EnablePolicyType", root_id=root_id, policy_type=SCP)
    unit = run(admin, "CreateOrganizationalUnit", parent_id=root_id,
               name="Workloads")["OrganizationalUnit"]
    status = run(admin, "CreateAccount", email="dev@example.com",
                 account_name="Development")["CreateAccountStatus"]
    assert status["State"] == "SUCCEEDED"
    member_id = status["AccountId"]
    run(admin, "MoveAccount", account_id=member_id, source_parent_id=root_id,
        destination_parent_id=unit["Id"])
    return {"root_id": root_id, "ou": unit["Id"], "member_id": member_id,
            "request_id": status["Id"]}


def assume_access_role(admin: Caller, member_id: str) -> Caller:
    issued = AssumeRole(caller=admin,
                        role_arn=f"arn:aws:iam::{member_id}:role/OrganizationAccountAccessRole",
                        role_session_name="admin", issue_credentials=True).run()
    return Caller(issued.principal)


def test_created_account_has_the_access_role_as_aws(admin, story):
    member = Account.objects.get(account_id=story["member_id"])
    role = Role.objects.get(account=member, name="OrganizationAccountAccessRole")
    trust = json.loads(role.trust_policy)
    assert trust["Statement"][0]["Principal"] == {"AWS": "arn:aws:iam::111111111111:root"}
    assert run(admin, "DescribeCreateAccountStatus",
               create_account_request_id=story["request_id"])["CreateAccountStatus"][
        "AccountId"] == story["member_id"]
    account = run(admin, "DescribeAccount", account_id=story["member_id"])["Account"]
    assert account["JoinedMethod"] == "CREATED" and account["Name"] == "Development"
    assert [a["Id"] for a in run(admin, "ListAccountsForParent",
                                 parent_id=story["ou"])["Accounts"]] == [story["member_id"]]


def test_scp_on_the_ou_refuses_create_user_naming_the_scp(admin, story):
    member_admin = assume_access_role(admin, story["member_id"])
    member_admin.run(CreateUser, user_name="first")
    policy = run(admin, "CreatePolicy", name="DenyCreateUser", content=DENY_CREATE_USER,
                 type=SCP)["Policy"]["PolicySummary"]
    run(admin, "AttachPolicy", policy_id=policy["Id"], target_id=story["ou"])
    with pytest.raises(AccessDenied) as denied:
        member_admin.run(CreateUser, user_name="second")
    assert denied.value.message.endswith(
        f"with an explicit deny in a service control policy: {policy['Arn']}")
    assert f"arn:aws:sts::{story['member_id']}:assumed-role/OrganizationAccountAccessRole/" \
        "admin" in denied.value.message
    # The management account is exempt from SCPs.
    admin.run(CreateUser, user_name="still-works")
    # The member account's root user is bound by SCPs too.
    member_root = root_caller(Account.objects.get(account_id=story["member_id"]))
    with pytest.raises(AccessDenied):
        member_root.run(CreateUser, user_name="by-root")
    run(admin, "DetachPolicy", policy_id=policy["Id"], target_id=story["ou"])
    member_admin.run(CreateUser, user_name="second")


def test_moving_the_account_out_of_the_ou_lifts_its_scp(admin, story):
    member_admin = assume_access_role(admin, story["member_id"])
    policy = run(admin, "CreatePolicy", name="DenyCreateUser", content=DENY_CREATE_USER,
                 type=SCP)["Policy"]["PolicySummary"]
    run(admin, "AttachPolicy", policy_id=policy["Id"], target_id=story["ou"])
    with pytest.raises(AccessDenied):
        member_admin.run(CreateUser, user_name="u1")
    run(admin, "MoveAccount", account_id=story["member_id"], source_parent_id=story["ou"],
        destination_parent_id=story["root_id"])
    member_admin.run(CreateUser, user_name="u1")


def test_service_linked_roles_are_exempt(admin, story):
    member = Account.objects.get(account_id=story["member_id"])
    deny_all = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Deny", "Action": "*", "Resource": "*"}]})
    policy = run(admin, "CreatePolicy", name="DenyAll", content=deny_all,
                 type=SCP)["Policy"]["PolicySummary"]
    run(admin, "AttachPolicy", policy_id=policy["Id"], target_id=story["member_id"])
    role = Role.objects.get(account=member, name="OrganizationAccountAccessRole")
    role.path = "/aws-service-role/"  # seen by policy loading as service-linked
    role.arn = (f"arn:aws:iam::{member.account_id}:role/aws-service-role/"
                "OrganizationAccountAccessRole")
    role.save(update_fields=["path", "arn"])
    assert role.service_linked
    member.refresh_from_db()
    caller = Caller(role_session_principal(role, session_name="slr",
                                           expires_at=timezone.now() + timedelta(hours=1)))
    assert caller.check(CreateUser.primary("*")).allowed


def test_rcp_denies_principals_outside_the_organization(admin, story, other_account,
                                                        aws_policy):
    run(admin, "EnablePolicyType", root_id=story["root_id"], policy_type=RCP)
    member_id = story["member_id"]
    outsider_user = user_create(account=other_account, name="outsider")
    policy_attach_to_user(user=outsider_user, policy=aws_policy("AdministratorAccess"))
    outsider = Caller(user_principal(outsider_user))
    member = Account.objects.get(account_id=member_id)
    # The member's role also trusts the outside account.
    role = Role.objects.get(account=member, name="OrganizationAccountAccessRole")
    role.trust_policy = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111111111111:root",
                                                 "arn:aws:iam::222222222222:root"]},
        "Action": "sts:AssumeRole"}]})
    role.save(update_fields=["trust_policy"])
    assume_access_role(outsider, member_id)  # allowed before the RCP
    perimeter = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Sid": "DataPerimeter", "Effect": "Deny", "Principal": "*", "Action": "sts:*",
        "Resource": "*", "Condition": {
            "StringNotEqualsIfExists": {"aws:PrincipalOrgID": "ORG"},
            "BoolIfExists": {"aws:PrincipalIsAWSService": "false"}}}]})
    org_id = run(admin, "DescribeOrganization")["Organization"]["Id"]
    policy = run(admin, "CreatePolicy", name="Perimeter", type=RCP,
                 content=perimeter.replace("ORG", org_id))["Policy"]["PolicySummary"]
    run(admin, "AttachPolicy", policy_id=policy["Id"], target_id=member_id)
    with pytest.raises(AccessDenied) as denied:
        assume_access_role(outsider, member_id)
    assert f"with an explicit deny in a resource control policy: {policy['Arn']}" in \
        denied.value.message
    assume_access_role(admin, member_id)  # inside the organization: allowed


def test_updating_or_disabling_an_scp_changes_decisions_at_once(admin, story):
    member_admin = assume_access_role(admin, story["member_id"])

    def allowed(caller: Caller) -> bool:  # a new request each time
        return Caller(caller.principal).check(CreateUser.primary("*")).allowed
    policy = run(admin, "CreatePolicy", name="DenyCreateUser", content=DENY_CREATE_USER,
                 type=SCP)["Policy"]["PolicySummary"]
    run(admin, "AttachPolicy", policy_id=policy["Id"], target_id=story["root_id"])
    assert not allowed(member_admin)
    run(admin, "UpdatePolicy", policy_id=policy["Id"],
        content=DENY_CREATE_USER.replace("iam:CreateUser", "iam:DeleteUser"))
    assert allowed(member_admin)
    run(admin, "UpdatePolicy", policy_id=policy["Id"], content=DENY_CREATE_USER)
    assert not allowed(member_admin)
    run(admin, "DisablePolicyType", root_id=story["root_id"], policy_type=SCP)
    assert allowed(member_admin)
