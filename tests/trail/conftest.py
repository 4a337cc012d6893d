"""The trail tests call the REST API as the API tests do."""

from tests.api.conftest import nobody, root_api  # noqa: F401  (the fixtures)
