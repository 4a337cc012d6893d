"""Temporary credentials: issued with their limits, read back as the principal they act as,
and decided with their session policies and session context."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.services.sessions import (
    credential_secret,
    is_expired,
    session_issue,
)
from iamconsole.exceptions import MalformedPolicyDocument, PackedPolicyTooLarge, StsValidationError
from policies.authorization import Requirement, check, principal_policy_set, request_context
from policies.services import inline_policy_put
from tests.factories import IamUserFactory, RoleFactory

pytestmark = pytest.mark.django_db
ALLOW_ALL = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'
LIST_ONLY = ('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:List*",'
             '"Resource":"*"}]}')


def _noise(seed: int) -> str:
    """250 characters that do not compress."""
    return "".join(hashlib.sha256(f"{seed}-{i}".encode()).hexdigest() for i in range(4))[:250]


def _role_with_admin():
    role = RoleFactory(max_session_duration=7200)
    inline_policy_put(entity=role, name="admin", policy_document=ALLOW_ALL)
    return role


def test_issue_and_read_back_a_role_session():
    role = _role_with_admin()
    issued = session_issue(kind="assumed-role", issued_by="AssumeRole", role=role,
                           session_name="alice", duration_seconds=3600,
                           max_duration=role.max_session_duration, policy=LIST_ONLY,
                           session_tags={"team": "blue"}, source_identity="alice@corp")
    creds = issued.credentials()
    assert creds["AccessKeyId"].startswith("ASIA") and len(creds["AccessKeyId"]) == 20
    assert issued.principal.arn.endswith(f":assumed-role/{role.name}/alice")
    assert issued.principal.unique_id == f"{role.unique_id}:alice"
    assert 0 < issued.packed_policy_size <= 100
    found = credential_secret(access_key_id=creds["AccessKeyId"],
                              session_token=creds["SessionToken"])
    assert found is not None and found[1] == creds["SecretAccessKey"]
    assert credential_secret(access_key_id=creds["AccessKeyId"],
                             session_token=creds["SessionToken"][:-2] + "AA") is None
    assert credential_secret(access_key_id=creds["AccessKeyId"], session_token=None) is None
    principal = issued.principal
    assert check(principal, Requirement("iam:ListUsers")).allowed
    denied = check(principal, Requirement("iam:CreateUser"))
    assert not denied.allowed and "session policy" in denied.message
    assert dict(principal.session_context)["aws:SourceIdentity"] == "alice@corp"
    assert not is_expired(found[0])
    assert is_expired(found[0], timezone.now() + timedelta(hours=2))


def test_federated_user_without_policy_has_no_permissions():
    user = IamUserFactory()
    inline_policy_put(entity=user, name="admin", policy_document=ALLOW_ALL)
    issued = session_issue(kind="federated-user", issued_by="GetFederationToken", user=user,
                           session_name="bob", duration_seconds=900, max_duration=129600)
    assert issued.principal.arn == f"arn:aws:sts::{user.account.account_id}:federated-user/bob"
    assert not check(issued.principal, Requirement("iam:ListUsers")).allowed
    issued = session_issue(kind="federated-user", issued_by="GetFederationToken", user=user,
                           session_name="bob", duration_seconds=900, max_duration=129600,
                           policy=LIST_ONLY)
    assert check(issued.principal, Requirement("iam:ListUsers")).allowed


@pytest.mark.parametrize("inputs, error", [
    ({"duration_seconds": 899}, StsValidationError),
    ({"duration_seconds": 7201}, StsValidationError),
    ({"policy": '{"Statement": 1}'}, MalformedPolicyDocument),
    ({"session_tags": {f"k{i}": _noise(i) for i in range(40)}}, PackedPolicyTooLarge),
    ({"session_tags": {"a": "1"}, "transitive_tag_keys": ["b"]}, StsValidationError),
    ({"source_identity": "aws:me"}, StsValidationError),
])
def test_issue_refuses_what_aws_refuses(inputs, error):
    role = _role_with_admin()
    args = {"kind": "assumed-role", "issued_by": "AssumeRole", "role": role,
            "session_name": "s1", "duration_seconds": 900, "max_duration": 7200, **inputs}
    with pytest.raises(error):
        session_issue(**args)


def test_a_session_sets_its_condition_keys():
    role = _role_with_admin()
    role.tags = {"Team": "red", "site": "paris"}
    role.save()
    issued = session_issue(kind="assumed-role", issued_by="AssumeRoleWithWebIdentity",
                           role=role, session_name="ci", duration_seconds=900,
                           max_duration=3600, session_tags={"team": "blue"},
                           context={"token.example.com:sub": "repo:main",
                                    "token.example.com:amr": ["a", "b"]})
    principal = issued.principal
    context = request_context(principal, principal_policy_set(principal))
    assert context["aws:userid"] == f"{role.unique_id}:ci"
    assert context["aws:PrincipalArn"] == role.arn
    assert context["aws:PrincipalType"] == "AssumedRole"
    assert context["aws:PrincipalTag/team"] == "blue"  # the session tag wins
    assert "aws:PrincipalTag/Team" not in context
    assert context["aws:PrincipalTag/site"] == "paris"
    assert context["aws:MultiFactorAuthPresent"] == "false"
    assert context["aws:TokenIssueTime"].endswith("Z")
    assert context["token.example.com:sub"] == "repo:main"
    assert context["token.example.com:amr"] == ("a", "b")
    assert "aws:SourceIdentity" not in context
