"""Role services: trust policies kept as written and validated, durations, delete semantics."""

import json
import re

import pytest

from accounts.models import InstanceProfile, Role
from accounts.operations.roles import DeleteRole
from accounts.services import (
    instance_profile_create,
    role_create,
    role_delete,
    role_record_use,
    role_update,
    role_update_trust_policy,
)
from iamconsole.exceptions import (
    DeleteConflict,
    EntityAlreadyExists,
    InvalidInput,
    MalformedPolicyDocument,
)
from iamconsole.operations import root_caller
from policies.services import inline_policy_put, policy_attach_to_role
from tests.documents import ALLOW_ALL, EC2_TRUST

pytestmark = pytest.mark.django_db

TRUST_TEXT = """{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow",
                 "Principal": {"Service": "ec2.amazonaws.com"},
                 "Action": "sts:AssumeRole"}]
}"""


def test_create_role_keeps_the_trust_policy_text_exactly(account):
    role = role_create(account=account, name="SSMInstanceProfile", trust_policy=TRUST_TEXT,
                       description="EC2 for SSM", max_session_duration=7200)
    assert re.fullmatch(r"AROA[A-Z0-9]{17}", role.unique_id)
    assert role.arn == "arn:aws:iam::111111111111:role/SSMInstanceProfile"
    role.refresh_from_db()
    assert role.trust_policy == TRUST_TEXT
    assert role.trust_policy_document["Statement"][0]["Principal"] == {
        "Service": "ec2.amazonaws.com"
    }
    assert role.max_session_duration == 7200


def test_cross_account_trust_is_expressible(account):
    trust = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:root"},
        "Action": "sts:AssumeRole",
        "Condition": {"StringEquals": {"sts:ExternalId": "training-42"}},
    }]}
    role = role_create(account=account, name="CrossAccount", trust_policy=trust)
    assert json.loads(role.trust_policy) == trust


def test_malformed_trust_policy_reports_positions(account):
    text = '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow",\n' \
           '    "Action": "sts:AssumeRole"}]\n}'
    with pytest.raises(MalformedPolicyDocument) as exc:
        role_create(account=account, name="NoPrincipal", trust_policy=text)
    assert exc.value.field == "trust_policy"
    errors = [d for d in exc.value.details if d["severity"] == "error"]
    assert errors and errors[0]["statement_index"] == 0
    assert errors[0]["line"] >= 3 and errors[0]["column"] >= 1
    assert not Role.objects.exists()


def test_trust_policy_size_limit_is_a_setting(account, settings):
    settings.IAM_TRUST_POLICY_MAX_SIZE = 50
    with pytest.raises(MalformedPolicyDocument) as exc:
        role_create(account=account, name="Big", trust_policy=EC2_TRUST)
    assert "50" in exc.value.message


@pytest.mark.parametrize("duration", [3599, 43201, 0])
def test_max_session_duration_range(account, duration):
    with pytest.raises(InvalidInput) as exc:
        role_create(account=account, name="r", trust_policy=EC2_TRUST,
                    max_session_duration=duration)
    assert exc.value.field == "max_session_duration"


def test_description_is_at_most_1000_characters(account):
    role_create(account=account, name="ok", trust_policy=EC2_TRUST, description="d" * 1000)
    with pytest.raises(InvalidInput):
        role_create(account=account, name="long", trust_policy=EC2_TRUST, description="d" * 1001)


def test_role_names_are_unique_ignoring_case(account):
    role_create(account=account, name="Deploy", trust_policy=EC2_TRUST)
    with pytest.raises(EntityAlreadyExists):
        role_create(account=account, name="deploy", trust_policy=EC2_TRUST)


def test_update_description_duration_and_rename(account):
    role = role_create(account=account, name="Deploy", trust_policy=EC2_TRUST)
    updated = role_update(role=role, description="new", max_session_duration=43200,
                          new_name="Deployer", new_path="/ci/")
    assert (updated.description, updated.max_session_duration) == ("new", 43200)
    assert updated.unique_id == role.unique_id
    assert updated.arn == "arn:aws:iam::111111111111:role/ci/Deployer"


def test_update_trust_policy_validates_and_keeps_text(account):
    role = role_create(account=account, name="Deploy", trust_policy=EC2_TRUST)
    role_update_trust_policy(role=role, trust_policy=TRUST_TEXT)
    role.refresh_from_db()
    assert role.trust_policy == TRUST_TEXT
    with pytest.raises(MalformedPolicyDocument):
        role_update_trust_policy(role=role, trust_policy="{not json")
    role.refresh_from_db()
    assert role.trust_policy == TRUST_TEXT


def test_delete_conflict_lists_instance_profiles_and_policies(account, aws_policy):
    role = role_create(account=account, name="SSM", trust_policy=EC2_TRUST)
    instance_profile_create(account=account, name="SSM", role=role)
    instance_profile_create(account=account, name="Other", role=role)
    inline_policy_put(entity=role, name="inline", policy_document=ALLOW_ALL)
    policy_attach_to_role(policy=aws_policy("AmazonSSMManagedInstanceCore"), role=role)
    with pytest.raises(DeleteConflict) as exc:
        role_delete(role=role)
    assert [d["type"] for d in exc.value.details] == [
        "instance profile", "instance profile", "inline policy", "attached policy",
    ]
    root_caller(account).run(DeleteRole, role_name=role.name, with_dependents=True)
    assert not Role.objects.exists()
    # The same-name profile goes with the role, as in the AWS console; the other one stays.
    assert list(InstanceProfile.objects.values_list("name", "role")) == [("Other", None)]


def test_record_use(account):
    role = role_create(account=account, name="Deploy", trust_policy=EC2_TRUST)
    role_record_use(role=role, region="eu-west-1")
    role.refresh_from_db()
    assert role.last_used_at is not None and role.last_used_region == "eu-west-1"


@pytest.mark.parametrize("path", ["/aws-service-role/ec2.amazonaws.com/", "/aws-reserved/x/"])
def test_reserved_role_paths(account, path):
    with pytest.raises(InvalidInput):
        role_create(account=account, name="r", trust_policy=EC2_TRUST, path=path)
