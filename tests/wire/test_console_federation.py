"""Console federation: credentials from boto3's AssumeRole and GetFederationToken turned into
a console session through the federation endpoint (getSigninToken, then login), acting with
the session's own permissions."""

from __future__ import annotations

import http.cookiejar
import json
import urllib.request
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from accounts.models import SigninToken
from tests.helpers import ROOT_PASSWORD

from .conftest import WIRE_ACCOUNT
from .conftest import client as boto_client
from .sts_support import allow, make_role, move, refused, session, statement

SESSION_POLICY = allow(["iam:Get*", "iam:List*"])


@pytest.fixture(scope="module")
def broker(make_user, iam, wire_url):
    """An identity broker user allowed sts:AssumeRole and sts:GetFederationToken; its STS
    client."""
    _, keys = make_user("fed-broker")
    iam.put_user_policy(UserName="fed-broker", PolicyName="broker",
                        PolicyDocument=allow(["sts:AssumeRole", "sts:GetFederationToken",
                                              "iam:*"]))
    return boto_client("sts", wire_url, keys)


@pytest.fixture(scope="module")
def admin_role(iam, broker):
    """A role allowed iam:* that the broker may assume."""
    return make_role(iam, "fed-admin",
                     statement({"AWS": f"arn:aws:iam::{WIRE_ACCOUNT}:user/fed-broker"}),
                     policy="arn:aws:iam::aws:policy/IAMFullAccess")


def _assumed(broker, role: str, name: str):
    return broker.assume_role(RoleArn=role, RoleSessionName=name)["Credentials"]


def _session_json(credentials) -> str:
    return json.dumps({"sessionId": credentials["AccessKeyId"],
                       "sessionKey": credentials["SecretAccessKey"],
                       "sessionToken": credentials["SessionToken"]})


def _signin_token(web, credentials, **extra) -> str:
    answer = web.get("/federation", {"Action": "getSigninToken",
                                     "Session": _session_json(credentials), **extra})
    assert answer.status_code == 200, answer.content
    return answer.json()["SigninToken"]


def _login(web, token: str, destination: str = "/"):
    query = urlencode({"Action": "login", "Issuer": "https://broker.example/",
                       "Destination": destination, "SigninToken": token})
    return web.get(f"/federation?{query}")


def test_an_assumed_role_signs_in_to_the_console_with_the_session_policy(
        broker, admin_role, client):
    credentials = broker.assume_role(RoleArn=admin_role, RoleSessionName="console-alice",
                                     Policy=SESSION_POLICY)["Credentials"]
    token = _signin_token(client, credentials)

    signed_in = _login(client, token, destination="/users/")
    assert (signed_in.status_code, signed_in["Location"]) == (302, "/users/")
    page = client.get("/users/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "fed-admin" in text and "console-alice" in text
    assert f"arn:aws:sts::{WIRE_ACCOUNT}:assumed-role/fed-admin/console-alice" in text
    # The role allows iam:* but the session policy only reads: a write is refused.
    refused = client.post("/groups/create/", {"name": "made-by-console", "path": "/"})
    assert refused.status_code == 403
    assert "iam:CreateGroup" in refused.content.decode()


def test_a_signin_token_works_once(broker, admin_role, client):
    credentials = _assumed(broker, admin_role, "once")
    token = _signin_token(client, credentials)
    assert _login(client, token).status_code == 302
    client.post("/signout/")
    again = _login(client, token)
    assert again.status_code == 403
    assert "not valid" in again.content.decode()


def test_a_signin_token_expires_after_15_minutes(broker, admin_role, client):
    credentials = _assumed(broker, admin_role, "late")
    token = _signin_token(client, credentials)
    SigninToken.objects.filter(credential__access_key_id=credentials["AccessKeyId"]).update(
        expires_at=timezone.now())
    assert _login(client, token).status_code == 403


def test_a_federated_user_signs_in_as_itself(broker, client):
    answer = broker.get_federation_token(Name="contractor", Policy=SESSION_POLICY)
    token = _signin_token(client, answer["Credentials"], SessionDuration="3600")
    assert _login(client, token).status_code == 302
    page = client.get("/roles/")
    assert page.status_code == 200
    assert f"arn:aws:sts::{WIRE_ACCOUNT}:federated-user/contractor" in page.content.decode()


def test_wrong_or_expired_credentials_get_no_signin_token(broker, admin_role, client):
    credentials = _assumed(broker, admin_role, "wrong")
    wrong = {**credentials, "SecretAccessKey": "x" * 40}
    answer = client.get("/federation", {"Action": "getSigninToken",
                                        "Session": _session_json(wrong)})
    assert answer.status_code == 403
    move(credentials["AccessKeyId"], "expires_at", timedelta(seconds=-1))
    answer = client.get("/federation", {"Action": "getSigninToken",
                                        "Session": _session_json(credentials)})
    assert answer.status_code == 403


def test_bad_input_is_named(broker, admin_role, client):
    credentials = _assumed(broker, admin_role, "bad")
    cases = [({"Action": "nothing"}, "Action"),
             ({"Action": "getSigninToken"}, "Session"),
             ({"Action": "getSigninToken", "Session": "{not json"}, "Session"),
             ({"Action": "getSigninToken", "Session": _session_json(credentials),
               "SessionDuration": "60"}, "SessionDuration")]
    for query, field in cases:
        answer = client.get("/federation", query)
        assert (answer.status_code, answer.json()["field"]) == (400, field)


def test_session_token_credentials_cannot_sign_in(make_user, wire_url, client):
    _, keys = make_user("fed-plain")
    credentials = boto_client("sts", wire_url, keys).get_session_token()["Credentials"]
    answer = client.get("/federation", {"Action": "getSigninToken",
                                        "Session": _session_json(credentials)})
    assert answer.status_code == 403


def _console_as_root(base: str):
    """A cookie-keeping opener signed in to the live server's console as the root user
    (the revoke must reach the server's own database, also on PostgreSQL)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{base}/signin/", timeout=10).read()

    def post(path: str, form: dict[str, str]):
        csrf = next(c.value for c in jar if c.name == "csrftoken")
        body = urlencode({**form, "csrfmiddlewaretoken": csrf}).encode()
        return opener.open(urllib.request.Request(f"{base}{path}", data=body), timeout=10)

    post("/signin/", {"email": "root@wire.example", "password": ROOT_PASSWORD}).read()
    return post


def test_revoking_active_sessions_in_the_console_refuses_older_sessions_on_the_wire(
        iam, broker, wire_url):
    role = make_role(iam, "fed-revoked",
                     statement({"AWS": f"arn:aws:iam::{WIRE_ACCOUNT}:user/fed-broker"}))
    older = _assumed(broker, role, "before")
    session("iam", wire_url, older).list_roles()
    post = _console_as_root(wire_url.rsplit("/aws", 1)[0])
    answer = post("/roles/details/fed-revoked/sessions/revoke/", {"acknowledge": "on"})
    assert answer.url.endswith("?tab=sessions")
    put = iam.get_role_policy(RoleName="fed-revoked", PolicyName="AWSRevokeOlderSessions")
    assert put["PolicyDocument"]["Statement"][0]["Effect"] == "Deny"

    assert refused(session("iam", wire_url, older).list_roles) == "AccessDenied"
    newer = _assumed(broker, role, "after")
    session("iam", wire_url, newer).list_roles()
