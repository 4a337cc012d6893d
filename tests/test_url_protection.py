"""Every URL of the project is public by design, self-service, or refused to the unauthorized.

The routes are enumerated from the URLconf, so a new view that forgets to authorize its IAM
operation fails here.
"""

import pytest

from accounts.services import user_create
from tests.factories import SiteOperatorFactory
from tests.helpers import sign_in
from tests.urlwalk import walk

# Public by design: signing in, the health check, the API's description, and AWS's wire API
# (each call authenticated by its own SigV4 signature, never by the session: tests/wire).
PUBLIC = {"accounts:signin", "accounts:signin_mfa", "healthz", "api-schema", "api-docs", "aws",
          "accounts:federation"}
# What any signed-in identity may do to itself, as in AWS's console. "My security
# credentials" opens for everyone (an IAM user goes on to its own tab); the pages below it
# change the root user's credentials and are refused to every other identity, so they stay
# under the test below.
SELF_SERVICE = {
    "accounts:signout", "accounts:change_password", "accounts:switch_role",
    "accounts:switch_back", "accounts:security_credentials",
}
# Where everyone lands after signing in: it renders for any principal and shows each panel
# only when the caller may read it, as AWS's console dashboard does.
LANDING = {"accounts:dashboard"}
# Not an IAM operation: only the demo account's root user (the trainer) resets the demo, and
# every other identity is refused (tests/accounts/test_demo_console.py).
TRAINER = {"accounts:demo_reset"}


def _routes():
    return [r for r in walk() if "admin" not in r.namespaces]


@pytest.fixture
def powerless_client(client, account):
    """Signed in as an IAM user that has no policy at all."""
    return sign_in(client, user_create(account=account, name="nobody"))


@pytest.mark.parametrize("route", _routes(), ids=lambda r: r.qualified_name)
def test_a_principal_without_permissions_is_refused(powerless_client, route):
    if route.qualified_name in PUBLIC | SELF_SERVICE | LANDING | TRAINER:
        pytest.skip("public, self-service, landing or trainer's page by design")
    refused_get = False
    api = route.path.startswith("/api/")
    for method in ("get", "post"):
        if method == "post" and api:
            response = powerless_client.post(route.path, data={}, content_type="application/json")
        else:
            response = getattr(powerless_client, method)(route.path)
        if method == "get":
            refused_get = response.status_code in (403, 405)
        # An API create call is validated before it is authorized, as in AWS: the ARN it
        # needs comes from the body, so an empty body is a 400 (its authorization is
        # covered by the endpoint's own forbidden-caller tests).
        if method == "post" and api and refused_get and response.status_code == 400:
            continue
        assert response.status_code in (403, 405), (
            f"{method.upper()} {route.path} ({route.qualified_name}) answered "
            f"{response.status_code} to a principal without permissions: authorize the IAM "
            "operation (with the ARN built from the URL) before loading or changing anything."
        )
        if response.status_code == 403 and not route.path.startswith("/api/"):
            assert b"is not authorized to perform" in response.content


def test_the_classification_covers_only_real_routes():
    names = {r.qualified_name for r in _routes()}
    assert (PUBLIC | SELF_SERVICE | LANDING | TRAINER) <= names


def test_the_landing_page_shows_nothing_the_caller_may_not_read(powerless_client, account):
    page = powerless_client.get("/").content.decode()
    assert "You are not allowed to read the account summary" in page
    assert 'class="resource-grid"' not in page


def test_an_iam_session_does_not_open_django_admin(powerless_client):
    response = powerless_client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_a_site_operator_is_not_an_iam_principal(client):
    operator = SiteOperatorFactory()
    client.force_login(operator)
    assert client.get("/admin/").status_code == 200
    # The console itself still asks for an IAM sign-in.
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/signin/")
