"""Schemathesis drives the simulate endpoints with their examples and generated bodies: no
answer is a 5xx and every answer matches the OpenAPI document."""

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

from .conftest import basic

schema = schemathesis.openapi.from_wsgi(
    "/api/v1/schema/?format=json", get_wsgi_application()
).include(path_regex="^/api/v1/simulate/")
schema.config.phases.update(phases=["examples", "fuzzing"])

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def keep_connection():
    """Keep the test's connection across WSGI requests (the handler would close it)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def admin_header(account, keep_connection):
    """An administrator's access key."""
    from .conftest import user_with_key

    _, created = user_with_key(account, "simulator-fuzzer", "AdministratorAccess")
    return basic(created.access_key.access_key_id, created.secret_access_key)


@pytest.mark.django_db
@schema.parametrize()
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
