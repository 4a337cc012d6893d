"""One-time secrets in the session: encrypted, taken once, for their own page, short-lived."""

from __future__ import annotations

import json

from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.test import RequestFactory

from accounts.views import shown_once


def _request(session=None, token=""):
    request = RequestFactory().get("/", {shown_once.TOKEN_PARAMETER: token} if token else {})
    request.session = session if session is not None else SessionStore()
    return request


def test_a_secret_is_kept_encrypted_and_taken_once():
    request = _request()
    token = shown_once.keep(request, "access_key", "OWNER", secret="s3cr3t-value")
    assert "s3cr3t-value" not in json.dumps(request.session[shown_once.SESSION_KEY])
    assert token not in ("", "s3cr3t-value")
    taking = _request(request.session, token)
    assert shown_once.take(taking, "access_key", "owner") == {"secret": "s3cr3t-value"}
    assert shown_once.take(_request(request.session, token), "access_key", "owner") is None


def test_another_page_neither_shows_nor_spends_it():
    request = _request()
    token = shown_once.keep(request, "access_key", "alice", secret="x")
    assert shown_once.take(_request(request.session, token), "access_key", "bob") is None
    assert shown_once.take(_request(request.session, token), "console_password",
                           "alice") is None
    assert shown_once.take(_request(request.session, token), "access_key", "alice") == {
        "secret": "x"}


def test_an_unclaimed_secret_expires(monkeypatch):
    request = _request()
    now = 1_000_000.0
    monkeypatch.setattr(shown_once.time, "time", lambda: now)
    token = shown_once.keep(request, "access_key", "alice", secret="x")
    monkeypatch.setattr(shown_once.time, "time",
                        lambda: now + shown_once.LIFETIME_SECONDS + 1)
    assert shown_once.take(_request(request.session, token), "access_key", "alice") is None
    assert request.session[shown_once.SESSION_KEY] == {}
