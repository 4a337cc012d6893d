"""A policy's detail page: summary panel, tabs (htmx), summary drill-down, bounded queries."""

import pytest

from accounts.services import group_create, role_create, user_create
from policies.services import (
    permissions_boundary_put,
    policy_attach,
    policy_create,
    policy_version_create,
)
from tests.documents import EC2_TRUST, allow, document_text
from tests.factories import (
    IamUserFactory,
    ManagedPolicyFactory,
    PolicyAttachmentFactory,
    PolicyVersionFactory,
)
from tests.helpers import is_fragment, user_client
from tests.policies.policy_views_support import S3_READ, S3_READ_TEXT, S3_WRITE, detail

pytestmark = pytest.mark.django_db
ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess"


@pytest.fixture
def mine(account):
    policy = policy_create(account=account, name="Reports", policy_document=S3_READ_TEXT,
                           description="Reports bucket", tags={"team": "finance"})
    policy_version_create(policy=policy, policy_document=S3_WRITE, set_as_default=True)
    return policy


def test_the_summary_panel_shows_arn_id_type_versions_and_usage(root_client, account, mine):
    policy_attach(policy=mine, entity=user_create(account=account, name="alice"))
    response = root_client.get(detail(mine.arn))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'data-copy="{mine.arn}"' in html and mine.unique_id in html
    assert "Customer managed" in html and "Reports bucket" in html
    assert "<dd>v2</dd>" in html and "<dd>1" in html
    assert f'href="/policies/edit/{mine.arn}"' in html
    assert f'href="/policies/delete/{mine.arn}"' in html
    assert 'aria-selected="true">Permissions</a>' in html
    assert 'href="/simulator/?policy=arn%3Aaws%3Aiam%3A%3A111111111111%3Apolicy%2FReports"' in html


def test_permissions_tab_summarizes_the_default_version(root_client, mine):
    response = root_client.get(detail(mine.arn))
    summary = response.context["summary"]
    assert [row.prefix for row in summary.allow] == ["s3"]
    assert summary.allow[0].access_text == "Limited: Write"
    html = response.content.decode()
    assert "Amazon S3" in html and "Limited: Write" in html and "arn:aws:s3:::reports/*" in html
    summary_url = f"/policies/summary/{mine.arn}?service=s3&amp;effect=Allow&amp;version=v2"
    assert f'hx-get="{summary_url}"' in html


def test_json_view_is_pretty_printed_and_highlighted(root_client, account):
    compact = ('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*",'
               '"Resource":"*"}]}')
    policy = policy_create(account=account, name="Compact", policy_document=compact)
    html = root_client.get(detail(policy.arn) + "?view=json").content.decode()
    assert '<span class="tok-key">&quot;Version&quot;:</span>' in html
    assert '<span class="tok-string">&quot;s3:*&quot;</span>' in html
    assert "\n    " in html.split('class="policy-json"')[1]  # indented, not compact


def test_aws_managed_policies_are_read_only(root_client):
    html = root_client.get(detail(ADMIN)).content.decode()
    assert "AWS managed" in html and "cannot be edited or deleted" in html
    assert "/policies/edit/" not in html and "/policies/delete/" not in html
    versions = root_client.get(detail(ADMIN, "versions")).content.decode()
    assert "Create version" not in versions and "Set as default" not in versions
    assert "AWS managed policies cannot be tagged" in root_client.get(
        detail(ADMIN, "tags")).content.decode()


def test_administrator_access_covers_every_service(root_client):
    response = root_client.get(detail(ADMIN))
    summary = response.context["summary"]
    assert len(summary.allow) == summary.service_total > 400
    assert f"({summary.service_total} of {summary.service_total} services)" in (
        response.content.decode())


class TestTabs:
    @pytest.mark.parametrize("tab, marker", [
        ("entities", "Entities attached"), ("tags", "finance"), ("versions", "Policy versions"),
        ("compare", "Compare versions"), ("boundary", "Permissions boundary usage"),
        ("permissions", "Permissions defined in this policy"),
    ])
    def test_each_tab_is_a_fragment_for_htmx_with_the_tab_bar_swapped_out_of_band(
        self, root_client, mine, tab, marker
    ):
        response = root_client.get(detail(mine.arn, tab), HTTP_HX_REQUEST="true")
        html = response.content.decode()
        assert response.status_code == 200 and is_fragment(response)
        assert marker in html
        assert '<div id="detail-tabs" hx-swap-oob="true">' in html
        assert f'class="tab is-current" href="{detail(mine.arn, tab)}"' in html

    def test_an_unknown_tab_falls_back_to_permissions(self, root_client, mine):
        assert root_client.get(detail(mine.arn, "nope")).context["tab"] == "permissions"

    def test_entities_tab_lists_users_groups_and_roles_with_detach(self, root_client, account,
                                                                   mine):
        policy_attach(policy=mine, entity=user_create(account=account, name="alice"))
        policy_attach(policy=mine, entity=group_create(account=account, name="Finance"))
        policy_attach(policy=mine, entity=role_create(account=account, name="Reporter",
                                                      trust_policy=EC2_TRUST))
        html = root_client.get(detail(mine.arn, "entities")).content.decode()
        assert "Entities attached <span class=\"count\">(3)</span>" in html
        for value in ("user:alice", "group:Finance", "role:Reporter"):
            assert f'name="entity" value="{value}"' in html
        assert f'href="/policies/attach/{mine.arn}"' in html

    def test_boundary_tab_lists_users_and_roles_using_it(self, root_client, account, mine):
        permissions_boundary_put(entity=user_create(account=account, name="bob"), policy=mine)
        html = root_client.get(detail(mine.arn, "boundary")).content.decode()
        assert "(1)" in html and "bob" in html and "<td>User</td>" in html

    def test_versions_tab_lists_versions_and_shows_one(self, root_client, mine):
        response = root_client.get(detail(mine.arn, "versions") + "&version=v1")
        html = response.content.decode()
        assert [v.version_id for v in response.context["versions"]] == ["v2", "v1"]
        assert "(2 of 5)" in html and "★</span> Default" in html
        assert response.context["shown"].version_id == "v1"
        assert "s3:GetObject" in html  # v1's JSON
        assert 'name="version_id" value="v1"' in html
        assert 'name="version_id" value="v2"' not in html  # the default has no actions

    def test_versions_tab_warns_at_the_limit(self, root_client, mine):
        for _ in range(3):
            mine.refresh_from_db()
            PolicyVersionFactory(policy=mine)
        html = root_client.get(detail(mine.arn, "versions")).content.decode()
        assert "has the maximum of 5 versions" in html

    def test_compare_tab_diffs_two_versions_side_by_side(self, root_client, mine):
        response = root_client.get(detail(mine.arn, "compare"))
        context = response.context
        assert (context["left"].version_id, context["right"].version_id) == ("v1", "v2")
        html = response.content.decode()
        assert "lines removed" in html and "lines added" in html
        assert 'diff-removed"><span class="visually-hidden">Removed: </span>' in html
        assert 'diff-added"><span class="visually-hidden">Added: </span>' in html
        same = root_client.get(detail(mine.arn, "compare") + "&left=v2&right=v2")
        assert "are identical" in same.content.decode()

    def test_compare_as_written_or_formatted(self, root_client, account):
        policy = policy_create(account=account, name="P", policy_document=(
            '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*",'
            '"Resource":"*"}]}'))
        policy_version_create(policy=policy,
                              policy_document=document_text(allow("s3:*"), indent=4))
        url = detail(policy.arn, "compare") + "&left=v1&right=v2"
        assert root_client.get(url).context["diff"].identical
        assert not root_client.get(url + "&text=written").context["diff"].identical

    def test_compare_with_one_version_says_so(self, root_client, account):
        policy = policy_create(account=account, name="One", policy_document=S3_READ)
        assert "has only one version" in root_client.get(
            detail(policy.arn, "compare")).content.decode()


class TestSummaryDrillDown:
    def test_a_service_lists_its_actions_by_access_level(self, root_client, mine):
        url = f"/policies/summary/{mine.arn}?service=s3&effect=Allow&version=v1"
        response = root_client.get(url, HTTP_HX_REQUEST="true")
        html = response.content.decode()
        assert is_fragment(response)
        assert "<h4>List" in html and "<h4>Read" in html
        assert "<code>GetObject</code>" in html and "<code>ListBucket</code>" in html
        assert "arn:aws:s3:::reports/*" in html

    def test_the_default_version_when_none_is_named_and_404_for_unknown(self, root_client, mine):
        html = root_client.get(f"/policies/summary/{mine.arn}?service=s3").content.decode()
        assert "PutObject" in html
        assert root_client.get(f"/policies/summary/{mine.arn}?service=s3&version=v9"
                               ).status_code == 404
        assert root_client.get(f"/policies/summary/{mine.arn}?service=ec2").status_code == 400

    def test_a_draft_is_summarized_from_the_posted_document(self, root_client):
        response = root_client.post("/policies/summary-preview/", {
            "policy_document": S3_READ_TEXT, "service": "s3", "effect": "Allow"})
        assert response.status_code == 200 and "GetObject" in response.content.decode()
        bad = root_client.post("/policies/summary-preview/", {"policy_document": "{"})
        assert bad.status_code == 400


class TestIsolationAndAccess:
    def test_an_unknown_policy_is_the_404_page(self, root_client):
        response = root_client.get(detail("arn:aws:iam::111111111111:policy/Nope"))
        assert response.status_code == 404
        assert "NoSuchEntity" in response.content.decode()

    def test_another_accounts_policy_is_not_shown(self, root_client, other_account):
        theirs = policy_create(account=other_account, name="Theirs", policy_document=S3_READ)
        for url in (detail(theirs.arn), detail(theirs.arn, "versions"),
                    f"/policies/summary/{theirs.arn}?service=s3"):
            response = root_client.get(url)
            assert response.status_code in (403, 404)
            assert "reports/*" not in response.content.decode()

    def test_a_reader_sees_the_page_without_edit_and_delete(self, account, aws_policy, mine):
        reader = user_client(account, "reader", aws_policy("IAMReadOnlyAccess"))
        html = reader.get(detail(mine.arn)).content.decode()
        assert "Reports" in html
        assert f'href="/policies/edit/{mine.arn}"' not in html
        assert 'aria-disabled="true" title="User: arn:aws:iam::111111111111:user/reader is not ' \
               'authorized to perform: iam:CreatePolicyVersion' in html

class TestBoundedQueries:
    @pytest.mark.parametrize("tab", ["permissions", "entities", "versions", "compare",
                                     "boundary", "tags"])
    def test_the_same_queries_with_5_and_500_customer_policies(
        self, root_client, account, mine, django_assert_max_num_queries, tab
    ):
        ManagedPolicyFactory.create_batch(5, account=account)
        with django_assert_max_num_queries(12) as small:
            assert root_client.get(detail(mine.arn, tab)).status_code == 200
        ManagedPolicyFactory.create_batch(495, account=account)
        with django_assert_max_num_queries(len(small.captured_queries)):
            assert root_client.get(detail(mine.arn, tab)).status_code == 200

    @pytest.mark.parametrize("tab", ["entities", "boundary", "permissions"])
    def test_the_same_queries_with_5_and_500_attached_users(
        self, root_client, account, mine, django_assert_max_num_queries, tab
    ):
        def attach(count):
            for user in IamUserFactory.create_batch(count, account=account):
                PolicyAttachmentFactory(user=user, policy=mine)
                user.permissions_boundary = mine
                user.save(update_fields=["permissions_boundary"])

        attach(5)
        with django_assert_max_num_queries(12) as small:
            assert root_client.get(detail(mine.arn, tab)).status_code == 200
        attach(495)
        with django_assert_max_num_queries(len(small.captured_queries)):
            response = root_client.get(detail(mine.arn, tab))
        assert response.context["policy"].attachment_count == 500


class TestPolicyInUrl:
    def test_a_path_and_name_instead_of_an_arn_names_the_callers_policy(self, root_client,
                                                                       account):
        policy = policy_create(account=account, name="Team", path="/ops/",
                               policy_document=S3_READ)
        response = root_client.get("/policies/details/ops/Team")
        assert response.status_code == 200 and response.context["policy"] == policy

    def test_something_like_a_malformed_arn_is_invalid_input(self, root_client):
        response = root_client.get("/policies/details/arn:aws:iam")
        assert response.status_code == 400 and "InvalidInput" in response.content.decode()
