"""Schemathesis drives every documented operation with generated requests, signed in with an
administrator's access key: no answer is a 5xx and every answer matches the OpenAPI document.

The simulate endpoints take large, nested bodies, so they get more examples than the rest.
The Organizations endpoints are driven in an organization the account manages.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from iamconsole.operations.caller import root_caller
from tests.api.helpers import basic, user_with_key
from tests.api.organizations_support import ORGS, build_organization

from .openapi import SIMULATE_PATHS

document = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
# The documented examples, then generated requests (valid and invalid ones). The coverage
# phase's thousands of boundary requests would take minutes; the fuzzing phase samples them.
document.config.phases.update(phases=["examples", "fuzzing"])
SIMULATE = "^(" + "|".join(SIMULATE_PATHS) + ")"
schema = document.exclude(path_regex=SIMULATE)
simulate_schema = document.include(path_regex=SIMULATE)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def keep_connection():
    """Keep the test's database connection across WSGI requests, as Django's test client does.

    The WSGI handler closes connections when a request finishes, which would end the test's
    transaction (and, on PostgreSQL, its connection).
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def admin_header(account, world, keep_connection):
    """An administrator's access key, in an account holding one of every entity."""
    _, created = user_with_key(account, "fuzzer", "AdministratorAccess")
    return basic(created.access_key.access_key_id, created.secret_access_key)


@pytest.fixture
def managed_organization(account, admin_header):
    """The account manages an organization (an OU, a member account), for the
    Organizations endpoints."""
    return build_organization(root_caller(account))


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=3,
    database=None,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_api_matches_its_openapi_document(case, admin_header, request):
    if case.path.startswith(ORGS):
        request.getfixturevalue("managed_organization")
    response = case.call(headers={"Authorization": admin_header})
    case.validate_response(response, checks=CHECKS)


@pytest.mark.django_db
@simulate_schema.parametrize()
@settings(
    max_examples=25,
    database=None,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_simulate_api_matches_its_openapi_document(case, admin_header):
    response = case.call(headers={"Authorization": admin_header})
    case.validate_response(response, checks=CHECKS)
