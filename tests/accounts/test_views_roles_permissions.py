"""A role's permissions: attaching and detaching, inline policies, the permissions boundary."""

from __future__ import annotations

import pytest

from tests.accounts.roles_support import form_data, submit
from tests.factories import (
    InlinePolicyFactory,
    ManagedPolicyFactory,
    PolicyAttachmentFactory,
    RoleFactory,
)
from tests.helpers import user_client

pytestmark = pytest.mark.django_db
BASE = "/roles/details/web/"
READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess"
S3_READ = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
GOOD = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow", ' \
       '"Action": "s3:GetObject", "Resource": "*"}\n  ]\n}'


@pytest.fixture
def role(account):
    return RoleFactory(account=account, name="web")


def _attached(role):
    return sorted(role.policy_attachments.values_list("policy__arn", flat=True))


def test_the_attach_page_leaves_out_what_is_attached(root_client, role, aws_policy):
    PolicyAttachmentFactory(user=None, role=role, policy=aws_policy("ReadOnlyAccess"))
    page = root_client.post(BASE + "policies/attach/", {"nav": "refresh",
                                                        "policies_q": "ReadOnlyAccess"})
    html = page.content.decode()
    assert page.status_code == 200
    assert f'name="policies" value="{READ_ONLY}"' not in html
    assert '<span class="picker-name">ReadOnlyAccess</span>' not in html
    page = root_client.post(BASE + "policies/attach/", {"nav": "refresh",
                                                        "policies_q": "AmazonS3ReadOnly"})
    assert f'name="policies" value="{S3_READ}"' in page.content.decode()


def test_picked_policies_are_attached(root_client, role):
    response = root_client.post(BASE + "policies/attach/", {"policies": [READ_ONLY, S3_READ]})
    assert response.status_code == 302 and response["Location"].endswith("?tab=permissions")
    assert _attached(role) == [S3_READ, READ_ONLY]
    followed = root_client.get(response["Location"]).content.decode()
    assert "Attached to role web: ReadOnlyAccess, AmazonS3ReadOnlyAccess." in followed


def test_attaching_nothing_says_so_and_a_quota_hit_attaches_nothing(root_client, role,
                                                                    account, settings):
    response = root_client.post(BASE + "policies/attach/", {})
    assert response.status_code == 400
    assert "Select at least one policy to attach." in response.content.decode()
    settings.IAM_MAX_ATTACHED_POLICIES_ROLE = 1
    mine = ManagedPolicyFactory(account=account, name="Mine")
    response = root_client.post(BASE + "policies/attach/", {"policies": [READ_ONLY, mine.arn]})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Cannot exceed quota for PoliciesPerRole: 1." in html
    assert f'value="{mine.arn}" checked' in html  # the choice is kept
    assert _attached(role) == []


def test_another_accounts_policy_cannot_be_attached(root_client, role, other_account):
    theirs = ManagedPolicyFactory(account=other_account)
    response = root_client.post(BASE + "policies/attach/", {"policies": [theirs.arn]})
    assert response.status_code == 400
    assert _attached(role) == []


def test_a_policy_is_detached(root_client, role, aws_policy):
    PolicyAttachmentFactory(user=None, role=role, policy=aws_policy("ReadOnlyAccess"))
    response = root_client.post(BASE + "policies/detach/", {"policy_arn": READ_ONLY},
                                follow=True)
    assert "Policy ReadOnlyAccess detached from role web." in response.content.decode()
    assert _attached(role) == []
    again = root_client.post(BASE + "policies/detach/", {"policy_arn": READ_ONLY}, follow=True)
    assert "is not attached to role web" in again.content.decode()


def test_detaching_needs_detach_role_policy(account, role, aws_policy):
    PolicyAttachmentFactory(user=None, role=role, policy=aws_policy("ReadOnlyAccess"))
    client = user_client(account, "reader", aws_policy("IAMReadOnlyAccess"))
    response = client.post(BASE + "policies/detach/", {"policy_arn": READ_ONLY})
    assert response.status_code == 403 and b"iam:DetachRolePolicy" in response.content
    assert _attached(role) == [READ_ONLY]


def test_an_inline_policy_is_created_with_the_editor(root_client, role):
    page = root_client.get(BASE + "inline-policies/create/").content.decode()
    assert "data-policy-editor" in page and '"policy_type": "identity"' in page
    response = root_client.post(BASE + "inline-policies/create/",
                                {"policy_name": "S3Read", "policy_document": GOOD})
    assert response.status_code == 302
    assert role.inline_policies.get().document_text == GOOD


def test_a_failed_inline_save_keeps_the_text_and_lists_errors_by_position(root_client, role):
    bad = GOOD.replace('"Allow"', '"Permit"')
    response = root_client.post(BASE + "inline-policies/create/",
                                {"policy_name": "S3Read", "policy_document": bad})
    html = response.content.decode()
    assert response.status_code == 400
    assert "The policy was not saved." in html
    assert "Statement 1 · Ln 4, Col" in html and "Permit" in html
    assert 'value="S3Read"' in html
    assert not role.inline_policies.exists()


def test_creating_does_not_overwrite_an_inline_policy_of_that_name(root_client, role):
    InlinePolicyFactory(user=None, role=role, name="S3Read")
    response = root_client.post(BASE + "inline-policies/create/",
                                {"policy_name": "s3read", "policy_document": GOOD})
    assert response.status_code == 400
    assert "already has an inline policy named s3read" in response.content.decode()


def test_an_inline_policy_is_edited_and_deleted(root_client, role):
    InlinePolicyFactory(user=None, role=role, name="S3Read")
    page = root_client.get(BASE + "inline-policies/S3Read/edit/")
    assert form_data(page, "role-inline-form")["policy_name"] == ["S3Read"]
    response = root_client.post(BASE + "inline-policies/S3Read/edit/",
                                {"policy_name": "Renamed", "policy_document": GOOD})
    assert response.status_code == 302
    policy = role.inline_policies.get()
    assert (policy.name, policy.document_text) == ("S3Read", GOOD)  # the name is fixed
    wrong = root_client.post(BASE + "inline-policies/S3Read/delete/", {"confirm": "s3read"})
    assert wrong.status_code == 400 and role.inline_policies.exists()
    root_client.post(BASE + "inline-policies/S3Read/delete/", {"confirm": "S3Read"})
    assert not role.inline_policies.exists()


def test_an_unknown_inline_policy_is_not_found(root_client, role):
    assert root_client.get(BASE + "inline-policies/nope/edit/").status_code == 404


def test_the_boundary_is_set_changed_and_removed(root_client, role):
    page = root_client.get(BASE + "boundary/")
    assert "No permissions boundary" in page.content.decode()
    response = root_client.post(BASE + "boundary/", {"boundary": READ_ONLY})
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.permissions_boundary.arn == READ_ONLY
    page = root_client.get(BASE + "boundary/").content.decode()
    assert f'value="{READ_ONLY}" checked' in page
    root_client.post(BASE + "boundary/remove/")
    role.refresh_from_db()
    assert role.permissions_boundary is None


def test_a_boundary_must_be_picked(root_client, role):
    response = root_client.post(BASE + "boundary/", {"boundary": ""})
    assert response.status_code == 400
    assert "Select the policy to use as the permissions boundary." in response.content.decode()


def test_the_attach_page_search_keeps_the_picks(root_client, role):
    page = root_client.post(BASE + "policies/attach/", {"nav": "refresh",
                                                        "policies_q": "S3ReadOnly"})
    page = submit(root_client, page, BASE + "policies/attach/", "refresh",
                  marker="role-attach-form", policies=[S3_READ], policies_q="ReadOnlyAccess")
    assert f'value="{S3_READ}" checked' in page.content.decode()
