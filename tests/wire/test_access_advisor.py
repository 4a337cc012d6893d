"""Access Advisor through boto3: last access per service and action from the trail, after
scripted use, the entities behind a group's use and the policies granting a service."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from botocore.exceptions import ClientError

from .conftest import client

USE = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["iam:ListUsers", "iam:GetUser", "sts:GetCallerIdentity",
                                   "organizations:DescribeOrganization"], "Resource": "*"}]}
INLINE = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "sts:GetCallerIdentity", "Resource": "*"}]}


@pytest.fixture(scope="module")
def reader(make_user):
    """A user granted IAM and S3 reads who lists users twice (S3 it never uses)."""
    reader_iam, _ = make_user("advisor-reader", "IAMReadOnlyAccess")
    reader_iam.list_users()
    reader_iam.get_user(UserName="advisor-reader")
    return reader_iam


@pytest.fixture(scope="module")
def team(iam, make_user, wire_url):
    """Group advisor-team (a managed policy granting IAM, STS and Organizations reads, and
    an inline one granting STS) whose member advisor-dev lists users and asks who it is;
    advisor-idle, also a member, does nothing. Returns the ARNs."""
    policy = iam.create_policy(PolicyName="advisor-use",
                               PolicyDocument=json.dumps(USE))["Policy"]["Arn"]
    group = iam.create_group(GroupName="advisor-team")["Group"]["Arn"]
    iam.attach_group_policy(GroupName="advisor-team", PolicyArn=policy)
    iam.put_group_policy(GroupName="advisor-team", PolicyName="who-am-i",
                         PolicyDocument=json.dumps(INLINE))
    dev_iam, dev_keys = make_user("advisor-dev")
    make_user("advisor-idle")
    for name in ("advisor-dev", "advisor-idle"):
        iam.add_user_to_group(GroupName="advisor-team", UserName=name)
    dev_iam.list_users()
    client("sts", wire_url, dev_keys).get_caller_identity()
    user = iam.get_user(UserName="advisor-dev")["User"]["Arn"]
    return {"policy": policy, "group": group, "user": user}


def _report(iam, arn: str, granularity: str = "SERVICE_LEVEL", **kwargs) -> dict:
    job = iam.generate_service_last_accessed_details(Arn=arn, Granularity=granularity)["JobId"]
    return iam.get_service_last_accessed_details(JobId=job, **kwargs)


def _by_namespace(report: dict) -> dict:
    return {s["ServiceNamespace"]: s for s in report["ServicesLastAccessed"]}


def test_a_used_service_shows_its_last_access(iam, reader):
    arn = iam.get_user(UserName="advisor-reader")["User"]["Arn"]
    report = _report(iam, arn)
    assert report["JobStatus"] == "COMPLETED"
    services = _by_namespace(report)
    assert isinstance(services["iam"]["LastAuthenticated"], datetime)
    assert services["iam"]["LastAuthenticatedEntity"] == arn
    assert services["iam"]["TotalAuthenticatedEntities"] == 1


def test_an_unused_entity_has_no_access(iam, make_user):
    make_user("advisor-nothing", "IAMReadOnlyAccess")
    arn = iam.get_user(UserName="advisor-nothing")["User"]["Arn"]
    services = _report(iam, arn)["ServicesLastAccessed"]
    assert services and all("LastAuthenticated" not in s for s in services)
    assert all(s["TotalAuthenticatedEntities"] == 0 for s in services)


def test_service_level_after_scripted_use(iam, team):
    report = _report(iam, team["user"])
    assert report["JobType"] == "SERVICE_LEVEL"
    services = _by_namespace(report)
    assert set(services) == {"iam", "sts", "organizations"}
    for used in ("iam", "sts"):
        assert isinstance(services[used]["LastAuthenticated"], datetime)
        assert services[used]["LastAuthenticatedEntity"] == team["user"]
        assert services[used]["LastAuthenticatedRegion"] == "us-east-1"
        assert "TrackedActionsLastAccessed" not in services[used]
    assert services["sts"]["ServiceName"] == "AWS Security Token Service"
    assert "LastAuthenticated" not in services["organizations"]


def test_action_level_tracks_the_actions_used(iam, team):
    report = _report(iam, team["user"], "ACTION_LEVEL")
    assert report["JobType"] == "ACTION_LEVEL"
    services = _by_namespace(report)
    actions = {a["ActionName"]: a for a in services["iam"]["TrackedActionsLastAccessed"]}
    assert set(actions) == {"ListUsers", "GetUser"}
    assert isinstance(actions["ListUsers"]["LastAccessedTime"], datetime)
    assert actions["ListUsers"]["LastAccessedEntity"] == team["user"]
    assert "LastAccessedTime" not in actions["GetUser"]
    sts = services["sts"]["TrackedActionsLastAccessed"]
    assert [a["ActionName"] for a in sts if "LastAccessedTime" in a] == ["GetCallerIdentity"]
    assert "TrackedActionsLastAccessed" not in services["organizations"]


def test_a_group_report_counts_its_members_and_lists_them(iam, team):
    job = iam.generate_service_last_accessed_details(Arn=team["group"])["JobId"]
    services = _by_namespace(iam.get_service_last_accessed_details(JobId=job))
    assert services["iam"]["TotalAuthenticatedEntities"] == 1
    details = iam.get_service_last_accessed_details_with_entities(
        JobId=job, ServiceNamespace="iam")["EntityDetailsList"]
    names = [(d["EntityInfo"]["Name"], d["EntityInfo"]["Type"], "LastAuthenticated" in d)
             for d in details]
    assert names == [("advisor-dev", "USER", True), ("advisor-idle", "USER", False)]
    assert details[0]["EntityInfo"]["Arn"] == team["user"]


def test_a_policy_report_covers_the_users_holding_it(iam, team):
    services = _by_namespace(_report(iam, team["policy"]))
    assert services["iam"]["LastAuthenticatedEntity"] == team["user"]
    assert "LastAuthenticated" not in services["organizations"]


def test_results_page_with_max_items(iam, team):
    first = _report(iam, team["user"], MaxItems=1)
    assert first["IsTruncated"] and len(first["ServicesLastAccessed"]) == 1
    job = iam.generate_service_last_accessed_details(Arn=team["user"])["JobId"]
    pages = iam.get_service_last_accessed_details(JobId=job, MaxItems=2)
    rest = iam.get_service_last_accessed_details(JobId=job, MaxItems=2, Marker=pages["Marker"])
    assert not rest["IsTruncated"]
    assert len(pages["ServicesLastAccessed"] + rest["ServicesLastAccessed"]) == 3


def test_policies_granting_service_access_name_the_policies(iam, team):
    answer = iam.list_policies_granting_service_access(
        Arn=team["user"], ServiceNamespaces=["sts", "organizations", "s3"])
    found = {entry["ServiceNamespace"]: entry["Policies"]
             for entry in answer["PoliciesGrantingServiceAccess"]}
    assert found["sts"] == [
        {"PolicyName": "who-am-i", "PolicyType": "INLINE", "EntityType": "GROUP",
         "EntityName": "advisor-team"},
        {"PolicyName": "advisor-use", "PolicyType": "MANAGED", "PolicyArn": team["policy"]}]
    assert [p["PolicyName"] for p in found["organizations"]] == ["advisor-use"]
    assert found["s3"] == []


def test_an_unknown_entity_is_refused(iam):
    with pytest.raises(ClientError) as refused:
        iam.generate_service_last_accessed_details(
            Arn="arn:aws:iam::123456789012:user/nobody")
    assert refused.value.response["Error"]["Code"] == "NoSuchEntity"


def test_an_unknown_job_is_refused(iam):
    for call in (lambda: iam.get_service_last_accessed_details(
                     JobId="0b7c1a52-0b1d-4e1c-9b0e-2f1d7c6a9e10"),
                 lambda: iam.get_service_last_accessed_details_with_entities(
                     JobId="5b8c1a52-0b1d-4e1c-9b0e-2f1d7c6a9e10", ServiceNamespace="iam")):
        with pytest.raises(ClientError) as refused:
            call()
        assert refused.value.response["Error"]["Code"] == "NoSuchEntity"


def test_a_bad_namespace_is_refused(iam, team):
    job = iam.generate_service_last_accessed_details(Arn=team["group"])["JobId"]
    with pytest.raises(ClientError) as refused:
        iam.get_service_last_accessed_details_with_entities(JobId=job,
                                                            ServiceNamespace="nosuchservice")
    assert refused.value.response["Error"]["Code"] == "InvalidInput"
    with pytest.raises(ClientError) as refused:
        iam.list_policies_granting_service_access(Arn=team["user"],
                                                  ServiceNamespaces=["not a namespace"])
    assert refused.value.response["Error"]["Code"] in ("InvalidInput", "ValidationError")


def test_a_user_without_permission_is_refused(make_user, team):
    outsider_iam, _ = make_user("advisor-outsider")
    with pytest.raises(ClientError) as refused:
        outsider_iam.list_policies_granting_service_access(Arn=team["user"],
                                                           ServiceNamespaces=["iam"])
    assert refused.value.response["Error"]["Code"] == "AccessDenied"
