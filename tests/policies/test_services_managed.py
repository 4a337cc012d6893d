"""Customer-managed policies: creation, exact text, validation errors, deletion rules."""

import json
import re

import pytest

from iamconsole.exceptions import (
    DeleteConflict,
    EntityAlreadyExists,
    InvalidInput,
    MalformedPolicyDocument,
    UnmodifiableEntity,
)
from iamconsole.operations import root_caller
from policies.models import ManagedPolicy, PolicyVersion
from policies.operations.managed import DeletePolicy
from policies.services import (
    permissions_boundary_put,
    policy_attach_to_user,
    policy_create,
    policy_delete,
    policy_version_create,
)
from tests.documents import ALLOW_ALL
from tests.factories import IamUserFactory, RoleFactory

pytestmark = pytest.mark.django_db

TEXT = '{"Version":"2012-10-17",\n "Statement":[{"Effect":"Allow","Action":"s3:GetObject",' \
       '"Resource":"arn:aws:s3:::bkt/*"}]}'


def test_create_policy_with_v1_default_keeping_the_text(account):
    policy = policy_create(account=account, name="ReadBucket", policy_document=TEXT,
                           path="/team/", description="Read one bucket", tags={"a": "b"})
    assert re.fullmatch(r"ANPA[A-Z0-9]{17}", policy.unique_id)
    assert policy.arn == "arn:aws:iam::111111111111:policy/team/ReadBucket"
    (version,) = policy.versions.all()
    assert (version.version_id, version.is_default) == ("v1", True)
    assert version.document_text == TEXT
    assert version.document == json.loads(TEXT)
    assert policy.next_version_number == 2


def test_policy_objects_are_stored_as_indented_json(account):
    policy = policy_create(account=account, name="All", policy_document=ALLOW_ALL)
    assert policy.versions.get().document_text == json.dumps(ALLOW_ALL, indent=4)


def test_policy_names_are_unique_ignoring_case(account, other_account):
    policy_create(account=account, name="ReadBucket", policy_document=TEXT)
    with pytest.raises(EntityAlreadyExists):
        policy_create(account=account, name="readbucket", policy_document=TEXT)
    policy_create(account=other_account, name="ReadBucket", policy_document=TEXT)
    # AWS-managed names do not clash with an account's own.
    policy_create(account=account, name="ReadOnlyAccess", policy_document=TEXT)


def test_policy_paths_are_stricter(account):
    with pytest.raises(InvalidInput):
        policy_create(account=account, name="p", policy_document=TEXT, path="/a b/")
    with pytest.raises(InvalidInput):
        policy_create(account=account, name="p", policy_document=TEXT, path="/a//b/")


def test_validation_errors_carry_positions(account):
    text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow",\n' \
           '     "Action": "s3:GetObject"}\n  ]\n}'
    with pytest.raises(MalformedPolicyDocument) as exc:
        policy_create(account=account, name="NoResource", policy_document=text)
    error = exc.value
    assert error.status == 400 and error.field == "policy_document"
    (finding,) = [d for d in error.details if d["severity"] == "error"]
    assert finding["statement_index"] == 0
    assert {"line", "column", "end_line", "end_column", "code", "message"} <= set(finding)
    assert finding["line"] == 4
    assert "statement 1" in error.message
    assert not ManagedPolicy.objects.filter(account=account).exists()


def test_json_syntax_errors_are_located(account):
    with pytest.raises(MalformedPolicyDocument) as exc:
        policy_create(account=account, name="Broken", policy_document='{\n  "Version": }')
    assert exc.value.details[0]["code"] == "InvalidJson"
    assert exc.value.details[0]["line"] == 2


def test_managed_policy_size_limit(account):
    statement = {"Effect": "Allow", "Action": "s3:GetObject",
                 "Resource": [f"arn:aws:s3:::bucket-{n:04}/*" for n in range(260)]}
    document = {"Version": "2012-10-17", "Statement": [statement]}
    with pytest.raises(MalformedPolicyDocument) as exc:
        policy_create(account=account, name="Huge", policy_document=document)
    assert "6,144" in exc.value.message


def test_lint_warnings_do_not_block(account):
    policy = policy_create(account=account, name="Admin", policy_document=ALLOW_ALL)
    assert policy.versions.get().document["Statement"][0]["Action"] == "*"


def test_aws_managed_policies_are_read_only(aws_policy):
    admin = aws_policy("AdministratorAccess")
    with pytest.raises(UnmodifiableEntity):
        policy_delete(policy=admin)
    with pytest.raises(UnmodifiableEntity):
        policy_version_create(policy=admin, policy_document=ALLOW_ALL)


def test_delete_conflict_lists_attachments_boundaries_and_versions(account):
    policy = policy_create(account=account, name="P", policy_document=ALLOW_ALL)
    user = IamUserFactory(account=account, name="alice")
    policy_attach_to_user(policy=policy, user=user)
    permissions_boundary_put(entity=RoleFactory(account=account, name="deployer"), policy=policy)
    policy_version_create(policy=policy, policy_document=ALLOW_ALL)
    with pytest.raises(DeleteConflict) as exc:
        policy_delete(policy=policy)
    assert exc.value.details == [
        {"type": "user attachment", "name": "alice"},
        {"type": "role boundary", "name": "deployer"},
        {"type": "policy version", "name": "v2"},
    ]
    root_caller(account).run(DeletePolicy, policy_arn=policy.arn, with_dependents=True)
    assert not ManagedPolicy.objects.filter(pk=policy.pk).exists()
    assert not PolicyVersion.objects.filter(policy_id=policy.pk).exists()
    assert RoleFactory._meta.model.objects.get(name="deployer").permissions_boundary is None


def test_delete_an_unused_policy(account):
    policy = policy_create(account=account, name="P", policy_document=ALLOW_ALL)
    policy_delete(policy=policy)
    assert not ManagedPolicy.objects.filter(account=account).exists()
