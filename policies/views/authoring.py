"""Writing policies: the create flow (editor → review) and edit, which adds a version."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path

from accounts.views.support import run
from iamconsole.exceptions import IamError, LimitExceeded, MalformedPolicyDocument
from iamconsole.operations import Operation, caller_for

from ..forms_managed import (
    STARTER_DOCUMENT,
    PolicyDetailsForm,
    PolicyDocumentForm,
    PolicyVersionForm,
    TagRowsError,
    add_service_error,
    tag_rows,
    tags_from_rows,
)
from ..operations.managed import CreatePolicy
from ..operations.versions import (
    CreatePolicyVersion,
    DeletePolicyVersion,
    GetPolicyVersion,
    ListPolicyVersions,
)
from ..services.managed import check_managed_document
from ..summary import permissions_summary
from ._common import detail_url, new_policy_arn, with_policy_arn

STEPS = ["Specify permissions", "Review and create"]


def _create_context(
    request: HttpRequest, step: int, document_form: PolicyDocumentForm,
    details_form: PolicyDetailsForm, rows: list[tuple[str, str]], **extra: Any,
) -> dict[str, Any]:
    name = details_form["name"].value() or ""
    policy_path = details_form["path"].value() or "/"
    document = document_form["policy_document"].value() or ""
    return {
        "steps": STEPS,
        "step": step,
        "document_form": document_form,
        "details_form": details_form,
        "tag_rows": rows,
        "arn_prefix": new_policy_arn(request, "", ""),
        "arn": new_policy_arn(request, name or "<policy-name>", policy_path),
        "summary": permissions_summary(document) if step == 2 else None,
        "nav_section": "policies:policy_list",
        **extra,
    }


def _check_document(form: PolicyDocumentForm) -> bool:
    """Validate the draft like CreatePolicy will; errors go beside the editor."""
    if not form.is_valid():
        return False
    try:
        check_managed_document(form.cleaned_data["policy_document"])
    except MalformedPolicyDocument as error:
        count = len([f for f in error.details or [] if f.get("severity") == "error"])
        form.add_error(
            "policy_document",
            f"Fix the {count} error{'s' if count != 1 else ''} listed under the editor before "
            f"you go on: {error.message}",
        )
        return False
    return True


def policy_create_view(request: HttpRequest) -> HttpResponse:
    """CreatePolicy in two steps; Back and Next keep everything typed (hidden fields).

    Every step is authorized as CreatePolicy on the account's policies
    (`arn:aws:iam::<account>:policy/*`, before the name is known); creating is authorized
    again on the exact ARN of the new policy.
    """
    caller = caller_for(request)
    caller.require(CreatePolicy, new_policy_arn(request, "*", "/"))
    if request.method != "POST":
        # Opens on the visual editor, as AWS's console does.
        context = _create_context(
            request, 1, PolicyDocumentForm(initial={"policy_document": STARTER_DOCUMENT}),
            PolicyDetailsForm(initial={"path": "/"}), [], start_mode="visual",
        )
        return render(request, "policies/policy_create.html", context)
    document_form = PolicyDocumentForm(request.POST)
    details_form = PolicyDetailsForm(request.POST)
    rows = tag_rows(request.POST)
    action = request.POST.get("action")
    if action == "back":
        mode = "visual" if request.POST.get("editor_mode") == "visual" else "json"
        return render(request, "policies/policy_create.html",
                      _create_context(request, 1, document_form, details_form, rows,
                                      start_mode=mode))
    if not _check_document(document_form):
        return render(request, "policies/policy_create.html",
                      _create_context(request, 1, document_form, details_form, rows), status=400)
    if action != "create":
        # The review opens with what was typed but is not validated yet: an unbound form,
        # so an empty name is only flagged once the person asks to create the policy.
        details_form = PolicyDetailsForm(
            initial={name: details_form[name].value() for name in details_form.fields}
        )
        return render(request, "policies/policy_create.html",
                      _create_context(request, 2, document_form, details_form, rows,
                                      editor_mode=request.POST.get("editor_mode", "json")))
    tag_error, status = "", 400
    if details_form.is_valid():
        data = details_form.cleaned_data
        try:
            policy = caller.run(
                CreatePolicy, policy_name=data["name"], path=data["path"],
                description=data["description"], tags=tags_from_rows(rows),
                policy_document=document_form.cleaned_data["policy_document"],
            )
        except TagRowsError as error:
            tag_error = str(error)
        except IamError as error:
            if error.code == "AccessDenied":
                raise
            status = error.status
            if error.field == "tags":
                tag_error = error.message
            else:
                add_service_error(details_form, error)
        else:
            messages.success(request, f"Policy {policy.name} created.")
            return redirect(detail_url(policy))
    context = _create_context(request, 2, document_form, details_form, rows, tag_error=tag_error,
                              editor_mode=request.POST.get("editor_mode", "json"))
    return render(request, "policies/policy_create.html", context, status=status)


@with_policy_arn
def policy_edit_view(request: HttpRequest, arn: str) -> HttpResponse:
    """Edit a customer-managed policy: CreatePolicyVersion, optionally the new default.

    The page opens for a caller who may create a version (AWS refuses it for AWS-managed
    policies), from the default version's text. At the version limit the person picks a
    version to delete in the same save (DeletePolicyVersion then CreatePolicyVersion, all or
    nothing); otherwise LimitExceeded is shown above the form with the hint, and the text
    typed is kept.
    """
    caller = caller_for(request)
    policy = CreatePolicyVersion(caller=caller, policy_arn=arn, policy_document="").preflight(
    ).entity
    versions = list(run(request, ListPolicyVersions, policy_arn=arn))
    deletable = [v.version_id for v in versions if not v.is_default]
    limit_error, status = "", 200
    if request.method != "POST":
        default = next(v for v in versions if v.is_default)
        default = run(request, GetPolicyVersion, policy_arn=arn, version_id=default.version_id)
        form = PolicyVersionForm(
            initial={"policy_document": default.document_text, "set_as_default": True},
            deletable=deletable,
        )
    else:
        form, status = PolicyVersionForm(request.POST, deletable=deletable), 400
        if form.is_valid():
            data = form.cleaned_data
            changes: list[Operation] = []
            if data["delete_version"]:
                changes.append(DeletePolicyVersion(caller=caller, policy_arn=arn,
                                                   version_id=data["delete_version"]))
            changes.append(CreatePolicyVersion(
                caller=caller, policy_arn=arn, policy_document=data["policy_document"],
                set_as_default=data["set_as_default"],
            ))
            try:
                version = caller.run_all(changes)[-1]
            except IamError as error:
                if error.code == "AccessDenied":
                    raise
                status = error.status
                if isinstance(error, LimitExceeded):
                    limit_error = error.message
                else:
                    add_service_error(form, error, default="policy_document")
            else:
                default_note = " and set as the default" if version.is_default else ""
                messages.success(request, f"Version {version.version_id} of {policy.name} "
                                          f"created{default_note}.")
                return redirect(detail_url(policy, "versions"))
    context = {
        "policy": policy,
        "form": form,
        "versions": versions,
        "max_versions": settings.IAM_MAX_POLICY_VERSIONS,
        "at_limit": len(versions) >= settings.IAM_MAX_POLICY_VERSIONS,
        "limit_error": limit_error,
        "nav_section": "policies:policy_list",
    }
    return render(request, "policies/policy_edit.html", context, status=status)


urlpatterns = [
    path("policies/create/", policy_create_view, name="policy_create"),
    path("policies/edit/<path:arn>", policy_edit_view, name="policy_edit"),
]
