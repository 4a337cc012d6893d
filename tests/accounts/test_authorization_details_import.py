"""Import of authorization-details files: round trip, a realistic AWS file, idempotence, errors."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.forms.models import model_to_dict

from accounts.authorization_details import export_authorization_details
from accounts.authorization_details.importer import import_authorization_details
from accounts.authorization_details.reading import MalformedAuthorizationDetails
from accounts.models import (
    AccessKey,
    Account,
    GroupMembership,
    IamGroup,
    IamUser,
    InstanceProfile,
    LoginProfile,
    MfaDevice,
    PasswordPolicy,
    Role,
)
from accounts.services import account_create
from iamconsole.exceptions import MalformedPolicyDocument
from policies.models import InlinePolicy, ManagedPolicy, PolicyAttachment, PolicyVersion
from tests.accounts.test_authorization_details_export import populate
from tests.helpers import ROOT_PASSWORD

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PAGES = ["gaad_realistic_page1.json", "gaad_realistic_page2.json"]


def _pages(*names: str) -> list[tuple[str, bytes]]:
    return [(name, (FIXTURES / name).read_bytes()) for name in names]


def _empty_account(account_id: str = "333333333333") -> Account:
    return account_create(account_id=account_id, root_email=f"root@{account_id}.example",
                          root_password=ROOT_PASSWORD)


def _as_text(document: dict) -> str:
    return json.dumps(document, indent=2, sort_keys=True)


def _snapshot(account: Account) -> dict[str, list[dict]]:
    """Every row of the account (all fields, dates included) to compare before and after."""
    models = [IamUser, IamGroup, Role, InstanceProfile, AccessKey, MfaDevice, InlinePolicy,
              PolicyAttachment, PasswordPolicy]
    snapshot = {m.__name__: [model_to_dict(r) | {"updated_at": getattr(r, "updated_at", None)}
                             for r in m.objects.filter(account=account).order_by("pk")]
                for m in models}
    snapshot["ManagedPolicy"] = [
        model_to_dict(p) | {"updated_at": p.updated_at}
        for p in ManagedPolicy.objects.filter(account=account).order_by("pk")
    ]
    snapshot["PolicyVersion"] = [
        model_to_dict(v) for v in PolicyVersion.objects.filter(policy__account=account)
        .order_by("pk")
    ]
    snapshot["GroupMembership"] = list(
        GroupMembership.objects.filter(user__account=account).order_by("pk").values()
    )
    snapshot["LoginProfile"] = list(
        LoginProfile.objects.filter(user__account=account).order_by("pk").values()
    )
    snapshot["Account"] = [model_to_dict(account) | {
        "updated_at": Account.objects.get(pk=account.pk).updated_at}]
    return snapshot


def test_round_trip_gives_the_same_document(account):
    """Export, empty the account, import the export, export again: the same document."""
    populate(account)
    first = export_authorization_details(account)
    account_id = account.account_id
    account.delete()
    empty = _empty_account(account_id)
    result = import_authorization_details(
        account=empty, pages=[("export.json", json.dumps(first))]
    )
    assert result.warnings == []
    assert result.created["users"] == 2 and result.created["roles"] == 1
    empty.refresh_from_db()
    assert _as_text(export_authorization_details(empty)) == _as_text(first)


def test_round_trip_into_another_account_id(account):
    """Imported into another account, the ARNs name that account and the rest is the same."""
    populate(account)
    first = export_authorization_details(account)
    account.delete()
    other = _empty_account("333333333333")
    import_authorization_details(account=other, pages=[("export.json", json.dumps(first))])
    other.refresh_from_db()
    again = export_authorization_details(other)
    assert "111111111111" not in json.dumps(again)
    assert json.dumps(again) == json.dumps(first).replace("111111111111", "333333333333")


def test_importing_twice_changes_nothing(account):
    """The second import of the same file writes nothing at all (dates included)."""
    populate(account)
    document = json.dumps(export_authorization_details(account))
    before = _snapshot(account)
    result = import_authorization_details(account=account, pages=[("again.json", document)])
    assert not result.changed_anything, result.summary()
    assert _snapshot(account) == before


def test_realistic_file_in_two_pages(db):
    """A hand-made AWS file: URL-encoded and plain documents, paths, versions, AWS policies."""
    result = import_authorization_details(account=_empty_account("444455556666"),
                                          pages=_pages(*PAGES))
    account = Account.objects.get(account_id="444455556666")
    jane = IamUser.objects.get(account=account, name="jane.doe")
    assert jane.unique_id == "AIDAWXYZ3EXAMPLEJANE"
    assert jane.arn == "arn:aws:iam::444455556666:user/analytics/jane.doe"
    assert jane.created_at == datetime(2019, 4, 11, 9, 30, 12, tzinfo=UTC)
    assert jane.tags == {"cost-center": "4711", "team": "analytics"}
    assert jane.permissions_boundary.arn == "arn:aws:iam::444455556666:policy/DenyIamWrites"
    assert list(jane.groups.values_list("name", flat=True)) == ["DataEngineers"]
    assert jane.inline_policies.get().document["Statement"][0]["Action"] == ["s3:PutObject"]
    auditor = IamUser.objects.get(account=account, name="audit@example.com")
    assert sorted(auditor.groups.values_list("name", flat=True)) == ["Auditors", "DataEngineers"]
    ci = IamUser.objects.get(account=account, name="ci-bot")
    assert ci.created_at == datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert ci.inline_policies.get().document_text.startswith('{\n    "Version"')
    assert [a.policy.arn for a in ci.policy_attachments.all()] == [
        "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
    ]
    lake = ManagedPolicy.objects.get(account=account, name="DataLakeRead")
    assert lake.path == "/analytics/" and lake.unique_id == "ANPAWXYZ3EXAMPLELAKE1"
    assert lake.description == "Read the data lake and query it with Athena"
    assert lake.updated_at == datetime(2023, 1, 15, 16, 45, tzinfo=UTC)
    assert [(v.version_id, v.is_default) for v in lake.versions.all()] == [
        ("v3", True), ("v2", False), ("v1", False)
    ]
    assert lake.next_version_number == 4
    assert lake.versions.get(number=3).document["Statement"][1]["Sid"] == "Athena"
    group = IamGroup.objects.get(account=account, name="DataEngineers")
    assert group.inline_policies.get().document["Statement"]["Action"] == "glue:Get*"
    app = Role.objects.get(account=account, name="app-server")
    assert app.path == "/apps/" and app.tags == {"app": "shop"}
    assert app.last_used_at == datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)
    assert app.last_used_region == "eu-west-1"
    profile = InstanceProfile.objects.get(account=account, name="app-server")
    assert (profile.role, profile.unique_id) == (app, "AIPAWXYZ3EXAMPLEAPPSV")
    support = Role.objects.get(account=account, name="AWSServiceRoleForSupport")
    assert support.policy_attachments.get().policy.name == "AWSSupportServiceRolePolicy"
    partner = Role.objects.get(account=account, name="PartnerLakeReader")
    assert partner.trust_policy_document["Statement"][0]["Condition"] == {
        "StringEquals": {"sts:ExternalId": "lake-partner-7f3a"}
    }
    assert partner.permissions_boundary.arn == "arn:aws:iam::aws:policy/ReadOnlyAccess"
    assert result.created == {"users": 3, "groups": 2, "roles": 3, "policies": 2,
                              "instance profiles": 1}
    assert len(result.warnings) == 1 and "LegacyDeprecatedPolicy" in result.warnings[0]


def test_realistic_file_reimported_changes_nothing(db):
    """Importing the AWS file a second time leaves every row as it was."""
    account = _empty_account("444455556666")
    import_authorization_details(account=account, pages=_pages(*PAGES))
    before = _snapshot(account)
    result = import_authorization_details(account=account, pages=_pages(*PAGES))
    assert not result.changed_anything, result.summary()
    assert _snapshot(account) == before


def test_import_updates_what_changed(account):
    """A changed file updates the entity: tags, groups, inline text, versions, and no more."""
    account = _empty_account("444455556666")
    import_authorization_details(account=account, pages=_pages(*PAGES))
    page1 = json.loads((FIXTURES / PAGES[0]).read_text())
    page1["UserDetailList"][0]["Tags"] = [{"Key": "team", "Value": "platform"}]
    page1["UserDetailList"][2]["GroupList"] = ["Auditors"]
    page1["GroupDetailList"][0]["GroupPolicyList"] = []
    result = import_authorization_details(
        account=account, pages=[("page1.json", json.dumps(page1)), *_pages(PAGES[1])]
    )
    assert result.updated == {"users": 2, "groups": 1}
    assert IamUser.objects.get(account=account, name="jane.doe").tags == {"team": "platform"}
    auditor = IamUser.objects.get(account=account, name="audit@example.com")
    assert list(auditor.groups.values_list("name", flat=True)) == ["Auditors"]
    assert not InlinePolicy.objects.filter(group__name="DataEngineers").exists()


def _broken(mutate) -> list[tuple[str, str]]:
    page1 = json.loads((FIXTURES / PAGES[0]).read_text())
    page2 = json.loads((FIXTURES / PAGES[1]).read_text())
    mutate(page1, page2)
    return [("page1.json", json.dumps(page1)), ("page2.json", json.dumps(page2))]


@pytest.mark.parametrize(("mutate", "path", "error"), [
    (lambda p1, p2: p2["RoleDetailList"][2].update(AssumeRolePolicyDocument="%7B%22Version"),
     "$.RoleDetailList[2].AssumeRolePolicyDocument", MalformedAuthorizationDetails),
    (lambda p1, p2: p1["UserDetailList"][1].pop("UserName"),
     "$.UserDetailList[1].UserName", MalformedAuthorizationDetails),
    (lambda p1, p2: p1["UserDetailList"][0].update(GroupList="DataEngineers"),
     "$.UserDetailList[0].GroupList", MalformedAuthorizationDetails),
    (lambda p1, p2: p2["Policies"][0]["PolicyVersionList"][1].update(VersionId="2"),
     "$.Policies[0].PolicyVersionList[1].VersionId", MalformedAuthorizationDetails),
    (lambda p1, p2: p1["UserDetailList"][0].update(Arn="arn:aws:iam::999999999999:user/x"),
     "$.UserDetailList[0].Arn", MalformedAuthorizationDetails),
    (lambda p1, p2: p1["UserDetailList"][2].update(GroupList=["Nobody"]),
     "$.UserDetailList[2].GroupList[0]", MalformedAuthorizationDetails),
    (lambda p1, p2: p2["RoleDetailList"][0]["RolePolicyList"][0].update(
        PolicyDocument='{"Statement": [{"Effect": "Allow", "Action": "s3:*"}]}'),
     "$.RoleDetailList[0].RolePolicyList[0]", MalformedPolicyDocument),
    (lambda p1, p2: p2["Policies"][0]["PolicyVersionList"][2].update(
        Document='{"Version": "2012-10-17", "Statement": [{"Effect": "Maybe", '
                 '"Action": "*", "Resource": "*"}]}'),
     "$.Policies[0].PolicyVersionList[2].Document", MalformedPolicyDocument),
    (lambda p1, p2: p1["UserDetailList"][1].update(UserName="bad name!"),
     "$.UserDetailList[1]", Exception),
])
def test_malformed_files_are_refused_with_the_path_and_nothing_written(
    db, mutate, path, error
):
    """The error names the JSON path of the problem; no row of the file was written."""
    account = _empty_account("444455556666")
    with pytest.raises(error) as raised:
        import_authorization_details(account=account, pages=_broken(mutate))
    assert raised.value.field == path
    assert path in raised.value.message
    assert raised.value.details["path"] == path
    assert not IamUser.objects.filter(account=account).exists()
    assert not IamGroup.objects.filter(account=account).exists()
    assert not ManagedPolicy.objects.filter(account=account).exists()


def test_not_json_is_refused_with_line_and_column(db):
    """A file that is not JSON names the line and column of the syntax error."""
    with pytest.raises(MalformedAuthorizationDetails, match=r"line 2, column 5"):
        import_authorization_details(account=_empty_account(),
                                     pages=[("bad.json", '{"UserDetailList":\n    ]')])


def test_commands_export_then_import_into_a_new_account(account, tmp_path, capsys):
    """export_authorization_details writes a file; importing it creates the missing account."""
    populate(account)
    target = tmp_path / "acme.json"
    call_command("export_authorization_details", "--account-id", "acme", "-o", str(target))
    assert json.loads(target.read_text())["x-console"]["AccountId"] == "111111111111"
    call_command("import_authorization_details", str(target), "--account-id", "555555555555")
    out = capsys.readouterr().out
    assert "Created account 555555555555" in out and "password " in out
    assert "users: 2 created, 0 updated, 0 unchanged" in out
    imported = Account.objects.get(account_id="555555555555")
    assert IamUser.objects.filter(account=imported).count() == 2


def test_import_command_refuses_a_malformed_file(db, tmp_path):
    """The command reports the code, the file and the JSON path; nothing is created."""
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"UserDetailList": [{"UserName": "x"}]}))
    with pytest.raises(CommandError, match=r"\$\.UserDetailList\[0\]\.Arn in bad.json"):
        call_command("import_authorization_details", str(bad), "--account-id", "666666666666")
    assert not Account.objects.filter(account_id="666666666666").exists()
