"""The visual builder's model: cards from statements and back, operations, reference lists."""

import json

import pytest
from django.http import QueryDict

from policies.builder import (
    Card,
    ConditionRow,
    RawStatement,
    action_groups,
    arn_from_template,
    card_from_params,
    card_from_statement,
    condition_keys,
    document_cards,
    resource_choices,
    search_services,
)


def _params(**fields):
    query = QueryDict(mutable=True)
    for key, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            query.appendlist(f"b_{key}", item)
    return query


STATEMENT = {
    "Sid": "ReadReports",
    "Effect": "Allow",
    "Action": ["s3:ListBucket", "s3:GetObject", "s3:Get*"],
    "Resource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"],
    "Condition": {"Bool": {"aws:SecureTransport": True},
                  "IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "198.51.100.0/24"]}},
}


def test_a_one_service_statement_becomes_a_card_and_back():
    card = card_from_statement(STATEMENT, "c1")
    assert isinstance(card, Card)
    assert (card.service, card.sid, card.effect) == ("s3", "ReadReports", "Allow")
    assert card.known_actions() == {"listbucket": "ListBucket", "getobject": "GetObject"}
    assert card.kept_patterns() == ["s3:Get*"]
    assert card.statement() == STATEMENT


def test_actions_come_back_in_the_pages_order_levels_then_names():
    card = card_from_statement({"Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject",
                                                               "s3:ListBucket"]})
    assert card.statement()["Action"] == ["s3:ListBucket", "s3:GetObject", "s3:PutObject"]


@pytest.mark.parametrize(
    "statement, reason",
    [
        ({"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}, "uses NotAction"),
        ({"Effect": "Allow", "Action": "*", "Resource": "*"}, "every service"),
        ({"Effect": "Allow", "Action": ["s3:GetObject", "ec2:RunInstances"], "Resource": "*"},
         "several services (ec2, s3)"),
        ({"Effect": "Allow", "Action": "nosuch:Thing", "Resource": "*"}, "service nosuch"),
        ({"Effect": "Allow", "Action": "s3:GetObject", "Principal": "*"}, "uses Principal"),
        ({"Effect": "Allow", "Action": "s3:GetObject", "Condition": ["x"]}, "Condition"),
        ({"Effect": "Maybe", "Action": "s3:GetObject"}, "neither Allow nor Deny"),
        ("a string", "not a JSON object"),
    ],
)
def test_statements_the_builder_cannot_show_are_kept_raw_with_a_reason(statement, reason):
    raw = card_from_statement(statement)
    assert isinstance(raw, RawStatement)
    assert reason in raw.reason
    assert raw.statement == statement


def test_service_wildcard_and_all_resources():
    card = card_from_statement({"Effect": "Deny", "Action": "S3:*", "Resource": "*"})
    assert card.all_actions and card.all_resources and card.service == "s3"
    assert card.statement() == {"Effect": "Deny", "Action": "s3:*", "Resource": "*"}


def test_document_cards_keep_top_level_members_and_report_syntax_errors():
    text = json.dumps({"Version": "2012-10-17", "Id": "x", "Statement": STATEMENT})
    built = document_cards(text)
    assert built.base == {"Version": "2012-10-17", "Id": "x"} and not built.error
    assert len(built.cards) == 1 and isinstance(built.cards[0], Card)
    broken = document_cards('{\n  "Version": "2012-10-17",\n  "Statement": [\n}')
    assert broken.cards == [] and "line 4, column 1" in broken.error
    assert "JSON object" in document_cards("[]").error
    empty = document_cards("   ")
    assert len(empty.cards) == 1 and empty.cards[0].service == ""


def test_params_round_trip_and_choosing_a_service_resets_the_card():
    card = card_from_params(_params(card="abc", effect="Deny", service="s3",
                                    action=["s3:GetObject"], resource=["arn:aws:s3:::b/*"]))
    assert card.statement() == {"Effect": "Deny", "Action": "s3:GetObject",
                                "Resource": "arn:aws:s3:::b/*"}
    changed = card_from_params(_params(service="s3", action=["s3:GetObject"],
                                       op="set_service:sqs"))
    assert (changed.service, changed.actions) == ("sqs", [])
    cleared = card_from_params(_params(service="s3", op="clear_service"))
    assert cleared.service == ""
    assert card_from_params(_params(service="nosuch")).service == ""
    assert card_from_params(_params(card="<script>")).card_id != "<script>"


def test_adding_an_arn_from_a_resource_type_fills_the_template():
    card = card_from_params(_params(service="s3", action=["s3:GetObject"], arn_type="object",
                                    part_object_BucketName="reports", op="add_arn"))
    assert card.resources == ["arn:aws:s3:::reports/*"] and not card.error
    assert arn_from_template("arn:${Partition}:sqs:${Region}:${Account}:${QueueName}",
                             {"QueueName": "jobs", "Region": " "}) == "arn:aws:sqs:*:*:jobs"


def test_adding_a_typed_arn_checks_it_and_keeps_it_on_error():
    card = card_from_params(_params(service="s3", arn_text="arn:aws:s3:::x", op="add_arn_text"))
    assert card.resources == ["arn:aws:s3:::x"]
    bad = card_from_params(_params(service="s3", arn_text="bucket-x", op="add_arn_text"))
    assert "starts with arn:" in bad.error and bad.pending["arn_text"] == "bucket-x"
    star = card_from_params(_params(service="s3", arn_text="*", op="add_arn_text"))
    assert star.all_resources and star.resources == []


def test_removing_rows_by_index():
    card = card_from_params(_params(service="s3", resource=["a", "b"], op="remove_resource:0"))
    assert card.resources == ["b"]
    cond = ConditionRow("Bool", "aws:SecureTransport", [True]).as_json()
    card = card_from_params(_params(service="s3", cond=[cond, cond], op="remove_condition:1"))
    assert len(card.conditions) == 1 and card.conditions[0].values == [True]


def test_adding_a_condition_with_qualifier_and_if_exists():
    card = card_from_params(_params(service="s3", cond_key="aws:TagKeys",
                                    cond_qualifier="ForAllValues:", cond_op="StringLike",
                                    cond_ifexists="on", cond_value="a, b ,", op="add_condition"))
    assert card.conditions[0].operator == "ForAllValues:StringLikeIfExists"
    assert card.statement()["Condition"] == {
        "ForAllValues:StringLikeIfExists": {"aws:TagKeys": ["a", "b"]}}
    assert not card.pending.get("cond_key")


@pytest.mark.parametrize(
    "fields, message",
    [({"cond_op": "StringEquals", "cond_value": "x"}, "condition key"),
     ({"cond_key": "aws:SourceIp", "cond_op": "Nope", "cond_value": "x"}, "operator"),
     ({"cond_key": "aws:SourceIp", "cond_op": "IpAddress", "cond_value": " , "}, "value")],
)
def test_a_bad_condition_is_refused_and_what_was_typed_kept(fields, message):
    card = card_from_params(_params(service="s3", op="add_condition", **fields))
    assert message in card.error and card.conditions == []
    assert card.pending["cond_value"] == fields["cond_value"]


def test_action_groups_follow_aws_levels_and_mark_the_chosen():
    card = card_from_statement({"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"})
    groups = action_groups(card)
    assert [g.level for g in groups] == ["Read", "Write", "Permissions management", "Tagging"]
    write = next(g for g in groups if g.level == "Write")
    assert write.checked == 1
    assert [a.name for a in write.actions if a.checked] == ["SendMessage"]


def test_resource_types_and_condition_keys_follow_the_chosen_actions():
    card = card_from_statement({"Effect": "Allow", "Action": ["s3:GetObject",
                                                               "s3:ListAllMyBuckets"]})
    choices, wildcard_only = resource_choices(card)
    assert {c.name for c in choices} == {"object", "accesspointobject"}
    assert wildcard_only == 1
    obj = next(c for c in choices if c.name == "object")
    assert obj.fields == ("BucketName", "ObjectName")
    service_keys, global_keys = condition_keys(card)
    assert "s3:ExistingObjectTag/<key>" in service_keys
    assert "aws:SourceIp" in global_keys
    assert not any(key.lower().startswith("aws:") for key in service_keys)


def test_search_services_ranks_prefix_matches_first():
    assert [s.prefix for s in search_services("s3")][0] == "s3"
    assert "lambda" in [s.prefix for s in search_services("Lambda")]
    assert [s.prefix for s in search_services("")][:3] == ["s3", "ec2", "iam"]
    assert search_services("zzzz-nothing") == []
