"""Event history in the console and the REST API: filters, an event's record, downloads."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest

from accounts.models import TrailEvent
from accounts.operations.users import CreateUser, GetUser, ListUsers
from accounts.signin import role_session_principal
from iamconsole.operations import Caller, root_caller
from policies.selectors import aws_managed_policy
from policies.services import policy_attach_to_role
from tests.factories import RoleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(account):
    caller = root_caller(account)
    caller.run(CreateUser, user_name="bob")
    caller.run(CreateUser, user_name="carol")
    caller.run(GetUser, user_name="bob")


def test_the_api_filters_by_name_resource_and_read_only(root_api, history):
    body = root_api.get("/api/v1/events/?event_name=CreateUser").json()
    assert [e["requestParameters"]["userName"] for e in body["events"]] == ["carol", "bob"]
    body = root_api.get("/api/v1/events/?resource=bob&read_only=false").json()
    assert [e["eventName"] for e in body["events"]] == ["CreateUser"]
    body = root_api.get("/api/v1/events/?read_only=true&event_name=GetUser").json()
    assert [e["eventName"] for e in body["events"]] == ["GetUser"]


def test_the_api_paginates(root_api, history):
    first = root_api.get("/api/v1/events/?max_results=2&event_source=iam.amazonaws.com").json()
    assert len(first["events"]) == 2 and first["next_token"]
    rest = root_api.get("/api/v1/events/?max_results=2&event_source=iam.amazonaws.com"
                        f"&next_token={first['next_token']}").json()
    ids = [e["eventID"] for e in first["events"] + rest["events"]]
    assert len(ids) == len(set(ids)) >= 3


def test_the_api_names_a_bad_filter(root_api, history):
    response = root_api.get("/api/v1/events/?start_time=yesterday")
    assert response.status_code == 400
    assert response.json()["field"] == "start_time"


def test_the_console_lists_filters_and_shows_a_record(root_client, history):
    response = root_client.get("/event-history/", {"event_name": "CreateUser"})
    assert response.status_code == 200
    assert response.content.decode().count("CreateUser") >= 2
    event = TrailEvent.objects.filter(event_name="CreateUser").first()
    detail = root_client.get(f"/event-history/{event.event_id}/")
    assert detail.status_code == 200 and "requestParameters" in detail.content.decode()


def test_the_console_downloads_json_and_csv(root_client, history):
    data = root_client.get("/event-history/", {"download": "json"}).json()
    assert {r["eventName"] for r in data["Records"]} >= {"CreateUser", "GetUser"}
    text = root_client.get("/event-history/", {"download": "csv",
                                               "event_name": "CreateUser"}).content.decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][1] == "eventName" and {row[1] for row in rows[1:]} == {"CreateUser"}


def test_an_event_id_that_is_no_uuid_finds_nothing(root_api, root_client, history):
    response = root_api.get("/api/v1/events/?event_id=nope")
    assert response.status_code == 200 and response.json()["events"] == []
    assert root_client.get("/event-history/nope/").status_code == 404


def test_a_roles_last_used_tab_shows_the_services_its_sessions_used(account, root_client):
    role = RoleFactory(account=account, name="auditor")
    policy_attach_to_role(role=role, policy=aws_managed_policy("IAMReadOnlyAccess"))
    session = role_session_principal(role, session_name="ann",
                                     expires_at=datetime.now(UTC) + timedelta(hours=1))
    Caller(session).run(ListUsers)
    page = root_client.get("/roles/details/auditor/", {"tab": "last_used"},
                           HTTP_HX_REQUEST="true").content.decode()
    assert "Last accessed services" in page
    assert role.arn in page  # the IAM row: used by the role's session
    assert "Not accessed in the tracking period" not in page.split("<code>iam</code>")[1][:200]
