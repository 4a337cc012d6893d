"""The analysis in the console and the REST API: who can, escalation paths, the findings
panel, the graph and its SVG export."""

from __future__ import annotations

import pytest

from accounts.models import IamUser
from policies.selectors import aws_managed_policy
from policies.services import policy_attach_to_user
from tests.api.helpers import basic
from tests.documents import allow, document
from tests.factories import AccessKeyFactory
from tests.helpers import sign_in

from .accounts import ADMIN, Small

pytestmark = pytest.mark.django_db


@pytest.fixture
def small() -> Small:
    s = Small()
    s.managed("dev-tools", document(allow("iam:CreatePolicyVersion", s.arn("policy/dev-tools"),
                                          Sid="OwnTools")), to=s.dev)
    s.user("boss", ADMIN)
    return s


@pytest.fixture
def console(client, small):
    return sign_in(client, small.account)


def test_who_can_page_lists_principals_with_statements(console, small) -> None:
    page = console.get("/analysis/who-can/", {"action": "iam:CreatePolicyVersion",
                                              "resource": small.arn("policy/dev-tools")})
    text = page.content.decode()
    assert page.status_code == 200
    assert "2 principals can" in text
    assert "dev-tools</a>, statement 1 (Sid OwnTools)" in text
    assert ">boss</a>" in text


def test_who_can_page_shows_bad_input_beside_the_field(console) -> None:
    page = console.get("/analysis/who-can/", {"action": "GetObject"})
    assert page.status_code == 200
    assert "The action must be service:Action" in page.content.decode()


def test_who_can_from_a_policy_page_lists_its_questions(console, small) -> None:
    arn = small.arn("policy/dev-tools")
    assert "Who can do what it allows" in console.get(f"/policies/details/{arn}").content.decode()
    page = console.get("/analysis/who-can/", {"policy": arn}).content.decode()
    assert "Who does dev-tools let do what?" in page
    assert "<code>iam:CreatePolicyVersion</code> on" in page


def test_escalation_page_and_panels(console, small, django_assert_max_num_queries) -> None:
    page = console.get("/analysis/escalation/").content.decode()
    assert "1 principal can escalate" in page
    assert "iam:CreatePolicyVersion" in page and "Show on graph" in page
    with django_assert_max_num_queries(30):
        panel = console.get("/analysis/findings/", {"principal": small.dev.arn})
    assert "can reach administrator-equivalent access" in panel.content.decode()
    boss = console.get("/analysis/findings/", {"principal": small.arn("user/boss")})
    assert "administrator-equivalent" in boss.content.decode()
    assert 'hx-get="/analysis/findings/' in console.get("/").content.decode()
    assert "/analysis/findings/?principal=" in console.get("/users/details/dev/").content.decode()


def test_graph_page_draws_the_account(console, small, django_assert_max_num_queries) -> None:
    with django_assert_max_num_queries(40):
        page = console.get("/analysis/graph/")
    text = page.content.decode()
    assert page.status_code == 200
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="account-graph"' in text
    assert f'data-id="{small.dev.arn}"' in text and "ESCALATES" in text and "ADMIN" in text
    assert "account-graph.js" in text and "<script>" not in text
    focused = console.get("/analysis/graph/", {"focus": small.dev.arn}).content.decode()
    assert f'data-id="{small.arn("user/boss")}"' not in focused
    assert 'data-id="' + small.arn("policy/dev-tools") + '"' in focused
    svg = console.get("/analysis/graph.svg")
    assert svg["Content-Type"] == "image/svg+xml"
    assert svg.content.startswith(b"<svg ")
    assert console.get("/analysis/graph/", {"focus": "arn:aws:iam::1:user/x"}).status_code == 404


def test_rest_api_answers_in_one_call(client, small) -> None:
    key = AccessKeyFactory(user=small.user("auditor", document(allow(
        "iam:GetAccountAuthorizationDetails", "*"))))
    auth = {"HTTP_AUTHORIZATION": basic(key.access_key_id, key.secret_access_key)}
    who = client.get("/api/v1/analysis/who-can", {"action": "iam:CreatePolicyVersion",
                                                  "resource": "*"}, **auth).json()
    assert {p["principal"].rsplit("/", 1)[-1] for p in who["principals"]} == {"dev", "boss"}
    paths = client.get("/api/v1/analysis/escalation-paths", **auth).json()
    assert [(f["name"], f["techniques"]) for f in paths["findings"]] == [
        ("dev", ["iam:CreatePolicyVersion"])]
    assert paths["findings"][0]["steps"][0]["grants"][0]["sid"] == "OwnTools"
    graph = client.get("/api/v1/analysis/graph", **auth).json()
    assert {"member", "attached"} >= {e["kind"] for e in graph["edges"]} - {"escalation"}
    bad = client.get("/api/v1/analysis/who-can", {"action": "nope"}, **auth)
    assert (bad.status_code, bad.json()["field"]) == (400, "action")


def test_findings_follow_changes_to_the_account(console, small) -> None:
    """The cached analysis is recomputed after a change of policies or credentials."""
    assert "1 principal can escalate" in console.get("/analysis/escalation/").content.decode()
    intern = small.user("intern", document(allow("iam:CreateLoginProfile",
                                                 small.arn("user/boss"))))
    policy_attach_to_user(policy=aws_managed_policy("IAMReadOnlyAccess"), user=intern)
    page = console.get("/analysis/escalation/").content.decode()
    assert "2 principals can escalate" in page and "iam:CreateLoginProfile" in page
    small.login(IamUser.objects.get(account=small.account, name="boss"))
    page = console.get("/analysis/escalation/").content.decode()
    assert "1 principal can escalate" in page  # boss has a password now: Create is refused
