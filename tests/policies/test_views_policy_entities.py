"""Attaching and detaching a policy from its page."""

import pytest

from accounts.services import group_create, role_create, user_create
from policies.models import ManagedPolicy, PolicyAttachment
from policies.services import policy_attach, policy_create
from tests.documents import EC2_TRUST
from tests.helpers import is_fragment, user_client
from tests.policies.policy_views_support import S3_READ, detail

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy(account):
    return policy_create(account=account, name="Reports", policy_document=S3_READ,
                         tags={"team": "finance", "env": "prod"})


@pytest.fixture
def entities(account):
    return {
        "alice": user_create(account=account, name="alice"),
        "bob": user_create(account=account, name="bob"),
        "Finance": group_create(account=account, name="Finance"),
        "Reporter": role_create(account=account, name="Reporter", trust_policy=EC2_TRUST),
    }


ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess"


def guarded_client(account, name, action, policy_arn):
    """An IAM administrator whose policy explicitly denies `action` for one policy ARN only
    (AWS's usual guardrail: "never attach AdministratorAccess")."""
    guardrail = policy_create(account=account, name=f"{name}-guardrail", policy_document={
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": "iam:*", "Resource": "*"},
            {"Effect": "Deny", "Action": action, "Resource": "*",
             "Condition": {"ArnEquals": {"iam:PolicyARN": policy_arn}}},
        ],
    })
    return user_client(account, name, guardrail)


def attached(policy):
    return sorted(a.entity.name for a in PolicyAttachment.objects.filter(policy=policy))


class TestAttach:
    def test_the_page_lists_what_is_not_attached_yet(self, root_client, policy, entities):
        policy_attach(policy=policy, entity=entities["bob"])
        response = root_client.get(f"/policies/attach/{policy.arn}")
        listed = [(kind, e.name) for kind, _, e in response.context["candidates"]]
        assert listed == [("user", "alice"), ("group", "Finance"), ("role", "Reporter")]

    def test_searching_answers_a_fragment_and_keeps_what_was_chosen(self, root_client, policy,
                                                                    entities):
        response = root_client.get(f"/policies/attach/{policy.arn}?q=fin&entity=user:alice",
                                   HTTP_HX_REQUEST="true")
        html = response.content.decode()
        assert is_fragment(response)
        assert "Finance" in html and ">alice<" not in html
        assert '<input type="hidden" name="entity" value="user:alice">' in html

    def test_attaching_to_users_groups_and_roles(self, root_client, policy, entities):
        response = root_client.post(f"/policies/attach/{policy.arn}", {
            "entity": ["user:alice", "group:Finance", "role:Reporter"]}, follow=True)
        assert response.redirect_chain[-1][0] == detail(policy.arn, "entities")
        assert "Policy Reports attached to alice, Finance, Reporter." in (
            response.content.decode())
        assert attached(policy) == ["Finance", "Reporter", "alice"]

    def test_attaching_an_aws_managed_policy_is_allowed(self, root_client, entities):
        arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
        response = root_client.post(f"/policies/attach/{arn}", {"entity": ["group:Finance"]})
        assert response.status_code == 302
        assert PolicyAttachment.objects.filter(group=entities["Finance"],
                                               policy__arn=arn).exists()

    def test_choosing_nothing_is_an_error_on_the_page(self, root_client, policy, entities):
        response = root_client.post(f"/policies/attach/{policy.arn}", {})
        assert response.status_code == 400
        assert "Choose at least one user, group or role." in response.content.decode()

    def test_another_accounts_user_is_not_found_and_nothing_is_attached(
        self, root_client, policy, entities, other_account
    ):
        user_create(account=other_account, name="mallory")
        response = root_client.post(f"/policies/attach/{policy.arn}", {
            "entity": ["user:alice", "user:mallory"]})
        assert response.status_code == 404
        assert "mallory cannot be found" in response.content.decode()
        assert attached(policy) == []

    def test_a_limit_on_one_entity_attaches_nothing(self, root_client, account, policy, entities,
                                                    settings):
        settings.IAM_MAX_ATTACHED_POLICIES_USER = 1
        policy_attach(policy=policy_create(account=account, name="Other",
                                           policy_document=S3_READ), entity=entities["bob"])
        response = root_client.post(f"/policies/attach/{policy.arn}", {
            "entity": ["user:alice", "user:bob"]})
        assert response.status_code == 409
        assert "Cannot exceed quota for PoliciesPerUser" in response.content.decode()
        assert attached(policy) == []

    def test_service_role_policies_cannot_be_attached(self, root_client, entities):
        service_role = ManagedPolicy.objects.filter(account__isnull=True,
                                                    is_attachable=False).first()
        if service_role is None:
            pytest.skip("the catalogue has no non-attachable policy")
        html = root_client.get(detail(service_role.arn, "entities")).content.decode()
        assert "Not attachable" in html and "/policies/attach/" not in html

    def test_other_policies_stay_attachable_under_the_guardrail(self, account, policy,
                                                                entities):
        client = guarded_client(account, "operator", "iam:AttachUserPolicy", ADMIN)
        response = client.post(f"/policies/attach/{policy.arn}", {"entity": ["user:alice"]})
        assert response.status_code == 302 and attached(policy) == ["alice"]


class TestDetach:
    def test_detaching_from_a_role(self, root_client, policy, entities):
        policy_attach(policy=policy, entity=entities["Reporter"])
        response = root_client.post(f"/policies/detach/{policy.arn}",
                                    {"entity": "role:Reporter"}, follow=True)
        assert "Policy Reports detached from role Reporter." in response.content.decode()
        assert attached(policy) == []

    def test_detaching_what_is_not_attached_is_not_found(self, root_client, policy, entities):
        response = root_client.post(f"/policies/detach/{policy.arn}", {"entity": "user:alice"})
        assert response.status_code == 404

    def test_a_malformed_entity_is_invalid_input(self, root_client, policy):
        response = root_client.post(f"/policies/detach/{policy.arn}", {"entity": "alice"})
        assert response.status_code == 400 and "InvalidInput" in response.content.decode()

