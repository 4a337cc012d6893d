"""The /aws endpoint's JSON 1.1 side through a real boto3 Organizations client: the target
names the operation, the signature is checked, the body checked with the model, and errors
reach boto3 with their codes (a stand-in action, so the protocol is tested on its own)."""

from __future__ import annotations

import pytest
import requests
from botocore.exceptions import ClientError

from iamconsole.exceptions import AccessDenied
from iamconsole.wire.registry import ACTIONS

from .conftest import Keys, client

TARGET = ("organizations", "DescribeOrganizationalUnit")


@pytest.fixture
def organizations(wire_url, wire_root):
    return client("organizations", wire_url, wire_root)


@pytest.fixture
def stand_in(monkeypatch):
    """DescribeOrganizationalUnit answering with what it was asked (or refusing)."""
    seen = []

    def describe(call):
        seen.append(call)
        if call.get("OrganizationalUnitId") == "ou-deny-deniedou":
            raise AccessDenied("You don't have permissions to access this resource.")
        return {"OrganizationalUnit": {"Id": call.get("OrganizationalUnitId"), "Name": "Prod",
                                       "Arn": "arn:aws:organizations::123456789012:ou/"
                                              "o-abcdefghij/ou-abcd-abcdefgh"}}

    monkeypatch.setitem(ACTIONS, TARGET, describe)
    return seen


def _code(exc: pytest.ExceptionInfo) -> tuple[str, int]:
    response = exc.value.response
    return response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"]


def test_a_signed_call_reaches_the_action_as_its_signer(organizations, stand_in):
    answer = organizations.describe_organizational_unit(OrganizationalUnitId="ou-abcd-abcdefgh")
    assert answer["OrganizationalUnit"]["Name"] == "Prod"
    assert stand_in[0].caller.principal.account_id == "123456789012"
    assert stand_in[0].service == "organizations"


def test_a_refusal_is_access_denied_exception(organizations, stand_in):
    with pytest.raises(ClientError) as caught:
        organizations.describe_organizational_unit(OrganizationalUnitId="ou-deny-deniedou")
    assert _code(caught) == ("AccessDeniedException", 400)
    assert "permissions" in caught.value.response["Error"]["Message"]


def test_a_value_breaking_the_model_is_invalid_input_with_its_reason(organizations, stand_in):
    with pytest.raises(ClientError) as caught:
        organizations.describe_organizational_unit(OrganizationalUnitId="not-an-ou")
    assert _code(caught) == ("InvalidInputException", 400)
    assert caught.value.response["Reason"] == "INVALID_PATTERN"
    assert "'organizationalUnitId'" in caught.value.response["Error"]["Message"]
    assert stand_in == []


def test_an_unknown_key_is_refused_before_the_action(wire_url, stand_in):
    stranger = client("organizations", wire_url, Keys("AKIAUNKNOWN000000000", "x" * 40))
    with pytest.raises(ClientError) as caught:
        stranger.describe_organizational_unit(OrganizationalUnitId="ou-abcd-abcdefgh")
    assert _code(caught) == ("InvalidClientTokenId", 403)
    assert stand_in == []


def test_an_operation_not_served_is_unknown(organizations, monkeypatch):
    monkeypatch.delitem(ACTIONS, ("organizations", "ListHandshakesForOrganization"),
                        raising=False)
    with pytest.raises(ClientError) as caught:
        organizations.list_handshakes_for_organization()
    assert _code(caught) == ("UnknownOperationException", 400)


def test_unsigned_and_unreadable_requests_are_answered_in_json(wire_url, stand_in):
    headers = {"X-Amz-Target": "AWSOrganizationsV20161128.DescribeOrganizationalUnit",
               "Content-Type": "application/x-amz-json-1.1"}
    unsigned = requests.post(wire_url, data=b"{}", headers=headers, timeout=10)
    assert unsigned.status_code == 403
    assert unsigned.json()["__type"] == "MissingAuthenticationToken"
    unknown = requests.post(wire_url, data=b"{}", headers={
        **headers, "X-Amz-Target": "AWSOrganizationsV20161128.Nothing"}, timeout=10)
    assert unknown.status_code == 400
    assert unknown.json()["__type"] == "UnknownOperationException"
    assert unknown.headers["Content-Type"] == "application/x-amz-json-1.1"


def test_the_signature_must_be_scoped_to_the_service(wire_url, wire_root, stand_in):
    iam_scoped = client("organizations", wire_url, wire_root)
    iam_scoped._request_signer._signing_name = "iam"  # noqa: SLF001 (a wrong scope on purpose)
    with pytest.raises(ClientError) as caught:
        iam_scoped.describe_organizational_unit(OrganizationalUnitId="ou-abcd-abcdefgh")
    assert _code(caught) == ("InvalidSignatureException", 403)
