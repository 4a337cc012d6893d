"""One-time secrets between a create and the page that shows it (POST, redirect, GET).

A create that yields a secret (an access key's, a console password, a service password) keeps
it encrypted in the server-side session under a random token and redirects to a page that
takes it out: reloading that page, or coming back to it, never creates anything and never
shows the secret again. Only the token travels in the URL; entries expire after a few minutes.
"""

from __future__ import annotations

import csv
import io
import json
import secrets
import time
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote, urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from ..crypto import decrypt, encrypt

SESSION_KEY = "secrets_shown_once"
# Long enough to survive a slow redirect, short enough that a forgotten one is gone soon.
LIFETIME_SECONDS = 300
TOKEN_PARAMETER = "shown"


def _live(entries: dict[str, Any], now: float) -> dict[str, Any]:
    return {token: entry for token, entry in entries.items()
            if isinstance(entry, dict) and now - float(entry.get("at", 0)) < LIFETIME_SECONDS}


def keep(request: HttpRequest, kind: str, owner: str, **fields: Any) -> str:
    """Keep `fields` (encrypted) for one showing on a `kind` page of `owner`; the token."""
    now = time.time()
    token = secrets.token_urlsafe(12)
    entries = _live(request.session.get(SESSION_KEY, {}), now)
    entries[token] = {"kind": kind, "owner": owner.lower(), "at": now,
                      "data": encrypt(json.dumps(fields))}
    request.session[SESSION_KEY] = entries
    return token


def redirect_to(url: str, token: str) -> HttpResponse:
    """The redirect after a create: the page that shows the secret kept under `token`."""
    return redirect(f"{url}?{urlencode({TOKEN_PARAMETER: token})}")


def take(request: HttpRequest, kind: str, owner: str) -> dict[str, Any] | None:
    """The fields kept for this page, removed from the session; None once shown or expired
    (or kept for another owner or page)."""
    token = request.GET.get(TOKEN_PARAMETER, "")
    entries = _live(request.session.get(SESSION_KEY, {}), time.time())
    entry = entries.get(token)
    if entry is not None and (entry["kind"], entry["owner"]) != (kind, owner.lower()):
        entry = None  # another page's: left for it
    if entry is not None:
        del entries[token]
    if SESSION_KEY in request.session:
        request.session[SESSION_KEY] = entries  # without the expired ones, and this one
    if entry is None:
        return None
    fields: dict[str, Any] = json.loads(decrypt(entry["data"]))
    return fields


def csv_href(rows: Sequence[Sequence[str]]) -> str:
    """A .csv download as a data: URL (no second request that could show the secret)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return "data:text/csv;charset=utf-8," + quote(buffer.getvalue())


def no_store(response: HttpResponse) -> HttpResponse:
    """Pages holding a secret are never cached by the browser or a proxy."""
    response["Cache-Control"] = "no-store"
    return response
