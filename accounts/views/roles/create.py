"""The create-role wizard: trusted entity, permissions, name and details, review.

Every step posts the whole wizard: the step shown has its inputs, the others travel as hidden
inputs, so Back and Next never lose what was typed and no state lives on the server.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.html import format_html_join

from iamconsole import jsontext
from iamconsole.exceptions import IamError
from iamconsole.identifiers import iam_arn
from iamconsole.operations import Caller, Operation, caller_for
from iamconsole.validators import TAGS_MAX, validate_name
from policies.models import ManagedPolicy
from policies.operations.attached import AttachRolePolicy
from policies.operations.managed import ListPolicies
from policies.validation import validate_policy

from ... import trust_templates as trust
from ...forms_roles import (
    ENTITY_HELP,
    ENTITY_TYPES,
    RoleDetailsForm,
    RolePermissionsForm,
    TrustedEntityForm,
    tag_rows_from,
)
from ...models import Account
from ...operations.instance_profiles import AddRoleToInstanceProfile, CreateInstanceProfile
from ...operations.roles import CreateRole, ListRoles
from ..pickers import build_picker, selected_policies
from ..support import caller_account, form_error, run
from ._common import finding_line, roles_crumbs

STEPS = (("trust", "Select trusted entity"), ("permissions", "Add permissions"),
         ("details", "Name and details"), ("review", "Review and create"))
FORMS = (TrustedEntityForm, RolePermissionsForm, RoleDetailsForm)
# Inputs of each step besides its form's fields (searches, tag rows, the "seen" marker).
EXTRA_INPUTS = (
    ("trust_seen",),
    ("permissions_seen", "policies_q", "policies_scope", "boundary_q", "boundary_scope",
     "exclude"),
    ("details_seen", "tag_key", "tag_value"),
    (),
)
NOT_CARRIED = {"csrfmiddlewaretoken", "step", "nav"}
# Where a service error's field is typed: (step index, form field).
ERROR_FIELDS = {
    "trust_policy": (0, None), "name": (2, "name"), "path": (2, "path"),
    "description": (2, "description"), "max_session_duration": (2, "max_session_hours"),
    "tags": (2, None), "policy_arn": (1, "policies"), "permissions_boundary": (1, "boundary"),
}


def _form(index: int, data: QueryDict | None, account: Account, *, validate: bool) -> Any:
    """Step `index`'s form: bound to validate, else unbound showing the values typed so far."""
    cls = FORMS[index]
    kwargs = {"account_id": account.account_id} if cls is TrustedEntityForm else {}
    if data is None:
        return cls(**kwargs)
    if validate:
        return cls(data, **kwargs)
    seen = f"{STEPS[index][0]}_seen" in data
    probe = cls(data, **kwargs)
    initial = {name: probe[name].value() for name in probe.fields if seen or name in data}
    return cls(initial=initial, **kwargs)


def _hidden(data: QueryDict | None, form: forms.Form | None, index: int) -> str:
    """Hidden inputs carrying every other step's values."""
    if data is None:
        return ""
    shown = set(form.fields if form is not None else ()) | set(EXTRA_INPUTS[index])
    pairs = [(key, value) for key in data for value in data.getlist(key)
             if key not in shown and key not in NOT_CARRIED]
    return format_html_join("", '<input type="hidden" name="{}" value="{}">', pairs)


def _trust_text(form: TrustedEntityForm) -> str:
    return form.trust_policy_text()


def _check_trust(form: TrustedEntityForm) -> bool:
    """Validate the trust policy the step writes; errors go beside it with their positions."""
    report = validate_policy(_trust_text(form), "trust",
                             max_size=settings.IAM_TRUST_POLICY_MAX_SIZE)
    if report.ok:
        return True
    field = "trust_policy" if form.cleaned_data["entity_type"] == "custom" else None
    for finding in report.errors:
        form.add_error(field, finding_line(finding.as_dict()))
    return False


def _trust_document(text: str) -> dict[str, Any] | None:
    try:
        document = jsontext.loads(text)
    except ValueError:
        return None
    return document if isinstance(document, dict) else None


def _preselect(data: QueryDict, form: TrustedEntityForm) -> None:
    """Choosing a use case selects its policies once (AmazonSSMManagedInstanceCore for SSM)."""
    use_case = form.use_case_obj()
    if use_case is None or not use_case.policies or data.get("preselected_for") == use_case.key:
        return
    arns = list(ManagedPolicy.objects.filter(account__isnull=True, name__in=use_case.policies)
                .values_list("arn", flat=True))
    data.setlist("policies", list(dict.fromkeys([*data.getlist("policies"), *arns])))
    data["preselected_for"] = use_case.key


def _valid_up_to(forms_: list[Any], last: int) -> int | None:
    """The first step up to `last` whose form is invalid, else None."""
    for index in range(min(last, len(FORMS) - 1) + 1):
        if not forms_[index].is_valid():
            return index
        if index == 0 and not _check_trust(forms_[0]):
            return 0
    return None


def _review(account: Account, forms_: list[Any]) -> dict[str, Any]:
    trust_form, permissions, details = forms_
    data = details.cleaned_data
    text = _trust_text(trust_form)
    policies = selected_policies(account, permissions.cleaned_data["policies"])
    boundary_arn = permissions.cleaned_data["boundary"]
    boundary = selected_policies(account, [boundary_arn]) if boundary_arn else []
    return {
        "arn": iam_arn(account.account_id, "role", data["path"], data["name"]),
        "trust_text": text,
        "trusted": trust.trusted_entities(_trust_document(text)),
        "review_policies": policies,
        "review_boundary": boundary[0] if boundary else None,
        "review": data,
        "instance_profile": _wants_profile(text),
        "instance_profile_arn": iam_arn(account.account_id, "instance-profile", data["path"],
                                        data["name"]),
    }


def _wants_profile(trust_text: str) -> bool:
    """A role EC2 can assume gets an instance profile of its name, as the AWS console does."""
    return trust.trusts_service(_trust_document(trust_text), "ec2.amazonaws.com")


def _render(request: HttpRequest, account: Account, data: QueryDict | None, index: int,
            form: Any, extra: dict[str, Any] | None = None, status: int = 200) -> HttpResponse:
    key = STEPS[index][0]
    context: dict[str, Any] = {
        "steps": [label for _, label in STEPS],
        "step": index + 1,
        "step_index": index,
        "step_key": key,
        "form": form,
        "hidden": _hidden(data, form, index),
        "account": account,
        "breadcrumbs": roles_crumbs(("Create role", None)),
        **(extra or {}),
    }
    if key == "trust":
        context["use_cases"] = trust.USE_CASES
        context["entity_types"] = [(key, label, ENTITY_HELP[key]) for key, label in ENTITY_TYPES]
        context["web_providers"] = trust.WEB_IDENTITY_PROVIDERS
    elif key == "permissions":
        run(request, ListPolicies)
        values = data or QueryDict()
        context["policy_picker"] = build_picker(
            account, kind="policies", field_name="policies", label="Permissions policies",
            selected=form["policies"].value() or [], query=values.get("policies_q", ""),
            scope=values.get("policies_scope", "All"))
        boundary = form["boundary"].value()
        context["boundary_picker"] = build_picker(
            account, kind="policies", field_name="boundary", label="Permissions boundary",
            selected=[boundary] if boundary else [], query=values.get("boundary_q", ""),
            scope=values.get("boundary_scope", "All"), multiple=False, allow_none=True)
    elif key == "details":
        rows = tag_rows_from(data) if data is not None and "details_seen" in data else []
        context["tag_rows"] = rows or [("", "")]
        context["tags_max"] = TAGS_MAX
    return render(request, "accounts/role_create.html", context, status=status)


def _edit_tags(data: QueryDict, nav: str) -> None:
    """"Add tag" appends a blank row; "Remove" drops row i."""
    rows = tag_rows_from(data)
    if nav == "add_tag" and len(rows) < TAGS_MAX:
        rows.append(("", ""))
    elif nav.startswith("remove_tag_") and nav[11:].isdigit():
        index = int(nav[11:])
        rows = [row for i, row in enumerate(rows) if i != index]
    data.setlist("tag_key", [k for k, _ in rows])
    data.setlist("tag_value", [v for _, v in rows])


def _operations(caller: Caller, review: dict[str, Any]) -> list[Operation]:
    """What the wizard performs: CreateRole, AttachRolePolicy for each policy, and for a role
    EC2 may assume an instance profile of its name holding it, as AWS's console does."""
    details, name = review["review"], review["review"]["name"]
    boundary = review["review_boundary"]
    operations: list[Operation] = [CreateRole(
        caller=caller, role_name=name, assume_role_policy_document=review["trust_text"],
        path=details["path"], description=details["description"],
        max_session_duration=details["max_session_hours"] * 3600, tags=details["tags"],
        permissions_boundary=boundary.arn if boundary else None,
    )]
    operations += [AttachRolePolicy(caller=caller, role_name=name, policy_arn=policy.arn)
                   for policy in review["review_policies"]]
    if review["instance_profile"]:
        operations += [
            CreateInstanceProfile(caller=caller, instance_profile_name=name,
                                  path=details["path"]),
            AddRoleToInstanceProfile(caller=caller, instance_profile_name=name, role_name=name),
        ]
    return operations


def _create(request: HttpRequest, account: Account, data: QueryDict,
            forms_: list[Any]) -> HttpResponse:
    review = _review(account, forms_)
    caller = caller_for(request)
    try:
        created = caller.run_all(_operations(caller, review))
    except IamError as exc:
        index, field = ERROR_FIELDS.get(exc.field or "", (3, None))
        if index == 3:
            return _render(request, account, data, 3, None,
                           {**review, "error": exc}, status=exc.status)
        form = _form(index, data, account, validate=True)
        form.is_valid()
        form_error(form, exc, {exc.field or "": field} if field else None)
        return _render(request, account, data, index, form, status=exc.status)
    role = created[0]
    message = f"Role {role.name} created."
    if review["instance_profile"]:
        message += f" Instance profile {role.name} created with it."
    messages.success(request, message)
    return redirect("accounts:role_detail", role.name)


def role_create_view(request: HttpRequest) -> HttpResponse:
    """CreateRole through AWS's steps, with AttachRolePolicy and, for EC2, an instance profile."""
    account = caller_account(request)
    caller_for(request).require(CreateRole, iam_arn(account.account_id, "role", "/", "*"))
    if request.method != "POST":
        return _render(request, account, None, 0, _form(0, None, account, validate=False))
    data = request.POST.copy()
    try:
        current = min(max(int(data.get("step", 0)), 0), len(STEPS) - 1)
    except ValueError:
        current = 0
    nav = data.get("nav", "next")
    if nav == "back":
        target = max(current - 1, 0)
        return _render(request, account, data, target, _step_form(target, data, account))
    if nav.startswith("goto_") and nav[5:].isdigit():
        target = min(int(nav[5:]), current)
        return _render(request, account, data, target, _step_form(target, data, account))
    if nav in ("refresh", "add_tag") or nav.startswith("remove_tag_"):
        if current == 2:
            _edit_tags(data, nav)
        return _render(request, account, data, current, _step_form(current, data, account))
    forms_ = [_form(i, data, account, validate=True) for i in range(len(FORMS))]
    last = len(FORMS) - 1 if nav == "create" else current
    failed = _valid_up_to(forms_, last)
    if failed is not None:
        return _render(request, account, data, failed, forms_[failed], status=400)
    if nav == "create":
        return _create(request, account, data, forms_)
    if current == 0:
        _preselect(data, forms_[0])
    target = min(current + 1, 3)
    if target == 3:
        return _render(request, account, data, 3, None, _review(account, forms_))
    return _render(request, account, data, target, _step_form(target, data, account))


def _step_form(index: int, data: QueryDict, account: Account) -> Any:
    return None if index == 3 else _form(index, data, account, validate=False)


def role_name_check_view(request: HttpRequest) -> HttpResponse:
    """As the name is typed: AWS's naming rules, and whether a role already has it (htmx)."""
    roles = run(request, ListRoles)
    name = request.GET.get("name", "").strip()
    problem, ok = "", False
    if name:
        try:
            validate_name(name, "role")
        except IamError as exc:
            problem = exc.message
        else:
            if roles.filter(name__iexact=name).exists():
                problem = f"Role with name {name} already exists."
            else:
                ok = True
    return render(request, "accounts/partials/_role_name_feedback.html",
                  {"problem": problem, "ok": ok, "name": name})


urlpatterns = [
    path("roles/create/", role_create_view, name="role_create"),
    path("roles/create/check-name/", role_name_check_view, name="role_name_check"),
]
