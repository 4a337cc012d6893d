"""Service-linked roles over AWS's wire API, driven by boto3: created for a service, only
deleted by a deletion task, their description the one thing the account changes."""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError

from .conftest import WIRE_ACCOUNT
from .documents import TRUST, error_of

SERVICE = "elasticbeanstalk.amazonaws.com"


def test_a_service_linked_role_created_described_and_deleted_by_a_task(iam):
    role = iam.create_service_linked_role(AWSServiceName=SERVICE, Description="EB",
                                          CustomSuffix="web")["Role"]
    name = role["RoleName"]
    assert name.startswith("AWSServiceRoleFor") and name.endswith("_web")
    assert role["Path"] == f"/aws-service-role/{SERVICE}/"
    assert role["Arn"] == f"arn:aws:iam::{WIRE_ACCOUNT}:role/aws-service-role/{SERVICE}/{name}"
    assert role["Description"] == "EB"
    assert role["AssumeRolePolicyDocument"]["Statement"][0]["Principal"] == {
        "Service": SERVICE}

    described = iam.update_role_description(RoleName=name, Description="Beanstalk")["Role"]
    assert described["Description"] == "Beanstalk"
    assert iam.get_role(RoleName=name)["Role"]["Description"] == "Beanstalk"

    with pytest.raises(ClientError) as caught:
        iam.delete_role(RoleName=name)
    assert error_of(caught) == ("UnmodifiableEntity", 400)

    task = iam.delete_service_linked_role(RoleName=name)["DeletionTaskId"]
    assert task.startswith(f"task/aws-service-role/{SERVICE}/{name}/")
    status = iam.get_service_linked_role_deletion_status(DeletionTaskId=task)
    assert status["Status"] == "SUCCEEDED" and "Reason" not in status
    with pytest.raises(ClientError) as caught:
        iam.get_role(RoleName=name)
    assert error_of(caught) == ("NoSuchEntity", 404)


def test_service_linked_role_errors(iam):
    iam.create_role(RoleName="ordinary", AssumeRolePolicyDocument=json.dumps(TRUST))
    unknown_task = (f"task/aws-service-role/{SERVICE}/AWSServiceRoleForX/"
                    "0f3c6f1e-1111-2222-3333-444455556666")
    refused = [
        (iam.create_service_linked_role, {"AWSServiceName": "not-a-service"}, "InvalidInput",
         400),
        (iam.create_service_linked_role, {"AWSServiceName": "not a service"},
         "ValidationError", 400),
        (iam.delete_service_linked_role, {"RoleName": "AWSServiceRoleForNothing"},
         "NoSuchEntity", 404),
        (iam.delete_service_linked_role, {"RoleName": "ordinary"}, "InvalidInput", 400),
        (iam.get_service_linked_role_deletion_status, {"DeletionTaskId": "no-such-task"},
         "InvalidInput", 400),
        (iam.get_service_linked_role_deletion_status, {"DeletionTaskId": unknown_task},
         "NoSuchEntity", 404),
        (iam.update_role_description, {"RoleName": "nobody", "Description": "x"},
         "NoSuchEntity", 404),
    ]
    for call, params, code, status in refused:
        with pytest.raises(ClientError) as caught:
            call(**params)
        assert error_of(caught) == (code, status), (call, params)
    assert iam.get_role(RoleName="ordinary")["Role"]["RoleName"] == "ordinary"


def test_a_reader_may_not_create_a_service_linked_role(make_user):
    reader, _ = make_user("slr-reader", "IAMReadOnlyAccess")
    with pytest.raises(ClientError) as caught:
        reader.create_service_linked_role(AWSServiceName="autoscaling.amazonaws.com")
    assert error_of(caught) == ("AccessDenied", 403)
    assert "iam:CreateServiceLinkedRole" in caught.value.response["Error"]["Message"]
