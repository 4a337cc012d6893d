"""Create policy (editor → review, Back/Next keep input) and edit (a new version)."""

import pytest

from policies.models import ManagedPolicy, PolicyVersion
from policies.services import policy_create
from tests.documents import document_text
from tests.factories import PolicyVersionFactory
from tests.helpers import user_client
from tests.policies.policy_views_support import (
    S3_READ,
    S3_READ_TEXT,
    S3_WRITE,
    S3_WRITE_TEXT,
    detail,
)

pytestmark = pytest.mark.django_db
# May create policies under the /team/ path only. The create flow's pages are authorized on
# arn:aws:iam::<account>:policy/* (a literal *, written ${*} in a policy), so it opens.
TEAM_ONLY = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "iam:CreatePolicy", "Resource": "arn:aws:iam::*:policy/*"},
    {"Effect": "Deny", "Action": "iam:CreatePolicy",
     "NotResource": ["arn:aws:iam::*:policy/team/*", "arn:aws:iam::*:policy/${*}"]},
]}
BROKEN = '{\n    "Version": "2012-10-17",\n    "Statement": [\n        {"Effect": "Allow"\n    ]\n}'
INVALID = document_text({"Effect": "Allow", "Action": "s3:GetObject"}, indent=4)


class TestCreate:
    def test_the_first_step_starts_from_a_template_in_the_editor(self, root_client):
        response = root_client.get("/policies/create/")
        html = response.content.decode()
        assert response.status_code == 200
        assert "Specify permissions" in html and 'aria-current="step"' in html
        assert 'name="policy_document"' in html and "&quot;Statement1&quot;" in html
        assert 'data-mode="visual"' in html and 'data-mode="json"' in html
        assert 'hx-post="/policies/validate/"' in html

    def test_create_opens_on_the_visual_editor_and_back_reopens_the_editor_used(self,
                                                                               root_client):
        assert 'data-start-mode="visual"' in root_client.get("/policies/create/").content.decode()
        for mode in ("visual", "json"):
            review = root_client.post("/policies/create/", {
                "policy_document": S3_READ_TEXT, "action": "next", "editor_mode": mode})
            assert f'name="editor_mode" value="{mode}"' in review.content.decode()
            back = root_client.post("/policies/create/", {
                "policy_document": S3_READ_TEXT, "action": "back", "editor_mode": mode})
            assert f'data-start-mode="{mode}"' in back.content.decode()
        # A rejected document opens on the JSON editor, beside its findings.
        rejected = root_client.post("/policies/create/", {
            "policy_document": BROKEN, "action": "next", "editor_mode": "visual"})
        assert 'data-start-mode="json"' in rejected.content.decode()

    @pytest.mark.parametrize("document, message", [
        (BROKEN, "Fix the 1 error"), (INVALID, "Resource"),
    ])
    def test_next_refuses_an_invalid_document_and_keeps_the_text(self, root_client, document,
                                                                 message):
        response = root_client.post("/policies/create/", {
            "policy_document": document, "action": "next", "name": "Typed",
            "tag_key": ["team"], "tag_value": ["blue"]})
        html = response.content.decode()
        assert response.status_code == 400
        assert message in html
        assert response.context["document_form"]["policy_document"].value() == document
        # What was typed on the other step rides along in hidden fields.
        assert 'name="name" value="Typed"' in html and 'name="tag_value" value="blue"' in html

    def test_next_shows_the_review_with_the_arn_and_the_summary(self, root_client):
        response = root_client.post("/policies/create/", {
            "policy_document": S3_READ_TEXT, "action": "next"})
        html = response.content.decode()
        assert response.status_code == 200 and response.context["step"] == 2
        assert "Review and create" in html
        assert "arn:aws:iam::111111111111:policy/&lt;policy-name&gt;" in html
        assert response.context["summary"].service("s3").access_text == "Limited: List, Read"
        assert 'hx-post="/policies/summary-preview/"' in html
        assert '<input type="hidden" name="policy_document"' in html

    def test_the_review_opens_without_flagging_the_name_not_typed_yet(self, root_client):
        """Next shows the details empty, as AWS does: "required" only after Create policy."""
        response = root_client.post("/policies/create/", {
            "policy_document": S3_READ_TEXT, "action": "next", "name": "", "path": "/"})
        html = response.content.decode()
        assert response.status_code == 200 and response.context["step"] == 2
        assert "This field is required" not in html and "has-error" not in html
        assert 'name="path" value="/"' in html

    def test_the_review_keeps_the_details_typed_before_previous(self, root_client):
        response = root_client.post("/policies/create/", {
            "policy_document": S3_READ_TEXT, "action": "next", "name": "Reports",
            "description": "Read reports", "path": "/teams/"})
        html = response.content.decode()
        assert 'name="name" value="Reports"' in html and 'value="/teams/"' in html
        assert "Read reports</textarea>" in html
        assert "arn:aws:iam::111111111111:policy/teams/Reports" in html

    def test_previous_goes_back_with_everything_typed(self, root_client):
        response = root_client.post("/policies/create/", {
            "policy_document": S3_READ_TEXT, "action": "back", "name": "Reports",
            "description": "Read reports", "path": "/teams/", "tag_key": ["team"],
            "tag_value": ["finance"]})
        html = response.content.decode()
        assert response.context["step"] == 1
        assert response.context["document_form"]["policy_document"].value() == S3_READ_TEXT
        for hidden in ('name="name" value="Reports"', 'name="path" value="/teams/"',
                       'name="description" value="Read reports"',
                       'name="tag_key" value="team"', 'name="tag_value" value="finance"'):
            assert hidden in html

    def test_create_stores_the_exact_text_and_goes_to_the_new_policy(self, root_client, account):
        document = S3_READ_TEXT + "\n"
        response = root_client.post("/policies/create/", {
            "policy_document": document, "action": "create", "name": "Reports",
            "description": "Read reports", "path": "/teams/", "tag_key": ["team", ""],
            "tag_value": ["finance", ""]})
        policy = ManagedPolicy.objects.get(account=account, name="Reports")
        assert response.status_code == 302
        assert response["Location"] == detail(policy.arn)
        assert policy.arn == "arn:aws:iam::111111111111:policy/teams/Reports"
        assert policy.tags == {"team": "finance"} and policy.description == "Read reports"
        assert policy.versions.get().document_text == document
        page = root_client.get(response["Location"])
        assert "Policy Reports created." in page.content.decode()

    @pytest.mark.parametrize("fields, field, message", [
        ({"name": "bad name!"}, "name", "letters, digits"),
        ({"name": ""}, "name", "required"),
        ({"name": "Ok", "path": "no-slash"}, "path", "starts and ends with /"),
        ({"name": "Ok", "description": "x" * 1001}, "description", "1,000"),
    ])
    def test_bad_details_show_beside_the_field_and_keep_input(self, root_client, fields, field,
                                                               message):
        data = {"policy_document": S3_READ_TEXT, "action": "create", "tag_key": ["k"],
                "tag_value": ["v"], **fields}
        response = root_client.post("/policies/create/", data)
        assert response.status_code == 400 and response.context["step"] == 2
        form = response.context["details_form"]
        assert message in " ".join(form.errors[field])
        html = response.content.decode()
        assert 'class="field has-error"' in html
        assert 'value="k"' in html and 'value="v"' in html

    def test_a_name_taken_ignoring_case_is_refused_beside_the_name(self, root_client, account):
        policy_create(account=account, name="Reports", policy_document=S3_READ)
        response = root_client.post("/policies/create/", {
            "policy_document": S3_READ_TEXT, "action": "create", "name": "REPORTS"})
        assert response.status_code == 409
        assert "already exists" in response.context["details_form"].errors["name"][0]

    @pytest.mark.parametrize("keys, values, message", [
        (["aws:reserved"], ["x"], "aws:"), (["", ], ["orphan"], "has no key"),
        (["a", "a"], ["1", "2"], "given twice"),
    ])
    def test_bad_tags_are_reported_and_rows_kept(self, root_client, keys, values, message):
        response = root_client.post("/policies/create/", {
            "policy_document": S3_READ_TEXT, "action": "create", "name": "Tagged",
            "tag_key": keys, "tag_value": values})
        assert response.status_code == 400
        assert message in response.context["tag_error"]
        assert response.context["tag_rows"] == [(k, v) for k, v in zip(keys, values,
                                                                        strict=True)]
        assert not ManagedPolicy.objects.filter(name="Tagged").exists()

    def test_the_flow_needs_create_policy_and_creating_is_checked_on_the_new_arn(
        self, account, aws_policy
    ):
        reader = user_client(account, "reader", aws_policy("IAMReadOnlyAccess"))
        response = reader.get("/policies/create/")
        assert response.status_code == 403
        assert "iam:CreatePolicy on resource: arn:aws:iam::111111111111:policy/*" in (
            response.content.decode())
        # Allowed to create policies under /team/ only: the flow opens, other paths are refused.
        team = policy_create(account=account, name="CreateTeamPolicies",
                             policy_document=TEAM_ONLY)
        creator = user_client(account, "creator", team)
        assert creator.get("/policies/create/").status_code == 200
        response = creator.post("/policies/create/", {
            "policy_document": S3_READ_TEXT, "action": "create", "name": "Nope"})
        assert response.status_code == 403
        assert "iam:CreatePolicy on resource: arn:aws:iam::111111111111:policy/Nope" in (
            response.content.decode())
        assert not ManagedPolicy.objects.filter(name="Nope").exists()
        response = creator.post("/policies/create/", {
            "policy_document": S3_READ_TEXT, "action": "create", "name": "Ok",
            "path": "/team/"})
        assert response.status_code == 302
        assert ManagedPolicy.objects.filter(name="Ok", path="/team/").exists()


class TestEdit:
    @pytest.fixture
    def policy(self, account):
        return policy_create(account=account, name="Reports", policy_document=S3_READ_TEXT)

    def test_the_editor_starts_from_the_default_versions_text(self, root_client, policy):
        response = root_client.get(f"/policies/edit/{policy.arn}")
        assert response.status_code == 200
        assert response.context["form"]["policy_document"].value() == S3_READ_TEXT
        html = response.content.decode()
        assert 'name="set_as_default"' in html and "checked" in html
        assert "delete_version" not in html  # only at the version limit

    def test_saving_adds_a_default_version(self, root_client, policy):
        response = root_client.post(f"/policies/edit/{policy.arn}", {
            "policy_document": S3_WRITE_TEXT, "set_as_default": "on"})
        assert response.status_code == 302
        assert response["Location"] == detail(policy.arn, "versions")
        new = PolicyVersion.objects.get(policy=policy, number=2)
        assert new.is_default and new.document == S3_WRITE
        page = root_client.get(response["Location"]).content.decode()
        assert "Version v2 of Reports created and set as the default." in page

    def test_saving_without_set_as_default_keeps_the_default(self, root_client, policy):
        root_client.post(f"/policies/edit/{policy.arn}", {"policy_document": S3_WRITE_TEXT})
        assert PolicyVersion.objects.get(policy=policy, is_default=True).number == 1
        assert PolicyVersion.objects.filter(policy=policy).count() == 2

    def test_an_invalid_document_keeps_the_text_and_reports_the_error(self, root_client, policy):
        response = root_client.post(f"/policies/edit/{policy.arn}", {
            "policy_document": BROKEN, "set_as_default": "on"})
        assert response.status_code == 400
        assert response.context["form"]["policy_document"].value() == BROKEN
        assert response.context["form"].errors["policy_document"]
        assert PolicyVersion.objects.filter(policy=policy).count() == 1

    def test_at_the_limit_limit_exceeded_is_shown_with_the_hint(self, root_client, policy):
        for _ in range(4):
            policy.refresh_from_db()
            PolicyVersionFactory(policy=policy)
        page = root_client.get(f"/policies/edit/{policy.arn}").content.decode()
        assert "already has the maximum of 5 versions" in page
        assert 'name="delete_version"' in page
        response = root_client.post(f"/policies/edit/{policy.arn}", {
            "policy_document": S3_WRITE_TEXT})
        html = response.content.decode()
        assert response.status_code == 409
        assert "LimitExceeded:" in html and "up to 5 versions" in html
        assert "Choose a version to delete below" in html
        assert response.context["form"]["policy_document"].value() == S3_WRITE_TEXT

    def test_at_the_limit_a_chosen_version_is_deleted_in_the_same_save(self, root_client,
                                                                       policy):
        for _ in range(4):
            policy.refresh_from_db()
            PolicyVersionFactory(policy=policy)
        response = root_client.post(f"/policies/edit/{policy.arn}", {
            "policy_document": S3_WRITE_TEXT, "delete_version": "v2", "set_as_default": "on"})
        assert response.status_code == 302
        numbers = sorted(PolicyVersion.objects.filter(policy=policy)
                         .values_list("number", flat=True))
        assert numbers == [1, 3, 4, 5, 6]

    def test_a_failed_save_does_not_delete_the_chosen_version(self, root_client, policy):
        for _ in range(4):
            policy.refresh_from_db()
            PolicyVersionFactory(policy=policy)
        response = root_client.post(f"/policies/edit/{policy.arn}", {
            "policy_document": INVALID, "delete_version": "v2"})
        assert response.status_code == 400
        assert PolicyVersion.objects.filter(policy=policy).count() == 5

    def test_the_default_version_cannot_be_chosen_for_deletion(self, root_client, policy):
        response = root_client.post(f"/policies/edit/{policy.arn}", {
            "policy_document": S3_WRITE_TEXT, "delete_version": "v1"})
        assert response.status_code == 400
        assert "delete_version" in response.context["form"].errors

    def test_aws_managed_policies_cannot_be_edited(self, root_client):
        """AWS refuses a version of its own policies even to the root user (AccessDenied)."""
        arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
        for response in (root_client.get(f"/policies/edit/{arn}"),
                         root_client.post(f"/policies/edit/{arn}",
                                          {"policy_document": S3_WRITE_TEXT})):
            assert response.status_code == 403
            assert f"iam:CreatePolicyVersion on resource: {arn}" in response.content.decode()

    def test_another_accounts_policy_cannot_be_edited(self, root_client, other_account):
        theirs = policy_create(account=other_account, name="Theirs", policy_document=S3_READ)
        response = root_client.post(f"/policies/edit/{theirs.arn}", {
            "policy_document": S3_WRITE_TEXT, "set_as_default": "on"})
        assert response.status_code in (403, 404)
        assert PolicyVersion.objects.filter(policy=theirs).count() == 1

    def test_the_editor_opens_only_for_who_may_create_a_version(self, account, aws_policy,
                                                                 policy):
        reader = user_client(account, "reader", aws_policy("IAMReadOnlyAccess"))
        response = reader.get(f"/policies/edit/{policy.arn}")
        assert response.status_code == 403
        assert f"iam:CreatePolicyVersion on resource: {policy.arn}" in response.content.decode()
