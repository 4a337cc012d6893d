"""Attaching and detaching policies, inline policies in the editor, and the boundary."""

from __future__ import annotations

import json

import pytest

from policies.models import InlinePolicy, PolicyAttachment
from policies.services import permissions_boundary_put, policy_attach
from tests.factories import InlinePolicyFactory, ManagedPolicyFactory

pytestmark = pytest.mark.django_db
BASE = "/users/details/alice/"
READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess"
GOOD = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}]}, indent=4)
BAD = GOOD.replace('"Allow"', '"Alow"')


def test_attach_policies_offers_the_unattached_ones_and_attaches(root_client, alice,
                                                                  aws_policy):
    policy_attach(policy=aws_policy("IAMUserChangePassword"), entity=alice)
    page = root_client.get(BASE + "policies/attach/").content.decode()
    assert "1 managed policy attached" in page
    assert 'name="policies" value="arn:aws:iam::aws:policy/IAMUserChangePassword"' not in page
    response = root_client.post(BASE + "policies/attach/", {"policies": [READ_ONLY]})
    assert response.status_code == 302 and response["Location"] == BASE + "?tab=permissions"
    assert PolicyAttachment.objects.filter(user=alice, policy__arn=READ_ONLY).exists()


def test_attaching_nothing_or_past_the_quota_attaches_nothing_and_keeps_the_selection(
        root_client, alice, settings):
    response = root_client.post(BASE + "policies/attach/", {})
    assert response.status_code == 400
    assert "Select at least one policy to attach." in response.content.decode()
    settings.IAM_MAX_ATTACHED_POLICIES_USER = 1
    arns = [READ_ONLY, "arn:aws:iam::aws:policy/IAMUserChangePassword"]
    response = root_client.post(BASE + "policies/attach/", {"policies": arns})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Cannot exceed quota for PoliciesPerUser: 1" in html
    assert f'value="{READ_ONLY}"' in html and "checked" in html
    assert not PolicyAttachment.objects.filter(user=alice).exists()  # all or nothing


def test_another_accounts_policy_cannot_be_attached(root_client, alice, other_account):
    theirs = ManagedPolicyFactory(account=other_account, name="Theirs")
    response = root_client.post(BASE + "policies/attach/", {"policies": [theirs.arn]})
    assert response.status_code == 400
    assert not PolicyAttachment.objects.filter(user=alice).exists()


def test_detach_a_policy(root_client, alice, aws_policy):
    policy_attach(policy=aws_policy("ReadOnlyAccess"), entity=alice)
    response = root_client.post(BASE + "policies/detach/", {"policy_arn": READ_ONLY})
    assert response.status_code == 302
    assert not PolicyAttachment.objects.filter(user=alice).exists()
    missing = root_client.post(BASE + "policies/detach/", {"policy_arn": READ_ONLY})
    assert missing.status_code == 404


def test_a_new_inline_policy_starts_from_aws_template_in_the_editor(root_client, alice):
    html = root_client.get(BASE + "inline-policies/create/").content.decode()
    assert "data-policy-editor" in html
    assert 'hx-vals=\'{"policy_type": "identity", "document_field": "policy_document"}\'' in html
    assert "&quot;Sid&quot;: &quot;Statement1&quot;" in html
    # Visual and JSON, opening on Visual as AWS's console does (editing opens on the JSON).
    assert 'data-mode="visual"' in html and 'data-start-mode="visual"' in html


def test_a_failed_save_keeps_the_text_and_lists_errors_by_line_and_column(root_client, alice):
    response = root_client.post(BASE + "inline-policies/create/",
                                {"policy_name": "s3-list", "policy_document": BAD})
    assert response.status_code == 400
    html = response.content.decode()
    assert "The policy was not saved: 1 error" in html
    assert "Line 5, column 23 · Statement 1" in html
    assert "&quot;Alow&quot;" in html  # the typed text is kept in the editor
    assert 'value="s3-list"' in html
    assert not InlinePolicy.objects.filter(user=alice).exists()
    fixed = root_client.post(BASE + "inline-policies/create/",
                             {"policy_name": "s3-list", "policy_document": GOOD})
    assert fixed.status_code == 302
    policy = InlinePolicy.objects.get(user=alice)
    assert policy.name == "s3-list" and policy.document_text == GOOD


def test_a_new_inline_policy_does_not_overwrite_an_existing_one(root_client, alice):
    InlinePolicyFactory(user=alice, name="s3-list")
    response = root_client.post(BASE + "inline-policies/create/",
                                {"policy_name": "S3-LIST", "policy_document": GOOD})
    assert response.status_code == 400
    assert "already has an inline policy named S3-LIST" in response.content.decode()


def test_an_invalid_policy_name_is_reported_beside_the_field(root_client, alice):
    response = root_client.post(BASE + "inline-policies/create/",
                                {"policy_name": "no spaces", "policy_document": GOOD})
    assert response.status_code == 400
    assert "may contain only letters" in response.content.decode()


def test_the_inline_size_quota_is_reported(root_client, alice, settings):
    settings.IAM_INLINE_POLICY_MAX_SIZE_USER = 40
    response = root_client.post(BASE + "inline-policies/create/",
                                {"policy_name": "big", "policy_document": GOOD})
    assert response.status_code == 409
    assert "Maximum policy size of 40 bytes exceeded" in response.content.decode()


def test_edit_and_delete_an_inline_policy(root_client, alice):
    InlinePolicyFactory(user=alice, name="s3-list")
    url = BASE + "inline-policies/s3-list/edit/"
    page = root_client.get(url).content.decode()
    assert "Edit inline policy s3-list" in page and "cannot be renamed" in page
    assert 'data-mode="visual"' in page and 'data-start-mode="json"' in page
    response = root_client.post(url, {"policy_name": "renamed", "policy_document": GOOD})
    assert response.status_code == 302
    policy = InlinePolicy.objects.get(user=alice)
    assert policy.name == "s3-list" and policy.document_text == GOOD
    assert root_client.post(BASE + "inline-policies/s3-list/delete/").status_code == 302
    assert not InlinePolicy.objects.filter(user=alice).exists()
    assert root_client.get(url).status_code == 404


def test_set_change_and_remove_the_boundary(root_client, alice, aws_policy):
    url = BASE + "boundary/"
    page = root_client.get(url).content.decode()
    assert 'type="radio" name="boundary"' in page
    assert root_client.post(url, {}).status_code == 400
    response = root_client.post(url, {"boundary": "arn:aws:iam::aws:policy/PowerUserAccess"})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.permissions_boundary.name == "PowerUserAccess"
    page = root_client.get(url).content.decode()
    assert "Current boundary: <strong>PowerUserAccess</strong>" in page
    assert root_client.post(BASE + "boundary/remove/").status_code == 302
    alice.refresh_from_db()
    assert alice.permissions_boundary is None


def test_a_reader_sees_the_changes_disabled_with_the_denial(reader_client, aws_policy, alice):
    permissions_boundary_put(entity=alice, policy=aws_policy("PowerUserAccess"))
    html = reader_client.get(BASE + "?tab=permissions").content.decode()
    assert "Remove boundary" not in html
    assert ('disabled title="User: arn:aws:iam::111111111111:user/reader is not authorized to '
            'perform: iam:AttachUserPolicy') in html


def test_crlf_line_breaks_from_the_browser_are_stored_as_lf(root_client, alice):
    root_client.post(BASE + "inline-policies/create/",
                     {"policy_name": "crlf", "policy_document": GOOD.replace("\n", "\r\n")})
    assert InlinePolicy.objects.get(user=alice).document_text == GOOD
