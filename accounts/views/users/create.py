"""The create-user flow: details, permissions, boundary, tags, review; Back and Next keep input."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_POST

from iamconsole.exceptions import IamError
from iamconsole.identifiers import iam_arn
from iamconsole.operations import Caller, Operation, caller_for
from policies.operations.attached import AttachUserPolicy, ListAttachedUserPolicies

from ...forms_fields import ListField, TagsField, tag_rows
from ...forms_users import UserCreateForm
from ...models import Account
from ...operations.credentials import CreateLoginProfile
from ...operations.memberships import AddUserToGroup
from ...operations.users import CreateUser, ListGroupsForUser, ListUsers
from ...services.onboarding import password_generate
from ..kinds import USER
from ..pickers import build_picker, selected_groups, selected_policies
from ..support import caller_account, edit_tag_rows, form_error, quiet
from .retrieve import show_password_once

TEMPLATE = "accounts/iamuser_create.html"


def hidden_inputs(form: forms.Form, names: list[str]) -> SafeString:
    """Hidden inputs carrying the other steps' values, so that no step loses what was typed."""
    parts: list[SafeString] = []
    for name in names:
        field = form.fields[name]
        value = form[name].value()
        if isinstance(field, TagsField):
            rows = value if form.is_bound else list((form.initial.get("tags") or {}).items())
            parts += [format_html('<input type="hidden" name="tag_key" value="{}">'
                                  '<input type="hidden" name="tag_value" value="{}">', k, v)
                      for k, v in rows or []]
        elif isinstance(field, ListField):
            parts.append(format_html_join("", '<input type="hidden" name="{}" value="{}">',
                                          ((name, item) for item in value or [])))
        elif isinstance(field, forms.BooleanField):
            if field.to_python(value):
                parts.append(format_html('<input type="hidden" name="{}" value="on">', name))
        elif value not in (None, ""):
            parts.append(format_html('<input type="hidden" name="{}" value="{}">', name, value))
    return mark_safe("".join(parts))  # noqa: S308 - every part is built by format_html


def _step_context(request: HttpRequest, account: Account, form: UserCreateForm,
                  step: int) -> dict[str, Any]:
    key = form.STEPS[step][0]
    shown = set(form.STEPS[step][2])
    others = [name for name in form.fields if name not in shown]
    context: dict[str, Any] = {
        "form": form,
        "step": step + 1,
        "step_key": key,
        "steps": [label for _, label, _ in form.STEPS],
        "hidden": hidden_inputs(form, others),
        "account": account,
    }
    value = form.__getitem__
    if key == "permissions":
        context["group_picker"] = build_picker(
            account, kind="groups", field_name="groups", label="User groups",
            selected=value("groups").value() or [])
        context["policy_picker"] = build_picker(
            account, kind="policies", field_name="policies", label="Permissions policies",
            selected=value("policies").value() or [])
        copy_from = value("copy_from").value()
        context["user_picker"] = build_picker(
            account, kind="users", field_name="copy_from", label="Users", multiple=False,
            selected=[copy_from] if copy_from else [])
    elif key == "boundary":
        boundary = value("boundary").value()
        context["boundary_picker"] = build_picker(
            account, kind="policies", field_name="boundary", label="Permissions boundary",
            multiple=False, allow_none=True, selected=[boundary] if boundary else [])
    elif key == "tags":
        context["tag_rows"] = tag_rows(form, blank_rows=0 if form.is_bound else 1)
    elif key == "review":
        context.update(_review(account, form))
    return context


def _review(account: Account, form: UserCreateForm) -> dict[str, Any]:
    data = form.cleaned_data
    boundary = selected_policies(account, [data["boundary"]]) if data.get("boundary") else []
    return {
        "review": data,
        "arn": iam_arn(account.account_id, "user", data["path"], data["name"]),
        "review_groups": selected_groups(account, data["groups"]),
        "review_policies": selected_policies(account, data["policies"]),
        "review_boundary": boundary[0] if boundary else None,
    }


def _first_error_step(form: UserCreateForm, up_to: int) -> int | None:
    steps = [form.step_of(name) for name in form.errors if name != "__all__"]
    steps = [s for s in steps if s <= up_to]
    return min(steps) if steps else None


def _copied(caller: Caller, source_name: str) -> tuple[list[Any], list[Any], Any]:
    """What "Copy permissions" takes from a user, read as the caller may (ListGroupsForUser,
    ListAttachedUserPolicies): its groups, managed policies and boundary. Inline policies
    are not copied, as in AWS's console."""
    listing = ListGroupsForUser(caller=caller, user_name=source_name)
    groups = list(listing.run())
    policies = list(caller.run(ListAttachedUserPolicies, user_name=source_name))
    return groups, policies, listing.entity.permissions_boundary


def _operations(caller: Caller, data: dict[str, Any], password: str | None,
                groups: list[Any], policies: list[Any], boundary: Any) -> list[Operation]:
    """What the flow performs, each operation authorized as AWS does: CreateUser (with its
    tags and boundary), CreateLoginProfile, AddUserToGroup and AttachUserPolicy."""
    name = data["name"]
    operations: list[Operation] = [CreateUser(
        caller=caller, user_name=name, path=data["path"], tags=data["tags"],
        permissions_boundary=boundary.arn if boundary is not None else None,
    )]
    if password is not None:
        operations.append(CreateLoginProfile(
            caller=caller, user_name=name, password=password,
            password_reset_required=bool(data["password_reset_required"]),
        ))
    operations += [AddUserToGroup(caller=caller, group_name=group.name, user_name=name)
                   for group in groups]
    operations += [AttachUserPolicy(caller=caller, user_name=name, policy_arn=policy.arn)
                   for policy in policies]
    return operations


def _create(request: HttpRequest, account: Account, form: UserCreateForm) -> HttpResponse:
    data = form.cleaned_data
    caller = caller_for(request)
    groups = selected_groups(account, data["groups"])
    policies = selected_policies(account, data["policies"])
    boundary_list = selected_policies(account, [data["boundary"]]) if data["boundary"] else []
    boundary = boundary_list[0] if boundary_list else None
    password = None
    if data["console_access"]:
        password = (data["custom_password"] if form.custom_password_chosen
                    else password_generate(account=account))
    try:
        if data["copy_from"]:
            # What is copied is granted like what is chosen: each group, policy and the
            # boundary is an operation authorized for the new user.
            copied_groups, copied_policies, copied_boundary = _copied(caller, data["copy_from"])
            groups += [group for group in copied_groups if group not in groups]
            policies += [policy for policy in copied_policies if policy not in policies]
            boundary = boundary or copied_boundary
        user = caller.run_all(_operations(caller, data, password, groups, policies,
                                          boundary))[0]
    except IamError as exc:
        form_error(form, exc, {"password": "custom_password", "permissions_boundary": "boundary",
                               "policy_arn": "policies", "user_name": "name"})
        step = _first_error_step(form, len(form.STEPS) - 1)
        step = step if step is not None else len(form.STEPS) - 1
        return render(request, TEMPLATE, _step_context(request, account, form, step),
                      status=exc.status)
    messages.success(request, f"User {user.name} created.")
    if password is None:
        return redirect(USER.detail_url(user.name))
    return show_password_once(request, user, password, created=True)


def iamuser_create_view(request: HttpRequest) -> HttpResponse:
    """Create a user in steps; nothing is written until "Create user" on the review step."""
    account = caller_account(request)
    caller_for(request).require(CreateUser, iam_arn(account.account_id, "user", "/", "*"))
    if request.method != "POST":
        form = UserCreateForm(account=account)
        return render(request, TEMPLATE, _step_context(request, account, form, 0))
    last = len(UserCreateForm.STEPS) - 1
    try:
        step = min(max(int(request.POST.get("step", "0")), 0), last)
    except ValueError:
        step = 0
    nav = request.POST.get("nav", "next")
    if nav == "add_tag" or nav.startswith("remove_tag-"):
        form = quiet(UserCreateForm(edit_tag_rows(request.POST, nav), account=account))
        return render(request, TEMPLATE, _step_context(request, account, form, step))
    form = UserCreateForm(request.POST, account=account)
    if nav == "back" or (nav.startswith("goto-") and nav[5:].isdigit()):
        target = step - 1 if nav == "back" else min(int(nav[5:]), step)
        return render(request, TEMPLATE,
                      _step_context(request, account, quiet(form), max(target, 0)))
    form.is_valid()
    error_step = _first_error_step(form, step if nav == "next" else last)
    if error_step is not None:
        return render(request, TEMPLATE, _step_context(request, account, form, error_step),
                      status=400)
    if nav == "create" and step == last:
        return _create(request, account, form)
    next_step = min(step + 1, last)
    # A fresh form for the next step, so that its fields show no errors before being seen.
    if next_step < last:
        form = quiet(UserCreateForm(request.POST, account=account))
    return render(request, TEMPLATE, _step_context(request, account, form, next_step))


@require_POST
def iamuser_name_check_view(request: HttpRequest) -> HttpResponse:
    """Check a user name as it is typed (htmx): AWS's rules, and whether it is taken."""
    account = caller_account(request)
    caller_for(request).require(ListUsers)
    form = UserCreateForm({"name": request.POST.get("name", "")}, account=account)
    form.is_valid()
    return render(request, "accounts/partials/_name_feedback.html",
                  {"errors": form.errors.get("name", []), "name": form.data["name"]})


urlpatterns = [
    path("users/create/", iamuser_create_view, name="iamuser_create"),
    path("users/create/check-name/", iamuser_name_check_view, name="iamuser_name_check"),
]
