"""accounts.reports: AWS's exact 22 columns and cell values, root row first."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from accounts.reports import (
    COLUMNS,
    credential_report_csv,
    credential_report_filename,
    credential_report_rows,
)
from tests.factories import (
    AccessKeyFactory,
    IamUserFactory,
    LoginProfileFactory,
    MfaDeviceFactory,
    PasswordPolicyFactory,
)

pytestmark = pytest.mark.django_db
T0 = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
T1 = datetime(2024, 2, 3, 4, 5, 6, tzinfo=UTC)
T2 = datetime(2024, 3, 4, 5, 6, 7, tzinfo=UTC)


def test_the_columns_are_aws_22_in_order():
    assert COLUMNS == (
        "user", "arn", "user_creation_time", "password_enabled", "password_last_used",
        "password_last_changed", "password_next_rotation", "mfa_active",
        "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
        "access_key_1_last_used_region", "access_key_1_last_used_service",
        "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
        "access_key_2_last_used_region", "access_key_2_last_used_service",
        "cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated",
    )


def test_a_user_without_credentials_has_false_and_na_everywhere(account):
    IamUserFactory(account=account, name="bare", created_at=T0)
    row = credential_report_rows(account)[1]
    assert [row[c] for c in COLUMNS] == [
        "bare", "arn:aws:iam::111111111111:user/bare", "2024-01-02T03:04:05+00:00",
        "false", "N/A", "N/A", "N/A", "false",
        "false", "N/A", "N/A", "N/A", "N/A",
        "false", "N/A", "N/A", "N/A", "N/A",
        "false", "N/A", "false", "N/A",
    ]


def test_a_user_with_every_credential(account):
    PasswordPolicyFactory(account=account, max_password_age=30)
    user = IamUserFactory(account=account, name="full", created_at=T0, password_last_used_at=T2)
    LoginProfileFactory(user=user, password_changed_at=T1)
    MfaDeviceFactory(account=account, enabled_for=user)
    AccessKeyFactory(user=user, account=account, created_at=T0, last_used_at=T2,
                     last_used_region="eu-west-1", last_used_service="s3")
    AccessKeyFactory(user=user, account=account, created_at=T1, status="Inactive")
    row = credential_report_rows(account)[1]
    assert [row[c] for c in COLUMNS] == [
        "full", "arn:aws:iam::111111111111:user/full", "2024-01-02T03:04:05+00:00",
        "true", "2024-03-04T05:06:07+00:00", "2024-02-03T04:05:06+00:00",
        "2024-03-04T04:05:06+00:00", "true",
        "true", "2024-01-02T03:04:05+00:00", "2024-03-04T05:06:07+00:00", "eu-west-1", "s3",
        "false", "2024-02-03T04:05:06+00:00", "N/A", "N/A", "N/A",
        "false", "N/A", "false", "N/A",
    ]


def test_a_password_never_used_is_no_information(account):
    user = IamUserFactory(account=account, name="fresh")
    LoginProfileFactory(user=user, password_changed_at=T1)
    row = credential_report_rows(account)[1]
    assert row["password_enabled"] == "true" and row["password_last_used"] == "no_information"
    assert row["password_next_rotation"] == "N/A"  # no expiry in the policy


def test_the_root_row_comes_first_with_not_supported_cells(account):
    AccessKeyFactory(user=None, account=account, created_at=T1)
    IamUserFactory(account=account, name="aaa")
    rows = credential_report_rows(account)
    root = rows[0]
    assert root["user"] == "<root_account>"
    assert root["arn"] == "arn:aws:iam::111111111111:root"
    assert [root[c] for c in ("password_enabled", "password_last_changed",
                              "password_next_rotation")] == ["not_supported"] * 3
    assert root["password_last_used"] == "no_information"
    assert root["access_key_1_active"] == "true"
    assert root["access_key_1_last_rotated"] == "2024-02-03T04:05:06+00:00"
    assert root["access_key_1_last_used_date"] == "N/A"
    assert [r["user"] for r in rows[1:]] == ["aaa"]


def test_the_csv_has_the_header_then_one_line_per_identity(account, other_account):
    IamUserFactory(account=account, name="alice")
    IamUserFactory(account=other_account, name="stranger")
    lines = credential_report_csv(account).splitlines()
    assert lines[0] == ",".join(COLUMNS)
    assert len(lines) == 3 and lines[2].startswith("alice,")


def test_the_file_name_is_aws_consoles():
    name = credential_report_filename(now=T0)
    assert name == "status_reports_2024-01-02T03_04_05+00_00.csv"
