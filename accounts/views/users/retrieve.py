"""Retrieve password: a new console password (user created, or password set), shown once
after the redirect that follows the create, with the .csv and the sign-in instructions."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse

from iamconsole.exceptions import AccessDenied
from iamconsole.operations import caller_for

from ...models import Account, IamUser
from ...operations.credentials import CreateLoginProfile, UpdateLoginProfile
from .. import shown_once
from ..support import caller_account

KIND = "console_password"


def _owner(account: Account, user_name: str) -> str:
    return f"{account.account_id}/{user_name}"


def show_password_once(request: HttpRequest, user: IamUser, password: str, *,
                       created: bool) -> HttpResponse:
    """Keep the new password for the Retrieve password page and redirect there."""
    token = shown_once.keep(request, KIND, _owner(user.account, user.name),
                            user_name=user.name, arn=user.arn, password=password,
                            created=created)
    return shown_once.redirect_to(reverse("accounts:iamuser_password_retrieve",
                                          args=[user.name]), token)


def signin_url(request: HttpRequest, account: Account) -> str:
    """The account's console sign-in URL, as AWS's Retrieve password page gives it."""
    return request.build_absolute_uri(
        reverse("accounts:signin") + "?" + urlencode({"account": account.alias
                                                      or account.account_id}))


def _authorize(request: HttpRequest, name: str) -> None:
    """The page is for whoever may set the user's password (CreateLoginProfile, else
    UpdateLoginProfile): AccessDenied (or NoSuchEntity) otherwise, before anything is read."""
    try:
        CreateLoginProfile(caller=caller_for(request), user_name=name,
                           password="").preflight(validate=False)
    except AccessDenied:
        UpdateLoginProfile(caller=caller_for(request), user_name=name,
                           password="").preflight(validate=False)


def password_retrieve_view(request: HttpRequest, name: str) -> HttpResponse:
    """The password just set for `name` by this session, once; afterwards, a page saying it
    was shown once. Only what this session's create kept is shown (it was authorized then)."""
    account = caller_account(request)
    _authorize(request, name)
    shown: dict[str, Any] | None = shown_once.take(request, KIND, _owner(account, name))
    context: dict[str, Any] = {"user_name": name, "shown": shown}
    if shown is not None:
        url = signin_url(request, account)
        context.update({
            "signin_url": url,
            "account_label": account.alias or account.account_id,
            "csv_href": shown_once.csv_href([
                ["User name", "Password", "Console sign-in URL"],
                [shown["user_name"], shown["password"], url],
            ]),
            "mailto": "mailto:?" + urlencode({
                "subject": "Your AWS account sign-in details",
                "body": (f"Hello,\n\nYou have been given access to account "
                         f"{account.alias or account.account_id}.\n\nConsole sign-in URL: "
                         f"{url}\nUser name: {shown['user_name']}\nPassword: ask your "
                         "administrator for it (it is not included in this email).\n"),
            }, quote_via=quote),  # %20, not +, in a mailto: body
        })
    return shown_once.no_store(render(request, "accounts/iamuser_created.html", context))


urlpatterns = [
    path("users/details/<str:name>/password/retrieve/", password_retrieve_view,
         name="iamuser_password_retrieve"),
]
