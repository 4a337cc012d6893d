"""Failed signatures are throttled per access key and client address, answered as AWS
answers throttling (Throttling, HTTP 400, "Rate exceeded"), with real boto3 clients."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from botocore.exceptions import ClientError

from .conftest import Keys, client

pytestmark = pytest.mark.usefixtures("low_throttle_limits")


@pytest.fixture
def user_name(iam) -> str:
    """A new IAM user, made through boto3 (the server sees it whatever the database)."""
    name = f"throttled-{datetime.now(UTC):%H%M%S%f}"
    iam.create_user(UserName=name)
    return name


@pytest.fixture
def user_keys(iam, user_name) -> Keys:
    """An access key of that user."""
    created = iam.create_access_key(UserName=user_name)["AccessKey"]
    return Keys(created["AccessKeyId"], created["SecretAccessKey"])


def _error(iam_client) -> tuple[str, str, int, str | None]:
    with pytest.raises(ClientError) as caught:
        iam_client.get_user()
    response = caught.value.response
    return (response["Error"]["Code"], response["Error"]["Message"],
            response["ResponseMetadata"]["HTTPStatusCode"], response["Error"].get("Detail"))


def test_wrong_signatures_are_throttled_as_aws_throttles(wire_url, user_keys):
    wrong = client("iam", wire_url, Keys(user_keys.access_key_id, "not-the-secret"))
    for _ in range(3):
        assert _error(wrong)[0] == "SignatureDoesNotMatch"
    code, message, status, detail = _error(wrong)
    assert (code, message, status) == ("Throttling", "Rate exceeded", 400)
    assert detail.startswith("Too many failed attempts with this access key. Try again in ")
    # The right secret waits too from this address.
    assert _error(client("iam", wire_url, user_keys))[:3] == ("Throttling", "Rate exceeded",
                                                              400)


def test_unknown_keys_are_throttled(wire_url):
    unknown = client("iam", wire_url, Keys(f"AKIA{datetime.now(UTC):%H%M%S%f}XX", "whatever"))
    for _ in range(3):
        assert _error(unknown)[0] == "InvalidClientTokenId"
    assert _error(unknown)[0] == "Throttling"


def test_a_key_that_did_not_fail_is_not_slowed_by_another(wire_url, user_keys, iam):
    wrong = client("iam", wire_url, Keys(user_keys.access_key_id, "not-the-secret"))
    for _ in range(4):
        _error(wrong)
    assert iam.get_user()["User"]["Arn"].endswith(":root")



def test_guessing_the_current_password_with_an_access_key_is_throttled(iam, wire_url,
                                                                     user_name, user_keys):
    """A user's access key is no way around the console's throttle on password guesses."""
    own = client("iam", wire_url, user_keys)
    iam.create_login_profile(UserName=user_name, Password="Wire-Password-0001!")
    for _ in range(3):
        with pytest.raises(ClientError) as caught:
            own.change_password(OldPassword="a-wrong-guess", NewPassword="Wire-Password-0002!")
        assert caught.value.response["Error"]["Code"] != "Throttling"
    with pytest.raises(ClientError) as caught:
        own.change_password(OldPassword="Wire-Password-0001!",
                            NewPassword="Wire-Password-0002!")
    error = caught.value.response["Error"]
    assert (error["Code"], error["Message"]) == ("Throttling", "Rate exceeded")
    assert error["Detail"].startswith("Too many failed attempts with the current password.")
