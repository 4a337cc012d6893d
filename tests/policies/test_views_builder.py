"""The visual builder's htmx endpoints: services, statement cards, JSON → cards."""

import json
import re

import pytest

from tests.helpers import is_fragment, user_client
from tests.policies.policy_views_support import S3_READ

pytestmark = pytest.mark.django_db
STATEMENT_URL = "/policies/builder/statement/"


def test_services_are_searched_by_prefix_or_name(root_client):
    response = root_client.get("/policies/builder/services/?q=lambda", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert is_fragment(response)
    assert "<strong>AWS Lambda</strong> <code>lambda</code>" in html
    assert 'hx-vals=\'{"b_op": "set_service:lambda"}\'' in html
    assert "Popular services" in root_client.get("/policies/builder/services/").content.decode()
    assert "No service matches" in root_client.get(
        "/policies/builder/services/?q=zz-none").content.decode()


def test_a_new_card_asks_for_a_service(root_client):
    response = root_client.get(STATEMENT_URL, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert is_fragment(response) and '<fieldset class="builder-card"' in html
    assert 'hx-get="/policies/builder/services/"' in html
    assert "Choose a service and actions first." in html


def test_choosing_a_service_lists_its_actions_by_access_level(root_client):
    response = root_client.get(STATEMENT_URL + "?b_card=c1&b_op=set_service:sqs")
    html = response.content.decode()
    assert '<input type="hidden" name="b_service" value="sqs">' in html
    for level in ("Read", "Write", "Permissions management", "Tagging"):
        assert f'<span class="level-name">{level}</span>' in html
    assert 'name="b_action" value="sqs:SendMessage"' in html
    assert "All Amazon Simple Queue Service actions" in html or "sqs:*" in html


def test_chosen_actions_are_checked_and_resources_follow_them(root_client):
    response = root_client.get(STATEMENT_URL + "?b_card=c1&b_service=s3&b_action=s3:GetObject"
                               "&b_action=s3:Get*")
    html = response.content.decode()
    assert 'value="s3:GetObject" checked' in html
    assert '<code>s3:Get*</code><input type="hidden" name="b_action" value="s3:Get*">' in html
    assert "1 chosen" not in html  # the kept pattern counts too
    assert 'name="b_part_object_BucketName"' in html
    assert '<option value="s3:ExistingObjectTag/&lt;key&gt;">' in html


def test_the_details_part_answers_only_resources_and_conditions(root_client):
    response = root_client.get(STATEMENT_URL + "?b_card=c1&b_service=s3&b_action=s3:GetObject"
                               "&b_arn_type=object&b_part_object_BucketName=reports"
                               "&b_op=add_arn&b_part=details", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<fieldset" not in html and "b_all_actions" not in html
    assert '<input type="hidden" name="b_resource" value="arn:aws:s3:::reports/*">' in html
    assert '<option value="object" selected>' in html


def test_a_bad_condition_is_shown_with_what_was_typed(root_client):
    response = root_client.get(STATEMENT_URL + "?b_card=c1&b_service=s3&b_op=add_condition"
                               "&b_cond_key=aws:SourceIp&b_cond_op=IpAddress&b_cond_value=&b_part="
                               "details")
    html = response.content.decode()
    assert "Type at least one value" in html and 'value="aws:SourceIp"' in html


def test_from_json_builds_a_card_per_statement_and_keeps_others_raw(root_client):
    document = {"Version": "2012-10-17", "Id": "doc", "Statement": [
        *S3_READ["Statement"],
        {"Effect": "Deny", "NotAction": "iam:*", "Resource": "*"},
    ]}
    response = root_client.post("/policies/builder/from-json/",
                                {"policy_document": json.dumps(document, indent=4)})
    html = response.content.decode()
    assert html.count("<fieldset class=\"builder-card") == 2
    assert "Statement kept as JSON" in html and "it uses NotAction" in html
    base = html.split("data-builder-base>")[1].split("</script>")[0].split(">", 1)[1]
    assert json.loads(base) == {"Version": "2012-10-17", "Id": "doc"}
    assert 'value="s3:GetObject" checked' in html


def test_from_json_explains_a_syntax_error_with_its_position(root_client):
    response = root_client.post("/policies/builder/from-json/",
                                {"policy_document": '{\n  "Version": 1,\n  "Statement": [\n}'})
    html = response.content.decode()
    assert "The visual editor cannot show this document." in html
    assert "line 4, column 1" in html and "<fieldset" not in html


def test_the_builder_is_authorized_as_listing_policies(account, aws_policy):
    nobody = user_client(account, "nobody")
    for response in (nobody.get("/policies/builder/services/"), nobody.get(STATEMENT_URL),
                     nobody.post("/policies/builder/from-json/", {"policy_document": "{}"}),
                     nobody.post("/policies/summary-preview/", {"policy_document": "{}"})):
        assert response.status_code == 403
        assert "iam:ListPolicies" in response.content.decode()
    reader = user_client(account, "reader", aws_policy("IAMReadOnlyAccess"))
    assert reader.get("/policies/builder/services/").status_code == 200


def test_from_json_needs_post(root_client):
    assert root_client.get("/policies/builder/from-json/").status_code == 405


@pytest.mark.parametrize("actions, opens_on", [
    (["s3:GetObject"], "object"),  # not accesspointobject, listed first by the reference
    (["s3:ListBucket", "s3:GetObject"], "bucket"),  # the first chosen action's
    (["ec2:AttachVolume"], "volume"),
    (["ec2:RunInstances"], "instance"),
    (["dynamodb:GetItem"], "table"),  # its one required type
])
def test_the_resource_picker_opens_on_the_actions_first_resource_type(root_client, actions,
                                                                       opens_on):
    service = actions[0].partition(":")[0]
    query = "&".join(f"b_action={action}" for action in actions)
    html = root_client.get(f"{STATEMENT_URL}?b_card=c1&b_service={service}&{query}"
                           ).content.decode()
    selected = re.search(r'<option value="([^"]+)" selected>', html.split('data-arn-type')[1])
    assert selected.group(1) == opens_on
    assert f'data-arn-fields="{opens_on}">' in html  # its fields are the ones shown
