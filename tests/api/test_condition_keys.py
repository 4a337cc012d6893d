"""The API authorizes each write with the condition keys AWS sets for it (aws:RequestTag,
aws:TagKeys, iam:PolicyARN, iam:PassedToService), so guardrails written with them apply:
a caller refused by one gets 403 with AWS's sentence and nothing is written."""

from __future__ import annotations

import pytest

from accounts.models import IamUser, InstanceProfile, Role
from accounts.services import instance_profile_create, role_create, tag_resource
from policies.models import ManagedPolicy
from policies.services import inline_policy_put

from .conftest import DOCUMENT, TRUST, Api, user_with_key

pytestmark = pytest.mark.django_db
TAG_GUARD = {"ForAnyValue:StringEquals": {"aws:TagKeys": ["access-level"]}}


def guarded(account, *statements: dict) -> Api:
    """An API caller with these statements as its only (inline) policy."""
    user, created = user_with_key(account, "operator")
    inline_policy_put(entity=user, name="guardrail", policy_document={
        "Version": "2012-10-17", "Statement": list(statements),
    })
    return Api(created.access_key.access_key_id, created.secret_access_key)


def allow_iam() -> dict:
    return {"Effect": "Allow", "Action": "iam:*", "Resource": "*"}


def deny(action: str | list[str], condition: dict) -> dict:
    return {"Effect": "Deny", "Action": action, "Resource": "*", "Condition": condition}


def denied(response, action: str, resource: str, why: str = "with an explicit deny") -> None:
    assert response.status_code == 403, response.content
    body = response.json()
    assert body["code"] == "AccessDenied"
    assert (f"User: arn:aws:iam::111111111111:user/operator is not authorized to perform: "
            f"{action} on resource: {resource} {why}") in body["message"]


class TestTagsOnCreate:
    @pytest.mark.parametrize(("path", "body", "action", "arn"), [
        ("users", {"name": "eve"}, "iam:CreateUser", "user/eve"),
        ("roles", {"name": "eve", "trust_policy": TRUST}, "iam:CreateRole", "role/eve"),
        ("policies", {"name": "eve", "policy_document": DOCUMENT}, "iam:CreatePolicy",
         "policy/eve"),
        ("instance-profiles", {"name": "eve"}, "iam:CreateInstanceProfile",
         "instance-profile/eve"),
        ("mfa-devices", {"name": "eve"}, "iam:CreateVirtualMFADevice", "mfa/eve"),
    ])
    def test_creating_with_a_denied_tag_key_is_refused(self, account, path, body, action, arn):
        api = guarded(account, allow_iam(), deny(action, TAG_GUARD))
        response = api.post(f"/api/v1/{path}/", {**body, "tags": {"access-level": "admin"}})
        denied(response, action, f"arn:aws:iam::111111111111:{arn}")
        assert not IamUser.objects.filter(name="eve").exists()
        assert not Role.objects.filter(name="eve").exists()
        assert not ManagedPolicy.objects.filter(name="eve").exists()
        assert not InstanceProfile.objects.filter(name="eve").exists()

    def test_creating_a_user_with_tags_needs_tag_user(self, account):
        api = guarded(account, {"Effect": "Allow", "Action": "iam:CreateUser", "Resource": "*"})
        response = api.post("/api/v1/users/", {"name": "eve", "tags": {"team": "data"}})
        denied(response, "iam:TagUser", "arn:aws:iam::111111111111:user/eve",
               "because no identity-based policy allows the iam:TagUser action")
        assert not IamUser.objects.filter(name="eve").exists()
        assert api.post("/api/v1/users/", {"name": "eve"}).status_code == 201


class TestTagAndUntag:
    def test_tagging_with_a_denied_key_is_refused(self, account):
        role = role_create(account=account, name="web", trust_policy=TRUST)
        api = guarded(account, allow_iam(), deny("iam:TagRole", TAG_GUARD))
        response = api.post("/api/v1/roles/web/tags/", {"tags": {"access-level": "admin"}})
        denied(response, "iam:TagRole", role.arn)
        role.refresh_from_db()
        assert role.tags == {}
        assert api.post("/api/v1/roles/web/tags/", {"tags": {"team": "a"}}).status_code == 200

    def test_untagging_a_denied_key_is_refused(self, account):
        role = role_create(account=account, name="web", trust_policy=TRUST)
        tag_resource(resource=role, tags={"access-level": "low"})
        api = guarded(account, allow_iam(), deny("iam:UntagRole", TAG_GUARD))
        response = api.delete("/api/v1/roles/web/tags/?key=access-level")
        denied(response, "iam:UntagRole", role.arn)
        role.refresh_from_db()
        assert role.tags == {"access-level": "low"}


class TestPassRole:
    PASS_TO_EC2 = {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}

    def test_adding_a_role_to_a_profile_passes_it_to_ec2(self, account):
        role = role_create(account=account, name="web", trust_policy=TRUST)
        profile = instance_profile_create(account=account, name="web-profile")
        api = guarded(account, allow_iam(), deny("iam:PassRole", self.PASS_TO_EC2))
        response = api.post("/api/v1/instance-profiles/web-profile/roles/",
                            {"role_name": "web"})
        denied(response, "iam:PassRole", role.arn)
        profile.refresh_from_db()
        assert profile.role is None

    def test_creating_a_profile_with_a_role_passes_it_to_ec2(self, account):
        role = role_create(account=account, name="web", trust_policy=TRUST)
        api = guarded(account, allow_iam(), deny("iam:PassRole", self.PASS_TO_EC2))
        response = api.post("/api/v1/instance-profiles/",
                            {"name": "web-profile", "role_name": "web"})
        denied(response, "iam:PassRole", role.arn)
        assert not InstanceProfile.objects.filter(name="web-profile").exists()


class TestDeleteWithDependents:
    @pytest.mark.parametrize(("path", "action"), [
        ("users/alice", "iam:DetachUserPolicy"),
        ("groups/devs", "iam:DetachGroupPolicy"),
        ("roles/web", "iam:DetachRolePolicy"),
    ])
    def test_each_detach_is_authorized_with_the_policys_arn(self, account, path, action):
        from accounts.services import group_create, user_create
        from policies.services import policy_attach, policy_create

        protected = policy_create(account=account, name="protected", policy_document=DOCUMENT)
        entities = {"users/alice": user_create(account=account, name="alice"),
                    "groups/devs": group_create(account=account, name="devs"),
                    "roles/web": role_create(account=account, name="web", trust_policy=TRUST)}
        entity = entities[path]
        policy_attach(policy=protected, entity=entity)
        api = guarded(account, allow_iam(),
                      deny(action, {"ArnEquals": {"iam:PolicyARN": protected.arn}}))
        response = api.delete(f"/api/v1/{path}/?with_dependents=true")
        denied(response, action, entity.arn)
        assert type(entity).objects.filter(pk=entity.pk).exists()
