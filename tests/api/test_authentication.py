"""Access keys as HTTP Basic credentials, the console session with CSRF, and the guard that
makes every API handler declare and check its IAM operation."""

from __future__ import annotations

import base64
import inspect
import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import Client, RequestFactory
from rest_framework.response import Response

from accounts.api.urls import router as accounts_router
from accounts.middleware import PrincipalMiddleware
from accounts.models import AccessKey
from accounts.services import access_key_create, access_key_delete, access_key_update_status
from accounts.signin import root_principal
from iamconsole.api.viewsets import IamApiView
from policies.api.urls import router as policies_router
from tests.api.helpers import Api, basic, user_with_key
from tests.helpers import ROOT_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice_key(account):
    _, created = user_with_key(account, "alice", "IAMReadOnlyAccess")
    return created


def _401(response) -> str:
    assert response.status_code == 401, response.content
    assert response["WWW-Authenticate"] == 'Basic realm="iamconsole API"'
    body = response.json()
    assert body["code"] == "NotAuthenticated" and body["field"] is None
    return body["message"]


def test_an_access_key_authenticates_api_calls_as_its_user(alice_key):
    api = Api(alice_key.access_key.access_key_id, alice_key.secret_access_key)
    response = api.get("/api/v1/users/")
    assert response.status_code == 200
    assert [u["name"] for u in response.json()["results"]] == ["alice"]


def test_a_root_access_key_authenticates_as_the_root_user(root_api):
    response = root_api.post("/api/v1/users/", {"name": "bob"})
    assert response.status_code == 201
    assert root_api.get("/api/v1/account/").json()["root_arn"] == (
        "arn:aws:iam::111111111111:root"
    )


@pytest.mark.parametrize("header", [
    basic("AKIAUNKNOWNKEY000000", "x" * 40),  # unknown key
    "Basic not-base64!!",  # malformed
    "Basic " + base64.b64encode(b"no-colon").decode(),
    "Basic " + base64.b64encode(b"short:secret").decode(),  # not a key ID
    "Basic " + base64.b64encode(b"\xff\xfe:x").decode(),  # not UTF-8
])
def test_bad_basic_credentials_get_401_with_a_clear_json_error(client, header):
    response = client.get("/api/v1/users/", HTTP_AUTHORIZATION=header)
    assert "not valid" in _401(response)


def test_a_wrong_secret_gets_401(alice_key, client):
    header = basic(alice_key.access_key.access_key_id, "x" * 40)
    message = _401(client.get("/api/v1/users/", HTTP_AUTHORIZATION=header))
    assert message.startswith("The access key ID or the secret access key is not valid.")


def test_an_inactive_key_gets_401_saying_so(alice_key):
    access_key_update_status(access_key=alice_key.access_key, status="Inactive")
    api = Api(alice_key.access_key.access_key_id, alice_key.secret_access_key)
    message = _401(api.get("/api/v1/users/"))
    assert message == (
        f"The access key {alice_key.access_key.access_key_id} is inactive. "
        "Activate it, or use another key."
    )


def test_a_deleted_key_gets_401(alice_key):
    access_key_delete(access_key=alice_key.access_key)
    api = Api(alice_key.access_key.access_key_id, alice_key.secret_access_key)
    assert "not valid" in _401(api.get("/api/v1/users/"))


def test_wrong_credentials_are_refused_even_with_a_valid_console_session(root_client):
    response = root_client.get("/api/v1/users/",
                               HTTP_AUTHORIZATION=basic("AKIAUNKNOWNKEY000000", "x" * 40))
    assert response.status_code == 401


def test_each_accepted_call_records_the_keys_last_use(alice_key):
    key = alice_key.access_key
    assert key.last_used_at is None
    Api(key.access_key_id, alice_key.secret_access_key).get("/api/v1/users/")
    key.refresh_from_db()
    assert key.last_used_at is not None
    assert (key.last_used_service, key.last_used_region) == ("iam", "us-east-1")


def test_the_middleware_marks_key_callers_as_access_key_principals(alice_key):
    seen = {}

    def view(request):
        seen["principal"], seen["source"] = request.principal, request.principal_source
        return HttpResponse()

    request = RequestFactory().get(
        "/api/v1/users/",
        HTTP_AUTHORIZATION=basic(alice_key.access_key.access_key_id,
                                 alice_key.secret_access_key),
    )
    request.session = {}
    PrincipalMiddleware(view)(request)
    assert seen["source"] == "access-key"
    assert seen["principal"].kind == "user"
    assert seen["principal"].arn == "arn:aws:iam::111111111111:user/alice"
    assert seen["principal"].via == "access-key"


def test_basic_credentials_do_not_sign_in_to_console_pages(alice_key, client):
    header = basic(alice_key.access_key.access_key_id, alice_key.secret_access_key)
    response = client.get("/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 302 and response["Location"].startswith("/signin/")


def test_the_console_session_works_for_reads_and_needs_csrf_for_writes(account):
    browser = Client(enforce_csrf_checks=True)
    page = browser.get("/signin/")
    token = page.cookies["csrftoken"].value
    browser.post("/signin/", {"email": account.root_email, "password": ROOT_PASSWORD,
                              "csrfmiddlewaretoken": token})
    assert browser.get("/api/v1/users/").status_code == 200
    refused = browser.post("/api/v1/groups/", {"name": "devs"}, content_type="application/json")
    assert refused.status_code == 403
    assert refused.json()["message"].startswith("CSRF Failed")
    accepted = browser.post("/api/v1/groups/", {"name": "devs"},
                            content_type="application/json",
                            HTTP_X_CSRFTOKEN=browser.cookies["csrftoken"].value)
    assert accepted.status_code == 201


# --- every handler runs its operation ------------------------------------------------------

def _handlers(viewset) -> set[str]:
    names = {"list", "create", "retrieve", "partial_update", "update", "destroy"}
    found = {name for name in names if hasattr(viewset, name)}
    for extra in viewset.get_extra_actions():
        found |= set(extra.mapping.values())
    return found


_REGISTRY = accounts_router.registry + policies_router.registry
# A handler runs its operation(s): self.run(...), self.run_all([...]), self.run_if_match(...).
_RUNS = re.compile(r"self\.run(_all|_if_match)?\(")


@pytest.mark.parametrize(
    "prefix, viewset",
    [(prefix, viewset) for prefix, viewset, _ in _REGISTRY],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_every_viewset_handler_runs_an_operation(prefix, viewset):
    handlers = _handlers(viewset)
    assert handlers, prefix
    silent = {name for name in handlers
              if not _RUNS.search(inspect.getsource(getattr(viewset, name)))}
    assert not silent, silent


class _Forgetful(IamApiView):
    def get(self, request):
        return Response({"ok": True})


def test_a_handler_that_runs_no_operation_cannot_answer(root_api, account):
    request = RequestFactory().get("/api/v1/x/")

    request.principal, request.principal_source = root_principal(account), "access-key"
    with pytest.raises(ImproperlyConfigured):
        _Forgetful.as_view()(request)


def test_access_key_secrets_never_appear_in_api_answers(admin, alice_key):
    listing = admin.get("/api/v1/users/alice/access-keys/")
    assert alice_key.secret_access_key not in listing.content.decode()
    assert AccessKey.objects.filter(user__name="alice").count() == 1
    created = access_key_create(user=alice_key.access_key.user)
    detail = admin.get(f"/api/v1/users/alice/access-keys/{created.access_key.access_key_id}/")
    assert created.secret_access_key not in detail.content.decode()
