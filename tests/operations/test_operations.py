"""Every operation, through every front door, asks for exactly what AWS requires, and a
caller missing any one of those authorizations is refused with AccessDenied and changes
nothing (generated from the scenarios)."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client

from accounts.models import TrailEvent
from accounts.services import account_create
from iamconsole.operations import OPERATIONS, Caller
from policies.services import inline_policy_put
from tests.conftest import ROOT_PASSWORD
from tests.helpers import sign_in

from .harness import Scenario, from_requirement, perform, refusal, snapshot, succeeded
from .scenarios import all_scenarios
from .world import World, build_world

SCENARIOS = all_scenarios()

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def built_world(django_db_setup, django_db_blocker):
    """The world, built once per module and worker in a transaction of its own that every
    test's transaction nests in (as Django's TestCase.setUpTestData does), rolled back at the
    end: each test starts from the same world, without paying for building it."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world(account_create(
                account_id="111111111111", alias="acme", name="Acme",
                root_email="root@acme.example", root_password=ROOT_PASSWORD,
            ))
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def world(built_world, db) -> World:
    return built_world


@pytest.fixture
def doors(world):
    """The world's administrator signed in to the console, and an API client."""
    return {"console": sign_in(Client(), world.admin),
            "api": Client(), "key": world.admin_key, "world": world}


@pytest.fixture
def root_console(world):
    """The world's root user signed in to the console."""
    return sign_in(Client(), world.account)


def _as(scenario: Scenario, doors, request):
    """The doors the scenario's caller uses (the root user's console for the root pages)."""
    if scenario.as_root:
        doors = {**doors, "console": request.getfixturevalue("root_console")}
    if scenario.setup is not None:
        scenario.setup()
    return doors


@pytest.fixture
def asked(monkeypatch) -> list:
    """Every requirement an operation authorizes during the test, in order."""
    seen: list = []
    authorize = Caller.authorize

    def recording(self, requirement):
        authorize(self, requirement)
        seen.append(from_requirement(requirement))

    monkeypatch.setattr(Caller, "authorize", recording)
    return seen


def _cases(kind: str):
    for scenario in SCENARIOS:
        for door in scenario.doors:
            if kind == "exact":
                yield pytest.param(scenario, door, id=f"{scenario.name}-{door}")
                continue
            if scenario.as_root and kind == "deny":  # no policy refuses the root user; any
                # other caller is refused
                yield pytest.param(scenario, door, None, id=f"{scenario.name}-{door}-not-root")
                continue
            asked = scenario.expected(door) if kind == "deny" else scenario.optional(door)
            for index, requirement in enumerate(asked):
                yield pytest.param(scenario, door, requirement,
                                   id=f"{scenario.name}-{door}-{index}-{requirement.label}")


@pytest.mark.parametrize("scenario, door", list(_cases("exact")))
def test_each_door_asks_for_exactly_what_aws_requires(scenario: Scenario, door, world, doors,
                                                      asked, request):
    doors = _as(scenario, doors, request)
    asked.clear()
    response = perform(door, getattr(scenario, door), **doors)
    assert succeeded(door, response), (response.status_code, response.content[:500])
    assert set(asked) == set(scenario.expected(door)) | set(scenario.optional(door))


@pytest.mark.parametrize("scenario, door, requirement", list(_cases("deny")))
def test_refused_without_each_authorization(scenario: Scenario, door, requirement, world,
                                            doors):
    """An administrator denied the authorization is refused; on the root user's pages, any
    caller but the root user is, with no Deny at all."""
    if scenario.setup is not None:
        scenario.setup()
    if not scenario.as_root:
        inline_policy_put(entity=world.admin, name="deny-one", policy_document={
            "Version": "2012-10-17", "Statement": [requirement.deny_statement()],
        })
    before = snapshot()
    latest = TrailEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = perform(door, getattr(scenario, door), **doors)
    message = refusal(door, response, scenario.refused_status(door))
    expected = (f"on resource: {world.account.root_arn}" if requirement is None else
                f"perform: {requirement.action} on resource: {requirement.resource}")
    assert expected in message, (response.status_code, response.content[:500])
    assert snapshot() == before
    written = TrailEvent.objects.filter(pk__gt=latest)
    # The refusal is on the record, and no change is.
    assert written.filter(error_code="AccessDenied").exists(), list(written)
    assert not written.filter(read_only=False, error_code="").exists(), list(written)


@pytest.mark.parametrize("scenario, door, requirement", list(_cases("optional")))
def test_does_without_each_optional_read(scenario: Scenario, door, requirement, world, doors):
    """Refused a read it only shows, the door still answers, with AWS's denial in its place."""
    inline_policy_put(entity=world.admin, name="deny-one", policy_document={
        "Version": "2012-10-17", "Statement": [requirement.deny_statement()],
    })
    response = perform(door, getattr(scenario, door), **doors)
    assert succeeded(door, response), (response.status_code, response.content[:500])
    sentence = f"perform: {requirement.action} on resource: {requirement.resource}"
    assert sentence in response.content.decode()


def test_every_operation_has_a_scenario():
    """Every operation is performed through a front door by some scenario, so each of its
    authorizations is checked; and every scenario names a defined operation."""
    covered = {scenario.registered for scenario in SCENARIOS}
    assert covered == set(OPERATIONS), (set(OPERATIONS) - covered, covered - set(OPERATIONS))
