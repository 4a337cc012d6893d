"""The API authorizes each write with the condition keys AWS sets for it (aws:RequestTag,
aws:TagKeys, iam:PolicyARN, iam:PassedToService), so guardrails written with them apply:
a caller refused by one gets 403 with AWS's sentence and nothing is written."""

from __future__ import annotations

import pytest

from accounts.models import IamUser, InstanceProfile, Role
from accounts.services import role_create, user_create
from policies.selectors import attached_policies, inline_policy_list
from policies.services import inline_policy_put, policy_attach, policy_create
from tests.api.helpers import DOCUMENT, guarded
from tests.documents import EC2_TRUST, allow, deny

pytestmark = pytest.mark.django_db
TAG_GUARD = {"ForAnyValue:StringEquals": {"aws:TagKeys": ["access-level"]}}


def denied(response, action: str, resource: str, why: str = "with an explicit deny") -> None:
    assert response.status_code == 403, response.content
    body = response.json()
    assert body["code"] == "AccessDenied"
    assert (f"User: arn:aws:iam::111111111111:user/operator is not authorized to perform: "
            f"{action} on resource: {resource} {why}") in body["message"]


class TestTagsOnCreate:
    @pytest.mark.parametrize(("path", "body", "action", "arn"), [
        ("users", {"name": "eve"}, "iam:CreateUser", "user/eve"),
        ("roles", {"name": "eve", "trust_policy": EC2_TRUST}, "iam:CreateRole", "role/eve"),
        ("instance-profiles", {"name": "eve"}, "iam:CreateInstanceProfile",
         "instance-profile/eve"),
        ("mfa-devices", {"name": "eve"}, "iam:CreateVirtualMFADevice", "mfa/eve"),
    ])
    def test_creating_with_a_denied_tag_key_is_refused(self, account, path, body, action, arn):
        api = guarded(account, allow("iam:*"), deny(action, Condition=TAG_GUARD))
        response = api.post(f"/api/v1/{path}/", {**body, "tags": {"access-level": "admin"}})
        denied(response, action, f"arn:aws:iam::111111111111:{arn}")
        assert not IamUser.objects.filter(name="eve").exists()
        assert not Role.objects.filter(name="eve").exists()
        assert not InstanceProfile.objects.filter(name="eve").exists()

    def test_creating_a_user_with_tags_needs_tag_user(self, account):
        api = guarded(account, {"Effect": "Allow", "Action": "iam:CreateUser", "Resource": "*"})
        response = api.post("/api/v1/users/", {"name": "eve", "tags": {"team": "data"}})
        denied(response, "iam:TagUser", "arn:aws:iam::111111111111:user/eve",
               "because no identity-based policy allows the iam:TagUser action")
        assert not IamUser.objects.filter(name="eve").exists()
        assert api.post("/api/v1/users/", {"name": "eve"}).status_code == 201




class TestDeleteWithDependents:
    def test_each_detach_is_authorized_with_the_policys_arn(self, account):
        protected = policy_create(account=account, name="protected", policy_document=DOCUMENT)
        user = user_create(account=account, name="alice")
        policy_attach(policy=protected, entity=user)
        api = guarded(account, allow("iam:*"), deny(
            "iam:DetachUserPolicy", Condition={"ArnEquals": {"iam:PolicyARN": protected.arn}}))
        response = api.delete("/api/v1/users/alice/?with_dependents=true")
        denied(response, "iam:DetachUserPolicy", user.arn)
        assert IamUser.objects.filter(pk=user.pk).exists()


class TestCurrentBoundary:
    """Operations on a user or role that has a boundary carry it as iam:PermissionsBoundary
    (where the service reference lists the key), so a guardrail such as "never change the
    holders of AdminBoundary" applies to the API as to the console."""

    @pytest.fixture
    def setup(self, account):
        admin_boundary = policy_create(account=account, name="AdminBoundary",
                                       policy_document=DOCUMENT)
        attached = policy_create(account=account, name="attached", policy_document=DOCUMENT)
        other = policy_create(account=account, name="other", policy_document=DOCUMENT)
        for name, boundary in (("held", admin_boundary), ("free", None)):
            for entity in (user_create(account=account, name=name, permissions_boundary=boundary),
                           role_create(account=account, name=name, trust_policy=EC2_TRUST,
                                       permissions_boundary=boundary)):
                policy_attach(policy=attached, entity=entity)
                inline_policy_put(entity=entity, name="inline", policy_document=DOCUMENT)
        return admin_boundary, attached, other

    @staticmethod
    def state(name: str) -> list:
        """Everything the operations below could change on the user and the role `name`."""
        found = [*IamUser.objects.filter(name=name), *Role.objects.filter(name=name)]
        return [(type(e).__name__, e.permissions_boundary_id, getattr(e, "trust_policy", ""),
                 getattr(e, "description", ""),
                 sorted(attached_policies(e).values_list("name", flat=True)),
                 sorted(inline_policy_list(e).values_list("name", flat=True))) for e in found]

    OPERATIONS = [
        # (kind, method, path after /api/v1/{kind}s/{name}, body, action)
        ("user", "delete", "?with_dependents=true", None, "iam:DeleteUserPolicy"),
        ("role", "put", "trust-policy/", {"policy_document": {**EC2_TRUST, "Statement": [
            {**EC2_TRUST["Statement"][0], "Principal": {"Service": "lambda.amazonaws.com"}}]}},
         "iam:UpdateAssumeRolePolicy"),
        ("role", "patch", "", {"description": "changed"}, "iam:UpdateRole"),
        ("role", "delete", "?with_dependents=true", None, "iam:DeleteRole"),
        ("role", "delete", "?with_dependents=true", None, "iam:DetachRolePolicy"),
    ]

    @pytest.mark.parametrize(("kind", "method", "path", "body", "action"), OPERATIONS)
    def test_a_guardrail_on_the_current_boundary_applies(self, account, setup, kind, method,
                                                        path, body, action):
        admin_boundary, _, _ = setup
        api = guarded(account, allow("iam:*"), deny(
            action, Condition={"ArnEquals": {"iam:PermissionsBoundary": admin_boundary.arn}}))
        before = self.state("held")
        response = api.call(method, f"/api/v1/{kind}s/held/{path}", body)
        denied(response, action, f"arn:aws:iam::111111111111:{kind}/held")
        assert self.state("held") == before
        # The same caller acts on the user or role without that boundary.
        response = api.call(method, f"/api/v1/{kind}s/free/{path}", body)
        assert response.status_code < 300, response.content

