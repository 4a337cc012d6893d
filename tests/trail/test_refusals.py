"""Refusals answered by pages and endpoints are on the trail once: the operation's event when
an operation refused, else an AwsConsoleAction event named after the page."""

from __future__ import annotations

import pytest

from accounts.models import TrailEvent
from tests.helpers import user_client

pytestmark = pytest.mark.django_db


def _refusals():
    return list(TrailEvent.objects.filter(error_code="AccessDenied")
                .values_list("event_name", flat=True))


def test_a_page_refused_outside_an_operation_is_recorded(account, root_client):
    response = root_client.get("/demo/reset/")
    assert response.status_code == 403
    assert _refusals() == ["DemoReset"]
    record = TrailEvent.objects.get(event_name="DemoReset").record
    assert record["eventType"] == "AwsConsoleAction"
    assert record["readOnly"] is True
    assert record["additionalEventData"] == {"path": "/demo/reset/"}
    assert "demo account" in record["errorMessage"]
    assert record["userIdentity"]["type"] == "Root"


def test_the_organization_page_refusal_is_the_operations(account):
    client = user_client(account, "nobody")
    assert client.get("/organization/").status_code == 403
    assert _refusals() == ["DescribeOrganization"]
    event = TrailEvent.objects.get(event_name="DescribeOrganization")
    assert event.event_source == "organizations.amazonaws.com"


def test_an_operations_refusal_is_recorded_once(account, alice):
    client = user_client(account, "nobody")
    assert client.get(f"/users/details/{alice.name}/").status_code == 403
    assert _refusals() == ["GetUser"]
    htmx = client.get(f"/users/details/{alice.name}/", HTTP_HX_REQUEST="true")
    assert htmx.status_code in (200, 403)
    assert _refusals() == ["GetUser", "GetUser"]


def test_an_api_refusal_is_recorded_once(account, nobody):
    assert nobody.get("/api/v1/users/").status_code == 403
    assert _refusals() == ["ListUsers"]
