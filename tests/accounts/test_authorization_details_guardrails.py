"""An import is the operations its file implies: editing an export cannot do what the
caller's policies refuse (removing its own boundary, deleting keys, deactivating MFA,
deleting console passwords, removing group members, deleting the password policy,
re-activating a key an administrator deactivated)."""

from __future__ import annotations

import copy
import json

import pytest
from django.test import Client

from accounts.authorization_details import export_authorization_details
from accounts.models import AccessKey, GroupMembership, LoginProfile, MfaDevice, PasswordPolicy
from accounts.services import (
    access_key_create,
    access_key_update_status,
    group_add_user,
    group_create,
    login_profile_create,
    password_policy_update,
    user_create,
)
from policies.selectors import aws_managed_policy
from policies.services import permissions_boundary_put, policy_attach, policy_create
from tests.factories import MfaDeviceFactory
from tests.helpers import USER_PASSWORD, sign_in
from tests.operations.harness import snapshot

pytestmark = pytest.mark.django_db

GUARDED = ["iam:DeleteUserPermissionsBoundary", "iam:DeleteAccessKey",
           "iam:DeactivateMFADevice", "iam:DeleteLoginProfile", "iam:RemoveUserFromGroup",
           "iam:DeleteAccountPasswordPolicy", "iam:UpdateAccessKey"]
GUARDRAIL = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "*", "Resource": "*"},
    {"Effect": "Deny", "Action": GUARDED, "Resource": "*"},
]}


@pytest.fixture
def mallory(account):
    """An administrator held by a boundary that forbids the removals above; alice has every
    credential, bob a key an administrator deactivated."""
    guardrail = policy_create(account=account, name="guardrail", policy_document=GUARDRAIL)
    mallory = user_create(account=account, name="mallory")
    login_profile_create(user=mallory, password=USER_PASSWORD)
    policy_attach(policy=aws_managed_policy("AdministratorAccess"), entity=mallory)
    permissions_boundary_put(entity=mallory, policy=guardrail)
    alice = user_create(account=account, name="alice")
    login_profile_create(user=alice, password=USER_PASSWORD)
    access_key_create(user=alice)
    MfaDeviceFactory(account=account, name="alice", enabled_for=alice)
    group_add_user(group=group_create(account=account, name="devs"), user=alice)
    bob = user_create(account=account, name="bob")
    access_key_update_status(access_key=access_key_create(user=bob).access_key,
                             status="Inactive")
    password_policy_update(account=account, minimum_password_length=12)
    return sign_in(Client(), mallory)


def _user(document, name):
    return next(u for u in document["UserDetailList"] if u["UserName"] == name)


def _credentials(document, name):
    return next(u for u in document["x-console"]["Users"] if u["UserName"] == name)


EDITS = {
    "iam:DeleteUserPermissionsBoundary": lambda d: _user(d, "mallory").pop(
        "PermissionsBoundary"),
    "iam:DeleteAccessKey": lambda d: _credentials(d, "alice").update(AccessKeys=[]),
    "iam:DeactivateMFADevice": lambda d: _credentials(d, "alice").update(MFADevices=[]),
    "iam:DeleteLoginProfile": lambda d: _credentials(d, "alice").update(LoginProfile=None),
    "iam:RemoveUserFromGroup": lambda d: _user(d, "alice").update(GroupList=[]),
    "iam:DeleteAccountPasswordPolicy": lambda d: d["x-console"].update(PasswordPolicy=None),
    "iam:UpdateAccessKey": lambda d: _credentials(d, "bob")["AccessKeys"][0].update(
        Status="Active"),
}


def _import(client, document):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("edited.json", json.dumps(document).encode(),
                                "application/json")
    return client.post("/account/settings/authorization-details/", {"files": [upload]})


@pytest.mark.parametrize("action", GUARDED)
def test_an_edited_export_cannot_do_what_the_callers_policies_refuse(account, mallory, action):
    exported = export_authorization_details(account=account)
    edited = copy.deepcopy(exported)
    EDITS[action](edited)
    assert edited != exported
    before = snapshot()
    response = _import(mallory, edited)
    assert response.status_code == 403
    assert f"not authorized to perform: {action}" in response.content.decode()
    assert snapshot() == before


def test_all_the_edits_at_once_change_nothing(account, mallory):
    edited = copy.deepcopy(export_authorization_details(account=account))
    for edit in EDITS.values():
        edit(edited)
    response = _import(mallory, edited)
    assert response.status_code == 403
    assert "AccessDenied" in response.content.decode() or "not authorized" in (
        response.content.decode())
    assert LoginProfile.objects.filter(user__name="alice").exists()
    assert AccessKey.objects.filter(user__name="alice").exists()
    assert MfaDevice.objects.filter(user__name="alice").exists()
    assert GroupMembership.objects.filter(user__name="alice").exists()
    assert PasswordPolicy.objects.filter(account=account).exists()
    assert AccessKey.objects.get(user__name="bob").status == "Inactive"


def test_an_unedited_export_imports_as_nothing_to_do(account, mallory):
    before = snapshot()
    response = _import(mallory, export_authorization_details(account=account))
    assert response.status_code == 200
    assert snapshot() == before
