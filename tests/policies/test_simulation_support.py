"""Helpers shared by the simulator's tests: JSON calls and signing in as an IAM user."""

from __future__ import annotations

import json
from importlib import import_module
from typing import Any

from django.conf import settings
from django.test import RequestFactory

from accounts.services import login_profile_create
from accounts.signin import start_session

USER_PASSWORD = "Simulated-Password-42!"


def doc(*statements: dict[str, Any], version: str = "2012-10-17") -> dict[str, Any]:
    """A policy document with these statements."""
    return {"Version": version, "Statement": list(statements)}


def allow(action: Any, resource: Any = "*", **extra: Any) -> dict[str, Any]:
    """An Allow statement."""
    return {"Effect": "Allow", "Action": action, "Resource": resource, **extra}


def deny(action: Any, resource: Any = "*", **extra: Any) -> dict[str, Any]:
    """A Deny statement."""
    return {"Effect": "Deny", "Action": action, "Resource": resource, **extra}


def post_json(client, url: str, body: Any):
    """POST a JSON body; returns the response."""
    return client.post(url, data=json.dumps(body), content_type="application/json")


def sign_in_as(client, user) -> None:
    """Sign the test client in as an IAM user (console session, no MFA)."""
    if not hasattr(user, "login_profile"):
        login_profile_create(user=user, password=USER_PASSWORD)
        user.refresh_from_db()
    request = RequestFactory().get("/")
    request.session = import_module(settings.SESSION_ENGINE).SessionStore()
    start_session(request, user.account, user)
    request.session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = request.session.session_key
