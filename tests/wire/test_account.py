"""The account over AWS's wire API: alias, summary, credential report (boto3, the AWS CLI)."""

from __future__ import annotations

import csv
import io

import pytest
from botocore.exceptions import ClientError

from .conftest import WIRE_ACCOUNT, aws_cli


def test_the_alias_is_created_listed_and_deleted(iam):
    assert iam.list_account_aliases()["AccountAliases"] == []
    iam.create_account_alias(AccountAlias="wire-corp")
    listed = iam.list_account_aliases()
    assert listed["AccountAliases"] == ["wire-corp"] and listed["IsTruncated"] is False
    with pytest.raises(ClientError) as caught:
        iam.delete_account_alias(AccountAlias="other-corp")
    assert caught.value.response["Error"]["Code"] == "NoSuchEntity"
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    iam.delete_account_alias(AccountAlias="wire-corp")
    assert iam.list_account_aliases()["AccountAliases"] == []


def test_a_bad_alias_is_a_validation_error(iam):
    with pytest.raises(ClientError) as caught:
        iam.create_account_alias(AccountAlias="Not_An_Alias")
    assert caught.value.response["Error"]["Code"] == "ValidationError"
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_the_summary_counts_with_awss_keys(iam):
    before = iam.get_account_summary()["SummaryMap"]
    iam.create_user(UserName="wire-counted")
    iam.create_group(GroupName="wire-counted")
    summary = iam.get_account_summary()["SummaryMap"]
    assert summary["Users"] == before["Users"] + 1
    assert summary["Groups"] == before["Groups"] + 1
    assert summary["AccountAccessKeysPresent"] == 1 and summary["AccountMFAEnabled"] == 0
    assert summary["AccountPasswordPresent"] == 1 and summary["VersionsPerPolicyQuota"] == 5
    assert summary["AccountSigningCertificatesPresent"] == 0
    assert {"UsersQuota", "GroupsQuota", "Policies", "PoliciesQuota", "PolicyVersionsInUse",
            "PolicyVersionsInUseQuota", "MFADevices", "MFADevicesInUse", "Roles",
            "AccessKeysPerUserQuota", "PolicySizeQuota", "InstanceProfiles"} <= set(summary)


def test_the_credential_report_is_started_then_complete(iam):
    iam.create_user(UserName="wire-reported")
    with pytest.raises(ClientError) as caught:  # none generated yet
        iam.get_credential_report()
    assert caught.value.response["Error"]["Code"] == "ReportNotPresent"
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 410
    assert iam.generate_credential_report()["State"] == "STARTED"
    assert iam.generate_credential_report()["State"] == "COMPLETE"
    report = iam.get_credential_report()
    assert report["ReportFormat"] == "text/csv" and report["GeneratedTime"]
    rows = list(csv.DictReader(io.StringIO(report["Content"].decode())))
    assert rows[0]["user"] == "<root_account>"
    assert rows[0]["arn"] == f"arn:aws:iam::{WIRE_ACCOUNT}:root"
    assert "wire-reported" in [row["user"] for row in rows]


def test_the_aws_cli_reads_the_summary(wire_url, wire_root):
    summary = aws_cli(wire_url, wire_root, "iam", "get-account-summary")["SummaryMap"]
    assert summary["AccountAccessKeysPresent"] == 1
