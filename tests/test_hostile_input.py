"""No input makes a server error (issue 18, finding 4): too deep, too long, control
characters, secrets that no key opens. Each is refused with a clear 4xx and changes nothing."""

from __future__ import annotations

import base64
import json
import zlib

import pytest
from django.test import override_settings

from accounts.authorization_details.reading import load_json
from iamconsole import jsontext
from iamconsole.exceptions import IamError, InvalidInput
from policies.models import ManagedPolicy
from policies.simulation.urlstate import decode_state
from tests.api.helpers import Api, user_with_key

DEEP = "[" * 1000 + "]" * 1000


def policy_text(condition_value: str = '"1"', resource: str = "*") -> str:
    return ('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket",'
            f'"Resource":"{resource}","Condition":{{"NumericLessThan":'
            f'{{"s3:max-keys":{condition_value}}}}}}}]}}')


@pytest.fixture
def admin(account) -> Api:
    _, created = user_with_key(account, "admin", "AdministratorAccess")
    api = Api(created.access_key.access_key_id, created.secret_access_key)
    api.client.raise_request_exception = False
    return api


def create_policy(admin: Api, body: str):
    return admin.client.post("/api/v1/policies/", data=body, content_type="application/json",
                             **admin.headers)


def test_a_body_nested_a_thousand_deep_is_refused(admin):
    response = create_policy(admin, DEEP)
    assert response.status_code == 400
    assert "nested deeper than 64 levels" in response.json()["message"]


@pytest.mark.parametrize("document, problem", [
    (policy_text("9" * 5000), "a number has at most 64 characters"),
    (policy_text(resource="arn:aws:s3:::a\\u0000b"), "control character U+0000"),
    (policy_text(resource="arn:aws:s3:::a\\u001fb"), "control character U+001F"),
])
def test_a_policy_that_no_database_or_number_type_can_hold_is_malformed(admin, document,
                                                                         problem):
    response = create_policy(admin, json.dumps({"name": "p", "policy_document": document}))
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "MalformedPolicyDocument"
    assert problem in body["message"]
    assert not ManagedPolicy.objects.filter(name="p").exists()


def test_a_number_too_long_for_python_is_refused_in_a_request_body(admin):
    response = create_policy(admin, '{"name": "p", "limit": ' + "9" * 5000 + "}")
    assert response.status_code == 400
    assert "at most 64 characters" in response.json()["message"]


def test_an_import_file_nested_a_thousand_deep_is_refused():
    with pytest.raises(IamError) as caught:
        load_json(DEEP.encode(), "details.json")
    assert "nested deeper than 64 levels" in caught.value.message


def test_a_simulation_link_nested_a_thousand_deep_is_refused():
    with pytest.raises(InvalidInput):
        decode_state(encode_raw(DEEP))


def encode_raw(text: str) -> str:
    """A simulation link holding `text` as its JSON."""
    return base64.urlsafe_b64encode(zlib.compress(text.encode(), 9)).rstrip(b"=").decode()


def test_depth_within_the_limit_still_reads():
    assert jsontext.loads("[" * 64 + "]" * 64) is not None
    assert jsontext.loads('{"a": "[[[[[[" }') == {"a": "[[[[[["}


def test_a_secret_no_configured_key_opens_is_refused_not_a_server_error(account, caplog):
    """After SECRET_KEY changes without FIELD_ENCRYPTION_KEY, stored secrets no longer
    decrypt: callers get 401 and the operators a log line, not a 500."""
    _, created = user_with_key(account, "alice", "ReadOnlyAccess")
    api = Api(created.access_key.access_key_id, created.secret_access_key)
    api.client.raise_request_exception = False
    with override_settings(SECRET_KEY="another-secret-key-after-a-careless-deploy",
                           FIELD_ENCRYPTION_KEYS=()):
        response = api.get("/api/v1/users/")
    assert response.status_code == 401
    assert "cannot be decrypted" in caplog.text
