"""Rows load into the same instances as Django's own Model.from_db() gives (iamconsole.models)."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.db.models.signals import post_init

from accounts.models import InstanceProfile, Role
from accounts.selectors import instance_profile_list, role_list, user_list
from iamconsole.models import Model as BaseModel
from policies.models import ManagedPolicy
from tests.factories import (
    InstanceProfileFactory,
    ManagedPolicyFactory,
    PolicyVersionFactory,
    RoleFactory,
)

pytestmark = pytest.mark.django_db


def _django_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Load rows the way Django does (Model.__init__ for every row) from here on."""
    monkeypatch.setattr(BaseModel, "from_db", models.Model.__dict__["from_db"])


def _snapshot(instance: Any) -> dict[str, Any]:
    """What a loaded instance holds: its values, deferred fields, state and cached relations."""
    values = {key: value for key, value in vars(instance).items() if key != "_state"}
    return {
        "class": type(instance),
        "values": values,
        "deferred": instance.get_deferred_fields(),
        "adding": instance._state.adding,
        "db": instance._state.db,
        "related": {
            name: _snapshot(related) if isinstance(related, models.Model) else related
            for name, related in instance._state.fields_cache.items()
        },
    }


def _load_both(monkeypatch: pytest.MonkeyPatch, query: Any) -> tuple[list[Any], list[Any]]:
    ours = [_snapshot(row) for row in query()]
    with monkeypatch.context() as patch:
        _django_loading(patch)
        theirs = [_snapshot(row) for row in query()]
    return ours, theirs


def test_every_model_of_the_project_loads_through_the_base():
    ours = [model for model in apps.get_models()
            if model._meta.app_label in ("accounts", "policies")]
    assert ours
    strays = [model.__name__ for model in ours
              if not issubclass(model, BaseModel) and model.__name__ != "SiteOperator"]
    assert strays == []


def test_list_rows_are_the_instances_django_would_build(account, monkeypatch):
    boundary = ManagedPolicyFactory(account=account, name="boundary")
    PolicyVersionFactory(policy=boundary)
    role = RoleFactory(account=account, name="web", tags={"team": "web"},
                       permissions_boundary=boundary, description="the web tier")
    RoleFactory(account=account, name="batch")
    InstanceProfileFactory(account=account, name="web", role=role)
    InstanceProfileFactory(account=account, name="empty", role=None)

    for query in (
        lambda: list(role_list(account=account)),  # annotations and a joined boundary
        lambda: list(instance_profile_list(account=account)),  # .only() over a join
        lambda: list(user_list(account=account)),
        lambda: list(Role.objects.filter(account=account).defer("trust_policy_document")),
        lambda: list(ManagedPolicy.objects.filter(account=account)),
    ):
        ours, theirs = _load_both(monkeypatch, query)
        assert ours == theirs


def test_deferred_fields_still_load_on_access(account):
    RoleFactory(account=account, name="web", description="the web tier")
    role = Role.objects.only("name").get(account=account, name="web")
    assert role.get_deferred_fields() >= {"description", "trust_policy"}
    assert "description" not in vars(role)
    assert role.description == "the web tier"


def test_a_loaded_instance_saves_as_an_update(account):
    RoleFactory(account=account, name="web")
    role = Role.objects.get(account=account, name="web")
    role.description = "changed"
    role.save(update_fields=["description"])
    assert Role.objects.filter(account=account).count() == 1
    assert Role.objects.get(pk=role.pk).description == "changed"


def test_post_init_receivers_see_every_loaded_instance(account):
    profile = InstanceProfileFactory(account=account, name="web")
    seen: list[Any] = []

    def receiver(sender: Any, instance: Any, **kwargs: Any) -> None:
        seen.append(instance)

    post_init.connect(receiver, sender=InstanceProfile)
    try:
        loaded = list(InstanceProfile.objects.filter(pk=profile.pk))
    finally:
        post_init.disconnect(receiver, sender=InstanceProfile)
    assert seen == loaded
    assert seen[0]._state.adding is False


def test_a_field_with_a_descriptor_of_its_own_is_set_through_it(account, monkeypatch):
    RoleFactory(account=account, name="web", description="the web tier")
    written: list[str] = []

    class Recording:
        def __get__(self, instance: Any, owner: Any = None) -> Any:
            return self if instance is None else instance.__dict__["description"]

        def __set__(self, instance: Any, value: str) -> None:
            written.append(value)
            instance.__dict__["description"] = value

    monkeypatch.setattr(Role, "description", Recording())
    role = Role.objects.get(account=account, name="web")
    assert written == ["the web tier"]
    assert role.description == "the web tier"
