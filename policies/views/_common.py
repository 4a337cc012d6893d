"""Helpers shared by the policy pages: the caller's account, policy lookup, authorization."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from accounts.models import Account
from iamconsole.exceptions import InvalidInput
from iamconsole.identifiers import iam_arn

from ..authorization import Requirement, authorize
from ..models import ManagedPolicy
from ..selectors import policy_get

# The tabs of a policy's detail page, in AWS's order (key in ?tab=, label).
DETAIL_TABS = [
    ("permissions", "Permissions"),
    ("entities", "Entities attached"),
    ("tags", "Tags"),
    ("versions", "Policy versions"),
    ("compare", "Compare versions"),
    ("boundary", "Permissions boundary usage"),
]


def caller_account(request: HttpRequest) -> Account:
    """The signed-in principal's account, loaded once per request."""
    account = getattr(request, "_iam_account", None)
    if account is None:
        account = Account.objects.get(pk=request.principal.account_pk)
        request._iam_account = account  # type: ignore[attr-defined]
    return account


def allow(request: HttpRequest, action: str, resource: str = "*",
          context: Mapping[str, str | Sequence[str]] | None = None) -> None:
    """Authorize the caller for `action` on `resource` (with the request's condition keys,
    iam:PolicyARN, aws:TagKeys...), raising AccessDenied otherwise."""
    authorize(request.principal, Requirement(action=action, resource=resource,
                                           context=dict(context or {})))


def policy_for(request: HttpRequest, arn: str) -> ManagedPolicy:
    """The caller's own or an AWS-managed policy by ARN, else NoSuchEntity (the 404 page)."""
    return policy_get(account=caller_account(request), arn=arn)


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
