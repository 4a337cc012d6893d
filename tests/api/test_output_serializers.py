"""The API's output serializers take a shortcut per row: every GET must answer exactly what
DRF's own Serializer.to_representation() would have answered."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.utils import timezone
from rest_framework import serializers

from accounts.services import access_keys, role_create, user_create
from iamconsole.api.serializers import OutputSerializer
from policies.services import permissions_boundary_put
from tests.api.helpers import fill_path
from tests.documents import EC2_TRUST

from .openapi import operations

pytestmark = pytest.mark.django_db

# The trail's answers are records, not serializer output, and each call adds to them (the
# call itself is on the trail): two calls never answer the same.
_TRAIL_PATHS = ("/api/v1/events/", "/api/v1/last-accessed/", "/api/v1/last-accessed/entities/")
GETS = [op for op in operations() if op.method == "GET" and op.path not in _TRAIL_PATHS]


class Mapped:
    """An object with a plain attribute, a method and a missing attribute."""

    name = "mapped"

    def upper(self) -> str:
        return self.name.upper()


class Probe(OutputSerializer):
    name = serializers.CharField()
    shout = serializers.CharField(source="upper")
    missing = serializers.CharField(required=False)
    whole = serializers.SerializerMethodField()

    def get_whole(self, obj) -> str:
        return type(obj).__name__


def test_methods_missing_attributes_and_dictionaries_follow_drf():
    assert Probe(Mapped()).data == {"name": "mapped", "shout": "MAPPED", "whole": "Mapped"}
    assert Probe({"name": "d", "upper": "D"}).data == {"name": "d", "shout": "D", "whole": "dict"}


@pytest.mark.parametrize("op", GETS, ids=str)
def test_every_get_answers_what_drf_would(op, admin, account, world, aws_policy, monkeypatch):
    # Both sides of the optional relations: a boundary on one user and not on another, a
    # profile with its role and one without.
    permissions_boundary_put(entity=world.alice, policy=aws_policy("PowerUserAccess"))
    user_create(account=account, name="bob")
    role_create(account=account, name="lonely", trust_policy=EC2_TRUST)
    url = fill_path(op.path, world) + op.query
    # Each call records when the caller's key was last used; both calls record the same time,
    # or the two answers (the credential report, the caller's keys) differ by a second.
    used_at = timezone.now()
    monkeypatch.setattr(access_keys, "timezone", SimpleNamespace(now=lambda: used_at))
    fast = admin.get(url)
    monkeypatch.setattr(OutputSerializer, "to_representation",
                        serializers.Serializer.to_representation)
    drf = admin.get(url)
    assert fast.status_code == drf.status_code
    assert _comparable(fast) == _comparable(drf)


def _comparable(response):
    """The body, without the next page's marker: it is signed with the time it was made."""
    if response["Content-Type"] != "application/json":
        return response.content
    body = response.json()
    if isinstance(body, dict) and body.get("marker"):
        body["marker"] = "<next page>"
    return body


@pytest.mark.parametrize("zone", ["Europe/Paris", "Asia/Kolkata"])
def test_dates_follow_the_time_zone_as_drf_writes_them(zone, admin, world, settings,
                                                       monkeypatch):
    settings.TIME_ZONE = zone
    fast = admin.get("/api/v1/users/")
    assert not fast.json()["results"][0]["created_at"].endswith("Z")
    monkeypatch.setattr(OutputSerializer, "to_representation",
                        serializers.Serializer.to_representation)
    assert _comparable(fast) == _comparable(admin.get("/api/v1/users/"))
