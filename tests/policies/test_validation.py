"""Policy validation: grammar per policy type, positions, sizes and lint warnings."""

import json

import pytest

from iamconsole.exceptions import MalformedPolicyDocument
from policies.validation import parse, policy_size, validate_policy
from tests.documents import document_text

ALLOW_S3 = {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bkt/*"}
TRUST_EC2 = {
    "Effect": "Allow",
    "Principal": {"Service": "ec2.amazonaws.com"},
    "Action": "sts:AssumeRole",
}


def codes(report, severity=None):
    return [f.code for f in report.findings if severity in (None, f.severity)]


def test_a_valid_identity_policy_has_no_findings():
    report = validate_policy(document_text(ALLOW_S3), "identity")
    assert report.ok and report.findings == ()
    assert report.document["Statement"][0]["Action"] == "s3:GetObject"


def test_json_syntax_errors_carry_line_and_column():
    text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow",}\n  ]\n}'
    report = validate_policy(text, "identity")
    assert not report.ok
    (finding,) = report.errors
    assert finding.code == "InvalidJson"
    assert (finding.line, finding.column) == (4, 24)
    assert "Trailing comma" in finding.message


def test_errors_name_the_statement_element_and_position():
    text = document_text(ALLOW_S3, {**ALLOW_S3, "Effect": "allow"})
    report = validate_policy(text, "identity")
    (finding,) = report.errors
    assert (finding.code, finding.statement_index) == ("InvalidEffect", 1)
    assert finding.element == "Effect"
    line = text.splitlines()[finding.line - 1]
    assert line[finding.column - 1 :].startswith('"allow"')
    assert finding.location == f"statement 2, Effect, line {finding.line}, column {finding.column}"


@pytest.mark.parametrize(
    "statement, code, element",
    [
        ({"Effect": "Allow", "Resource": "*"}, "MissingAction", "Action"),
        ({"Effect": "Allow", "Action": "s3:*"}, "MissingResource", "Resource"),
        ({"Action": "s3:*", "Resource": "*"}, "MissingEffect", "Effect"),
        ({**ALLOW_S3, "NotAction": "s3:PutObject"}, "ConflictingElements", "NotAction"),
        ({**ALLOW_S3, "NotResource": "*"}, "ConflictingElements", "NotResource"),
        ({**ALLOW_S3, "Principal": "*"}, "PrincipalNotAllowed", "Principal"),
        ({**ALLOW_S3, "Sid": "has space"}, "InvalidSid", "Sid"),
        ({**ALLOW_S3, "Colour": "blue"}, "UnknownElement", "Colour"),
        ({**ALLOW_S3, "Condition": None}, "NullElement", "Condition"),
        ({**ALLOW_S3, "Action": []}, "EmptyList", "Action"),
        ({**ALLOW_S3, "Action": "s3*:GetObject"}, "InvalidAction", "Action"),
        ({**ALLOW_S3, "Action": "s3:Get:Object"}, "InvalidAction", "Action"),
        ({**ALLOW_S3, "Action": "GetObject"}, "InvalidAction", "Action"),
        ({**ALLOW_S3, "Resource": "arn:aws:s3:us-east-1::bkt"}, "InvalidResource", "Resource"),
        ({**ALLOW_S3, "Resource": "arn:aws::::bkt"}, "InvalidResource", "Resource"),
        ({**ALLOW_S3, "Resource": [None]}, "EmptyList", "Resource"),
        ({**ALLOW_S3, "Action": 7}, "InvalidType", "Action"),
        ({**ALLOW_S3, "Resource": "bucket/*"}, "InvalidResource", "Resource"),
        ({**ALLOW_S3, "Resource": "arn:nope:s3:::b"}, "InvalidResource", "Resource"),
        ({**ALLOW_S3, "Resource": "arn:aws:iam:us-east-1:111111111111:user/a"},
         "InvalidResource", "Resource"),
        ({**ALLOW_S3, "Resource": "arn:aws:iam::111111111111:bucket/a"},
         "InvalidResource", "Resource"),
    ],
)
def test_identity_statement_rules(statement, code, element):
    report = validate_policy(document_text(statement), "identity")
    found = [(f.code, f.element) for f in report.errors]
    assert (code, element) in found


def test_sids_must_be_unique():
    text = document_text({**ALLOW_S3, "Sid": "Read"}, {**ALLOW_S3, "Sid": "Read"})
    report = validate_policy(text, "identity")
    (finding,) = report.errors
    assert finding.code == "DuplicateSid" and finding.statement_index == 1
    assert "statement 1" in finding.message


@pytest.mark.parametrize(
    "text, code",
    [
        ("[]", "NotAnObject"),
        ('{"Version": "2012-10-17"}', "MissingStatement"),
        ('{"Version": "2012-10-17", "Statement": []}', "EmptyStatement"),
        ('{"Version": "2012-10-17", "Statement": "x"}', "InvalidStatement"),
        ('{"Version": "2012-10-18", "Statement": {"Effect": "Allow", "Action": "*", '
         '"Resource": "*"}}', "InvalidVersion"),
        ('{"Version": "2012-10-17", "Extra": 1, "Statement": {"Effect": "Allow", '
         '"Action": "*", "Resource": "*"}}', "UnknownElement"),
        ('{"Version": "2012-10-17", "Version": "2012-10-17", "Statement": {"Effect": "Allow", '
         '"Action": "*", "Resource": "*"}}', "DuplicateKey"),
        ("", "EmptyDocument"),
        ("   ", "EmptyDocument"),
    ],
)
def test_document_level_rules(text, code):
    assert code in codes(validate_policy(text, "identity"), "error")


def test_a_single_statement_object_is_accepted():
    text = json.dumps({"Version": "2012-10-17", "Statement": ALLOW_S3})
    assert validate_policy(text, "identity").ok


def test_characters_outside_latin1_are_refused_with_their_position():
    body = {"Version": "2012-10-17", "Statement": [{**ALLOW_S3, "Sid": "Caf\u0113"}]}
    text = json.dumps(body, indent=2, ensure_ascii=False)
    report = validate_policy(text, "identity")
    finding = next(f for f in report.errors if f.code == "InvalidCharacter")
    assert text.splitlines()[finding.line - 1][finding.column - 1] == "\u0113"


def test_size_counts_characters_excluding_whitespace():
    text = document_text(ALLOW_S3)
    assert policy_size(text) == len("".join(text.split()))
    assert validate_policy(text, "identity", max_size=policy_size(text)).ok
    report = validate_policy(text, "identity", max_size=policy_size(text) - 1)
    assert codes(report, "error") == ["PolicySizeExceeded"]


def test_iam_stores_identity_policies_only_in_the_current_language():
    for version in (None, "2008-10-17"):
        report = validate_policy(document_text(ALLOW_S3, version=version), "identity")
        assert [(f.code, f.severity) for f in report.findings][:1] in (
            [("MissingVersion", "error")], [("InvalidVersion", "error")])


def test_missing_version_is_a_warning_for_policies_iam_does_not_store():
    report = validate_policy(document_text(TRUST_EC2, version=None), "trust")
    assert report.ok and codes(report) == ["MissingVersion"]


@pytest.mark.parametrize(
    "statement, code",
    [
        ({**ALLOW_S3, "Action": "s3:Get Object"}, "InvalidAction"),
        ({**ALLOW_S3, "Action": "service-prefix:action-name"}, "InvalidAction"),
        ({**ALLOW_S3, "Action": "s3.s:ListBucket"}, "InvalidAction"),
        ({**ALLOW_S3, "Resource": "arn:aws:fdsasf"}, "InvalidResource"),
        ({**ALLOW_S3, "Resource": ["arn:aws:s3:::bkt/*", None]}, "NullEntry"),
        ({**ALLOW_S3, "Condition": {"StringEquals": {}}}, "InvalidCondition"),
        ({**ALLOW_S3, "Condition": {"Whatever": {}}}, "InvalidConditionOperator"),
        ({**ALLOW_S3, "Condition": {"StringEquals": {"aws:username": []}}}, "InvalidCondition"),
        ({**ALLOW_S3, "Condition": {"DateLessThan": {"aws:CurrentTime": "01T"}}},
         "InvalidConditionValue"),
        ({**ALLOW_S3, "Condition": {"DateLessThan": {"aws:CurrentTime": "2016-12-13t2:00:00+23"}}},
         "InvalidConditionValue"),
    ],
)
def test_what_iam_accepts_but_matches_nothing_is_a_warning(statement, code):
    """IAM stores these (AWS's own answers, recorded in moto's tests): we warn, not refuse."""
    report = validate_policy(document_text(statement), "identity")
    assert report.ok, report.errors
    assert code in codes(report, "warning")


def test_dates_iam_cannot_read_are_refused():
    condition = {"DateLessThan": {"aws:CurrentTime": "9223372036854775808"}}
    report = validate_policy(document_text({**ALLOW_S3, "Condition": condition}), "identity")
    assert codes(report, "error") == ["InvalidConditionValue"]


@pytest.mark.parametrize(
    "condition, code",
    [
        ({"StringEqualz": {"aws:username": "a"}}, "InvalidConditionOperator"),
        ({"ForSomeValues:StringEquals": {"aws:TagKeys": "a"}}, "InvalidConditionOperator"),
        ({"NullIfExists": {"aws:TokenIssueTime": "true"}}, "InvalidConditionOperator"),
        ({"DateGreaterThan": {"aws:CurrentTime": "yesterday"}}, "InvalidConditionValue"),
        ({"NumericLessThan": {"s3:max-keys": "ten"}}, "InvalidConditionValue"),
        ({"Bool": {"aws:SecureTransport": "yes"}}, "InvalidConditionValue"),
        ({"IpAddress": {"aws:SourceIp": "10.0.0.300/8"}}, "InvalidConditionValue"),
        ({"StringEquals": {"aws:username": {"nested": 1}}}, "InvalidCondition"),
        ({"StringEquals": "x"}, "InvalidCondition"),
        ("not an object", "InvalidCondition"),
    ],
)
def test_condition_rules(condition, code):
    report = validate_policy(document_text({**ALLOW_S3, "Condition": condition}), "identity")
    assert code in codes(report, "error")


@pytest.mark.parametrize(
    "condition",
    [
        {"ForAllValues:StringEqualsIgnoreCase": {"aws:TagKeys": ["a", "b"]}},
        {"forallvalues:stringequals": {"aws:TagKeys": "a"}},
        {"DateGreaterThan": {"aws:CurrentTime": "2024-01-01T00:00:00Z"}},
        {"DateLessThan": {"aws:CurrentTime": "1700000000"}},
        {"Bool": {"aws:MultiFactorAuthPresent": True}},
        {"NumericLessThanEquals": {"aws:MultiFactorAuthAge": 3600}},
        {"IpAddressIfExists": {"aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"]}},
        {"Null": {"aws:TokenIssueTime": "true"}},
        {"StringLike": {"aws:PrincipalTag/team": "${aws:username}"}},
        {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111111111111:role/*"}},
    ],
)
def test_valid_conditions_pass(condition):
    assert validate_policy(document_text({**ALLOW_S3, "Condition": condition}), "identity").ok


def test_trust_policy_rules():
    assert validate_policy(document_text(TRUST_EC2), "trust").ok
    report = validate_policy(document_text({**TRUST_EC2, "Resource": "*"}), "trust")
    assert "ResourceNotAllowed" in codes(report, "error")
    report = validate_policy(document_text({**TRUST_EC2, "Action": "s3:GetObject"}), "trust")
    assert "InvalidTrustAction" in codes(report, "error")
    no_principal = {k: v for k, v in TRUST_EC2.items() if k != "Principal"}
    report = validate_policy(document_text(no_principal), "trust")
    assert "MissingPrincipal" in codes(report, "error")
    wildcard = {**TRUST_EC2, "Action": ["sts:AssumeRole", "sts:TagSession"]}
    assert validate_policy(document_text(wildcard), "trust").ok


@pytest.mark.parametrize(
    "principal, valid",
    [
        ("*", True),
        ({"AWS": "111111111111"}, True),
        ({"AWS": "arn:aws:iam::111111111111:root"}, True),
        ({"AWS": ["arn:aws:iam::111111111111:user/a", "arn:aws:iam::111111111111:role/x/y"]},
         True),
        ({"AWS": "arn:aws:sts::111111111111:assumed-role/r/s"}, True),
        ({"Service": "lambda.amazonaws.com"}, True),
        ({"Federated": "cognito-identity.amazonaws.com"}, True),
        ("arn:aws:iam::111111111111:root", False),
        ({"AWS": "alice"}, False),
        ({"Service": "lambda"}, False),
        ({"Users": "x"}, False),
        ({}, False),
    ],
)
def test_principal_forms(principal, valid):
    statement = {"Effect": "Allow", "Principal": principal, "Action": "s3:GetObject",
                 "Resource": "arn:aws:s3:::bkt/*"}
    report = validate_policy(document_text(statement), "resource")
    assert ("InvalidPrincipal" not in codes(report, "error")) is valid


def test_resource_policies_require_a_principal():
    report = validate_policy(document_text(ALLOW_S3), "resource")
    assert "MissingPrincipal" in codes(report, "error")


def test_rcp_rules():
    good = {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*",
            "Condition": {"BoolIfExists": {"aws:SecureTransport": "false"}}}
    assert validate_policy(document_text(good), "rcp").ok
    for bad, code in [
        ({**good, "Effect": "Allow"}, "InvalidEffect"),
        ({**good, "Principal": {"AWS": "111111111111"}}, "InvalidPrincipal"),
        ({**good, "Action": "*"}, "InvalidAction"),
    ]:
        assert code in codes(validate_policy(document_text(bad), "rcp"), "error")
    legacy = validate_policy(document_text(good, version="2008-10-17"), "rcp")
    assert "InvalidVersion" in codes(legacy)


def test_scp_and_endpoint_rules():
    assert validate_policy(document_text({**ALLOW_S3, "Principal": "*"}), "scp").errors
    endpoint = {**ALLOW_S3, "NotPrincipal": {"AWS": "111111111111"}}
    assert "NotPrincipalNotAllowed" in codes(validate_policy(document_text(endpoint), "endpoint"))


@pytest.mark.parametrize(
    "statement, policy_type, code",
    [
        ({"Effect": "Allow", "Action": "*", "Resource": "*"}, "identity", "FullAccess"),
        ({"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}, "identity",
         "PassRoleWithStarResource"),
        ({"Effect": "Allow", "Action": "iam:*", "Resource": "*"}, "identity",
         "PassRoleWithStarResource"),
        ({"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}, "identity",
         "AllowWithNotAction"),
        ({"Effect": "Deny", "NotPrincipal": {"AWS": "111111111111"}, "Action": "s3:*",
          "Resource": "arn:aws:s3:::b/*"}, "resource", "DenyWithNotPrincipal"),
    ],
)
def test_lint_warnings_for_risky_patterns(statement, policy_type, code):
    report = validate_policy(document_text(statement), policy_type)
    assert report.ok, report.errors
    assert code in codes(report, "warning")


def test_variables_under_the_legacy_version_are_flagged():
    statement = {**ALLOW_S3, "Resource": "arn:aws:s3:::home/${aws:username}/*"}
    statement = {**statement, "Principal": "*"}
    report = validate_policy(document_text(statement, version="2008-10-17"), "resource")
    assert "VariablesNeedVersion2012" in codes(report, "warning")
    current = validate_policy(document_text(statement), "resource")
    assert "VariablesNeedVersion2012" not in codes(current)


def test_raise_if_invalid_carries_every_finding():
    report = validate_policy(document_text({**ALLOW_S3, "Effect": "Maybe"}), "identity")
    with pytest.raises(MalformedPolicyDocument) as caught:
        report.raise_if_invalid()
    assert "Effect" in caught.value.message and "statement 1" in caught.value.message
    assert caught.value.details[0]["code"] == "InvalidEffect"
    validate_policy(document_text(ALLOW_S3), "identity").raise_if_invalid()


def test_the_parser_keeps_spans_of_values():
    text = '{"a": [1, "two", {"b": null}]}'
    root = parse(text)
    items = root.get("a").items
    assert text[items[1].start : items[1].end] == '"two"'
    assert text[items[2].start : items[2].end] == '{"b": null}'


@pytest.mark.parametrize(
    "text", ['{"a": 01}', '{"a": 1.}', '{"a": "\\x"}', '{"a" 1}', '{a: 1}', '{"a": tru}',
             '[' * 100 + ']' * 100, '{"a": "line\nbreak"}', '{"a": 1} x']
)
def test_the_parser_refuses_invalid_json(text):
    report = validate_policy(text, "identity")
    assert codes(report, "error")[0] in ("InvalidJson",)


def test_unknown_actions_and_condition_keys_are_warnings_not_errors():
    statement = {**ALLOW_S3, "Action": ["s3:GetObjekt", "s3:Get*", "nosuchservice:Do", "s3:Zz*"],
                 "Condition": {"StringEquals": {"s3:nosuchkey": "x", "aws:SourceVpc": "vpc-1"}}}
    report = validate_policy(document_text(statement), "identity")
    assert report.ok
    messages = {f.message for f in report.warnings}
    assert "s3:GetObjekt is not an action of the service s3." in messages
    assert "s3:Zz* matches no action of the service s3." in messages
    assert any("'nosuchservice' is not in the service authorization reference" in m
               for m in messages)
    keys = [f for f in report.warnings if f.code == "UnknownConditionKey"]
    assert [k.message.split()[0] for k in keys] == ["s3:nosuchkey"]


def test_federation_keys_in_trust_policies_are_known():
    statement = {"Effect": "Allow", "Principal": {"Federated": "accounts.google.com"},
                 "Action": "sts:AssumeRoleWithWebIdentity",
                 "Condition": {"StringEquals": {"accounts.google.com:aud": "client-id",
                                                "SAML:aud": "https://signin.aws.amazon.com/saml"}}}
    report = validate_policy(document_text(statement), "trust")
    assert report.ok and "UnknownConditionKey" not in codes(report)


def test_condition_operators_that_do_not_suit_the_key_type_are_suggestions():
    statement = {**ALLOW_S3, "Condition": {"StringEquals": {"aws:CurrentTime": "2026-01-01"}}}
    report = validate_policy(document_text(statement), "identity")
    assert report.ok
    assert "ConditionTypeMismatch" in codes(report, "suggestion")


def test_unicode_escapes_decode_pairs_and_refuse_lone_surrogates():
    pair = document_text({**ALLOW_S3, "Sid": "A"}).replace('"Sid": "A"', '"Sid": "\\ud83d\\ude00"')
    assert parse(pair).get("Statement").items[0].get("Sid").value == "\U0001f600"
    lone = document_text({**ALLOW_S3, "Sid": "A"}).replace('"Sid": "A"', '"Sid": "x\\ud84b"')
    report = validate_policy(lone, "identity")
    (finding,) = report.errors
    assert finding.code == "InvalidJson" and "lone UTF-16 surrogate" in finding.message
    line = lone.splitlines()[finding.line - 1]
    assert line[finding.column - 1 :].startswith("\\ud84b")


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_findings_count_crlf_lf_and_a_bare_cr_as_line_ends(newline):
    """A finding's line and column are the same whichever line end the text uses."""
    text = newline.join([
        "{",
        '  "Version": "2012-10-17",',
        '  "Statement": [{"Effect": "allow", "Action": "*", "Resource": "*"}]',
        "}",
    ])
    (finding,) = validate_policy(text, "identity").errors
    assert finding.code == "InvalidEffect"
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (3, 28, 3, 35)
