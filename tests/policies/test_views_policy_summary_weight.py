"""Policy pages stay light: the summary shows its first services and loads the rest on demand."""

import re

import pytest

from policies.services import policy_create
from policies.summary_sections import FIRST_ROWS, MORE_ROWS
from tests.documents import allow, deny, document
from tests.helpers import is_fragment
from tests.policies.policy_views_support import detail

pytestmark = pytest.mark.django_db
READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess"
PAGE_BYTES = 150_000


def services_shown(html: str) -> list[str]:
    return re.findall(r'data-service-name="[^"]* ([a-z0-9-]+)"', html)


@pytest.fixture
def everything_but_iam(account):
    """Two statements covering every service: allow everything, deny IAM."""
    return policy_create(account=account, name="Everything",
                         policy_document=document(allow("*"), deny("iam:*")))


@pytest.mark.parametrize("arn", [READ_ONLY, None])
def test_a_policy_page_is_small_and_runs_few_queries(root_client, everything_but_iam, arn,
                                                     django_assert_max_num_queries):
    """ReadOnlyAccess (300+ services) and a two-statement policy covering all 457 services:
    each page is under 150 KB, in a bounded number of queries."""
    url = detail(arn or everything_but_iam.arn)
    with django_assert_max_num_queries(10):
        response = root_client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert len(response.content) < PAGE_BYTES
    summary = response.context["summary"]
    assert len(summary.allow) > 300
    # The headings count every service; the rows are the first ones and a button for the rest.
    assert f"({len(summary.allow)} of {summary.service_total} services)" in html
    assert len(services_shown(html)) <= 2 * FIRST_ROWS
    assert f"Show {MORE_ROWS} more services" in html


def test_show_more_loads_the_next_services(root_client, everything_but_iam,
                                           django_assert_max_num_queries):
    page = root_client.get(detail(everything_but_iam.arn)).content.decode()
    first = services_shown(page)
    more = re.search(r'hx-get="([^"]*summary-services/[^"]*offset=[^"]*)"', page).group(1)
    with django_assert_max_num_queries(10):
        response = root_client.get(more.replace("&amp;", "&"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and is_fragment(response)
    rows = services_shown(response.content.decode())
    assert len(rows) == MORE_ROWS
    assert not set(rows) & set(first)
    summary = response.context["summary"]
    allowed = [row.prefix for row in summary.allow]
    assert rows == allowed[FIRST_ROWS:FIRST_ROWS + MORE_ROWS]
    assert f"({len(allowed) - FIRST_ROWS - MORE_ROWS} not shown)" in response.content.decode()


def test_the_filter_asks_the_server_when_services_are_not_shown(root_client,
                                                                everything_but_iam):
    page = root_client.get(detail(everything_but_iam.arn)).content.decode()
    url = re.search(r'hx-get="([^"]*summary-services/[^"?]*\?version=v1)"', page).group(1)
    response = root_client.get(url, {"q": "cloudtrail"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert services_shown(html) == ["cloudtrail", "cloudtrail-data"]
    assert "Show " not in html
    none = root_client.get(url, {"q": "nothing-like-this"}, HTTP_HX_REQUEST="true")
    assert "No denied service matches “nothing-like-this”." in none.content.decode()
    assert "No allowed service matches “nothing-like-this”." in none.content.decode()


def test_a_short_policy_shows_every_service_without_a_button(root_client, account):
    policy = policy_create(account=account, name="Small",
                           policy_document=document(allow(["s3:GetObject", "ec2:Describe*"])))
    html = root_client.get(detail(policy.arn)).content.decode()
    assert services_shown(html) == ["ec2", "s3"]
    assert "more service" not in html
    assert "hx-trigger=\"input changed" not in html  # the filter stays in the browser


def test_a_draft_loads_more_services_by_posting_the_document(root_client):
    body = {"policy_document": '{"Version": "2012-10-17", "Statement": '
                               '{"Effect": "Allow", "Action": "*", "Resource": "*"}}'}
    response = root_client.post(f"/policies/summary-preview/services/?effect=Allow"
                                f"&offset={FIRST_ROWS}", body, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert len(services_shown(response.content.decode())) == MORE_ROWS
