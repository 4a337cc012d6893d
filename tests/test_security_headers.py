"""Security headers (issue 18, finding 7): a Content-Security-Policy with no inline script on
the console, a Permissions-Policy everywhere, and HSTS behind TLS."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.test import override_settings

ROOT = Path(__file__).resolve().parent.parent


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part for part in (p.strip() for p in policy.split(";")) if part}


def test_console_pages_allow_only_the_sites_own_scripts_and_styles(root_client):
    for path in ("/signin/", "/", "/users/"):
        policy = directives(root_client.get(path))
        assert policy["script-src"] == "script-src 'self'"
        assert policy["style-src"] == "style-src 'self'"
        assert policy["frame-ancestors"] == "frame-ancestors 'none'"


def test_every_answer_has_a_permissions_policy(db, client):
    for path in ("/signin/", "/healthz", "/api/v1/users/", "/aws"):
        assert "camera=()" in client.get(path)["Permissions-Policy"]


def test_the_console_templates_hold_no_inline_script_or_style():
    """What the policy would block: inline <script>, on*= handlers, style= attributes."""
    found = []
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text()
        for marker in ("<script>", " onclick=", " onkeydown=", " onchange=", " onsubmit=",
                       " onload=", ' style="', "<style"):
            if marker in text:
                found.append(f"{template.relative_to(ROOT)}: {marker.strip()}")
    assert found == []


@override_settings(SECURE_SSL_REDIRECT=False, SECURE_HSTS_SECONDS=31_536_000,
                   SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
def test_hsts_is_sent_over_tls(db, client):
    response = client.get("/signin/", HTTP_X_FORWARDED_PROTO="https")
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_behind_a_tls_proxy_hsts_is_on_by_default():
    env = {k: v for k, v in os.environ.items() if k not in {"SECURE_HSTS_SECONDS"}}
    env.update(DJANGO_SETTINGS_MODULE="iamconsole.settings.prod", SECRET_KEY="a-real-secret",
               BEHIND_TLS_PROXY="true", ALLOWED_HOSTS="iam.example")
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import "
         "settings; print(settings.SECURE_HSTS_SECONDS)"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "31536000", result.stderr
