"""Refused signatures on the trail: an unknown key, a wrong signature, an expired token each
leave an event with AWS's error code and what is known of the caller."""

from __future__ import annotations

from datetime import timedelta

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from django.test import Client
from django.utils import timezone

from accounts.models import TemporaryCredential, TrailEvent
from accounts.services import access_key_create
from accounts.services.sessions import session_issue
from tests.factories import RoleFactory

pytestmark = pytest.mark.django_db

BODY = "Action=ListUsers&Version=2010-05-08"


def _call(key_id: str, secret: str, token: str | None = None, *, tamper: bool = False):
    """POST a SigV4-signed ListUsers to /aws through the test client."""
    request = AWSRequest(method="POST", url="http://testserver/aws", data=BODY, headers={
        "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
    SigV4Auth(Credentials(key_id, secret, token), "iam", "us-east-1").add_auth(request)
    headers = {f"HTTP_{name.upper().replace('-', '_')}": value
               for name, value in request.headers.items() if name.lower() != "content-type"}
    body = BODY + "&MaxItems=5" if tamper else BODY
    return Client().post("/aws", data=body, HTTP_USER_AGENT="Boto3/1.35 probe",
                         HTTP_HOST="testserver",
                         REMOTE_ADDR="192.0.2.7",
                         content_type="application/x-www-form-urlencoded; charset=utf-8",
                         **headers)


def _refused(response, code):
    assert response.status_code == 403 and code.encode() in response.content
    event = TrailEvent.objects.get(error_code=code)
    record = event.record
    assert record["errorCode"] == code and record["errorMessage"]
    assert record["eventName"] == "ListUsers" and record["eventSource"] == "iam.amazonaws.com"
    assert record["sourceIPAddress"] == "192.0.2.7"
    assert "Boto3" in record["userAgent"]
    assert record["requestID"] == response["x-amzn-RequestId"]
    assert event.read_only is True
    return event


def test_an_unknown_key_is_recorded_with_its_key_id_only(account):
    response = _call("AKIAUNKNOWNKEY000000", "x" * 40)
    event = _refused(response, "InvalidClientTokenId")
    assert event.account_id is None
    assert event.record["userIdentity"] == {"type": "Unknown", "principalId": "",
                                            "accessKeyId": "AKIAUNKNOWNKEY000000"}
    assert event.access_key_id == "AKIAUNKNOWNKEY000000"


def test_a_wrong_signature_is_on_the_key_owners_trail(account, alice):
    created = access_key_create(user=alice)
    key_id = created.access_key.access_key_id
    response = _call(key_id, created.secret_access_key, tamper=True)
    event = _refused(response, "SignatureDoesNotMatch")
    assert event.account_id == account.pk and event.user_name == alice.name
    identity = event.record["userIdentity"]
    assert identity["type"] == "IAMUser" and identity["arn"] == alice.arn
    assert identity["accessKeyId"] == key_id
    assert event.record["recipientAccountId"] == account.account_id
    assert created.secret_access_key not in str(event.record)


def test_an_expired_token_is_on_the_sessions_trail(account):
    role = RoleFactory(account=account, name="app", path="/svc/")
    issued = session_issue(kind="assumed-role", issued_by="AssumeRole", role=role,
                           session_name="job", duration_seconds=900,
                           max_duration=role.max_session_duration)
    TemporaryCredential.objects.filter(pk=issued.credential.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1))
    response = _call(issued.credential.access_key_id, issued.secret_access_key,
                     issued.session_token)
    event = _refused(response, "ExpiredToken")
    assert event.account_id == account.pk
    identity = event.record["userIdentity"]
    assert identity["type"] == "AssumedRole"
    assert identity["sessionContext"]["sessionIssuer"]["arn"] == role.arn
    assert issued.session_token not in str(event.record)


def test_a_good_signature_records_the_call_only(account, alice):
    created = access_key_create(account=account)
    response = _call(created.access_key.access_key_id, created.secret_access_key)
    assert response.status_code == 200
    assert list(TrailEvent.objects.values_list("event_name", "error_code")) == [
        ("ListUsers", "")]
