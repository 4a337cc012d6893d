"""The credential report: AWS's 22 columns and values, root first, bounded queries."""

import csv
import io
from datetime import UTC, datetime

import pytest

from accounts.credential_report import COLUMNS, credential_report_csv, credential_report_rows
from accounts.services import (
    access_key_create,
    access_key_record_use,
    access_key_update_status,
    login_profile_create,
    password_policy_update,
    user_create,
)
from tests.factories import IamUserFactory, MfaDeviceFactory

pytestmark = pytest.mark.django_db


def test_columns_root_row_and_user_rows(account):
    password_policy_update(account=account, max_password_age=90)
    alice = user_create(account=account, name="alice")
    login_profile_create(user=alice, password="Sup3r-Secret-Pass!")
    MfaDeviceFactory(account=account, enabled_for=alice)
    first = access_key_create(user=alice).access_key
    second = access_key_create(user=alice).access_key
    access_key_record_use(access_key=first, service="s3", region="eu-west-1")
    access_key_update_status(access_key=second, status="Inactive")
    user_create(account=account, name="bob")
    text = credential_report_csv(account)
    assert text.splitlines()[0] == ",".join(COLUMNS) and len(COLUMNS) == 22
    root, alice_row, bob_row = csv.DictReader(io.StringIO(text))
    assert root["user"] == "<root_account>"
    assert root["arn"] == "arn:aws:iam::111111111111:root"
    assert (root["password_enabled"], root["password_last_changed"],
            root["password_next_rotation"]) == ("not_supported",) * 3
    assert root["password_last_used"] == "no_information"
    assert root["access_key_1_active"] == "false" and root["mfa_active"] == "false"
    assert alice_row["password_enabled"] == "true"
    assert alice_row["password_last_used"] == "no_information"
    assert alice_row["password_next_rotation"] != "N/A"
    assert alice_row["mfa_active"] == "true"
    assert alice_row["access_key_1_active"] == "true"
    assert alice_row["access_key_1_last_used_service"] == "s3"
    assert alice_row["access_key_1_last_used_region"] == "eu-west-1"
    assert alice_row["access_key_2_active"] == "false"
    assert alice_row["access_key_2_last_used_date"] == "N/A"
    assert alice_row["user_creation_time"].endswith("+00:00")
    assert bob_row["password_enabled"] == "false" and bob_row["password_last_used"] == "N/A"
    assert bob_row["access_key_1_last_rotated"] == "N/A"
    assert bob_row["cert_1_active"] == "false"


def test_times_are_iso_8601_with_utc_offset(account):
    IamUserFactory(account=account, created_at=datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC))
    row = credential_report_rows(account)[1]
    assert row["user_creation_time"] == "2020-01-02T03:04:05+00:00"


@pytest.mark.parametrize("users", [2, 20])
def test_bounded_queries(account, users, django_assert_max_num_queries):
    for _ in range(users):
        IamUserFactory(account=account)
    # Identities, password policy, root keys, root certificates, and one prefetch per
    # credential type of the users.
    with django_assert_max_num_queries(8):
        rows = credential_report_rows(account)
    assert len(rows) == users + 1
