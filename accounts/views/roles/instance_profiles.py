"""Instance profiles: list, create, detail with their (single) role; a role's profiles."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.decorators.http import require_POST

from iamconsole.exceptions import IamError, LimitExceeded
from iamconsole.generic import ConsoleListView
from iamconsole.identifiers import iam_arn
from policies.authorization import PASSED_TO_EC2, Requirement

from ...filtersets import InstanceProfileFilterSet
from ...forms_roles import (
    InstanceProfileCreateForm,
    InstanceProfileNameForm,
    InstanceProfileRoleForm,
)
from ...models import Account, InstanceProfile, Role
from ...selectors import instance_profile_list
from ...services import (
    instance_profile_add_role,
    instance_profile_create,
    instance_profile_remove_role,
)
from ..support import decision
from ._common import (
    allow,
    caller_account,
    form_error,
    profile_for,
    profiles_crumbs,
    role_for,
)
from .detail import render_role_detail

# Role names offered while typing (a datalist); any name can still be typed.
ROLE_CHOICES_MAX = 1000
ONE_ROLE = "An instance profile holds at most one role: remove {role} first to add another."


class InstanceProfileListView(ConsoleListView):
    """ListInstanceProfiles with each profile's role."""

    template_name = "accounts/instanceprofile_list.html"
    partial_template_name = "accounts/partials/_instanceprofile_table.html"
    filterset_class = InstanceProfileFilterSet
    quota_setting = "IAM_QUOTA_INSTANCE_PROFILES"
    ordering_fields = {"name": "name", "path": "path", "role": "role__name",
                       "created": "created_at"}

    def get_operation(self) -> Requirement:
        return Requirement(action="iam:ListInstanceProfiles", resource="*")

    @cached_property
    def account(self) -> Account:
        return caller_account(self.request)

    def get_queryset(self) -> Any:
        return instance_profile_list(account=self.account)

    def get_extra_context(self) -> dict[str, Any]:
        account = self.account
        return {
            "can_create": decision(self.request, "iam:CreateInstanceProfile",
                                  iam_arn(account.account_id, "instance-profile", "/", "*")),
        }


def _role_names(account_pk: int) -> list[str]:
    return list(Role.objects.filter(account_id=account_pk).order_by("name")
                .values_list("name", flat=True)[:ROLE_CHOICES_MAX])


def _authorize_add_role(request: HttpRequest, profile_arn: str, role: Role) -> None:
    """AddRoleToInstanceProfile on the profile, and iam:PassRole on the role (as AWS asks)."""
    allow(request, "iam:AddRoleToInstanceProfile", profile_arn)
    allow(request, "iam:PassRole", role.arn, PASSED_TO_EC2)


def _account_role(account_pk: int, name: str) -> Role | None:
    return Role.objects.filter(account_id=account_pk, name__iexact=name.strip()).first()


def instanceprofile_create_view(request: HttpRequest) -> HttpResponse:
    """CreateInstanceProfile, optionally with its role (AddRoleToInstanceProfile)."""
    account = caller_account(request)
    allow(request, "iam:CreateInstanceProfile",
          iam_arn(account.account_id, "instance-profile", "/", "*"))
    initial = {"role": request.GET.get("role", ""), "name": request.GET.get("name", "")}
    form = InstanceProfileCreateForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            arn = iam_arn(account.account_id, "instance-profile", data["path"], data["name"])
            allow(request, "iam:CreateInstanceProfile", arn)
            role = _account_role(account.pk, data["role"]) if data["role"] else None
            if data["role"] and role is None:
                form.add_error("role", f"The role with name {data['role']} cannot be found.")
            else:
                if role is not None:
                    _authorize_add_role(request, arn, role)
                try:
                    profile = instance_profile_create(account=account, name=data["name"],
                                                      path=data["path"], role=role)
                except IamError as exc:
                    form_error(form, exc)
                else:
                    messages.success(request, f"Instance profile {profile.name} created.")
                    return redirect("accounts:instanceprofile_detail", profile.name)
        status = 400
    return render(request, "accounts/instanceprofile_create.html", {
        "form": form, "role_names": _role_names(account.pk),
        "breadcrumbs": profiles_crumbs(("Create instance profile", None)),
    }, status=status)


def _render_detail(request: HttpRequest, profile: InstanceProfile,
                   form: InstanceProfileRoleForm | None = None, status: int = 200) -> HttpResponse:
    return render(request, "accounts/instanceprofile_detail.html", {
        "profile": profile,
        "form": form or InstanceProfileRoleForm(),
        "role_names": _role_names(profile.account_id),
        "one_role": ONE_ROLE.format(role=profile.role.name) if profile.role else "",
        "breadcrumbs": profiles_crumbs((profile.name, None)),
    }, status=status)


def instanceprofile_detail_view(request: HttpRequest, name: str) -> HttpResponse:
    """GetInstanceProfile: summary and its role."""
    return _render_detail(request, profile_for(request, name, "iam:GetInstanceProfile"))


@require_POST
def instanceprofile_add_role_view(request: HttpRequest, name: str) -> HttpResponse:
    """AddRoleToInstanceProfile; a second role is refused with LimitExceeded, shown beside it."""
    profile = profile_for(request, name, "iam:AddRoleToInstanceProfile")
    form = InstanceProfileRoleForm(request.POST)
    if form.is_valid():
        role = _account_role(profile.account_id, form.cleaned_data["role"])
        if role is None:
            form.add_error("role", f"The role with name {form.cleaned_data['role']} cannot "
                                   "be found.")
        else:
            _authorize_add_role(request, profile.arn, role)
            try:
                instance_profile_add_role(instance_profile=profile, role=role)
            except LimitExceeded as exc:
                form.add_error("role", f"LimitExceeded: {exc.message} "
                               + ONE_ROLE.format(role=profile.role.name if profile.role else
                                                 "its role"))
            except IamError as exc:
                form_error(form, exc, {"role": "role"})
            else:
                messages.success(request, f"Role {role.name} added to instance profile "
                                          f"{profile.name}.")
                return redirect("accounts:instanceprofile_detail", profile.name)
    return _render_detail(request, profile, form, status=400)


@require_POST
def instanceprofile_remove_role_view(request: HttpRequest, name: str) -> HttpResponse:
    """RemoveRoleFromInstanceProfile (the role itself stays)."""
    profile = profile_for(request, name, "iam:RemoveRoleFromInstanceProfile")
    if profile.role is None:
        messages.info(request, f"Instance profile {profile.name} has no role.")
    else:
        role = profile.role
        instance_profile_remove_role(instance_profile=profile, role=role)
        messages.success(request, f"Role {role.name} removed from instance profile "
                                  f"{profile.name}.")
    return redirect("accounts:instanceprofile_detail", profile.name)


def _role_profiles_url(name: str) -> str:
    return reverse("accounts:role_detail", args=[name]) + "?tab=instance_profiles"


@require_POST
def role_instance_profile_add_view(request: HttpRequest, name: str) -> HttpResponse:
    """From a role's page: AddRoleToInstanceProfile for a profile named by the person."""
    role = role_for(request, name, "iam:ListInstanceProfilesForRole")
    form = InstanceProfileNameForm(request.POST)
    if form.is_valid():
        wanted = form.cleaned_data["instance_profile"].strip()
        profile = InstanceProfile.objects.select_related("role").filter(
            account_id=role.account_id, name__iexact=wanted).first()
        arn = profile.arn if profile else iam_arn(role.account.account_id,
                                                  "instance-profile", "/", wanted)
        _authorize_add_role(request, arn, role)
        if profile is None:
            form.add_error("instance_profile", f"Instance Profile {wanted} cannot be found.")
        else:
            try:
                instance_profile_add_role(instance_profile=profile, role=role)
            except LimitExceeded as exc:
                holder = profile.role.name if profile.role else "its role"
                form.add_error("instance_profile", f"LimitExceeded: {exc.message} "
                               + ONE_ROLE.format(role=holder))
            except IamError as exc:
                form.add_error("instance_profile", exc.message)
            else:
                messages.success(request, f"Role {role.name} added to instance profile "
                                          f"{profile.name}.")
                return redirect(_role_profiles_url(role.name))
    return render_role_detail(request, role, "instance_profiles",
                              extra={"profile_form": form}, status=400)


@require_POST
def role_instance_profile_remove_view(request: HttpRequest, name: str) -> HttpResponse:
    """From a role's page: RemoveRoleFromInstanceProfile."""
    role = role_for(request, name, "iam:ListInstanceProfilesForRole")
    wanted = request.POST.get("instance_profile", "")
    profile = InstanceProfile.objects.filter(account_id=role.account_id, role=role,
                                             name__iexact=wanted).first()
    if profile is None:
        messages.error(request, f"Role {role.name} is not in instance profile {wanted}.")
    else:
        allow(request, "iam:RemoveRoleFromInstanceProfile", profile.arn)
        instance_profile_remove_role(instance_profile=profile, role=role)
        messages.success(request, f"Role {role.name} removed from instance profile "
                                  f"{profile.name}.")
    return redirect(_role_profiles_url(role.name))


_PROFILE = "instance-profiles/details/<str:name>/"
urlpatterns = [
    path("instance-profiles/", InstanceProfileListView.as_view(), name="instanceprofile_list"),
    path("instance-profiles/create/", instanceprofile_create_view,
         name="instanceprofile_create"),
    path(_PROFILE, instanceprofile_detail_view, name="instanceprofile_detail"),
    path(_PROFILE + "role/add/", instanceprofile_add_role_view, name="instanceprofile_add_role"),
    path(_PROFILE + "role/remove/", instanceprofile_remove_role_view,
         name="instanceprofile_remove_role"),
    path("roles/details/<str:name>/instance-profiles/add/", role_instance_profile_add_view,
         name="role_instance_profile_add"),
    path("roles/details/<str:name>/instance-profiles/remove/", role_instance_profile_remove_view,
         name="role_instance_profile_remove"),
]
