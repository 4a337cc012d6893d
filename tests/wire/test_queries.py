"""The wire's lists run a bounded number of SQL queries, however many rows they show."""

from __future__ import annotations

import time

import pyotp
import pytest

ROWS = 6
# Authentication (the key, its last use, the caller's policies) and the list itself.
QUERIES = 8


@pytest.fixture(scope="module")
def crowded(iam, django_db_blocker):
    """A group of ROWS members, each with a key and an assigned MFA device (kept for the
    module)."""
    with django_db_blocker.unblock():
        _crowd(iam)
    return iam


def _crowd(iam) -> None:
    iam.create_group(GroupName="wire-crowd")
    for index in range(ROWS):
        name = f"wire-crowd-{index}"
        iam.create_user(UserName=name)
        iam.add_user_to_group(GroupName="wire-crowd", UserName=name)
        iam.create_access_key(UserName=name)
        device = iam.create_virtual_mfa_device(VirtualMFADeviceName=name)["VirtualMFADevice"]
        totp = pyotp.TOTP(device["Base32StringSeed"].decode())
        step = totp.timecode(time.time())
        iam.enable_mfa_device(UserName=name, SerialNumber=device["SerialNumber"],
                              AuthenticationCode1=totp.generate_otp(step - 1),
                              AuthenticationCode2=totp.generate_otp(step))


@pytest.mark.parametrize("call", [
    lambda iam: iam.list_groups(),
    lambda iam: iam.get_group(GroupName="wire-crowd"),
    lambda iam: iam.list_groups_for_user(UserName="wire-crowd-0"),
    lambda iam: iam.list_users(),
    lambda iam: iam.list_virtual_mfa_devices(),
    lambda iam: iam.list_mfa_devices(UserName="wire-crowd-0"),
    lambda iam: iam.list_access_keys(UserName="wire-crowd-0"),
])
def test_a_list_runs_a_bounded_number_of_queries(crowded, call, django_assert_max_num_queries):
    with django_assert_max_num_queries(QUERIES):
        call(crowded)
