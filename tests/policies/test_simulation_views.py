"""The simulator page and its htmx fragments."""

import json
import re
from html import unescape
from urllib.parse import parse_qs, urlparse

import pytest

from accounts.services import group_add_user, group_create, user_create
from policies.engine import service_reference as ref
from policies.services import inline_policy_put, policy_attach_to_group, policy_create
from policies.services import policy_attach_to_group as attach
from policies.simulation import decode_state
from tests.documents import allow, document
from tests.factories import IamUserFactory, RoleFactory
from tests.helpers import TRAIL_QUERIES, sign_in

PAGE = "/simulator/"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def alice(account, aws_policy):
    """alice reads everything through the Readers group and may not read one bucket."""
    user = user_create(account=account, name="alice")
    readers = group_create(account=account, name="Readers")
    policy_attach_to_group(group=readers, policy=aws_policy("ReadOnlyAccess"))
    group_add_user(group=readers, user=user)
    inline_policy_put(entity=user, name="OfficeOnly", policy_document=json.dumps(document(
        {"Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::secret/*",
         "Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}})))
    return user


def run(client, **fields):
    data = {"mode": "principal", **fields}
    return client.post(PAGE, data, **HTMX)


def html(response) -> str:
    return response.content.decode()


# -- the page ----------------------------------------------------------------------------------
def test_the_page_lists_only_this_accounts_principals(root_client, account, other_account):
    IamUserFactory(account=account, name="mine")
    group_create(account=account, name="Team")
    RoleFactory(account=account, name="Worker")
    IamUserFactory(account=other_account, name="theirs")
    page = html(root_client.get(PAGE))
    assert "<h1>Policy simulator</h1>" in page
    for name in ("mine", "Team", "Worker"):
        assert f">{name}</option>" in page
    assert "theirs" not in page
    assert 'nav-link is-current" href="/simulator/"' in page  # the left nav lights up


def test_preselecting_a_principal_lists_its_policies(root_client, alice):
    page = html(root_client.get(f"{PAGE}?principal={alice.arn}"))
    assert f'<option value="{alice.arn}" selected>alice</option>' in page
    assert "ReadOnlyAccess" in page and "Via group Readers" in page
    assert 'name="exclude" value="arn:aws:iam::aws:policy/ReadOnlyAccess"' in page
    assert 'name="exclude" value="user/alice/OfficeOnly"' in page
    # The context table lists the key the policies test, typed as an IP address.
    assert "<code>aws:SourceIp</code>" in page
    assert re.search(r'<option value="ip" selected>IP address</option>', page)
    # ...and the keys the principal fills in itself.
    assert "<code>aws:username</code></dt><dd>alice</dd>" in page


def test_preselecting_another_accounts_principal_shows_no_policies(root_client, other_account):
    outsider = user_create(account=other_account, name="outsider", tags={"secret": "x"})
    page = html(root_client.get(f"{PAGE}?principal={outsider.arn}"))
    assert "is not authorized to perform: iam:SimulatePrincipalPolicy" in page
    assert 'name="exclude"' not in page


def test_preselecting_a_policy_opens_it_as_a_custom_policy(root_client, aws_policy):
    page = html(root_client.get(f"{PAGE}?policy=arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"))
    assert re.search(r'value="custom" checked', page)
    assert "s3:Get*" in page  # the policy's text fills Policy 1


def test_preselecting_actions(root_client):
    page = html(root_client.get(f"{PAGE}?action=s3:GetObject&action=iam:CreateUser"))
    assert 'data-sim-row="s3:GetObject"' in page and 'data-sim-row="iam:CreateUser"' in page
    assert "arn:aws:s3:::${BucketName}/${ObjectName}" in page  # the ARN template to insert


# -- running -----------------------------------------------------------------------------------
def test_running_answers_the_results_fragment_and_pushes_a_shareable_url(root_client, alice):
    response = run(root_client, principal=alice.arn,
                   action=["iam:CreateUser", "s3:GetObject"],
                   **{"resource:s3:GetObject": "arn:aws:s3:::secret/k"},
                   ctx_key_0="ignored", **{"ctx_key-0": "aws:SourceIp", "ctx_type-0": "ip",
                                           "ctx_value-0": "198.51.100.1"})
    assert response.status_code == 200
    fragment = html(response)
    assert "<h1>" not in fragment  # a fragment, not the page
    assert fragment.count('data-decision="implicitDeny"') == 1
    assert fragment.count('data-decision="explicitDeny"') == 1
    assert "OfficeOnly (inline policy, embedded) statement 1 explicitly denies" in fragment
    assert 'data-policy="p' in fragment and "sim-policy-data" in fragment
    pushed = response["HX-Push-Url"]
    state = decode_state(parse_qs(urlparse(pushed).query)["s"][0])
    assert state["policy_source_arn"] == alice.arn
    assert state["context_entries"] == [
        {"key": "aws:SourceIp", "values": ["198.51.100.1"], "type": "ip"}]
    # The pushed URL reopens the page with the same results.
    reopened = html(root_client.get(pushed))
    assert reopened.count('data-decision="explicitDeny"') == 1
    assert 'value="198.51.100.1"' in reopened


def test_the_statement_viewer_gets_the_evaluated_text_and_position(root_client, alice):
    fragment = html(run(root_client, principal=alice.arn, action=["s3:ListBucket"]))
    data = json.loads(re.search(
        r'<script id="sim-policy-data" type="application/json">(.*?)</script>', fragment,
        re.S).group(1))
    (key, policy), = [(k, p) for k, p in data.items() if p["name"] == "ReadOnlyAccess"]
    assert policy["via"] == "Via group Readers" and '"Version"' in policy["text"]
    link = re.search(rf'data-policy="{key}" data-start-line="(\d+)"', fragment)
    line = policy["text"].split("\n")[int(link.group(1)) - 1]
    assert line.strip() == "{"


def test_errors_point_at_the_field_and_keep_the_input(root_client):
    broken = '{"Version": "2012-10-17", "Statement": [}'
    response = root_client.post(PAGE, {"mode": "custom", "policy-0": "{}", "policy-1": broken,
                                       "action": ["s3:GetObject"]}, **HTMX)
    fragment = html(response)
    assert "The simulation did not run: fix" in fragment
    assert 'href="#id_policy-1" data-sim-focus="id_policy-1" data-line="1"' in fragment
    assert ">Policy 2</a>" in fragment
    assert "HX-Push-Url" in response  # the link keeps the broken input too
    full = root_client.post(PAGE, {"mode": "custom", "policy-0": broken, "action": ["x"]})
    assert full.status_code == 400
    assert "&quot;Statement&quot;: [}" in html(full)  # what was typed is still there


def test_a_damaged_link_says_so(root_client):
    page = html(root_client.get(f"{PAGE}?s=garbage"))
    assert "This simulation link is damaged" in page


def test_running_without_actions_names_the_actions_field(root_client, alice):
    fragment = html(run(root_client, principal=alice.arn))
    assert 'href="#sim-actions"' in fragment and "at least one action" in fragment


# -- fragments ---------------------------------------------------------------------------------
def test_the_policies_fragment(root_client, alice):
    fragment = html(root_client.get(f"{PAGE}policies/?principal={alice.arn}", **HTMX))
    assert "2 policies apply to user alice" in fragment
    assert "Edit for this simulation" in fragment
    missing = html(root_client.get(f"{PAGE}policies/?principal=arn:aws:iam::111111111111:user/x"))
    assert "cannot be found" in missing


def test_the_action_picker_groups_by_access_level(root_client):
    fragment = html(root_client.get(f"{PAGE}actions/?service=s3", **HTMX))
    levels = re.findall(r"data-sim-level-toggle> (\w[\w ]*?) <span", fragment)
    assert levels == ["List", "Read", "Write", "Permissions management", "Tagging"]
    assert 'value="s3:GetObject" data-sim-action data-level="Read"' in fragment
    assert "Select all" in fragment and "actions of this service" in fragment
    searched = html(root_client.get(f"{PAGE}actions/?service=s3&q=objecttagging", **HTMX))
    assert "s3:GetObjectTagging" in searched and "s3:ListBucket\"" not in searched
    assert "No service has the prefix" in html(root_client.get(f"{PAGE}actions/?service=zz"))


def test_the_context_fragment_keeps_values_and_adds_keys(root_client, alice):
    fragment = html(root_client.post(f"{PAGE}context/", {
        "mode": "principal", "principal": alice.arn,
        "ctx_key-0": "aws:SourceIp", "ctx_type-0": "ip", "ctx_value-0": "10.0.0.9",
        "ctx_origin-0": "policy", "add_key": "aws:RequestedRegion",
    }, **HTMX))
    assert 'value="10.0.0.9"' in fragment
    assert "<code>aws:RequestedRegion</code>" in fragment and "Added by you" in fragment
    assert "OfficeOnly" in fragment  # which policy tests aws:SourceIp
    notice = html(root_client.post(f"{PAGE}context/", {"mode": "custom",
                                                      "add_key_custom": "no key"}, **HTMX))
    assert "is not a condition key" in notice


def test_no_principal_chosen_yet_is_not_an_error_in_the_context(root_client, alice):
    """A fresh page (principal mode, nobody chosen) lists no keys and reports no problem;
    keys typed by hand stay."""
    page = html(root_client.get(PAGE))
    assert "could not be listed" not in page and "policy_input_list" not in page
    fragment = html(root_client.post(f"{PAGE}context/", {
        "mode": "principal", "principal": "", "ctx_key-0": "aws:SourceIp", "ctx_type-0": "ip",
        "ctx_value-0": "10.0.0.9", "ctx_origin-0": "user"}, **HTMX))
    assert "could not be listed" not in fragment and 'value="10.0.0.9"' in fragment


def test_the_editor_fragment(root_client, alice):
    blank = html(root_client.get(f"{PAGE}editor/?name=scp-1-0&kind=scp&label=SCP", **HTMX))
    assert 'name="scp-1-0"' in blank and '"policy_type": "scp"' in blank
    edit = root_client.get(f"{PAGE}editor/", {
        "name": "override-0", "kind": "identity", "principal": alice.arn,
        "key": "user/alice/OfficeOnly"})
    assert 'name="override_key-0" value="user/alice/OfficeOnly"' in html(edit)
    assert "NotIpAddress" in html(edit)
    assert "Edited for this simulation only" in html(edit)
    bad = root_client.get(f"{PAGE}editor/", {"name": "override-0", "principal": alice.arn,
                                            "key": "user/bob/Nope"})
    assert bad.status_code == 400
    assert root_client.get(f"{PAGE}editor/?name=evil&kind=identity").status_code == 400


def test_a_managed_policy_can_be_loaded_into_an_editor(root_client, account):
    body = root_client.get(f"{PAGE}policy-text/?policy=readonlyaccess").json()
    assert body["arn"] == "arn:aws:iam::aws:policy/ReadOnlyAccess" and "Statement" in body["text"]
    assert root_client.get(f"{PAGE}policy-text/?policy=Nope").status_code == 404
    names = html(root_client.get(f"{PAGE}policy-names/", **HTMX))
    assert '<option value="ReadOnlyAccess">arn:aws:iam::aws:policy/ReadOnlyAccess</option>' in names


# -- who may use what --------------------------------------------------------------------------
def test_a_user_who_may_only_simulate_principals_gets_principal_mode(client, account, alice):
    trainee = user_create(account=account, name="trainee")
    inline_policy_put(entity=trainee, name="Sim", policy_document=json.dumps(document(
        allow("iam:SimulatePrincipalPolicy", alice.arn), allow("iam:ListUsers"))))
    sign_in(client, trainee)
    page = html(client.get(PAGE))
    assert re.search(r'value="custom"\s+disabled', page)
    assert "You may not simulate custom policies" in page
    assert "User groups are not listed" in page
    # alice's managed policy text is hidden from a user who may not read it.
    listing = html(client.get(f"{PAGE}policies/?principal={alice.arn}"))
    assert "You may not read this policy" in listing
    assert client.get(f"{PAGE}policy-text/?policy=ReadOnlyAccess").status_code == 403
    assert client.get(f"{PAGE}policy-names/").status_code == 403


def test_a_user_without_simulate_permissions_is_refused_everywhere(client, account):
    sign_in(client, user_create(account=account, name="nobody"))
    for url in (PAGE, f"{PAGE}actions/?service=s3", f"{PAGE}editor/?name=policy-0"):
        response = client.get(url)
        assert response.status_code == 403
        assert b"is not authorized to perform: iam:SimulatePrincipalPolicy" in response.content


# -- bounded queries ---------------------------------------------------------------------------
@pytest.mark.parametrize("count", [5, 500])
def test_the_page_runs_a_bounded_number_of_queries(root_client, account, alice, count,
                                                   django_assert_max_num_queries):
    IamUserFactory.create_batch(count, account=account)
    # 13: the root caller's account generation is read too (a member account's root user is
    # bound by its organization's SCPs); 1 more: the simulated principal's organization.
    with django_assert_max_num_queries(14 + TRAIL_QUERIES):
        response = root_client.get(f"{PAGE}?principal={alice.arn}")
    assert response.content.count(b"<option value=\"arn:aws:iam::111111111111:user/") >= count


@pytest.mark.parametrize("count", [5, 500])
def test_a_run_runs_a_bounded_number_of_queries(root_client, account, alice, count,
                                                django_assert_max_num_queries):
    group = group_create(account=account, name="Many")
    group_add_user(group=group, user=alice)
    for n in range(min(count, 9)):
        attach(group=group, policy=policy_create(account=account, name=f"P{n}",
                                                 policy_document=json.dumps(document(allow("sqs:*")))))
    IamUserFactory.create_batch(count, account=account)
    # 9: the root caller's generation (SCPs bind it); 1 more: the simulated principal's
    # organization (its SCPs and RCPs take part).
    with django_assert_max_num_queries(10 + TRAIL_QUERIES):
        response = run(root_client, principal=alice.arn, action=["s3:GetObject", "sqs:SendMessage"])
    assert response.content.count(b'data-decision="allowed"') == 2


def test_every_action_of_a_service_fits_in_one_post(root_client, alice):
    actions = [[a.full_name, ""] for a in ref.get_service("ec2").actions.values()]
    response = root_client.post(PAGE, {"mode": "principal", "principal": alice.arn,
                                       "actions_json": json.dumps(actions)}, **HTMX)
    assert response.status_code == 200
    assert response.content.count(b"<tr data-decision=") == len(actions)


@pytest.mark.parametrize("query, message", [
    ("principal=foo", "is not the ARN of a user, group or role"),
    ("principal=arn:aws:iam::111111111111:policy/P", "is not the ARN of a user, group or role"),
    ("policy=nonsense", "cannot be found"),
])
def test_odd_preselections_are_explained_not_failed(root_client, query, message):
    response = root_client.get(f"{PAGE}?{query}")
    assert response.status_code == 200
    assert message in html(response)


def test_a_policy_can_be_preselected_by_name(root_client, aws_policy):
    page = html(root_client.get(f"{PAGE}?policy=AmazonS3ReadOnlyAccess"))
    assert "s3:Get*" in page
    assert root_client.get(f"{PAGE}editor/?name=override-0&principal=foo&key=x").status_code == 400


def test_an_edited_copy_of_a_policy_too_long_as_written_runs_unchanged(root_client, alice,
                                                                        aws_policy):
    """ReadOnlyAccess is 146,474 characters as written: its copy is indented less, to fit."""
    readonly = aws_policy("ReadOnlyAccess")
    written = readonly.versions.get(is_default=True).document_text
    assert len(written) > 131_072
    edit = html(root_client.get(f"{PAGE}editor/", {
        "name": "override-0", "kind": "identity", "principal": alice.arn, "key": readonly.arn}))
    text = unescape(re.search(r'<textarea name="override-0"[^>]*>(.*?)</textarea>', edit,
                              re.S).group(1)).lstrip("\n")
    assert len(text) <= 131_072
    assert json.loads(text) == json.loads(written)
    assert '\n  "Statement"' in text  # still indented, 2 spaces instead of 4
    loaded = root_client.get(f"{PAGE}policy-text/?policy=ReadOnlyAccess").json()["text"]
    assert loaded == text

    response = run(root_client, principal=alice.arn, action=["s3:GetObject"],
                   **{"override_key-0": readonly.arn, "override-0": text})
    assert response.status_code == 200
    assert "DocumentTooLong" not in html(response)
    assert html(response).count('data-decision="allowed"') == 1
