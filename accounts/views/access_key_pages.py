"""Creating an access key as AWS's console does: the use case and its alternative, an optional
description tag, then "Retrieve access keys", reached by a redirect so that a reload creates
nothing and shows the secret no more (shown_once)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from iamconsole.exceptions import IamError
from iamconsole.operations import caller_for

from ..forms_users import ACCESS_KEY_USE_CASES, AccessKeyCreateForm
from ..operations.credentials import CreateAccessKey, ListAccessKeys
from ..operations.tags import TagUser
from . import shown_once
from .credential_pages import CredentialOwner, Owned, prepared

KIND = "access_key"


def access_key_steps_page(request: HttpRequest, owned: Owned) -> HttpResponse:
    """An IAM user's key in AWS's steps: GET shows the use cases; Next, Previous and
    "Create access key" post the form, which carries what the other step holds."""
    _, owner = prepared(request, CreateAccessKey, owned)
    form = AccessKeyCreateForm(request.POST or None)
    step, status = 1, 200
    if request.method == "POST":
        nav = request.POST.get("nav", "next")
        form.is_valid()
        if nav == "back":
            form = AccessKeyCreateForm(initial=form.cleaned_data)
        elif "use_case" in form.errors or "confirm" in form.errors:
            status = 400
        elif nav == "create" and "description" not in form.errors:
            outcome = create_and_show(request, owned, owner,
                                      description=form.cleaned_data["description"])
            if isinstance(outcome, HttpResponse):
                return outcome
            form.add_error("description", outcome.message)
            step, status = 2, outcome.status
        else:
            step = 2
            status = 400 if nav == "create" else 200
            if nav != "create":
                form = AccessKeyCreateForm(initial=form.cleaned_data)
    return render(request, "accounts/access_key_create.html", {
        "owner": owner, "form": form, "step": step, "steps": AccessKeyCreateForm.STEPS,
        "use_cases": ACCESS_KEY_USE_CASES, "breadcrumbs": owner.crumbs("Create access key"),
    }, status=status)


def create_and_show(
    request: HttpRequest, owned: Owned, owner: CredentialOwner, *, description: str = "",
) -> HttpResponse | IamError:
    """CreateAccessKey (and TagUser with the description, keyed by the new key's ID, as AWS's
    console does), both or neither; then the redirect to the page that shows the secret once.
    A refusal of the tag is returned, for the form; any other goes back to the owner's page
    with a message."""
    caller = caller_for(request)
    try:
        with transaction.atomic():
            created = caller.run(CreateAccessKey, **owned)
            key_id = created.access_key.access_key_id
            if description and owner.user is not None:
                try:
                    caller.run(TagUser, user_name=owner.user.name, tags={key_id: description})
                except IamError as exc:
                    raise _TagRefused(exc) from exc
    except _TagRefused as refused:
        return refused.error
    except IamError as exc:
        messages.error(request, exc.message)
        return redirect(owner.back_url)
    token = shown_once.keep(request, KIND, owner.arn, access_key_id=key_id,
                            secret=created.secret_access_key, description=description)
    return shown_once.redirect_to(owner.url("access_key_created"), token)


class _TagRefused(Exception):
    """The description tag was refused: the key is rolled back and the form shows why."""

    def __init__(self, error: IamError) -> None:
        super().__init__(error.message)
        self.error = error


def access_key_created_page(request: HttpRequest, owned: Owned) -> HttpResponse:
    """Retrieve access keys: the key ID and its secret (hidden until "Show"), the .csv; once.
    Afterwards the page says the secret was shown once. The owner is looked up as its key
    list is (ListAccessKeys)."""
    _, owner = prepared(request, ListAccessKeys, owned)
    shown: dict[str, Any] | None = shown_once.take(request, KIND, owner.arn)
    context: dict[str, Any] = {
        "owner": owner, "shown": shown, "breadcrumbs": owner.crumbs("Retrieve access key"),
    }
    if shown is not None:
        context["csv_href"] = shown_once.csv_href([
            ["Access key ID", "Secret access key"], [shown["access_key_id"], shown["secret"]],
        ])
    return shown_once.no_store(render(request, "accounts/access_key_created.html", context))
