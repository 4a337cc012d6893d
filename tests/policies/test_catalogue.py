"""The AWS-managed catalogue: loaded at set-up, complete, idempotent, read-only, stable IDs."""

import json
import re

import pytest
from django.core.management import call_command

from iamconsole.identifiers import stable_unique_id
from policies.models import ManagedPolicy, PolicyVersion
from policies.services import aws_managed_policies_sync
from policies.services.catalogue import catalogue_entries

pytestmark = pytest.mark.django_db

REQUIRED = [
    "AdministratorAccess", "ReadOnlyAccess", "IAMReadOnlyAccess", "AmazonSSMFullAccess",
    "AmazonSSMReadOnlyAccess", "AmazonSSMManagedInstanceCore", "AmazonEC2RoleforSSM",
    "AWSHealthFullAccess", "AWSConfigUserAccess", "CloudWatchReadOnlyAccess",
]


def test_the_catalogue_holds_at_least_1500_policies_including_the_ones_trainers_use():
    aws = ManagedPolicy.objects.filter(account__isnull=True)
    assert aws.count() >= 1500
    assert set(aws.filter(name__in=REQUIRED).values_list("name", flat=True)) == set(REQUIRED)


def test_aws_managed_policies_look_like_aws(aws_policy):
    admin = aws_policy("AdministratorAccess")
    assert admin.arn == "arn:aws:iam::aws:policy/AdministratorAccess"
    assert admin.is_aws_managed and admin.scope == "AWS" and admin.owner == "aws"
    assert re.fullmatch(r"ANPA[A-Z0-9]{17}", admin.unique_id)
    assert admin.unique_id == stable_unique_id("ANPA", admin.arn)
    version = admin.versions.get(is_default=True)
    assert version.document == {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
    }
    # Elements in AWS's order, Version first.
    assert version.document_text.lstrip().startswith('{\n    "Version"')
    assert json.loads(version.document_text) == version.document
    assert admin.next_version_number == version.number + 1
    ssm = aws_policy("AmazonEC2RoleforSSM")
    assert ssm.arn == "arn:aws:iam::aws:policy/service-role/AmazonEC2RoleforSSM"


def test_every_aws_policy_has_exactly_one_default_version():
    total = ManagedPolicy.objects.filter(account__isnull=True).count()
    defaults = PolicyVersion.objects.filter(policy__account__isnull=True, is_default=True)
    assert defaults.count() == total


def test_sync_is_idempotent_and_quick_when_loaded(django_assert_max_num_queries):
    before = ManagedPolicy.objects.count()
    # Two reads, plus the SAVEPOINT and RELEASE of its transaction inside the test's.
    with django_assert_max_num_queries(4):
        result = aws_managed_policies_sync()
    assert (result.created, result.updated) == (0, 0)
    assert result.total == len(catalogue_entries()) == before
    assert ManagedPolicy.objects.count() == before


def test_sync_adds_a_changed_default_version_and_keeps_the_old_one(aws_policy):
    admin = aws_policy("AdministratorAccess")
    version = admin.versions.get(is_default=True)
    version.number = version.number - 1 if version.number > 1 else version.number + 50
    version.save()
    result = aws_managed_policies_sync()
    assert result.updated == 1
    assert admin.versions.count() == 2
    assert admin.versions.get(is_default=True).number == catalogue_entries()[
        [e.name for e in catalogue_entries()].index("AdministratorAccess")
    ].version_number


def test_sync_restores_missing_policies():
    ManagedPolicy.objects.filter(name="ReadOnlyAccess", account__isnull=True).delete()
    assert aws_managed_policies_sync().created == 1


def test_management_command(capsys):
    call_command("load_aws_managed_policies")
    assert "AWS-managed policies:" in capsys.readouterr().out


def test_descriptions_come_from_the_catalogue_and_none_is_invented(root_client, aws_policy):
    """moto's catalogue holds document, path, versions and dates but no description: AWS-managed
    policies show none (an entry that had one would keep it)."""
    assert all(entry.description == "" for entry in catalogue_entries())
    policy = aws_policy("ReadOnlyAccess")
    assert policy.description == ""
    assert "No description." in root_client.get(f"/policies/details/{policy.arn}").content.decode()
