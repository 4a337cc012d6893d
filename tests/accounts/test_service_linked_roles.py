"""Service-linked roles: only AWS changes them (each change refused with UnmodifiableEntity,
nothing changed), DeleteServiceLinkedRole deletes one by a deletion task whose status
GetServiceLinkedRoleDeletionStatus reads."""

from __future__ import annotations

import json
import re

import pytest

from accounts.authorization_details.importer import import_authorization_details
from accounts.models import InstanceProfile, Role, ServiceLinkedRoleDeletion
from accounts.operations.roles import (
    DeleteRole,
    GetRole,
    UpdateAssumeRolePolicy,
    UpdateRole,
    UpdateRoleDescription,
)
from accounts.operations.service_linked_roles import (
    CreateServiceLinkedRole,
    DeleteServiceLinkedRole,
    GetServiceLinkedRoleDeletionStatus,
)
from accounts.service_role_names import service_role_name
from accounts.services import instance_profile_create, role_create
from iamconsole.exceptions import InvalidInput, NoSuchEntity, UnmodifiableEntity
from iamconsole.operations import root_caller
from policies.models import InlinePolicy, PolicyAttachment
from policies.operations.attached import AttachRolePolicy, DetachRolePolicy
from policies.operations.boundaries import (
    DeleteRolePermissionsBoundary,
    PutRolePermissionsBoundary,
)
from policies.operations.inline import DeleteRolePolicy, PutRolePolicy
from policies.services import inline_policy_put
from tests.documents import EC2_TRUST, document_text

SERVICE = "elasticbeanstalk.amazonaws.com"
NAME = "AWSServiceRoleForElasticBeanstalk"
S3_READ = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
SUPPORT = "arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy"
DOC = document_text({"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"})
PROTECTED = (f"Cannot perform the operation on the protected role '{NAME}' - "
             "this role is only modifiable by AWS")
EC2_TRUST_TEXT = json.dumps(EC2_TRUST)
TASK_ID = re.compile(rf"^task/aws-service-role/{re.escape(SERVICE)}/{NAME}/[0-9a-f-]{{36}}$")

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(account):
    return root_caller(account)


@pytest.fixture
def linked(root, aws_policy) -> Role:
    """A service-linked role with what AWS's service gives its roles: an attached service-role
    policy, an inline policy, an instance profile."""
    role = root.run(CreateServiceLinkedRole, aws_service_name=SERVICE, description="EB")
    # AWS attaches its service-role policies itself (no attach operation can).
    PolicyAttachment.objects.create(account_id=role.account_id, role=role,
                                    policy=aws_policy("AWSSupportServiceRolePolicy"))
    inline_policy_put(entity=role, name="extra", policy_document=DOC)
    instance_profile_create(account=role.account, name="eb-profile", role=role)
    return role


def _state(role: Role) -> tuple:
    role.refresh_from_db()
    return (role.trust_policy, role.permissions_boundary_id,
            sorted(PolicyAttachment.objects.filter(role=role).values_list("policy_id", flat=True)),
            sorted(InlinePolicy.objects.filter(role=role).values_list("name", "document_text")))


FORBIDDEN = [
    (DeleteRole, {}),
    (DeleteRole, {"with_dependents": True}),
    (UpdateAssumeRolePolicy, {"policy_document": EC2_TRUST}),
    (AttachRolePolicy, {"policy_arn": S3_READ}),
    (DetachRolePolicy, {"policy_arn": SUPPORT}),
    (PutRolePolicy, {"policy_name": "more", "policy_document": DOC}),
    (PutRolePolicy, {"policy_name": "extra", "policy_document": DOC.replace("s3:", "ec2:")}),
    (DeleteRolePolicy, {"policy_name": "extra"}),
    (PutRolePermissionsBoundary, {"permissions_boundary": S3_READ}),
    (DeleteRolePermissionsBoundary, {}),
]


@pytest.mark.parametrize(("operation", "inputs"), FORBIDDEN,
                         ids=[f"{op.__name__}-{i}" for i, (op, _) in enumerate(FORBIDDEN)])
def test_each_forbidden_change_is_refused_with_awss_error_and_changes_nothing(
        root, linked, operation, inputs):
    before = _state(linked)
    with pytest.raises(UnmodifiableEntity) as raised:
        root.run(operation, role_name=NAME, **inputs)
    assert raised.value.message == PROTECTED and raised.value.status == 400
    assert Role.objects.filter(pk=linked.pk).exists() and _state(linked) == before


def test_the_description_stays_editable(root, linked):
    assert root.run(UpdateRoleDescription, role_name=NAME, description="new").description == "new"
    assert root.run(UpdateRole, role_name=NAME, description="newer").description == "newer"


def test_a_page_disables_forbidden_changes_with_awss_message(root, linked):
    decision = root.permits(AttachRolePolicy, linked.arn, entity=linked)
    assert not decision.allowed and decision.message == PROTECTED
    assert root.permits(DeleteServiceLinkedRole, linked.arn, entity=linked).allowed
    assert root.permits(UpdateRoleDescription, linked.arn, entity=linked).allowed


def test_deletion_removes_the_role_with_what_holds_it_and_the_task_succeeds(root, linked):
    task = root.run(DeleteServiceLinkedRole, role_name=NAME)
    assert TASK_ID.match(task.task_id)
    assert not Role.objects.filter(pk=linked.pk).exists()
    assert InstanceProfile.objects.get(name="eb-profile").role is None
    assert not InlinePolicy.objects.filter(name="extra").exists()
    status = root.run(GetServiceLinkedRoleDeletionStatus, deletion_task_id=task.task_id)
    assert (status.status, status.reason) == ("SUCCEEDED", "")
    with pytest.raises(NoSuchEntity):
        root.run(GetRole, role_name=NAME)


def test_a_failed_deletion_keeps_the_role_and_says_why(root, linked, monkeypatch):
    def refuse(**kwargs):
        raise UnmodifiableEntity("The service is still using the role.")

    monkeypatch.setattr("accounts.operations.service_linked_roles.role_delete", refuse)
    task = root.run(DeleteServiceLinkedRole, role_name=NAME)
    status = root.run(GetServiceLinkedRoleDeletionStatus, deletion_task_id=task.task_id)
    assert (status.status, status.reason) == ("FAILED", "The service is still using the role.")
    assert InstanceProfile.objects.get(name="eb-profile").role_id == linked.pk
    assert InlinePolicy.objects.filter(role=linked, name="extra").exists()


def test_a_task_not_yet_run_answers_its_status(root, linked):
    task = ServiceLinkedRoleDeletion.objects.create(
        account=linked.account, task_id=f"task{linked.path}{NAME}/{'0' * 8}-{'0' * 4}-{'0' * 4}-"
                                        f"{'0' * 4}-{'0' * 12}",
        role_name=NAME, role_arn=linked.arn)
    assert root.run(GetServiceLinkedRoleDeletionStatus,
                    deletion_task_id=task.task_id).status == "NOT_STARTED"


def test_a_role_that_is_not_service_linked_is_not_deleted_so(root, account):
    role_create(account=account, name="web", trust_policy=EC2_TRUST)
    with pytest.raises(InvalidInput):
        root.run(DeleteServiceLinkedRole, role_name="web")
    assert Role.objects.filter(name="web").exists()
    assert not ServiceLinkedRoleDeletion.objects.exists()


def test_another_accounts_task_is_unknown_and_a_malformed_id_invalid(
        root, linked, other_account):
    task = root.run(DeleteServiceLinkedRole, role_name=NAME)
    with pytest.raises(NoSuchEntity):
        root_caller(other_account).run(GetServiceLinkedRoleDeletionStatus,
                                       deletion_task_id=task.task_id)
    with pytest.raises(InvalidInput):
        root.run(GetServiceLinkedRoleDeletionStatus, deletion_task_id="task/nope")


def test_an_import_keeps_a_service_linked_roles_policies(account):
    """AWS gave the role its policies: the import writes them although no caller could."""
    path = f"/aws-service-role/{SERVICE}/"
    details = {"UserDetailList": [], "GroupDetailList": [], "Policies": [], "RoleDetailList": [{
        "Path": path, "RoleName": NAME, "RoleId": "AROASERVICELINKED0001",
        "Arn": f"arn:aws:iam::{account.account_id}:role{path}{NAME}",
        "CreateDate": "2024-01-02T03:04:05Z", "AssumeRolePolicyDocument": json.loads(
            EC2_TRUST_TEXT.replace("ec2.amazonaws.com", SERVICE)),
        "InstanceProfileList": [], "Tags": [],
        "RolePolicyList": [{"PolicyName": "extra", "PolicyDocument": json.loads(DOC)}],
        "AttachedManagedPolicies": [{"PolicyName": "AmazonS3ReadOnlyAccess",
                                     "PolicyArn": S3_READ}],
    }]}
    import_authorization_details(account=account,
                                 pages=[("slr.json", json.dumps(details))])
    role = Role.objects.get(account=account, name=NAME)
    assert role.service_linked
    assert InlinePolicy.objects.filter(role=role, name="extra").exists()
    assert PolicyAttachment.objects.filter(role=role, policy__arn=S3_READ).exists()


@pytest.mark.parametrize(("service", "suffix", "name"), [
    ("autoscaling.amazonaws.com", None, "AWSServiceRoleForAutoScaling"),
    ("ssm.amazonaws.com", "x", "AWSServiceRoleForAmazonSSM_x"),
    ("custom-resource.application-autoscaling.amazonaws.com", None,
     "AWSServiceRoleForApplicationAutoScaling_CustomResource"),
    ("elasticfilesystem.amazonaws.com", None, "AWSServiceRoleForElasticfilesystem"),
    ("replicator.lambda.amazonaws.com", None, "AWSServiceRoleForLambda_Replicator"),
])
def test_a_service_linked_role_is_named_as_aws_names_it(service, suffix, name):
    assert service_role_name(service, suffix) == name
