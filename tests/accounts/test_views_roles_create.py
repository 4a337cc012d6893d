"""The create-role wizard: trusted entity, permissions, name and details, review, create."""

from __future__ import annotations

from html import unescape

import pytest

from accounts import trust_templates as trust
from accounts.models import InstanceProfile, Role
from tests.accounts.roles_support import form_data, submit
from tests.factories import InstanceProfileFactory, ManagedPolicyFactory, RoleFactory
from tests.helpers import is_fragment, user_client

pytestmark = pytest.mark.django_db
URL = "/roles/create/"
SSM_ARN = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"


def _step(response) -> str:
    html = response.content.decode()
    start = html.index('aria-current="step"')
    return html[start:html.index("</li>", start)]


def _to_review(client, *, trust_changes, policies=None, **details):
    page = client.get(URL)
    page = submit(client, page, URL, "next", **trust_changes)
    assert "Add permissions" in _step(page), page.content.decode()[:3000]
    if policies is not None:
        page = submit(client, page, URL, "next", policies=policies)
    else:
        page = submit(client, page, URL, "next")
    assert "Name and details" in _step(page)
    page = submit(client, page, URL, "next", **{"name": "MyRole", **details})
    assert "Review and create" in _step(page), page.content.decode()
    return page


def test_the_first_step_offers_every_trusted_entity_type_and_use_case(root_client):
    html = root_client.get(URL).content.decode()
    assert "Step 1 of 4: Select trusted entity" in html
    for label in ("AWS service", "AWS account", "Web identity", "SAML 2.0 federation",
                  "Custom trust policy", "EC2 Role for AWS Systems Manager", "Lambda"):
        assert label in html
    assert 'data-policy-editor' in html and '"policy_type": "trust"' in html


def test_next_without_a_use_case_says_so_beside_it(root_client):
    response = submit(root_client, root_client.get(URL), URL, "next")
    assert response.status_code == 400
    assert "Choose a use case." in response.content.decode()
    assert "Select trusted entity" in _step(response)


def test_the_ssm_use_case_preselects_its_policy_once(root_client):
    page = submit(root_client, root_client.get(URL), URL, "next", use_case="ec2-ssm")
    data = form_data(page)
    assert data["policies"] == [SSM_ARN]
    assert data["preselected_for"] == ["ec2-ssm"]
    # Unchecked by the person, it stays unchecked when they come back through step 1.
    page = submit(root_client, page, URL, "back", policies=[])
    page = submit(root_client, page, URL, "next")
    assert "policies" not in form_data(page)


def test_back_and_next_keep_every_step_input(root_client):
    page = root_client.get(URL)
    page = submit(root_client, page, URL, "next", entity_type="aws_account",
                  account_choice="other", other_account_id="444455556666",
                  require_external_id="on", external_id="Partner-42")
    page = submit(root_client, page, URL, "next")
    page = submit(root_client, page, URL, "back", name="Partner", description="For them")
    page = submit(root_client, page, URL, "back")
    data = form_data(page)
    assert data["entity_type"] == ["aws_account"]
    assert data["other_account_id"] == ["444455556666"]
    assert data["external_id"] == ["Partner-42"]
    assert data["name"] == ["Partner"] and data["description"] == ["For them"]
    page = submit(root_client, page, URL, "next")
    page = submit(root_client, page, URL, "next")
    html = page.content.decode()
    assert 'value="Partner"' in html and "For them" in html


def test_account_trust_rules_are_checked_beside_their_fields(root_client):
    page = submit(root_client, root_client.get(URL), URL, "next", entity_type="aws_account",
                  account_choice="other", other_account_id="12345",
                  require_external_id="on", external_id="x")
    html = page.content.decode()
    assert page.status_code == 400
    assert "An account ID has exactly 12 digits." in html
    assert "An external ID has 2 to 1,224 characters" in html
    assert 'value="12345"' in html  # what was typed stays


def test_an_invalid_custom_trust_policy_is_reported_with_its_position(root_client):
    bad = '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", ' \
          '"Principal": {"Service": "ec2.amazonaws.com"}, "Action": "s3:GetObject"}]\n}'
    page = submit(root_client, root_client.get(URL), URL, "next", entity_type="custom",
                  trust_policy=bad)
    html = page.content.decode()
    assert page.status_code == 400
    assert "Statement 1 · Ln 3, Col" in html and "Trust policies only allow" in html
    assert "s3:GetObject" in form_data(page)["trust_policy"][0]


def test_the_review_shows_the_exact_trust_policy_and_arn(root_client):
    page = _to_review(root_client, trust_changes={"use_case": "lambda"}, path="/fn/")
    html = page.content.decode()
    assert "arn:aws:iam::111111111111:role/fn/MyRole" in html
    expected = trust.to_text(trust.aws_service_trust(["lambda.amazonaws.com"]))
    assert expected in unescape(html)
    assert "AWS service: lambda" in html
    assert "an instance profile with the same name is created" not in html


def test_creating_the_ssm_role_attaches_its_policy_and_makes_an_instance_profile(root_client,
                                                                                 account):
    page = _to_review(root_client, trust_changes={"use_case": "ec2-ssm"},
                      description="Managed instances", max_session_hours="2",
                      tag_key=["team"], tag_value=["ops"])
    assert "an instance profile with the same name is created" in page.content.decode()
    response = submit(root_client, page, URL, "create")
    assert response.status_code == 302
    assert response["Location"] == "/roles/details/MyRole/"
    role = Role.objects.get(account=account, name="MyRole")
    assert role.trust_policy_document == trust.aws_service_trust(["ec2.amazonaws.com"])
    assert list(role.policy_attachments.values_list("policy__arn", flat=True)) == [SSM_ARN]
    assert (role.description, role.max_session_duration, role.tags) == (
        "Managed instances", 7200, {"team": "ops"})
    profile = InstanceProfile.objects.get(account=account, name="MyRole")
    assert profile.role == role
    followed = root_client.get(response["Location"])
    assert "Instance profile MyRole created with it." in followed.content.decode()


def test_a_lambda_role_gets_no_instance_profile(root_client, account):
    page = _to_review(root_client, trust_changes={"use_case": "lambda"})
    assert submit(root_client, page, URL, "create").status_code == 302
    assert not InstanceProfile.objects.filter(account=account).exists()


@pytest.mark.parametrize("changes, principal", [
    ({"entity_type": "aws_account", "account_choice": "this", "require_mfa": "on"},
     {"AWS": "arn:aws:iam::111111111111:root"}),
    ({"entity_type": "web_identity", "web_provider": "google", "audience": "app-1"},
     {"Federated": "accounts.google.com"}),
    ({"entity_type": "saml", "saml_provider": "arn:aws:iam::111111111111:saml-provider/Okta",
      "saml_access": "console"},
     {"Federated": "arn:aws:iam::111111111111:saml-provider/Okta"}),
])
def test_each_entity_type_creates_its_trust_policy(root_client, account, changes, principal):
    page = _to_review(root_client, trust_changes=changes)
    assert submit(root_client, page, URL, "create").status_code == 302
    statement = Role.objects.get(account=account, name="MyRole").trust_policy_document[
        "Statement"][0]
    assert statement["Principal"] == principal


def test_a_custom_trust_policy_is_stored_as_typed(root_client, account):
    text = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", ' \
           '"Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}'
    page = _to_review(root_client, trust_changes={"entity_type": "custom", "trust_policy": text})
    assert submit(root_client, page, URL, "create").status_code == 302
    role = Role.objects.get(account=account, name="MyRole")
    assert role.trust_policy == text
    # It trusts EC2, so the console makes the instance profile too.
    assert InstanceProfile.objects.filter(account=account, name="MyRole", role=role).exists()


def test_a_taken_name_sends_the_person_back_to_the_name_keeping_input(root_client, account):
    page = _to_review(root_client, trust_changes={"use_case": "lambda"},
                      description="Keep me")
    RoleFactory(account=account, name="myrole")
    response = submit(root_client, page, URL, "create")
    html = response.content.decode()
    assert response.status_code == 409  # EntityAlreadyExists, shown beside the name
    assert "Name and details" in _step(response)
    assert "Role with name MyRole already exists." in html
    assert "Keep me" in html


def test_a_taken_instance_profile_name_is_shown_beside_the_name(root_client, account):
    InstanceProfileFactory(account=account, name="MyRole")
    page = _to_review(root_client, trust_changes={"use_case": "ec2"})
    response = submit(root_client, page, URL, "create")
    assert response.status_code == 409
    assert "Instance Profile MyRole already exists." in response.content.decode()
    assert not Role.objects.filter(account=account).exists()


def test_name_and_tag_rules_are_checked_on_next(root_client):
    page = submit(root_client, root_client.get(URL), URL, "next", use_case="lambda")
    page = submit(root_client, page, URL, "next")
    response = submit(root_client, page, URL, "next", name="bad name!", path="nope",
                      tag_key=["aws:reserved"], tag_value=["x"])
    html = response.content.decode()
    assert response.status_code == 400
    assert "may contain only letters, digits" in html
    assert "A path is / or starts and ends with /" in html
    assert "reserved prefix aws:" in html
    assert 'value="bad name!"' in html and 'value="aws:reserved"' in html


def test_tag_rows_can_be_added_and_removed(root_client):
    page = submit(root_client, root_client.get(URL), URL, "next", use_case="lambda")
    page = submit(root_client, page, URL, "next")
    page = submit(root_client, page, URL, "add_tag", tag_key=["a"], tag_value=["1"])
    assert form_data(page)["tag_key"] == ["a", ""]
    page = submit(root_client, page, URL, "remove_tag_0", tag_key=["a", "b"],
                  tag_value=["1", "2"])
    assert form_data(page)["tag_key"] == ["b"]


def test_the_permissions_step_keeps_picks_and_a_boundary(root_client, account):
    mine = ManagedPolicyFactory(account=account, name="AppAccess")
    page = submit(root_client, root_client.get(URL), URL, "next", use_case="lambda")
    html = page.content.decode()
    assert "Permissions policies" in html and "AppAccess" in html
    page = submit(root_client, page, URL, "next", policies=[mine.arn],
                  boundary="arn:aws:iam::aws:policy/ReadOnlyAccess")
    page = submit(root_client, page, URL, "next", name="MyRole")
    html = page.content.decode()
    assert "AppAccess" in html and "Customer managed" in html
    assert "arn:aws:iam::aws:policy/ReadOnlyAccess" in html
    assert submit(root_client, page, URL, "create").status_code == 302
    role = Role.objects.get(account=account, name="MyRole")
    assert role.permissions_boundary.name == "ReadOnlyAccess"
    assert role.policy_attachments.get().policy == mine


def test_more_than_ten_policies_are_refused_on_the_step(root_client, account):
    policies = [ManagedPolicyFactory(account=account).arn for _ in range(11)]
    page = submit(root_client, root_client.get(URL), URL, "next", use_case="lambda")
    response = submit(root_client, page, URL, "next", policies=policies)
    assert response.status_code == 400
    assert "at most 10 managed policies" in response.content.decode()


def test_enter_in_the_policy_search_filters_instead_of_moving_on(root_client):
    page = submit(root_client, root_client.get(URL), URL, "next", use_case="lambda")
    page = submit(root_client, page, URL, "refresh", policies_q="AmazonSSMManagedInstanceCore")
    html = page.content.decode()
    assert "Add permissions" in _step(page)
    assert "AmazonSSMManagedInstanceCore" in html and "AdministratorAccess" not in html


def test_the_policy_picker_answers_a_fragment_keeping_the_selection(root_client, account):
    mine = ManagedPolicyFactory(account=account, name="AppAccess")
    response = root_client.get("/pickers/policies/", {
        "field": "policies", "policies_q": "ReadOnlyAccess", "policies": [mine.arn],
        "policies_scope": "AWS"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and is_fragment(response)
    html = response.content.decode()
    assert 'value="' + mine.arn + '" checked' in html  # kept, though it does not match
    assert 'value="arn:aws:iam::aws:policy/ReadOnlyAccess"' in html
    customer = root_client.get("/pickers/policies/", {
        "field": "policies", "policies_scope": "Local"}, HTTP_HX_REQUEST="true")
    assert "AppAccess" in customer.content.decode()
    assert "ReadOnlyAccess" not in customer.content.decode()


def test_the_picker_never_offers_another_accounts_policies(root_client, other_account):
    ManagedPolicyFactory(account=other_account, name="TheirPolicy")
    response = root_client.get("/pickers/policies/", {"field": "policies",
                                                      "policies_q": "Their"})
    assert "TheirPolicy" not in response.content.decode()


def test_the_name_is_checked_as_it_is_typed(root_client, account):
    RoleFactory(account=account, name="Taken")
    url = "/roles/create/check-name/"
    ok = root_client.get(url, {"name": "Fresh"}, HTTP_HX_REQUEST="true")
    assert is_fragment(ok) and "Fresh is available." in ok.content.decode()
    assert "already exists" in root_client.get(url, {"name": "taken"}).content.decode()
    assert "may contain only" in root_client.get(url, {"name": "a b"}).content.decode()


def test_without_create_role_the_wizard_is_refused(account, aws_policy):
    client = user_client(account, "reader", aws_policy("IAMReadOnlyAccess"))
    response = client.get(URL)
    assert response.status_code == 403
    assert b"iam:CreateRole" in response.content


def test_odd_posts_never_leave_the_wizard(root_client):
    page = _to_review(root_client, trust_changes={"use_case": "lambda"})
    again = submit(root_client, page, URL, "next")
    assert again.status_code == 200 and "Review and create" in _step(again)
    for step, nav in (("9", "next"), ("x", "goto_7"), ("2", "remove_tag_x")):
        response = root_client.post(URL, {"step": step, "nav": nav})
        assert response.status_code in (200, 400)
