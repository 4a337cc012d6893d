"""The console's SCP and RCP pages: created with the policy editor and the type's grammar,
changed, deleted once detached; AWS-managed policies read-only."""

from __future__ import annotations

import json

import pytest

from accounts.models import OrganizationPolicy
from iamconsole.operations import OPERATIONS
from iamconsole.operations.caller import root_caller

pytestmark = pytest.mark.django_db
NEW = "/organization/policies/new/"
SCP = "SERVICE_CONTROL_POLICY"
REGION_DENY = json.dumps({"Version": "2012-10-17", "Statement": [{
    "Effect": "Deny", "NotAction": ["iam:*", "sts:*"], "Resource": "*",
    "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1"]}}}]})


@pytest.fixture
def org(account):
    caller = root_caller(account)
    OPERATIONS["organizations:CreateOrganization"](caller=caller).run()
    return caller


def _create(root_client, **fields):
    return root_client.post(NEW, {"name": "RegionDeny", "description": "EU only",
                                  "policy_type": SCP, "content": REGION_DENY, **fields})


def test_the_editor_validates_with_the_type_grammar(root_client, org):
    html = root_client.get(NEW, {"type": "RESOURCE_CONTROL_POLICY"}).content.decode()
    assert "data-policy-editor" in html and '"policy_type": "rcp"' in html
    assert '"policy_type": "scp"' in root_client.get(NEW).content.decode()


def test_a_policy_is_created_then_shown_with_its_targets(root_client, org):
    response = _create(root_client)
    assert response.status_code == 302
    policy = OrganizationPolicy.objects.get(name="RegionDeny")
    assert response["Location"] == f"/organization/policies/{policy.policy_id}/"
    html = root_client.get(response["Location"]).content.decode()
    assert "RegionDeny" in html and "Attached to nothing" in html


def test_a_document_breaking_the_scp_grammar_is_refused_beside_the_field(root_client, org):
    with_principal = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}]})
    response = _create(root_client, content=with_principal)
    assert response.status_code == 400
    assert "Principal" in response.content.decode()
    assert not OrganizationPolicy.objects.filter(name="RegionDeny").exists()
    response = _create(root_client, name="")
    assert response.status_code == 400 and "This field is required" in response.content.decode()


def test_a_policy_is_changed_and_deleted(root_client, org):
    url = _create(root_client)["Location"]
    response = root_client.post(url, {"action": "update", "name": "EuOnly", "description": "",
                                      "content": REGION_DENY})
    assert response.status_code == 302
    assert OrganizationPolicy.objects.filter(name="EuOnly").exists()
    assert root_client.post(url, {"action": "delete"}).status_code == 302
    assert not OrganizationPolicy.objects.filter(name="EuOnly").exists()


def test_an_aws_managed_policy_is_read_only(root_client, org):
    html = root_client.get("/organization/policies/p-FullAWSAccess/").content.decode()
    assert "AWS managed, read-only" in html and 'value="update"' not in html
