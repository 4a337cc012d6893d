"""The simulation's JSON: parsing, pairs, the shareable link, and the page form's mapping."""

import base64
import json
import secrets
import zlib

import pytest
from django.http import QueryDict

from iamconsole.exceptions import InvalidInput
from policies.simulation import decode_state, encode_state, is_shareable, parse_simulation
from policies.simulation.context import context_type_for, typed_values
from policies.simulation.page import PageState, form_to_json
from policies.simulation.urlstate import MAX_SHAREABLE_LENGTH
from tests.documents import allow, document

FULL = {
    "mode": "principal",
    "policy_source_arn": "arn:aws:iam::111111111111:user/alice",
    "action_names": ["s3:GetObject", "iam:CreateUser"],
    "resource_arns": ["arn:aws:s3:::b/k"],
    "action_resources": {"iam:CreateUser": ["arn:aws:iam::111111111111:user/bob"]},
    "policy_exclusions": ["NoSecrets"],
    "policy_overrides": {"user/alice/NoSecrets": '{"Version": "2012-10-17", "Statement": []}'},
    "policy_input_list": [json.dumps(document(allow("sqs:*")))],
    "caller_arn": "arn:aws:iam::111111111111:user/alice",
    "resource_owner": "222222222222",
    "context_entries": [{"key": "aws:SourceIp", "values": ["10.1.2.3"], "type": "ip"}],
    "permissions_boundary_policy_input_list": [json.dumps(document(allow("*")))],
    "resource_policy": json.dumps(document({"Effect": "Allow", "Principal": "*",
                                            "Action": "s3:*"})),
    "scp_levels": [[json.dumps(document(allow("*")))], []],
    "rcp_levels": [[json.dumps(document({"Effect": "Deny", "Principal": "*", "Action": "s3:*",
                                          "Resource": "*"}))]],
    "endpoint_policies": [json.dumps(document({"Effect": "Allow", "Principal": "*", "Action": "*",
                                               "Resource": "*"}))],
}


def test_a_full_simulation_survives_a_round_trip_through_json():
    parsed = parse_simulation(FULL, "principal")
    assert parsed.as_json() == FULL
    assert parse_simulation(parsed.as_json(), "principal") == parsed


def test_documents_given_as_objects_are_kept_as_four_space_text():
    parsed = parse_simulation({"policy_input_list": [document(allow("s3:*"))],
                               "action_names": ["s3:GetObject"]}, "custom")
    assert parsed.policy_input_list == (json.dumps(document(allow("s3:*")), indent=4),)


def test_pairs_follow_the_input_order_without_duplicates():
    parsed = parse_simulation({
        "policy_input_list": [], "action_names": ["s3:GetObject", "s3:getobject",
                                                  "s3:ListAllMyBuckets", "iam:GetUser"],
        "resource_arns": ["arn:aws:s3:::a/1", "arn:aws:s3:::a/1", "*"],
        "action_resources": {"iam:GetUser": ["arn:aws:iam::111111111111:user/x"]},
    }, "custom")
    assert parsed.action_names == ("s3:GetObject", "s3:ListAllMyBuckets", "iam:GetUser")
    assert parsed.pairs() == [
        ("s3:GetObject", "arn:aws:s3:::a/1"), ("s3:GetObject", "*"),
        ("s3:ListAllMyBuckets", "*"), ("iam:GetUser", "arn:aws:iam::111111111111:user/x"),
    ]


@pytest.mark.parametrize("key, kind", [
    ("aws:SourceIp", "ip"), ("aws:TagKeys", "stringList"), ("aws:CurrentTime", "date"),
    ("aws:MultiFactorAuthAge", "numeric"), ("aws:SecureTransport", "boolean"),
    ("aws:PrincipalTag/team", "string"), ("aws:PrincipalArn", "string"),
    ("s3:max-keys", "numeric"), ("iam:PassedToService", "string"), ("nosuch:key", "string"),
])
def test_context_types_come_from_the_service_reference(key, kind):
    assert context_type_for(key) == kind


def test_typed_values_are_normalised():
    assert typed_values("aws:SecureTransport", ["TRUE"], "boolean") == ("true",)
    assert typed_values("aws:SourceIp", [" 10.0.0.1 "], "ip") == ("10.0.0.1",)
    assert typed_values("aws:CurrentTime", ["1700000000"], "date") == ("1700000000",)
    assert typed_values("aws:TagKeys", [], "stringList") == ()


def test_a_shared_link_carries_the_simulation_and_refuses_damage():
    token = encode_state(FULL)
    assert decode_state(token) == FULL
    assert is_shareable(token)
    assert token == encode_state(dict(reversed(list(FULL.items()))))  # deterministic
    for damaged in (token[:-7], "not base64!", encode_state([1, 2])[:0] + "AAAA"):
        with pytest.raises(InvalidInput) as caught:
            decode_state(damaged)
        assert caught.value.field == "s"


def test_a_simulation_too_large_for_a_link_says_so():
    noise = secrets.token_hex(4000)  # incompressible
    assert not is_shareable(encode_state({"mode": "custom", "policy_input_list": [noise]}))
    assert MAX_SHAREABLE_LENGTH < 4094


def test_a_link_that_decompresses_to_something_huge_is_refused():
    bomb = base64.urlsafe_b64encode(zlib.compress(b"[" + b"0," * 600_000 + b"0]")).decode()
    with pytest.raises(InvalidInput):
        decode_state(bomb)


def _post(pairs):
    data = QueryDict(mutable=True)
    for key, value in pairs:
        data.appendlist(key, value)
    return data


def test_the_page_form_becomes_the_api_json_and_remembers_its_fields():
    post = _post([
        ("mode", "custom"), ("policy-0", '{"a": 1}'), ("policy-2", '{"b": 2}'), ("policy-1", " "),
        ("action", "s3:GetObject"), ("action", "iam:GetUser"),
        ("resource:s3:GetObject", "arn:aws:s3:::a/1\r\narn:aws:s3:::a/2\n"),
        ("resource:iam:GetUser", "*"),
        ("scp-0-0", "{}"), ("scp-2-0", "{}"), ("scp-2-1", "{}"),
        ("boundary", "{}"), ("caller_arn", " arn:aws:iam::1:user/x "),
        ("ctx_key-0", "aws:SourceIp"), ("ctx_type-0", "ip"), ("ctx_value-0", "10.0.0.1"),
        ("ctx_key-1", "aws:TagKeys"), ("ctx_type-1", "stringList"), ("ctx_value-1", "a\nb"),
        ("ctx_key-2", "aws:username"), ("ctx_type-2", "string"), ("ctx_value-2", ""),
        ("principal", "ignored in custom mode"), ("exclude", "ignored too"),
    ])
    data, refs = form_to_json(post)
    assert data == {
        "mode": "custom",
        "action_names": ["s3:GetObject", "iam:GetUser"],
        "action_resources": {"s3:GetObject": ["arn:aws:s3:::a/1", "arn:aws:s3:::a/2"]},
        "policy_input_list": ['{"a": 1}', '{"b": 2}'],
        "scp_levels": [["{}"], ["{}", "{}"]],
        "permissions_boundary_policy_input_list": ["{}"],
        "caller_arn": "arn:aws:iam::1:user/x",
        "context_entries": [
            {"key": "aws:SourceIp", "values": ["10.0.0.1"], "type": "ip"},
            {"key": "aws:TagKeys", "values": ["a", "b"], "type": "stringList"},
        ],
    }
    # Errors on API paths point back at the page's fields.
    assert refs["policy_input_list[1]"].field_id == "id_policy-2"
    assert refs["scp_levels[1][1]"].field_id == "id_scp-2-1"
    assert refs["scp_levels[1][1]"].label == "SCP level 2, policy 2"
    assert refs["context_entries[1].values"].field_id == "ctx_value-1"


def test_principal_mode_reads_exclusions_and_edits_only_for_edited_policies():
    post = _post([
        ("mode", "principal"), ("principal", "arn:aws:iam::111111111111:user/alice"),
        ("exclude", "arn:aws:iam::aws:policy/ReadOnlyAccess"), ("policy-0", '{"ignored": 1}'),
        ("override_key-3", "user/alice/NoSecrets"), ("override-3", '{"x": 1}'),
        ("override_key-4", "user/alice/Empty"), ("override-4", "  "),
        ("action", "s3:GetObject"),
    ])
    data, refs = form_to_json(post)
    assert data == {
        "mode": "principal", "action_names": ["s3:GetObject"],
        "policy_source_arn": "arn:aws:iam::111111111111:user/alice",
        "policy_exclusions": ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
        "policy_overrides": {"user/alice/NoSecrets": '{"x": 1}'},
    }
    assert refs["policy_overrides[user/alice/NoSecrets]"].field_id == "id_override-3"


def test_the_page_state_is_filled_from_the_json():
    state = PageState.from_json(FULL)
    assert state.mode == "principal" and state.principal == FULL["policy_source_arn"]
    assert state.exclusions == {"NoSecrets"}
    assert state.actions == [("s3:GetObject", "arn:aws:s3:::b/k"),
                             ("iam:CreateUser", "arn:aws:iam::111111111111:user/bob")]
    assert state.scp_levels[1] == [] and len(state.rcp_levels) == 1
    assert state.context[0].key == "aws:SourceIp" and state.context[0].origin == "user"
    assert state.has_optional_policies
    # Objects become editable text; junk is tolerated.
    tolerant = PageState.from_json({"policy_input_list": [{"Version": "2012-10-17"}, 3],
                                    "action_names": ["s3:GetObject", 7], "context_entries": [1]})
    assert tolerant.policies[0].startswith("{\n    \"Version\"")
    assert tolerant.actions == [("s3:GetObject", "*")]


def test_the_script_sends_the_selected_actions_as_one_field():
    rows = [["ec2:RunInstances", "arn:aws:ec2:us-east-1:1:instance/i-1"], ["ec2:DescribeVpcs", "*"],
            ["bad"], "junk"]
    data, _refs = form_to_json(_post([("mode", "custom"), ("actions_json", json.dumps(rows)),
                                      ("action", "ignored:WhenJsonIsSent")]))
    assert data["action_names"] == ["ec2:RunInstances", "ec2:DescribeVpcs"]
    assert data["action_resources"] == {
        "ec2:RunInstances": ["arn:aws:ec2:us-east-1:1:instance/i-1"]}
