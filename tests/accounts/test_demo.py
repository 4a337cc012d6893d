"""The training demo: loads on any database, twice without duplicates, and --reset restores it."""

from __future__ import annotations

import json
import stat

import pyotp
import pytest
from django.core.management import call_command

from accounts.demo import load_demo
from accounts.demo.content import DEMO_ACCOUNTS
from accounts.demo.organization import reset_organization
from accounts.models import AccessKey, Account, IamGroup, IamUser, InstanceProfile, Role
from accounts.operations.users import DeleteUser
from accounts.services import (
    account_alias_set,
    account_root_password_set,
    group_remove_user,
    user_create,
)
from accounts.signin import authenticate_root, authenticate_user
from iamconsole.operations import root_caller
from policies.models import InlinePolicy, ManagedPolicy, PolicyAttachment, SimulatorPreset
from policies.services import policy_detach, simulator_preset_delete, simulator_preset_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def credentials_file(tmp_path, monkeypatch):
    """The demo credentials file, in a temporary directory."""
    path = tmp_path / "demo-credentials.json"
    monkeypatch.setenv("DEMO_CREDENTIALS_FILE", str(path))
    return path


def _state() -> dict[str, object]:
    """Everything the demo consists of, by name, to compare two loads."""
    accounts = Account.objects.filter(account_id__in=[a.account_id for a in DEMO_ACCOUNTS])
    return {
        "accounts": sorted(accounts.values_list("account_id", "alias")),
        "users": sorted(IamUser.objects.filter(account__in=accounts).values_list(
            "account__account_id", "arn", "permissions_boundary__name", "tags")),
        "groups": sorted(IamGroup.objects.filter(account__in=accounts).values_list("arn")),
        "memberships": sorted(IamUser.objects.filter(account__in=accounts).values_list(
            "name", "groups__name").exclude(groups__name=None)),
        "roles": sorted(Role.objects.filter(account__in=accounts).values_list(
            "arn", "description", "trust_policy")),
        "profiles": sorted(InstanceProfile.objects.filter(account__in=accounts).values_list(
            "arn", "role__name")),
        "policies": sorted(ManagedPolicy.objects.filter(account__in=accounts).values_list(
            "arn", "versions__document_text")),
        "attachments": sorted(PolicyAttachment.objects.filter(account__in=accounts).values_list(
            "policy__arn", "user__name", "group__name", "role__name"), key=str),
        "inline": sorted(InlinePolicy.objects.filter(account__in=accounts).values_list(
            "name", "document_text")),
        "login profiles": sorted(IamUser.objects.filter(
            account__in=accounts, login_profile__isnull=False).values_list("name")),
        "access keys": sorted(AccessKey.objects.filter(account__in=accounts).values_list(
            "user__name", "status")),
        "mfa": sorted(IamUser.objects.filter(
            account__in=accounts, mfa_devices__enabled_at__isnull=False).values_list("name")),
        "presets": sorted(SimulatorPreset.objects.filter(account__in=accounts).values_list(
            "name", "simulation")),
    }


def test_demo_tells_the_stories(credentials_file):
    """Groups, users with MFA / an old key / no console, SSM role and profile, partner role."""
    call_command("load_demo")
    corp = Account.objects.get(account_id="123456789012")
    assert (corp.alias, corp.name) == ("example-corp", "Example Corp")
    assert sorted(IamGroup.objects.filter(account=corp).values_list("name", flat=True)) == [
        "Admins", "Auditors", "Developers", "SSMAdmins"
    ]
    ssm_admins = IamGroup.objects.get(account=corp, name="SSMAdmins")
    assert {a.policy.name for a in ssm_admins.policy_attachments.all()} >= {
        "AWSHealthFullAccess", "AWSConfigUserAccess", "CloudWatchReadOnlyAccess",
        "SSMResourceGroupsAndInsights",
    }
    bob = IamUser.objects.get(account=corp, name="bob")
    assert bob.permissions_boundary.name == "DeveloperBoundary-NoIAMWrites"
    assert (bob.access_keys.get().created_at < bob.created_at.replace(year=bob.created_at.year - 1))
    assert IamUser.objects.get(account=corp, name="alice").mfa_devices.get().is_enabled
    assert not hasattr(IamUser.objects.get(account=corp, name="deploy-bot"), "login_profile")
    role = Role.objects.get(account=corp, name="SSMInstanceProfile")
    assert role.trust_policy_document["Statement"][0]["Principal"] == {
        "Service": "ec2.amazonaws.com"
    }
    assert [a.policy.name for a in role.policy_attachments.all()] == [
        "AmazonSSMManagedInstanceCore"
    ]
    assert InstanceProfile.objects.get(account=corp, name="SSMInstanceProfile").role == role
    operator = IamUser.objects.get(account=corp, name="ssm-operator")
    assert operator.arn == "arn:aws:iam::123456789012:user/operators/ssm-operator"
    partner_role = Role.objects.get(account__account_id="210987654321",
                                    name="ExampleCorpAuditAccess")
    assert partner_role.trust_policy_document["Statement"][0]["Condition"] == {
        "StringEquals": {"sts:ExternalId": "ExampleCorp-audit-7Hq2"}
    }


def test_credentials_file_lets_every_demo_user_sign_in(credentials_file):
    """The file is private (0600) and each recorded password (and MFA secret) works."""
    call_command("load_demo")
    assert stat.S_IMODE(credentials_file.stat().st_mode) == 0o600
    data = json.loads(credentials_file.read_text())
    assert authenticate_root(email=data["root_email"], password=data["root_password"])
    names = [(u["account_alias"], u["user_name"]) for u in data["users"]]
    assert ("example-corp", "alice") in names and ("example-partner", "partner-admin") in names
    assert ("example-corp", "deploy-bot") not in names  # no console access
    for user in data["users"]:
        assert set(user) >= {"account_id", "account_alias", "user_name", "password",
                             "mfa_secret", "note"}
        assert authenticate_user(account=user["account_id"], user_name=user["user_name"],
                                 password=user["password"]) is not None, user["user_name"]
    alice = next(u for u in data["users"] if u["user_name"] == "alice")
    assert pyotp.TOTP(alice["mfa_secret"]).now().isdigit()
    passwords = [u["password"] for u in data["users"]] + [data["root_password"]]
    assert len(set(passwords)) == len(passwords)


def test_passwords_differ_between_installations(tmp_path, monkeypatch):
    """Passwords come from `secrets`, never from the code: two fresh loads differ."""
    first = load_demo(credentials={}).credentials
    reset_organization(Account.objects.get(account_id="123456789012"), [])
    Account.objects.filter(account_id__in=["123456789012", "210987654321"]).delete()
    second = load_demo(credentials={}).credentials
    assert first["root_password"] != second["root_password"]
    assert first["users"][0]["password"] != second["users"][0]["password"]


def test_loading_twice_creates_no_duplicates(credentials_file):
    """A second load_demo finds everything present and changes nothing."""
    call_command("load_demo")
    before, recorded = _state(), credentials_file.read_text()
    pks = sorted(IamUser.objects.values_list("pk", flat=True))
    call_command("load_demo")
    assert _state() == before
    assert sorted(IamUser.objects.values_list("pk", flat=True)) == pks
    assert credentials_file.read_text() == recorded


def test_load_adds_what_a_class_deleted_but_keeps_other_changes(credentials_file):
    """Without --reset, a deleted demo user comes back; a new user stays."""
    call_command("load_demo")
    corp = Account.objects.get(account_id="123456789012")
    root_caller(corp).run(DeleteUser, user_name="carol", with_dependents=True)
    user_create(account=corp, name="student1")
    call_command("load_demo")
    assert IamUser.objects.filter(account=corp, name="carol").exists()
    assert IamUser.objects.filter(account=corp, name="student1").exists()


def test_reset_undoes_a_class(credentials_file):
    """--reset removes what a class added, restores what it changed, keeps the passwords."""
    call_command("load_demo")
    fresh, recorded = _state(), json.loads(credentials_file.read_text())
    corp = Account.objects.get(account_id="123456789012")
    alice = IamUser.objects.get(account=corp, name="alice")
    user_create(account=corp, name="student1")
    root_caller(corp).run(DeleteUser, user_name="dave", with_dependents=True)
    group_remove_user(group=IamGroup.objects.get(account=corp, name="Admins"), user=alice)
    admins = IamGroup.objects.get(account=corp, name="Admins")
    policy_detach(policy=admins.policy_attachments.get().policy, entity=admins)
    account_alias_set(account=corp, alias="renamed-by-a-student")
    account_root_password_set(account=corp, password="Students-Were-Here-42")
    simulator_preset_delete(preset=SimulatorPreset.objects.filter(account=corp).first())
    simulator_preset_save(account=corp, name="student preset", description="",
                          simulation={"mode": "custom", "action_names": ["s3:GetObject"],
                                      "policy_input_list": []})
    assert _state() != fresh

    call_command("load_demo", "--reset")

    assert _state() == fresh
    data = json.loads(credentials_file.read_text())
    assert data["root_password"] == recorded["root_password"]
    assert authenticate_root(email=data["root_email"], password=data["root_password"])
    assert data["users"] == recorded["users"]
    alice = next(u for u in data["users"] if u["user_name"] == "alice")
    assert authenticate_user(account="example-corp", user_name="alice",
                             password=alice["password"]) is not None


def test_reset_without_a_credentials_file_issues_new_passwords(credentials_file):
    """When the recorded details are lost, --reset makes new ones that work."""
    call_command("load_demo")
    credentials_file.unlink()
    call_command("load_demo", "--reset")
    data = json.loads(credentials_file.read_text())
    assert authenticate_root(email=data["root_email"], password=data["root_password"])
    assert len(data["users"]) == 9
