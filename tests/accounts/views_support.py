"""Helpers of the console view tests: an IAM user's client, bulk rows, fragment checks."""

from __future__ import annotations

from django.test import Client

from accounts.models import Account, IamUser
from accounts.services import login_profile_create, user_create

USER_PASSWORD = "Sup3r-Secret-Pass!"


def sign_in_as_user(client: Client, account: Account, user: IamUser) -> Client:
    """Sign `client` in as an IAM user (console password USER_PASSWORD)."""
    response = client.post("/signin/", {
        "mode": "iam", "account": account.account_id, "user_name": user.name,
        "password": USER_PASSWORD,
    })
    assert response.status_code == 302, response.content
    return client


def console_user(account: Account, name: str, *policies: object) -> IamUser:
    """A user with a console password and these managed policies attached."""
    from policies.services import policy_attach

    user = user_create(account=account, name=name)
    login_profile_create(user=user, password=USER_PASSWORD)
    for policy in policies:
        policy_attach(policy=policy, entity=user)
    return user


def reader_client_for(account: Account, aws_policy) -> Client:
    """A client signed in as an IAM user who may only read IAM (IAMReadOnlyAccess)."""
    user = console_user(account, "reader", aws_policy("IAMReadOnlyAccess"))
    return sign_in_as_user(Client(), account, user)


def is_fragment(response) -> bool:
    """True for an htmx fragment: no page frame around it."""
    html = response.content.decode()
    return "<html" not in html and 'class="sidenav"' not in html
