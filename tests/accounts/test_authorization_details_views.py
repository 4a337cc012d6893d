"""The Import and export page under Account settings: download, upload, errors, authorization."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import IamUser, Role
from accounts.services import user_create
from policies.services import inline_policy_put
from tests.accounts.test_authorization_details_export import populate
from tests.documents import allow, deny, document
from tests.helpers import sign_in

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PAGE_URL = reverse("accounts:authorization_details")
EXPORT_URL = reverse("accounts:authorization_details_export")


def _upload(*names: str) -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile(n, (FIXTURES / n).read_bytes(), "application/json")
            for n in names]


def test_page_offers_export_and_import(root_client):
    """The page shows both forms under Account settings."""
    response = root_client.get(PAGE_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Account settings" in html and "Download JSON" in html
    assert 'type="file"' in html and "multiple" in html


def test_export_downloads_the_account(root_client, account):
    """The download is GAAD JSON of the caller's account with the x-console block."""
    populate(account)
    response = root_client.get(EXPORT_URL)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(
        'attachment; filename="111111111111-authorization-details-'
    )
    document = json.loads(response.content)
    assert {u["UserName"] for u in document["UserDetailList"]} == {"alice", "bob"}
    assert document["x-console"]["AccountId"] == "111111111111"


def test_export_filters_and_leaves_out_the_extension(root_client, account):
    """Filter=Role without the extension box ticked: only roles, no x-console."""
    populate(account)
    response = root_client.get(EXPORT_URL, {"submitted": "1", "filter": "Role"})
    document = json.loads(response.content)
    assert document["UserDetailList"] == [] and len(document["RoleDetailList"]) == 1
    assert "x-console" not in document


def test_export_shows_only_the_callers_account(root_client, other_account):
    """Another account's users never appear in the download."""
    user_create(account=other_account, name="stranger")
    document = json.loads(root_client.get(EXPORT_URL).content)
    assert document["UserDetailList"] == []


def test_upload_imports_two_pages_into_the_callers_account(root_client, account):
    """Both pages are imported; ARNs move into the caller's account; the table counts."""
    response = root_client.post(
        PAGE_URL, {"files": _upload("gaad_realistic_page1.json", "gaad_realistic_page2.json")}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "✔ Imported" in html and "LegacyDeprecatedPolicy" in html  # the warning
    jane = IamUser.objects.get(account=account, name="jane.doe")
    assert jane.arn == "arn:aws:iam::111111111111:user/analytics/jane.doe"
    assert jane.unique_id == "AIDAWXYZ3EXAMPLEJANE"
    assert Role.objects.filter(account=account).count() == 3
    assert "Imported gaad_realistic_page1.json" in html  # the message


def test_htmx_upload_returns_the_result_fragment(root_client, account):
    """An htmx request gets only the result panel; a second upload changes nothing."""
    files = ("gaad_realistic_page1.json", "gaad_realistic_page2.json")
    root_client.post(PAGE_URL, {"files": _upload(*files)})
    response = root_client.post(PAGE_URL, {"files": _upload(*files)}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "Already up to date" in html
    assert "<td>0</td><td>0</td><td>3</td>" in html.replace("\n", "")  # 3 users unchanged


def test_malformed_upload_shows_the_path_and_writes_nothing(root_client, account):
    """The error panel names the file and JSON path; no user was created."""
    page = json.loads((FIXTURES / "gaad_realistic_page2.json").read_text())
    page["RoleDetailList"][1]["AssumeRolePolicyDocument"] = "%7Bnot-json"
    bad = SimpleUploadedFile("page2.json", json.dumps(page).encode(), "application/json")
    response = root_client.post(
        PAGE_URL, {"files": [*_upload("gaad_realistic_page1.json"), bad]},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200  # htmx swaps only successful responses
    html = response.content.decode()
    assert "<html" not in html
    assert "$.RoleDetailList[1].AssumeRolePolicyDocument" in html and "page2.json" in html
    assert "nothing was written" in html
    assert not IamUser.objects.filter(account=account).exists()


def test_malformed_upload_without_htmx_answers_400(root_client, account):
    """The whole page comes back with the error panel and status 400."""
    bad = SimpleUploadedFile("bad.json", b'{"UserDetailList": [{}]}', "application/json")
    response = root_client.post(PAGE_URL, {"files": [bad]})
    assert response.status_code == 400
    assert "$.UserDetailList[0].Arn" in response.content.decode()


def test_no_file_is_an_error_beside_the_field(root_client):
    """Submitting without a file shows the field's error."""
    response = root_client.post(PAGE_URL, {})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_no_file_with_htmx_shows_the_error_in_the_result_panel(root_client):
    """htmx swaps only the result panel, so the form's error is shown there."""
    response = root_client.post(PAGE_URL, {}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "Not imported: nothing was written" in html
    assert "This field is required." in html


def _signed_in(client, account, name: str, statements: list[dict]):
    """`client` signed in as a new IAM user whose one inline policy has `statements`."""
    user = user_create(account=account, name=name)
    inline_policy_put(entity=user, name="gaad", policy_document=document(*statements))
    return sign_in(client, user)


@pytest.fixture
def limited_client(client, account):
    """An IAM user that may read authorization details, create policies and groups only."""
    return _signed_in(client, account, "limited", [{"Effect": "Allow", "Resource": "*", "Action": [
        "iam:GetAccountAuthorizationDetails", "iam:CreatePolicy",
        "iam:CreatePolicyVersion", "iam:CreateGroup", "iam:PutGroupPolicy",
        "iam:AttachGroupPolicy",
    ]}])


def test_import_is_authorized_for_every_create_it_implies(limited_client, account):
    """May create groups but not users: refused with AWS's sentence, nothing written."""
    response = limited_client.post(
        PAGE_URL, {"files": _upload("gaad_realistic_page1.json", "gaad_realistic_page2.json")}
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "is not authorized to perform: iam:CreateUser on resource: " \
           "arn:aws:iam::111111111111:user/analytics/jane.doe" in html
    assert IamUser.objects.filter(account=account).count() == 1  # only "limited"


ADMIN_ARN = "arn:aws:iam::aws:policy/AdministratorAccess"


def _gaad(user: dict) -> SimpleUploadedFile:
    """A one-user GetAccountAuthorizationDetails answer."""
    document = {
        "UserDetailList": [{
            "Path": "/", "UserName": "eve", "UserId": "AIDAEVEEVEEVEEVEEVE01",
            "Arn": "arn:aws:iam::222222222222:user/eve",
            "CreateDate": "2024-01-01T00:00:00Z", "UserPolicyList": [], "GroupList": [],
            "AttachedManagedPolicies": [], "Tags": [], **user,
        }],
        "GroupDetailList": [], "RoleDetailList": [], "Policies": [], "IsTruncated": False,
    }
    return SimpleUploadedFile("eve.json", json.dumps(document).encode(), "application/json")


def _guarded_client(client, account, action: str, condition: dict):
    """An IAM user allowed all of IAM except `action` under `condition` (a guardrail)."""
    return _signed_in(client, account, "operator",
                      [allow("iam:*"), deny(action, Condition=condition)])


def test_import_authorizes_each_attachment_with_its_policy_arn(client, account):
    """A caller denied attaching AdministratorAccess cannot import a file that attaches it."""
    guarded = _guarded_client(client, account, "iam:AttachUserPolicy",
                              {"ArnEquals": {"iam:PolicyARN": ADMIN_ARN}})
    upload = _gaad({"AttachedManagedPolicies": [
        {"PolicyName": "AdministratorAccess", "PolicyArn": ADMIN_ARN}]})
    response = guarded.post(PAGE_URL, {"files": [upload]})
    assert response.status_code == 403
    assert ("is not authorized to perform: iam:AttachUserPolicy on resource: "
            "arn:aws:iam::111111111111:user/eve with an explicit deny in an identity-based "
            "policy") in response.content.decode()
    assert not IamUser.objects.filter(account=account, name="eve").exists()


def test_import_authorizes_tags_with_their_condition_keys(client, account):
    """aws:TagKeys reaches the guardrails of CreateUser and TagUser."""
    guarded = _guarded_client(client, account, ["iam:CreateUser", "iam:TagUser"],
                              {"ForAnyValue:StringEquals": {"aws:TagKeys": ["access-level"]}})
    upload = _gaad({"Tags": [{"Key": "access-level", "Value": "admin"}]})
    response = guarded.post(PAGE_URL, {"files": [upload]})
    assert response.status_code == 403
    assert "iam:CreateUser on resource: arn:aws:iam::111111111111:user/eve with an explicit " \
           "deny" in response.content.decode()
    assert not IamUser.objects.filter(account=account, name="eve").exists()
