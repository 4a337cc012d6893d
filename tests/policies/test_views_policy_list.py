"""The policies list: filters, sorting, counts, htmx fragment, bounded queries, bulk delete."""

import pytest

from accounts.services import user_create
from policies.models import ManagedPolicy
from policies.services import (
    permissions_boundary_put,
    policy_attach,
    policy_create,
    policy_version_create,
)
from tests.factories import ManagedPolicyFactory
from tests.helpers import is_fragment, user_client
from tests.policies.policy_views_support import S3_READ, S3_WRITE

pytestmark = pytest.mark.django_db


def names(response):
    return [p.name for p in response.context["rows"]]


@pytest.fixture
def mine(account):
    return policy_create(account=account, name="QuarterlyReports", policy_document=S3_READ,
                         description="Read the reports bucket")


def test_lists_customer_and_aws_policies_with_type_usage_and_counts(root_client, account, mine,
                                                                     aws_policy):
    alice = user_create(account=account, name="alice")
    policy_attach(policy=mine, entity=alice)
    permissions_boundary_put(entity=alice, policy=aws_policy("ReadOnlyAccess"))
    response = root_client.get("/policies/?q=QuarterlyReports")
    assert response.status_code == 200
    html = response.content.decode()
    assert "QuarterlyReports" in html and "Read the reports bucket" in html
    assert "Customer managed" in html and "Permissions policy (1)" in html
    assert response.context["rows"][0].attachment_count == 1
    html = root_client.get("/policies/?q=ReadOnlyAccess&type=aws&usage=boundary").content.decode()
    assert "AWS managed" in html and "Permissions boundary (1)" in html


@pytest.mark.parametrize(
    "query, expected, absent",
    [
        ("type=customer", {"QuarterlyReports"}, {"ViewOnlyAccess", "AdministratorAccess"}),
        ("type=job-function&q=viewonly", {"ViewOnlyAccess"}, {"QuarterlyReports"}),
        ("type=aws&q=access", {"AdministratorAccess"}, {"ViewOnlyAccess", "QuarterlyReports"}),
        ("path_prefix=/job-function/&q=view", {"ViewOnlyAccess"}, {"AdministratorAccess"}),
        ("q=QUARTERLYreports", {"QuarterlyReports"}, {"AdministratorAccess"}),
    ],
)
def test_filters(root_client, mine, query, expected, absent):
    response = root_client.get(f"/policies/?{query}&per_page=100")
    listed = set(names(response))
    assert expected <= listed and not (absent & listed)


def test_usage_filters(root_client, account, mine):
    unused = policy_create(account=account, name="Unused", policy_document=S3_WRITE)
    boundary = policy_create(account=account, name="Boundary", policy_document=S3_WRITE)
    alice = user_create(account=account, name="alice")
    policy_attach(policy=mine, entity=alice)
    permissions_boundary_put(entity=alice, policy=boundary)
    base = "/policies/?type=customer&usage="
    assert names(root_client.get(base + "permissions")) == ["QuarterlyReports"]
    assert names(root_client.get(base + "boundary")) == ["Boundary"]
    assert names(root_client.get(base + "unused")) == [unused.name]


def test_sorting_by_attachments_descending_and_by_name(root_client, account, mine):
    other = policy_create(account=account, name="AAA", policy_document=S3_WRITE)
    for name in ("u1", "u2"):
        policy_attach(policy=mine, entity=user_create(account=account, name=name))
    assert names(root_client.get("/policies/?type=customer&sort=-attachments")) == [
        "QuarterlyReports", other.name]
    by_name = names(root_client.get("/policies/?type=customer&sort=name"))
    assert by_name == ["AAA", "QuarterlyReports"]
    assert names(root_client.get("/policies/?type=customer&sort=-name")) == by_name[::-1]


def test_pagination_counts_all_policies(root_client, mine):
    response = root_client.get("/policies/?per_page=10&page=2")
    assert len(response.context["rows"]) == 10
    aws_count = ManagedPolicy.objects.filter(account__isnull=True).count()
    assert response.context["total"] == aws_count + 1
    assert "page 2 of" in response.content.decode()


def test_htmx_answers_the_table_fragment(root_client, mine):
    response = root_client.get("/policies/?q=quarterly", HTTP_HX_REQUEST="true")
    assert is_fragment(response)
    html = response.content.decode()
    assert "QuarterlyReports" in html and "Policies <span class=\"count\">(1)</span>" in html


def test_no_match_shows_an_empty_state_with_a_way_out(root_client):
    response = root_client.get("/policies/?q=zz-no-such-policy", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "No policies match these filters" in html and "Clear filters" in html
    assert "<table" not in html


def test_only_customer_policies_can_be_selected(root_client, mine):
    html = root_client.get("/policies/?q=report&per_page=100&sort=type").content.decode()
    assert f'name="arn" value="{mine.arn}"' in html
    assert 'value="arn:aws:iam::aws:policy/ReadOnlyAccess"' not in html


def test_another_accounts_policies_are_never_listed(root_client, other_account):
    policy_create(account=other_account, name="GlobexSecret", policy_document=S3_READ)
    assert names(root_client.get("/policies/?q=GlobexSecret")) == []
    assert names(root_client.get("/policies/?type=customer")) == []


def test_create_policy_is_disabled_with_the_denial_for_a_reader(root_client, account,
                                                              aws_policy):
    """As on the users and roles lists: a reader's button says why instead of leading to the
    access-denied page."""
    assert 'class="btn btn-primary" href="/policies/create/">Create policy</a>' in (
        root_client.get("/policies/").content.decode())
    reader = user_client(account, "reader", aws_policy("IAMReadOnlyAccess"))
    html = reader.get("/policies/").content.decode()
    assert 'href="/policies/create/"' not in html
    assert 'class="btn btn-primary is-disabled"' in html and 'aria-disabled="true"' in html
    assert ("is not authorized to perform: iam:CreatePolicy on resource: "
            "arn:aws:iam::111111111111:policy/*") in html


@pytest.mark.parametrize("sort", ["name", "-attachments", "used", "type"])
def test_the_list_runs_the_same_queries_with_5_and_500_customer_policies(
    root_client, account, django_assert_max_num_queries, sort
):
    url = f"/policies/?sort={sort}&per_page=100"
    ManagedPolicyFactory.create_batch(5, account=account)
    with django_assert_max_num_queries(8) as small:
        assert root_client.get(url).status_code == 200
    ManagedPolicyFactory.create_batch(495, account=account)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = root_client.get(url + "&type=customer&usage=unused")
    assert response.context["total"] == 500


class TestBulkDelete:
    def test_the_confirmation_lists_every_policy_and_its_blockers(self, root_client, account,
                                                                    mine):
        policy_version_create(policy=mine, policy_document=S3_WRITE)
        policy_attach(policy=mine, entity=user_create(account=account, name="alice"))
        plain = policy_create(account=account, name="Plain", policy_document=S3_WRITE)
        response = root_client.get(f"/policies/delete/?arn={mine.arn}&arn={plain.arn}")
        html = response.content.decode()
        assert response.status_code == 200
        assert "Delete 2 policies?" in html
        assert "user attachment: alice" in html and "policy version: v2" in html
        assert "not attached, not used as a boundary" in html

    def test_deleting_needs_the_typed_word_and_keeps_the_selection(self, root_client, mine):
        response = root_client.post("/policies/delete/", {"arn": [mine.arn], "confirm": "yes"})
        assert response.status_code == 400
        assert f'name="arn" value="{mine.arn}"' in response.content.decode()
        assert ManagedPolicy.objects.filter(pk=mine.pk).exists()

    def test_deleting_removes_the_policies_with_their_dependents(self, root_client, account,
                                                                 mine):
        alice = user_create(account=account, name="alice")
        policy_attach(policy=mine, entity=alice)
        permissions_boundary_put(entity=alice, policy=mine)
        plain = policy_create(account=account, name="Plain", policy_document=S3_WRITE)
        response = root_client.post("/policies/delete/", {"arn": [mine.arn, plain.arn],
                                                          "confirm": "delete"}, follow=True)
        assert "Deleted 2 policies: QuarterlyReports, Plain." in response.content.decode()
        assert not ManagedPolicy.objects.filter(account=account).exists()
        alice.refresh_from_db()
        assert alice.permissions_boundary is None

    def test_aws_managed_policies_cannot_be_deleted(self, root_client, mine):
        arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
        response = root_client.post("/policies/delete/", {"arn": [mine.arn, arn],
                                                          "confirm": "delete"})
        assert response.status_code == 403
        assert f"iam:DeletePolicy on resource: {arn}" in response.content.decode()
        assert ManagedPolicy.objects.filter(pk=mine.pk).exists()

    def test_another_accounts_policy_cannot_be_deleted(self, root_client, other_account):
        theirs = policy_create(account=other_account, name="Theirs", policy_document=S3_READ)
        response = root_client.post("/policies/delete/", {"arn": [theirs.arn],
                                                          "confirm": "delete"})
        assert response.status_code in (403, 404)
        assert ManagedPolicy.objects.filter(pk=theirs.pk).exists()

    def test_nothing_selected_goes_back_to_the_list(self, root_client):
        response = root_client.get("/policies/delete/", follow=True)
        assert response.redirect_chain[-1][0] == "/policies/"
        assert "Select the customer managed policies to delete first." in (
            response.content.decode())

