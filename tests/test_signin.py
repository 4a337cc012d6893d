"""Console sign-in as the root user, and sign-in required on every page."""

import pytest
from django.contrib.auth.hashers import make_password
from django.test import Client

from iamconsole.access import is_public_view
from tests.helpers import ROOT_PASSWORD
from tests.urlwalk import walk

# Reachable without an IAM principal by design; /admin/ authenticates site operators itself,
# /aws each call by its SigV4 signature (tests/wire/test_auth.py), /federation by the
# temporary credentials or sign-in token it is given (tests/wire/test_console_federation.py).
PUBLIC_ROUTES = {
    "accounts:signin", "accounts:signin_mfa", "healthz", "api-schema", "api-docs", "aws",
    "accounts:federation",
}


def _console_routes():
    return [r for r in walk() if "admin" not in r.namespaces]


def test_the_public_routes_are_exactly_the_ones_marked_public():
    marked = {r.qualified_name for r in _console_routes() if is_public_view(r.callback)}
    assert marked == PUBLIC_ROUTES


@pytest.mark.django_db
@pytest.mark.parametrize("route", _console_routes(), ids=lambda r: r.qualified_name)
def test_every_console_page_requires_sign_in(client, route):
    if route.qualified_name in PUBLIC_ROUTES:
        pytest.skip("public by design")
    for method in ("get", "post"):
        response = getattr(client, method)(route.path)
        if route.path.startswith("/api/"):
            assert response.status_code in (401, 403)
        else:
            assert response.status_code == 302, (method, route.path)
            assert response["Location"].startswith("/signin/")


@pytest.mark.django_db
def test_htmx_requests_are_sent_to_sign_in_with_a_client_redirect(client):
    response = client.get("/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/signin/"


def test_root_user_signs_in_and_sees_the_dashboard(client, account):
    page = client.get("/signin/")
    assert page.status_code == 200
    assert b"csrfmiddlewaretoken" in page.content
    response = client.post(
        "/signin/", {"email": "ROOT@acme.example", "password": ROOT_PASSWORD, "next": "/"}
    )
    assert response.status_code == 302 and response["Location"] == "/"
    dashboard = client.get("/")
    assert dashboard.status_code == 200
    assert b"111111111111" in dashboard.content
    assert b"arn:aws:iam::111111111111:root" in dashboard.content


@pytest.mark.parametrize(
    "email, password",
    [("root@acme.example", "wrong-password"), ("nobody@acme.example", ROOT_PASSWORD)],
)
def test_failed_sign_in_says_nothing_about_which_part_was_wrong(client, account, email, password):
    response = client.post("/signin/", {"email": email, "password": password})
    assert response.status_code == 200
    assert b"Your authentication information is incorrect" in response.content
    assert client.get("/").status_code == 302


def test_sign_in_refuses_an_offsite_next_url(client, account):
    response = client.post(
        "/signin/",
        {"email": account.root_email, "password": ROOT_PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"


def test_sign_out_ends_the_session(root_client):
    assert root_client.get("/").status_code == 200
    response = root_client.post("/signout/")
    assert response.status_code == 302
    assert root_client.get("/").status_code == 302


def test_sign_out_requires_post(root_client):
    assert root_client.get("/signout/").status_code == 405


def test_changing_the_root_password_ends_existing_sessions(root_client, account):
    account.root_password = make_password("Another-Password-42")
    account.save(update_fields=["root_password"])
    assert root_client.get("/").status_code == 302


def test_sign_in_requires_a_csrf_token(account):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/signin/", {"email": account.root_email, "password": ROOT_PASSWORD})
    assert response.status_code == 403


def test_error_pages_use_the_console_layout(root_client):
    response = root_client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b'class="sidenav"' in response.content


def test_the_current_section_is_announced_to_screen_readers(root_client):
    html = root_client.get("/").content.decode()
    assert '<a class="nav-link is-current" href="/" aria-current="page">Dashboard</a>' in html
    assert "&quot;page&quot;" not in html
