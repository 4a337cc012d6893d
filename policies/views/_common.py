"""Helpers shared by the policy pages: their tabs, URLs and the policy ARN a URL names."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from iamconsole.exceptions import InvalidInput
from iamconsole.identifiers import iam_arn

from ..models import ManagedPolicy

# The tabs of a policy's detail page, in AWS's order (key in ?tab=, label).
DETAIL_TABS = [
    ("permissions", "Permissions"),
    ("entities", "Entities attached"),
    ("tags", "Tags"),
    ("versions", "Policy versions"),
    ("compare", "Compare versions"),
    ("boundary", "Permissions boundary usage"),
    ("last_accessed", "Last accessed"),
]


def new_policy_arn(request: HttpRequest, name: str, path: str) -> str:
    """The ARN a policy created by the caller with this name and path will have."""
    return iam_arn(request.principal.account_id, "policy", path or "/", name)


def detail_url(policy: ManagedPolicy | str, tab: str | None = None) -> str:
    """The detail page of a policy (by object or ARN), optionally on one tab."""
    arn = policy if isinstance(policy, str) else policy.arn
    url = reverse("policies:policy_detail", kwargs={"arn": arn})
    return f"{url}?tab={tab}" if tab else url


def policy_arn(request: HttpRequest, value: str) -> str:
    """The policy ARN a URL names: an ARN as given, or a path and name in the caller's account.

    `/policies/details/Reports` is the caller's policy `arn:aws:iam::<account>:policy/Reports`.
    Something that starts like an ARN but is not one is InvalidInput, never an engine error.
    """
    if not value.startswith("arn:"):
        return new_policy_arn(request, value.rsplit("/", 1)[-1],
                              "/" + value.rpartition("/")[0] + "/" if "/" in value else "/")
    parts = value.split(":", 5)
    if len(parts) != 6 or not parts[5]:
        raise InvalidInput(f"{value!r} is not an ARN.", field="policy_arn")
    return value


def with_policy_arn(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Decorate a view taking `arn` from its URL so that it always gets a well-formed ARN."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, arn: str, *args: Any, **kwargs: Any) -> HttpResponse:
        return view(request, policy_arn(request, arn), *args, **kwargs)

    return wrapper
