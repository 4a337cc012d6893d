"""The dashboard's "Unused access" card: roles, access keys and console passwords not used for
N days, and identities granted services they did not use, in a bounded number of queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import AccessKey, IamUser, Role
from accounts.services import access_key_create, role_create, user_create
from accounts.unused_access import unused_access
from policies.services import inline_policy_put, policy_attach
from tests.documents import EC2_TRUST
from tests.helpers import console_user, is_fragment, sign_in

pytestmark = pytest.mark.django_db
CARD = "/dashboard/unused-access/"
LIST_USERS = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["iam:ListUsers", "s3:GetObject"], "Resource": "*"}]}


def _aged(model, days: int, **filters) -> None:
    model.objects.filter(**filters).update(created_at=timezone.now() - timedelta(days=days))


@pytest.fixture
def scene(account):
    """A role used 100 days ago and one used yesterday; a key unused since its creation 200
    days ago; a console user who signed in (and listed users) just now and one who never did
    in the 120 days since the password was set."""
    now = timezone.now()
    for name, used in (("stale", 100), ("busy", 1)):
        role_create(account=account, name=name, trust_policy=EC2_TRUST)
        Role.objects.filter(name=name).update(last_used_at=now - timedelta(days=used),
                                              created_at=now - timedelta(days=300))
    old = user_create(account=account, name="old-key")
    access_key_create(user=old)
    _aged(AccessKey, 200, user=old)
    active = console_user(account, "active")
    inline_policy_put(entity=active, name="list", policy_document=LIST_USERS)
    assert sign_in(Client(), active).get("/users/").status_code == 200
    dormant = console_user(account, "dormant")
    inline_policy_put(entity=dormant, name="list", policy_document=LIST_USERS)
    IamUser.objects.filter(name="dormant").update(password_last_used_at=None)
    dormant.login_profile.__class__.objects.filter(user=dormant).update(
        created_at=now - timedelta(days=120))
    return account


def _names(found) -> list[str]:
    return [row.get("name") or row.get("access_key_id") for row in found["named"]]


def test_unused_for_90_days(scene):
    card = unused_access(scene, days=90)
    assert _names(card["roles"]) == ["stale"]
    assert card["keys"]["count"] == 1 and card["keys"]["named"][0]["user__name"] == "old-key"
    assert _names(card["passwords"]) == ["dormant"]
    permissions = {(p.name, p.granted, p.unused, p.never_used)
                   for p in card["permissions"]["named"]}
    # active used IAM, not S3; dormant used neither.
    assert permissions == {("active", 2, 1, False), ("dormant", 2, 2, True)}


def test_a_longer_period_finds_less(scene):
    card = unused_access(scene, days=180)
    assert card["roles"]["count"] == 0
    assert card["keys"]["count"] == 1
    assert card["passwords"]["count"] == 0


def test_the_card_is_an_htmx_fragment_with_the_period_chosen(root_client, scene):
    response = root_client.get(f"{CARD}?days=30", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and is_fragment(response)
    assert '<option value="30" selected>' in html
    assert "1 role not used in 30 days" in html
    assert 'href="/users/details/dormant/?tab=last_accessed">User dormant</a>' in html
    assert "none of its 2 granted services used" in html


def test_a_bad_period_falls_back_to_90_days(root_client, scene):
    html = root_client.get(f"{CARD}?days=7x").content.decode()
    assert '<option value="90" selected>' in html


def test_the_dashboard_loads_the_card(root_client, account):
    html = root_client.get("/").content.decode()
    assert f'hx-get="{CARD}"' in html


def test_a_caller_who_may_not_list_is_refused(client, account):
    sign_in(client, console_user(account, "nobody"))
    response = client.get(CARD)
    assert response.status_code == 403
    assert "is not authorized to perform: iam:ListUsers" in response.content.decode()


@pytest.mark.parametrize("rows", [3, 60])
def test_the_card_runs_a_bounded_number_of_queries(root_client, account, aws_policy, rows,
                                                    django_assert_max_num_queries):
    for n in range(rows):
        user = user_create(account=account, name=f"user{n}")
        access_key_create(user=user)
        policy_attach(policy=aws_policy("IAMReadOnlyAccess"), entity=user)
        role_create(account=account, name=f"role{n}", trust_policy=EC2_TRUST)
    with django_assert_max_num_queries(18):
        assert root_client.get(CARD).status_code == 200
