"""Helpers shared by the user, group and account pages: caller, authorization, form errors."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django import forms
from django.forms.utils import ErrorDict
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from iamconsole.exceptions import IamError, MalformedPolicyDocument, PasswordPolicyViolation
from iamconsole.htmx import is_htmx_partial
from iamconsole.operations import Operation, caller_for
from policies.authorization import Decision

from .. import throttle
from ..models import Account
from ..signin import client_ip

T = TypeVar("T")


def caller_account(request: HttpRequest) -> Account:
    """The signed-in principal's account: every page reads and writes only inside it.

    Read once per request (views and their helpers ask several times).
    """
    return caller_for(request).account


def run(request: HttpRequest, operation: type[Operation], **inputs: Any) -> Any:
    """Run an operation as the signed-in caller (it authorizes itself) and return its output."""
    return caller_for(request).run(operation, **inputs)


def permits(request: HttpRequest, operation: type[Operation], resource: str = "*", *,
            entity: Any = None) -> Decision:
    """Whether the caller may perform `operation` on `resource`: `.allowed` enables a button,
    `.message` (AWS's denial) says why it is disabled; with `entity`, also whether its state
    allows it (a service-linked role's does not)."""
    return caller_for(request).permits(operation, resource, entity=entity)


def page_or_partial(
    request: HttpRequest, page: str, partial: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    """Render the whole page, or only the fragment an htmx request asks for."""
    template = partial if is_htmx_partial(request) else page
    return render(request, template, context, status=status)


def form_error(
    form: forms.Form, error: IamError, field_map: Mapping[str, str] | None = None
) -> None:
    """Put a domain error beside the form field it concerns (else at the top of the form).

    `field_map` renames service field names (`new_name`) to form fields (`name`). A password
    policy violation lists every broken rule; a malformed document keeps only its summary,
    the page lists the findings with their positions.
    """
    target = (field_map or {}).get(error.field or "", error.field)
    if target not in form.fields:
        target = None
    if isinstance(error, PasswordPolicyViolation) and isinstance(error.details, list):
        for problem in error.details:
            form.add_error(target, str(problem))
        return
    message = error.message
    if isinstance(error, MalformedPolicyDocument):
        message = "The policy has errors; fix them and save again: " + message
    form.add_error(target, message)


def blocker_lines(blockers: Iterable[Mapping[str, str]]) -> list[str]:
    """DeleteConflict blockers as sentences for the confirmation page."""
    return [f"{b['type'].capitalize()}: {b['name']}" for b in blockers]


def optional_url(name: str, *args: object, **kwargs: object) -> str | None:
    """reverse() a page that another part of the console may not have built yet."""
    try:
        return reverse(name, args=args or None, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def policy_detail_url(arn: str) -> str | None:
    """The policy page of a managed policy, once the policies pages provide one."""
    for kwargs in ({"arn": arn}, {"policy_arn": arn}):
        url = optional_url("policies:policy_detail", **kwargs)
        if url:
            return url
    return None


def quiet(form: forms.Form) -> forms.Form:
    """Show what was typed without error messages (Back, adding a tag row)."""
    form._errors = ErrorDict()  # type: ignore[attr-defined]
    form.cleaned_data = {}
    return form


def edit_tag_rows(data: QueryDict, nav: str) -> QueryDict:
    """The posted tag rows with one added ("add_tag") or one removed ("remove_tag-N")."""
    data = data.copy()
    keys, values = data.getlist("tag_key"), data.getlist("tag_value")
    values += [""] * (len(keys) - len(values))
    if nav == "add_tag":
        keys, values = [*keys, ""], [*values, ""]
    elif nav.startswith("remove_tag-") and nav[11:].isdigit():
        index = int(nav[11:])
        keys = [k for i, k in enumerate(keys) if i != index]
        values = [v for i, v in enumerate(values) if i != index]
    data.setlist("tag_key", keys)
    data.setlist("tag_value", values)
    return data


def reserve_attempt(form: forms.Form, identity: throttle.Identity,
                    address: str | None) -> throttle.Attempt | None:
    """Count an attempt before checking it (see accounts.throttle.reserve); None, with a
    message on the form, while the identity may not try from this address."""
    try:
        return throttle.reserve(identity, address)
    except throttle.Throttled as wait:
        form.add_error(None, f"{wait.sentence} The account's root user can clear this in "
                       "Account settings.")
        return None


def change_own_password(
    request: HttpRequest, form: forms.Form, user: Any | None, change: Callable[[], T],
) -> tuple[T | None, int]:
    """Run `change` (ChangePassword, which checks the current password) unless guesses are
    throttled.

    A wrong current password counts as a failed guess (as at sign-in); errors go on the form.
    Returns the result (None on failure) and the page's status: 200, 429 while throttled, or
    the error's.
    """
    account = caller_account(request)
    guesses = throttle.known_identity("password", account, user)
    attempt = reserve_attempt(form, guesses, client_ip(request))
    if attempt is None:
        return None, 429
    try:
        result = change()
    except IamError as exc:
        if exc.field != "old_password":
            attempt.released()  # refused for another reason: not a wrong guess
        form_error(form, exc, {"password": "new_password"})
        return None, exc.status
    attempt.succeeded()
    return result, 200
