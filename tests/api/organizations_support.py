"""Helpers of the Organizations REST tests: an organization built through the operations, and
API callers inside its member accounts (sessions of OrganizationAccountAccessRole)."""

from __future__ import annotations

import json
from typing import Any

from accounts.models import IamUser
from accounts.operations.sts import AssumeRole
from accounts.signin import user_principal
from iamconsole.operations import OPERATIONS
from iamconsole.operations.caller import Caller
from tests.api.helpers import Api

ORGS = "/api/v1/organizations"
SCP = "SERVICE_CONTROL_POLICY"
DENY_CREATE_USER = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Deny", "Action": "iam:CreateUser", "Resource": "*"}]}
DENY_CREATE_USER_TEXT = json.dumps(DENY_CREATE_USER)


def run(caller: Caller, operation: str, **inputs: Any) -> Any:
    """Run the Organizations operation as `caller` (the tests' setup, not the REST door)."""
    return OPERATIONS[f"organizations:{operation}"](caller=caller, **inputs).run()


def admin_caller(account: Any) -> Caller:
    """The account's `admin` IAM user (the API tests' administrator) as a caller."""
    return Caller(user_principal(IamUser.objects.get(account=account, name="admin")))


def build_organization(caller: Caller) -> dict[str, str]:
    """An organization with SCPs enabled, an OU Workloads and a created account
    (Development) moved into it; their IDs."""
    run(caller, "CreateOrganization")
    root_id = run(caller, "ListRoots")["Roots"][0]["Id"]
    run(caller, "EnablePolicyType", root_id=root_id, policy_type=SCP)
    ou = run(caller, "CreateOrganizationalUnit", parent_id=root_id,
             name="Workloads")["OrganizationalUnit"]["Id"]
    status = run(caller, "CreateAccount", email="dev@example.com",
                 account_name="Development")["CreateAccountStatus"]
    member_id = status["AccountId"]
    run(caller, "MoveAccount", account_id=member_id, source_parent_id=root_id,
        destination_parent_id=ou)
    return {"root_id": root_id, "ou": ou, "member_id": member_id, "request_id": status["Id"]}


def assumed_api(caller: Caller, account_id: str,
                role: str = "OrganizationAccountAccessRole") -> Api:
    """An API caller with temporary credentials of `role` in `account_id`, assumed by
    `caller` (Basic credentials plus X-Amz-Security-Token)."""
    issued = AssumeRole(caller=caller, role_arn=f"arn:aws:iam::{account_id}:role/{role}",
                        role_session_name="admin", issue_credentials=True).run()
    api = Api(issued.credential.access_key_id, issued.secret_access_key)
    api.headers["HTTP_X_AMZ_SECURITY_TOKEN"] = issued.session_token
    return api
