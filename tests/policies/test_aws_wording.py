"""AWS's wording of refused policy documents (the /aws endpoint's Message)."""

import json

import pytest

from policies.validation import validate_policy
from policies.validation.aws_wording import aws_message, detail_text

TRUST = {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
         "Action": "sts:AssumeRole"}
READ = {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bkt/*"}


def worded(statement, policy_type="identity", with_document=True):
    text = json.dumps({"Version": "2012-10-17", "Statement": [statement]})
    report = validate_policy(text, policy_type)
    assert not report.ok
    findings = [f.as_dict() for f in report.findings]
    return aws_message(text if with_document else None, policy_type, findings)


@pytest.mark.parametrize("statement, policy_type, message", [
    ({**READ, "Effect": "allow"}, "identity", "The policy failed legacy parsing"),
    ({**READ, "Resource": "bkt"}, "identity", 'Resource bkt must be in ARN format or "*".'),
    ({**READ, "Sid": "a-b"}, "identity", "Statement IDs (SID) must be alpha-numeric. Check "
     "that your input satisfies the regular expression [0-9A-Za-z]*"),
    ({**READ, "Principal": "*"}, "identity", "Policy document should not specify a principal."),
    ({"Effect": "Allow", "Action": "sts:AssumeRole"}, "trust",
     "Missing required field Principal"),
    ({**TRUST, "Resource": "*"}, "trust", "Has prohibited field Resource."),
])
def test_refusals_are_worded_as_iam_words_them(statement, policy_type, message):
    assert worded(statement, policy_type) == message


def test_without_the_document_our_first_finding_in_iams_order_words_it():
    statement = {"Effect": "Allow", "Action": "nope", "Sid": "x", "Resource": "*",
                 "Condition": {"DateLessThan": {"aws:CurrentTime": "never"}}}
    assert worded(statement, with_document=False) == "The policy failed legacy parsing"
    assert worded({**READ, "Effect": "Maybe"}, "scp") == "Syntax errors in policy."


def test_the_detail_lists_each_refusal_where_it_is():
    text = json.dumps({"Version": "2012-10-17", "Statement": [READ, {**READ, "Effect": "x"}]})
    report = validate_policy(text, "identity")
    detail = detail_text([{"field": "policy_input_list[1]", **f.as_dict()}
                          for f in report.findings])
    assert detail.startswith("policy_input_list[1], statement 2, Effect, line 1, column ")
    assert detail.endswith('Effect must be exactly "Allow" or "Deny".')
