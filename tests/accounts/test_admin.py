"""The site operator's /admin: every model browsable, secrets never shown, deletes via services."""

import pyotp
import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from accounts.models import IamUser, InstanceProfile, Role
from accounts.services import (
    access_key_create,
    instance_profile_create,
    login_profile_create,
    mfa_device_create_virtual,
    mfa_device_enable,
    role_create,
    user_create,
)
from policies.models import ManagedPolicy
from policies.services import inline_policy_put, policy_attach_to_user, policy_create
from tests.documents import ALLOW_ALL, EC2_TRUST
from tests.factories import SiteOperatorFactory

pytestmark = pytest.mark.django_db
PASSWORD = "Admin-Visible-Not-1"


@pytest.fixture
def operator_client(client):
    client.force_login(SiteOperatorFactory())
    return client


@pytest.fixture
def secrets(account, aws_policy):
    user = user_create(account=account, name="alice")
    login_profile_create(user=user, password=PASSWORD)
    key = access_key_create(user=user)
    device = mfa_device_create_virtual(account=account, name="phone")
    totp = pyotp.TOTP(device.seed)
    step = totp.timecode(timezone.now())
    mfa_device_enable(device=device.device, user=user,
                      authentication_code_1=totp.generate_otp(step - 1),
                      authentication_code_2=totp.generate_otp(step))
    inline_policy_put(entity=user, name="inline", policy_document=ALLOW_ALL)
    policy_attach_to_user(policy=aws_policy("ReadOnlyAccess"), user=user)
    policy_create(account=account, name="Mine", policy_document=ALLOW_ALL)
    return [PASSWORD, key.secret_access_key, device.seed, account.root_password,
            user.login_profile.password]


def test_every_model_has_list_and_detail_pages_without_secrets(operator_client, secrets):
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in {"accounts", "policies"}:
            continue
        meta = model._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        response = operator_client.get(url)
        assert response.status_code == 200, url
        obj = model_admin.get_queryset(None).filter(
            **({"account__isnull": False} if meta.model_name == "managedpolicy" else {})
        ).first() if hasattr(model, "_meta") else None
        pages = [response.content.decode()]
        if obj is not None:
            detail = operator_client.get(
                reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
            )
            assert detail.status_code == 200, meta.model_name
            pages.append(detail.content.decode())
        for page in pages:
            for secret in secrets:
                assert secret not in page, (meta.model_name, secret[:6])


def test_iam_entities_are_read_only(operator_client, account):
    user = user_create(account=account, name="alice")
    assert operator_client.get(reverse("admin:accounts_iamuser_add")).status_code == 403
    response = operator_client.post(
        reverse("admin:accounts_iamuser_change", args=[user.pk]), {"name": "mallory"}
    )
    assert response.status_code == 403
    user.refresh_from_db()
    assert user.name == "alice"


def test_delete_in_admin_runs_delete_with_dependents(operator_client, account, aws_policy):
    user = user_create(account=account, name="alice")
    policy_attach_to_user(policy=aws_policy("ReadOnlyAccess"), user=user)
    response = operator_client.post(
        reverse("admin:accounts_iamuser_delete", args=[user.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not IamUser.objects.exists()


def test_aws_managed_policies_cannot_be_deleted_in_admin(operator_client, aws_policy):
    policy = aws_policy("ReadOnlyAccess")
    url = reverse("admin:policies_managedpolicy_delete", args=[policy.pk])
    assert operator_client.post(url, {"post": "yes"}).status_code == 403
    assert ManagedPolicy.objects.filter(pk=policy.pk).exists()


def test_deleting_a_customer_policy_in_admin_detaches_it_first(operator_client, account):
    policy = policy_create(account=account, name="Mine", policy_document=ALLOW_ALL)
    policy_attach_to_user(policy=policy, user=user_create(account=account, name="alice"))
    url = reverse("admin:policies_managedpolicy_delete", args=[policy.pk])
    assert operator_client.get(url).status_code == 200
    assert operator_client.post(url, {"post": "yes"}).status_code == 302
    assert not ManagedPolicy.objects.filter(pk=policy.pk).exists()


def test_deleting_an_instance_profile_in_admin_keeps_its_role(operator_client, account):
    role = role_create(account=account, name="r", trust_policy=EC2_TRUST)
    profile = instance_profile_create(account=account, name="p", role=role)
    url = reverse("admin:accounts_instanceprofile_delete", args=[profile.pk])
    operator_client.post(url, {"post": "yes"})
    assert not InstanceProfile.objects.exists() and Role.objects.exists()
