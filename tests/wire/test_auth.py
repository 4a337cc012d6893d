"""Who may call /aws: SigV4 as AWS checks it, driven by real boto3 clients (wrong secrets,
unknown and inactive keys, stale clocks, changed bodies, presigned URLs, unsigned calls),
the model's constraints and unknown actions answered with AWS's codes and wording, and the
console's session cookie never standing in for a signature."""

from __future__ import annotations

import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree

import boto3
import botocore.auth
import pytest
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError
from django.test import Client

from accounts.models import AccessKey, Account
from iamconsole.wire import ACTIONS
from policies.engine import service_reference
from tests.helpers import sign_in

from .conftest import REGION, WIRE_ACCOUNT, Keys, client

SIGNATURE_MISMATCH = ("The request signature we calculated does not match the signature you "
                      "provided. Check your AWS Secret Access Key and signing method. Consult "
                      "the service documentation for details.")
INVALID_TOKEN = "The security token included in the request is invalid."


def _error(caught: pytest.ExceptionInfo[ClientError]) -> tuple[str, str, int]:
    response = caught.value.response
    return (response["Error"]["Code"], response["Error"]["Message"],
            response["ResponseMetadata"]["HTTPStatusCode"])


def _refused(iam_client, **kwargs) -> tuple[str, str, int]:
    with pytest.raises(ClientError) as caught:
        iam_client.list_users(**kwargs)
    return _error(caught)


def _key(keys: Keys) -> AccessKey:
    return AccessKey.objects.get(access_key_id=keys.access_key_id)


@pytest.fixture
def user_keys(iam) -> Keys:
    """An access key of a new IAM user of the wire account (no policies), made through boto3
    so that the server sees it whatever the database."""
    name = f"key-user-{datetime.now(UTC):%H%M%S%f}"
    iam.create_user(UserName=name)
    created = iam.create_access_key(UserName=name)["AccessKey"]
    return Keys(created["AccessKeyId"], created["SecretAccessKey"])


def test_an_accepted_call_records_the_keys_last_use(iam, wire_root):
    iam.list_users()
    key = _key(wire_root)
    assert key.last_used_service == "iam" and key.last_used_region == REGION
    assert key.last_used_at is not None
    assert datetime.now(UTC) - key.last_used_at < timedelta(minutes=1)


def test_a_wrong_secret_does_not_match_and_is_not_recorded(wire_url, user_keys):
    wrong = client("iam", wire_url, Keys(user_keys.access_key_id, "not-the-secret"))
    assert _refused(wrong) == ("SignatureDoesNotMatch", SIGNATURE_MISMATCH, 403)
    assert _key(user_keys).last_used_at is None


def test_an_unknown_key_is_an_invalid_client_token(wire_url):
    unknown = client("iam", wire_url, Keys("AKIAIOSFODNN7EXAMPLE", "whatever"))
    assert _refused(unknown) == ("InvalidClientTokenId", INVALID_TOKEN, 403)


def test_an_inactive_key_is_refused_and_not_recorded(iam, wire_url, user_keys):
    user_name = _key(user_keys).user.name
    iam.update_access_key(UserName=user_name, AccessKeyId=user_keys.access_key_id,
                          Status="Inactive")
    inactive = client("iam", wire_url, user_keys)
    assert _refused(inactive) == ("InvalidClientTokenId", INVALID_TOKEN, 403)
    assert _key(user_keys).last_used_at is None


def test_a_user_key_authenticates_and_its_policies_decide(wire_url, user_keys):
    with pytest.raises(ClientError) as caught:
        client("iam", wire_url, user_keys).list_users()
    code, message, status = _error(caught)
    assert (code, status) == ("AccessDenied", 403)
    assert message.startswith(f"User: arn:aws:iam::{WIRE_ACCOUNT}:user/key-user-")
    assert "is not authorized to perform: iam:ListUsers" in message
    assert _key(user_keys).last_used_service == "iam"  # authenticated, then denied


@pytest.fixture
def clock(monkeypatch):
    """Set the signing client's clock: `clock(minutes=-10)` signs ten minutes in the past."""

    def shift(**delta: float) -> None:
        then = datetime.now(UTC).replace(tzinfo=None) + timedelta(**delta)
        monkeypatch.setattr(botocore.auth, "get_current_datetime", lambda: then)

    return shift


def test_a_signature_ten_minutes_old_has_expired(wire_url, user_keys, clock):
    clock(minutes=-10)
    code, message, status = _refused(client("iam", wire_url, user_keys))
    assert (code, status) == ("SignatureDoesNotMatch", 403)
    assert message.startswith("Signature expired: ")
    assert message.endswith(" - 5 min.)")
    assert _key(user_keys).last_used_at is None


def test_a_signature_from_the_future_is_not_yet_current(iam, clock):
    clock(minutes=10)
    code, message, status = _refused(iam)
    assert (code, status) == ("SignatureDoesNotMatch", 403)
    assert message.startswith("Signature not yet current: ")


def test_a_body_changed_after_signing_does_not_match(wire_url, user_keys):
    tampered = client("iam", wire_url, user_keys)

    def change_body(request, **kwargs):
        body = request.body
        request.body = (body.encode() if isinstance(body, str) else body).replace(
            b"MaxItems=5", b"MaxItems=6")

    tampered.meta.events.register("before-send.iam.ListUsers", change_body)
    assert _refused(tampered, MaxItems=5) == ("SignatureDoesNotMatch", SIGNATURE_MISMATCH, 403)
    assert _key(user_keys).last_used_at is None


def _fetch(url: str) -> tuple[int, ElementTree.Element]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (our server)
            return response.status, ElementTree.fromstring(response.read())
    except urllib.error.HTTPError as error:
        return error.code, ElementTree.fromstring(error.read())


def _text(root: ElementTree.Element, name: str) -> str | None:
    found = root.find(f".//{{*}}{name}")
    return None if found is None else found.text


def test_a_presigned_url_answers_without_headers(iam):
    # A presigned URL signs its method: fetched with GET, it is presigned for GET.
    iam.create_user(UserName="presigned-bob")
    status, root = _fetch(iam.generate_presigned_url(
        "get_user", Params={"UserName": "presigned-bob"}, ExpiresIn=60, HttpMethod="GET"))
    assert status == 200
    assert _text(root, "Arn") == f"arn:aws:iam::{WIRE_ACCOUNT}:user/presigned-bob"
    status, root = _fetch(iam.generate_presigned_url("list_users", ExpiresIn=60,
                                                     HttpMethod="GET"))
    assert status == 200 and _text(root, "IsTruncated") == "false"


def test_an_expired_presigned_url_is_refused(iam, clock):
    clock(minutes=-10)
    url = iam.generate_presigned_url("list_users", ExpiresIn=60, HttpMethod="GET")
    status, root = _fetch(url)
    assert (status, _text(root, "Code")) == (403, "SignatureDoesNotMatch")
    assert _text(root, "Message").startswith("Signature expired: ")


def test_a_presigned_url_lives_a_week_at_most(iam):
    url = iam.generate_presigned_url("list_users", ExpiresIn=8 * 24 * 3600, HttpMethod="GET")
    status, root = _fetch(url)
    assert (status, _text(root, "Code")) == (400, "IncompleteSignature")
    assert _text(root, "Message") == ("X-Amz-Expires must be less than a week (in seconds) "
                                      "that is 604800")


def test_a_changed_presigned_url_does_not_match(iam):
    url = iam.generate_presigned_url("get_user", Params={"UserName": "a"}, ExpiresIn=60,
                                     HttpMethod="GET")
    status, root = _fetch(url.replace("UserName=a", "UserName=b"))
    assert (status, _text(root, "Code")) == (403, "SignatureDoesNotMatch")


def test_an_unsigned_request_misses_its_token(wire_url):
    unsigned = boto3.client("iam", endpoint_url=wire_url, region_name=REGION,
                            config=Config(signature_version=UNSIGNED,
                                          retries={"max_attempts": 1}))
    assert _refused(unsigned) == ("MissingAuthenticationToken",
                                  "Request is missing Authentication Token", 403)


def test_the_models_constraints_answer_awss_validation_error(iam):
    name = "n" * 65
    with pytest.raises(ClientError) as caught:
        iam.create_user(UserName=name)
    assert _error(caught) == (
        "ValidationError",
        f"1 validation error detected: Value '{name}' at 'userName' failed to satisfy "
        "constraint: Member must have length less than or equal to 64", 400)


def test_an_action_not_implemented_is_invalid(iam):
    with pytest.raises(ClientError) as caught:
        iam.create_delegation_request(
            Description="d", Permissions={"PolicyTemplateArn": "arn:aws:iam::aws:policy/x"},
            RequestorWorkflowId="workflow-1", NotificationChannel="arn:aws:sns:x",
            SessionDuration=3600)
    assert _error(caught) == ("InvalidAction", "Could not find operation "
                              "CreateDelegationRequest for version 2010-05-08", 400)


def test_a_console_session_cookie_never_authenticates_the_wire_api(wire_root):
    account = Account.objects.get(account_id=WIRE_ACCOUNT)
    browser = sign_in(Client(), account)
    # What a cross-site form would send with the browser's cookie.
    response = browser.post("/aws", "Action=ListUsers&Version=2010-05-08",
                            content_type="application/x-www-form-urlencoded")
    assert response.status_code == 403
    root = ElementTree.fromstring(response.content)
    assert _text(root, "Code") == "MissingAuthenticationToken"


def test_a_defect_answers_awss_internal_failure_in_its_document(iam, monkeypatch):
    def broken(call):
        raise RuntimeError("a bug")

    monkeypatch.setitem(ACTIONS, ("iam", "GetUser"), broken)
    with pytest.raises(ClientError) as caught:
        iam.get_user(UserName="anyone")
    code, message, status = _error(caught)
    assert (code, status) == ("InternalFailure", 500)
    assert message.startswith("The request processing has failed because of an unknown error")


def test_a_call_with_more_parameters_than_a_django_form_allows(iam):
    document = ('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:*",'
                ' "Resource": "*"}]}')
    ec2 = service_reference.get_service("ec2")
    assert ec2 is not None and len(ec2.actions) > 600
    actions = sorted(action.full_name for action in ec2.actions.values())  # > 1,000 fields
    first = iam.simulate_custom_policy(PolicyInputList=[document], ActionNames=actions)
    assert first["IsTruncated"] and len(first["EvaluationResults"]) == 100
    assert {row["EvalDecision"] for row in first["EvaluationResults"]} == {"allowed"}
