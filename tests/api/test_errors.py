"""API errors come out as {"code", "message", "field"} with AWS's codes and statuses."""

from rest_framework import exceptions

from iamconsole.api.errors import exception_handler
from iamconsole.exceptions import DeleteConflict, LimitExceeded, NoSuchEntity


def test_domain_errors_keep_their_code_and_status():
    response = exception_handler(NoSuchEntity("The user bob cannot be found.", field="name"), {})
    assert response.status_code == 404
    assert response.data == {
        "code": "NoSuchEntity", "message": "The user bob cannot be found.", "field": "name",
    }
    assert exception_handler(LimitExceeded("x"), {}).status_code == 409
    conflict = exception_handler(DeleteConflict("busy", details=["2 access keys"]), {})
    assert conflict.data["details"] == ["2 access keys"]


def test_validation_errors_name_the_first_field():
    error = exceptions.ValidationError({"tags": [{"key": ["Too long."]}], "name": ["Required."]})
    response = exception_handler(error, {})
    assert response.status_code == 400
    assert response.data["code"] == "InvalidInput"
    assert response.data["field"] == "tags[0].key"
    assert response.data["message"] == "Too long."


def test_unauthenticated_calls_get_401_with_a_basic_challenge():
    response = exception_handler(exceptions.NotAuthenticated(), {})
    assert response.status_code == 401
    assert response.data["code"] == "NotAuthenticated"
    assert response["WWW-Authenticate"].startswith("Basic")


def test_permission_denied_is_access_denied():
    response = exception_handler(exceptions.PermissionDenied("no"), {})
    assert (response.status_code, response.data["code"]) == (403, "AccessDenied")
