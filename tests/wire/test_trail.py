"""LookupEvents through boto3: the calls of the account, filtered and paginated."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from botocore.exceptions import ClientError

from .conftest import client


@pytest.fixture(scope="module")
def cloudtrail(wire_url, wire_root):
    return client("cloudtrail", wire_url, wire_root)


@pytest.fixture(scope="module")
def calls(iam):
    """Scripted use: three users created, one listed, one refused creation."""
    for name in ("trail-a", "trail-b", "trail-c"):
        iam.create_user(UserName=name)
    iam.list_users()
    with pytest.raises(ClientError):
        iam.create_user(UserName="trail-a")


def _lookup(cloudtrail, **kwargs):
    return cloudtrail.lookup_events(**kwargs)["Events"]


def test_lookup_by_event_name_returns_each_call_with_its_record(cloudtrail, calls, wire_root):
    events = _lookup(cloudtrail, LookupAttributes=[
        {"AttributeKey": "EventName", "AttributeValue": "CreateUser"}])
    assert len(events) == 4
    assert {e["EventName"] for e in events} == {"CreateUser"}
    newest = json.loads(events[0]["CloudTrailEvent"])
    assert newest["errorCode"] == "EntityAlreadyExists"
    assert newest["userIdentity"]["type"] == "Root"
    assert newest["userIdentity"]["accessKeyId"] == wire_root.access_key_id
    assert newest["eventSource"] == "iam.amazonaws.com"
    assert newest["sourceIPAddress"] == "127.0.0.1"
    assert "Boto3" in newest["userAgent"] or "botocore" in newest["userAgent"]
    assert events[0]["ReadOnly"] == "false"
    assert events[0]["AccessKeyId"] == wire_root.access_key_id
    assert isinstance(events[0]["EventTime"], datetime)


def test_lookup_by_resource_and_read_only(cloudtrail, calls):
    events = _lookup(cloudtrail, LookupAttributes=[
        {"AttributeKey": "ResourceName", "AttributeValue": "trail-b"}])
    assert [e["EventName"] for e in events] == ["CreateUser"]
    assert events[0]["Resources"] == [{"ResourceType": "AWS::IAM::User",
                                       "ResourceName": "trail-b"}]
    reads = _lookup(cloudtrail, LookupAttributes=[
        {"AttributeKey": "ReadOnly", "AttributeValue": "true"}])
    assert "ListUsers" in {e["EventName"] for e in reads}
    assert {e["ReadOnly"] for e in reads} == {"true"}


def test_pagination_walks_every_event_once(cloudtrail, calls):
    everything = _lookup(cloudtrail)
    paginator = cloudtrail.get_paginator("lookup_events")
    pages = list(paginator.paginate(PaginationConfig={"PageSize": 2}))
    assert all(len(page["Events"]) <= 2 for page in pages)
    walked = [e["EventId"] for page in pages for e in page["Events"]]
    assert len(walked) == len(set(walked)) >= len(everything)


def test_time_range(cloudtrail, calls):
    later = datetime.now(UTC) + timedelta(hours=1)
    assert _lookup(cloudtrail, StartTime=later) == []
    with pytest.raises(ClientError) as refused:
        cloudtrail.lookup_events(StartTime=later, EndTime=later - timedelta(days=1))
    assert refused.value.response["Error"]["Code"] == "InvalidTimeRangeException"


def test_refuses_two_attributes(cloudtrail, calls):
    with pytest.raises(ClientError) as refused:
        cloudtrail.lookup_events(LookupAttributes=[
            {"AttributeKey": "EventName", "AttributeValue": "CreateUser"},
            {"AttributeKey": "Username", "AttributeValue": "root"}])
    assert refused.value.response["Error"]["Code"] == "InvalidLookupAttributesException"
