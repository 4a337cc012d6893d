"""Access Advisor through boto3: last access per service from the trail, after scripted use."""

from __future__ import annotations

from datetime import datetime

import pytest
from botocore.exceptions import ClientError


@pytest.fixture(scope="module")
def reader(make_user):
    """A user granted IAM and S3 reads who lists users twice (S3 it never uses)."""
    reader_iam, _ = make_user("advisor-reader", "IAMReadOnlyAccess")
    reader_iam.list_users()
    reader_iam.get_user(UserName="advisor-reader")
    return reader_iam


def _report(iam, arn: str) -> dict:
    job = iam.generate_service_last_accessed_details(Arn=arn)["JobId"]
    return iam.get_service_last_accessed_details(JobId=job)


def test_a_used_service_shows_its_last_access(iam, reader):
    arn = iam.get_user(UserName="advisor-reader")["User"]["Arn"]
    report = _report(iam, arn)
    assert report["JobStatus"] == "COMPLETED"
    services = {s["ServiceNamespace"]: s for s in report["ServicesLastAccessed"]}
    assert isinstance(services["iam"]["LastAuthenticated"], datetime)
    assert services["iam"]["LastAuthenticatedEntity"] == arn
    assert services["iam"]["TotalAuthenticatedEntities"] == 1


def test_an_unused_entity_has_no_access(iam, make_user):
    make_user("advisor-idle", "IAMReadOnlyAccess")
    arn = iam.get_user(UserName="advisor-idle")["User"]["Arn"]
    services = _report(iam, arn)["ServicesLastAccessed"]
    assert services and all("LastAuthenticated" not in s for s in services)
    assert all(s["TotalAuthenticatedEntities"] == 0 for s in services)


def test_an_unknown_entity_is_refused(iam):
    with pytest.raises(ClientError) as refused:
        iam.generate_service_last_accessed_details(
            Arn="arn:aws:iam::123456789012:user/nobody")
    assert refused.value.response["Error"]["Code"] == "NoSuchEntity"
