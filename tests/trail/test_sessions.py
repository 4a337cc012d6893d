"""Role sessions on the trail: the session issuer's ARN with the role's path, and switch role
in the console as AWS's SwitchRole event beside its AssumeRole."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from accounts.models import TemporaryCredential, TrailEvent
from accounts.operations.users import ListUsers
from accounts.services.sessions import session_principal
from accounts.signin import role_session_principal
from iamconsole.operations import Caller
from policies.services import policy_attach_to_role
from tests.documents import allow, document
from tests.factories import RoleFactory
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db


def _trust(arn):
    return document(allow("sts:AssumeRole", None, Principal={"AWS": arn}))


def _switch(user, role_name, status):
    """Switch role in the console as `user`; the SwitchRole event it wrote."""
    response = sign_in(Client(), user).post("/switch-role/", {
        "account": user.account.account_id, "role_name": role_name})
    assert response.status_code == status
    return TrailEvent.objects.get(event_name="SwitchRole")


def test_the_session_issuer_arn_keeps_the_roles_path(account, aws_policy):
    role = RoleFactory(account=account, name="auditor", path="/audit/team/")
    policy_attach_to_role(role=role, policy=aws_policy("IAMReadOnlyAccess"))
    assert role.arn == "arn:aws:iam::111111111111:role/audit/team/auditor"
    session = role_session_principal(role, session_name="ann",
                                     expires_at=datetime.now(UTC) + timedelta(hours=1))
    Caller(session).run(ListUsers)
    issuer = TrailEvent.objects.get().record["userIdentity"]["sessionContext"]["sessionIssuer"]
    assert issuer["arn"] == role.arn
    assert issuer["userName"] == "auditor"


def test_switch_role_writes_switch_role_beside_assume_role(account, alice, aws_policy):
    role = RoleFactory(account=account, name="Auditor", path="/ops/", trust=_trust(alice.arn))
    policy_attach_to_role(role=role, policy=aws_policy("IAMReadOnlyAccess"))
    switch = _switch(alice, "Auditor", 302)
    record = switch.record
    assert record["eventSource"] == "signin.amazonaws.com"
    assert record["eventType"] == "AwsConsoleSignIn"
    assert record["responseElements"] == {"SwitchRole": "Success"}
    assert record["additionalEventData"]["SwitchFrom"] == alice.arn
    assert record["additionalEventData"]["RedirectTo"].endswith("/")
    assert record["userIdentity"]["type"] == "AssumedRole"
    assert record["userIdentity"]["sessionContext"]["sessionIssuer"]["arn"] == role.arn
    assert switch.error_code == "" and switch.account_id == account.pk
    # AWS writes both: the sign-in's SwitchRole and the AssumeRole it ran.
    assert TrailEvent.objects.filter(event_name="AssumeRole", error_code="").count() == 1
    credential = TemporaryCredential.objects.get(role=role)
    assert session_principal(credential).issuer_arn == role.arn


def test_a_refused_switch_role_is_a_failure_of_the_user(account, alice):
    RoleFactory(account=account, name="Admin", path="/secret/path/")
    switch = _switch(alice, "Admin", 403)
    record = switch.record
    assert record["responseElements"] == {"SwitchRole": "Failure"}
    assert record["errorCode"] == "AccessDenied" and switch.error_code == "AccessDenied"
    assert record["userIdentity"]["type"] == "IAMUser"
    assert record["additionalEventData"]["SwitchFrom"] == alice.arn
    # What the user typed only: the role's path is not told.
    assert "secret" not in str(record)
    assert TrailEvent.objects.filter(event_name="AssumeRole", error_code="AccessDenied").exists()
