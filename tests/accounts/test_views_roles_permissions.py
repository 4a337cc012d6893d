"""A role's permissions in the pages users and groups share: attaching all or nothing,
detaching, the inline policy delete confirmation, the permissions boundary."""

from __future__ import annotations

import pytest

from tests.accounts.roles_support import form_data, submit
from tests.factories import (
    InlinePolicyFactory,
    ManagedPolicyFactory,
    PolicyAttachmentFactory,
    RoleFactory,
)

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
    page = root_client.post(BASE + "policies/attach/", {"nav": "refresh",
                                                        "policies_q": "AmazonS3ReadOnly"})
    assert f'name="policies" value="{S3_READ}"' in page.content.decode()


def test_picked_policies_are_attached(root_client, role):
    response = root_client.post(BASE + "policies/attach/", {"policies": [READ_ONLY, S3_READ]})
    assert response.status_code == 302 and response["Location"].endswith("?tab=permissions")
    assert _attached(role) == [S3_READ, READ_ONLY]
    followed = root_client.get(response["Location"]).content.decode()
    assert "Attached to role web: ReadOnlyAccess, AmazonS3ReadOnlyAccess." in followed


def test_a_quota_hit_attaches_nothing_and_keeps_the_choice(root_client, role, account,
                                                           settings):
    settings.IAM_MAX_ATTACHED_POLICIES_ROLE = 1
    mine = ManagedPolicyFactory(account=account, name="Mine")
    response = root_client.post(BASE + "policies/attach/", {"policies": [READ_ONLY, mine.arn]})
    html = response.content.decode()
    assert response.status_code == 409
    assert "Cannot exceed quota for PoliciesPerRole: 1" in html
    assert form_data(response, "entity-attach-form")["policies"] == [READ_ONLY, mine.arn]
    assert _attached(role) == []


def test_a_policy_is_detached_once(root_client, role, aws_policy):
    PolicyAttachmentFactory(user=None, role=role, policy=aws_policy("ReadOnlyAccess"))
    response = root_client.post(BASE + "policies/detach/", {"policy_arn": READ_ONLY},
                                follow=True)
    assert "Detached ReadOnlyAccess from role web." in response.content.decode()
    assert _attached(role) == []
    again = root_client.post(BASE + "policies/detach/", {"policy_arn": READ_ONLY})
    assert again.status_code == 404


def test_an_inline_policy_is_edited_and_deleted_after_typing_its_name(root_client, role):
    InlinePolicyFactory(user=None, role=role, name="S3Read")
    page = root_client.get(BASE + "inline-policies/S3Read/edit/")
    assert "Edit inline policy S3Read" in page.content.decode()
    response = root_client.post(BASE + "inline-policies/S3Read/edit/",
                                {"policy_name": "Renamed", "policy_document": GOOD})
    assert response.status_code == 302
    policy = role.inline_policies.get()
    assert (policy.name, policy.document_text) == ("S3Read", GOOD)  # the name is fixed
    confirm = root_client.get(BASE + "inline-policies/S3Read/delete/")
    assert "Role web loses the permissions this policy grants." in confirm.content.decode()
    wrong = root_client.post(BASE + "inline-policies/S3Read/delete/", {"confirm": "s3read"})
    assert wrong.status_code == 400 and role.inline_policies.exists()
    root_client.post(BASE + "inline-policies/S3Read/delete/", {"confirm": "S3Read"})
    assert not role.inline_policies.exists()


def test_the_boundary_is_set_changed_and_removed(root_client, role):
    response = root_client.post(BASE + "boundary/", {"boundary": READ_ONLY})
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.permissions_boundary.arn == READ_ONLY
    page = root_client.get(BASE + "boundary/")
    assert form_data(page, "entity-boundary-form")["boundary"] == [READ_ONLY]
    assert "Current boundary: <strong>ReadOnlyAccess</strong>" in page.content.decode()
    detail = root_client.get(BASE + "?tab=permissions").content.decode()
    assert f'href="{BASE}boundary/"' in detail
    root_client.post(BASE + "boundary/remove/")
    role.refresh_from_db()
    assert role.permissions_boundary is None


def test_the_attach_page_search_keeps_the_picks(root_client, role):
    page = root_client.post(BASE + "policies/attach/", {"nav": "refresh",
                                                        "policies_q": "S3ReadOnly"})
    page = submit(root_client, page, BASE + "policies/attach/", "refresh",
                  marker="entity-attach-form", policies=[S3_READ], policies_q="ReadOnlyAccess")
    assert form_data(page, "entity-attach-form")["policies"] == [S3_READ]
