"""Each policy type's own rules: the Sid grammar, and lint that speaks of what a policy grants."""

import pytest

from policies.validation import validate_policy
from tests.documents import document_text

ALLOW_S3 = {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bkt/*"}
TRUST_EC2 = {
    "Effect": "Allow",
    "Principal": {"Service": "ec2.amazonaws.com"},
    "Action": "sts:AssumeRole",
}
SID_WITH_SPACE = "Allow access for Key Administrators"
WITH_PRINCIPAL = {**ALLOW_S3, "Principal": {"AWS": "arn:aws:iam::111122223333:root"}}
ALLOW_RCP = {"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}


@pytest.mark.parametrize(
    "policy_type, statement, accepted",
    [
        ("identity", ALLOW_S3, False),
        ("boundary", ALLOW_S3, False),
        ("session", ALLOW_S3, False),
        ("scp", ALLOW_S3, False),
        ("rcp", ALLOW_RCP, False),
        ("resource", WITH_PRINCIPAL, True),
        ("trust", TRUST_EC2, True),
        ("endpoint", WITH_PRINCIPAL, True),
    ],
)
def test_each_policy_type_has_its_own_sid_grammar(policy_type, statement, accepted):
    """IAM and Organizations take letters and digits; resource-based and trust policies (a KMS
    key policy's "Enable IAM User Permissions") take spaces and punctuation, with no warning."""
    text = document_text({**statement, "Sid": SID_WITH_SPACE},
                         {**statement, "Sid": "Key-admins_2.0 (ops)"})
    report = validate_policy(text, policy_type)
    sid_findings = [f for f in report.findings if f.element == "Sid"]
    if accepted:
        assert sid_findings == []
    else:
        assert [(f.severity, f.code) for f in sid_findings] == [("error", "InvalidSid")] * 2
        assert "letters and digits" in sid_findings[0].message


FULL_ACCESS = {"Effect": "Allow", "Action": "*", "Resource": "*"}
PASS_ANY_ROLE = {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}


@pytest.mark.parametrize("policy_type", ["boundary", "session", "scp"])
@pytest.mark.parametrize("statement", [FULL_ACCESS, PASS_ANY_ROLE])
def test_a_ceiling_that_allows_everything_is_not_flagged_as_a_grant(policy_type, statement):
    """AWS's default SCP, FullAWSAccess, and a boundary or session policy allowing everything
    limit nothing: no "full administrator access" or PassRole warning, as for identity policies."""
    report = validate_policy(document_text(statement), policy_type)
    assert report.ok and report.findings == ()
    assert validate_policy(document_text(statement), "identity").warnings
