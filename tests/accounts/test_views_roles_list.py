"""The roles list: trusted entities, search, path prefix, sort, pages, empty state, deleting."""

from __future__ import annotations

import pytest
from django.utils import timezone

from accounts import trust_templates as trust
from accounts.models import InstanceProfile, Role
from tests.factories import (
    InlinePolicyFactory,
    InstanceProfileFactory,
    PolicyAttachmentFactory,
    RoleFactory,
)
from tests.helpers import is_fragment, user_client

pytestmark = pytest.mark.django_db
URL = "/roles/"
ACCOUNT_TRUST = trust.aws_account_trust("444455556666", require_mfa=True)


def test_each_role_shows_its_trusted_entities_and_last_activity(root_client, account):
    RoleFactory(account=account, name="web", description="Web servers")
    RoleFactory(account=account, name="partner", trust=ACCOUNT_TRUST, path="/ext/",
                last_used_at=timezone.now(), last_used_region="eu-west-1")
    html = root_client.get(URL).content.decode()
    assert 'Roles <span class="count">(2)</span>' in html
    partner = html[html.index('value="partner"'):html.index('value="web"')]
    assert "Account: 444455556666" in partner
    assert "<code>/ext/</code>" in partner
    assert "(eu-west-1)" in partner and "ago" in partner
    web = html[html.index('value="web"'):]
    assert "AWS service: ec2" in web and "Never" in web and "Web servers" in web
    assert "2 of 1000 roles allowed" in html
    assert 'href="/roles/create/"' in html


def test_trusted_entities_sort_as_the_column_reads(root_client, account):
    """Account, then AWS service (by service), then identity provider; up and down."""
    RoleFactory(account=account, name="lambda-role", trust=trust.aws_service_trust(["lambda"]))
    RoleFactory(account=account, name="partner", trust=ACCOUNT_TRUST)
    RoleFactory(account=account, name="ec2-role", trust=trust.aws_service_trust(["ec2"]))
    RoleFactory(account=account, name="okta", trust=trust.saml_trust(
        provider_arn="arn:aws:iam::111111111111:saml-provider/Okta", console_access=True))
    names = ("lambda-role", "partner", "ec2-role", "okta")
    up = root_client.get(URL, {"sort": "trusted"}).content.decode()
    assert sorted(names, key=lambda n: up.index(f'value="{n}"')) == [
        "partner", "ec2-role", "lambda-role", "okta"]
    assert 'aria-sort="ascending"' in up
    down = root_client.get(URL, {"sort": "-trusted"}).content.decode()
    assert sorted(names, key=lambda n: down.index(f'value="{n}"')) == [
        "okta", "lambda-role", "ec2-role", "partner"]


def test_search_answers_the_table_fragment_for_htmx(root_client, account):
    RoleFactory(account=account, name="web")
    RoleFactory(account=account, name="batch")
    response = root_client.get(URL, {"q": "WE"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and is_fragment(response)
    html = response.content.decode()
    assert 'value="web"' in html and 'value="batch"' not in html
    assert '<span class="count">(1)</span>' in html


def test_path_prefix_with_or_without_its_slash(root_client, account):
    RoleFactory(account=account, name="web", path="/app/")
    RoleFactory(account=account, name="ops", path="/ops/")
    for prefix in ("/app/", "app/"):
        html = root_client.get(URL, {"path_prefix": prefix}).content.decode()
        assert 'value="web"' in html and 'value="ops"' not in html
    html = root_client.get(URL, {"path_prefix": "/nothing/"}).content.decode()
    assert "No roles match these filters" in html


def test_sorting_by_name_descending_and_by_last_activity(root_client, account):
    RoleFactory(account=account, name="alpha")
    RoleFactory(account=account, name="beta", last_used_at=timezone.now())
    html = root_client.get(URL, {"sort": "-name"}).content.decode()
    assert html.index('value="beta"') < html.index('value="alpha"')
    assert 'aria-sort="descending"' in html
    html = root_client.get(URL, {"sort": "last_used"}).content.decode()
    assert 'aria-sort="ascending"' in html


def test_pages_of_ten(root_client, account):
    for index in range(12):
        RoleFactory(account=account, name=f"role{index:02d}")
    html = root_client.get(URL, {"per_page": 10, "page": 2}).content.decode()
    assert 'value="role10"' in html and 'value="role11"' in html
    assert 'value="role00"' not in html
    assert "page 2 of 2" in html


def test_an_empty_account_shows_the_empty_state(root_client):
    html = root_client.get(URL).content.decode()
    assert "No roles" in html and "Create role" in html
    assert "<table" not in html


def test_roles_of_other_accounts_are_never_listed(root_client, account, other_account):
    RoleFactory(account=other_account, name="theirs")
    RoleFactory(account=account, name="mine")
    html = root_client.get(URL).content.decode()
    assert 'value="mine"' in html and "theirs" not in html


def test_a_reader_sees_the_create_button_disabled(account, aws_policy):
    client = user_client(account, "reader", aws_policy("IAMReadOnlyAccess"))
    html = client.get(URL).content.decode()
    assert "Create role</button>" in html
    assert ('disabled title="User: arn:aws:iam::111111111111:user/reader is not authorized to '
            'perform: iam:CreateRole on resource: arn:aws:iam::111111111111:role/*') in html


@pytest.mark.parametrize("rows", [5, 500])
def test_the_list_runs_a_bounded_number_of_queries(root_client, account, rows,
                                                   django_assert_max_num_queries):
    for index in range(rows):
        RoleFactory(account=account, name=f"role{index:03d}", path="/p/",
                    trust=ACCOUNT_TRUST if index % 2 else trust.aws_service_trust(
                        ["lambda.amazonaws.com"]))
    # +1: the root caller's generation (SCPs bind a member's root user)
    with django_assert_max_num_queries(7):
        response = root_client.get(URL, {"per_page": 100})
    assert response.status_code == 200


def test_bulk_delete_lists_each_roles_dependents(root_client, account, aws_policy):
    web = RoleFactory(account=account, name="web")
    PolicyAttachmentFactory(user=None, role=web, policy=aws_policy("ReadOnlyAccess"))
    InstanceProfileFactory(account=account, name="web", role=web)
    RoleFactory(account=account, name="bare")
    html = root_client.get("/roles/delete/", {"names": ["web", "bare"]}).content.decode()
    assert "Delete 2 roles?" in html
    web_part = html[html.index("<strong>web</strong>"):]
    assert "Attached policy: arn:aws:iam::aws:policy/ReadOnlyAccess" in web_part
    assert "Instance profile: web (deleted too: it was created with the role)" in web_part
    bare_part = html[html.index("<strong>bare</strong>"):html.index("<strong>web</strong>")]
    assert "Nothing" in bare_part
    # As on the other delete pages, Delete waits for the word (the server checks it too).
    assert 'data-confirm-name="delete"' in html
    assert '<button type="submit" class="btn btn-danger" data-confirm-submit disabled>' in html


def test_bulk_delete_needs_the_word_delete_and_then_removes_dependents(root_client, account,
                                                                       aws_policy):
    web = RoleFactory(account=account, name="web")
    PolicyAttachmentFactory(user=None, role=web, policy=aws_policy("ReadOnlyAccess"))
    InlinePolicyFactory(user=None, role=web)
    InstanceProfileFactory(account=account, name="web", role=web)
    InstanceProfileFactory(account=account, name="shared", role=web)
    RoleFactory(account=account, name="bare")
    response = root_client.post("/roles/delete/", {"names": ["web", "bare"], "confirm": "no"})
    assert response.status_code == 400
    assert "Type &quot;delete&quot; to confirm." in response.content.decode()
    assert Role.objects.filter(account=account).count() == 2
    response = root_client.post("/roles/delete/", {"names": ["web", "bare"],
                                                   "confirm": "delete"}, follow=True)
    assert "Deleted 2 roles: bare, web." in response.content.decode()
    assert not Role.objects.filter(account=account).exists()
    # The profile created with the role goes; another one stays, empty.
    assert list(InstanceProfile.objects.filter(account=account).values_list(
        "name", "role")) == [("shared", None)]


def test_bulk_delete_ignores_other_accounts_roles(root_client, account, other_account):
    RoleFactory(account=other_account, name="theirs")
    root_client.post("/roles/delete/", {"names": ["theirs"], "confirm": "delete"})
    assert Role.objects.filter(account=other_account, name="theirs").exists()
