"""A service-linked role's page: it says so, disables what AWS forbids with AWS's message,
and deletes the role by a deletion task."""

from __future__ import annotations

from html import unescape

import pytest

from accounts.models import Role
from accounts.operations.service_linked_roles import CreateServiceLinkedRole
from iamconsole.operations import root_caller
from policies.services import inline_policy_put
from tests.documents import document_text

SERVICE = "elasticbeanstalk.amazonaws.com"
NAME = "AWSServiceRoleForElasticBeanstalk"
PAGE = f"/roles/details/{NAME}/"
PROTECTED = (f"Cannot perform the operation on the protected role '{NAME}' - "
             "this role is only modifiable by AWS")

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(account) -> Role:
    role = root_caller(account).run(CreateServiceLinkedRole, aws_service_name=SERVICE)
    inline_policy_put(entity=role, name="extra", policy_document=document_text(
        {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}))
    return role


def test_the_page_says_it_is_service_linked_and_disables_forbidden_changes(root_client, linked):
    html = unescape(root_client.get(PAGE).content.decode())
    assert "Service-linked role." in html and SERVICE in html
    assert f'title="{PROTECTED}">Attach policies' in html
    assert f'title="{PROTECTED}">Create inline policy' in html
    assert f'href="{PAGE}delete-service-linked/">Delete' in html
    trust = unescape(root_client.get(PAGE, {"tab": "trust"}).content.decode())
    assert f'title="{PROTECTED}">Edit trust policy' in trust


def test_delete_runs_the_deletion_task(root_client, linked):
    confirm = root_client.get(f"{PAGE}delete-service-linked/").content.decode()
    assert "Inline policy: extra" in confirm
    response = root_client.post(f"{PAGE}delete-service-linked/", {"confirm": NAME},
                                follow=True)
    assert response.redirect_chain[-1][0] == "/roles/"
    assert "SUCCEEDED" in response.content.decode()
    assert not Role.objects.filter(pk=linked.pk).exists()


def test_the_delete_role_page_refuses_it_with_awss_error(root_client, linked):
    response = root_client.post(f"{PAGE}delete/", {"confirm": NAME})
    assert response.status_code == 400 and PROTECTED in unescape(response.content.decode())
    assert Role.objects.filter(pk=linked.pk).exists()


def test_the_roles_list_creates_a_service_linked_role(root_client, account):
    assert "/roles/create-service-linked/" in root_client.get("/roles/").content.decode()
    response = root_client.post("/roles/create-service-linked/", {
        "aws_service_name": "autoscaling.amazonaws.com", "custom_suffix": "web",
        "description": "Scales the web tier."})
    assert response.status_code == 302
    role = Role.objects.get(account=account, name="AWSServiceRoleForAutoScaling_web")
    assert role.service_linked and role.path == "/aws-service-role/autoscaling.amazonaws.com/"
    assert response["Location"] == f"/roles/details/{role.name}/"


def test_a_bad_service_is_shown_beside_its_field(root_client):
    response = root_client.post("/roles/create-service-linked/", {"aws_service_name": "ec2"})
    assert response.status_code == 400
    assert "service principal" in response.context["form"].errors["aws_service_name"][0]
