"""Helpers shared by the whole suite: console sign-in, console users, JSON calls, fragments.

`sign_in(client, who)` signs a test client in to the console through the sign-in page, as an
account's root user or as an IAM user. Policy documents come from `tests.documents`.
"""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from accounts.models import Account, IamUser
from accounts.services import login_profile_create, user_create
from policies.services import policy_attach

ROOT_PASSWORD = "Correct-Horse-Battery-9"
USER_PASSWORD = "Sup3r-Secret-Pass!"
# Client addresses of throttling tests (documentation ranges).
HOME = "198.51.100.20"
ELSEWHERE = "192.0.2.99"


# -- the console --------------------------------------------------------------------------------
def sign_in(client: Client, who: Account | IamUser, *, password: str | None = None) -> Client:
    """Sign `client` in through the sign-in page as `who`: an account's root user, or an IAM
    user (given a console password, USER_PASSWORD, if it has none yet)."""
    if isinstance(who, Account):
        form = {"email": who.root_email, "password": password or ROOT_PASSWORD}
    else:
        if not hasattr(who, "login_profile"):
            login_profile_create(user=who, password=password or USER_PASSWORD)
            who.refresh_from_db()
        form = {"mode": "iam", "account": who.account.account_id, "user_name": who.name,
                "password": password or USER_PASSWORD}
    response = client.post("/signin/", form)
    assert response.status_code == 302, response.content
    return client


def console_user(account: Account, name: str, *policies: object) -> IamUser:
    """A new IAM user with a console password (USER_PASSWORD) and these managed policies."""
    user = user_create(account=account, name=name)
    login_profile_create(user=user, password=USER_PASSWORD)
    for policy in policies:
        policy_attach(policy=policy, entity=user)
    return user


def user_client(account: Account, name: str, *policies: object) -> Client:
    """A new client signed in as a new IAM user of `account` with these managed policies."""
    return sign_in(Client(), console_user(account, name, *policies))


def is_fragment(response: Any) -> bool:
    """True for an htmx fragment: no page frame around it."""
    html = response.content.decode()
    return "<html" not in html and 'class="sidenav"' not in html


def post_json(client: Client, url: str, body: Any) -> Any:
    """POST a JSON body; returns the response."""
    return client.post(url, data=json.dumps(body), content_type="application/json")


# What a request's reads cost beyond their own queries: their trail events, one INSERT.
TRAIL_QUERIES = 1
