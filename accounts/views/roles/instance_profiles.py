"""Instance profiles: list, create, detail with their (single) role; a role's profiles."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from iamconsole.exceptions import IamError, LimitExceeded, NoSuchEntity
from iamconsole.generic import ConsoleListView, ListPage
from iamconsole.identifiers import iam_arn
from iamconsole.operations import caller_for

from ...filtersets import InstanceProfileFilterSet
from ...forms_roles import (
    InstanceProfileCreateForm,
    InstanceProfileNameForm,
    InstanceProfileRoleForm,
)
from ...models import InstanceProfile, Role
from ...operations.instance_profiles import (
    AddRoleToInstanceProfile,
    CreateInstanceProfile,
    DeleteInstanceProfile,
    GetInstanceProfile,
    ListInstanceProfiles,
    RemoveRoleFromInstanceProfile,
)
from ...operations.roles import GetRole
from .. import deletion
from ..support import caller_account, form_error, permits, run
from ..tags import INSTANCE_PROFILE_TAGS, tags_section
from ._common import profiles_crumbs
from .detail import render_role_detail

# Role names offered while typing (a datalist); any name can still be typed.
ROLE_CHOICES_MAX = 1000
ONE_ROLE = "An instance profile holds at most one role: remove {role} first to add another."


class InstanceProfileListView(ConsoleListView):
    """ListInstanceProfiles with each profile's role."""

    page = ListPage(
        title="Instance profiles", noun="instance profile", plural="profiles", columns=4,
        plural_label="instance profiles",
        description="An instance profile passes one IAM role to the EC2 instances launched "
                    "with it.",
        urls="accounts:instanceprofile", bulk_delete=False,
        search_label="Find instance profiles by name or role",
        empty_text="Create a role for EC2 and its instance profile is created with it, or "
                   "create an instance profile here.",
    )
    partial_template_name = "accounts/partials/_instanceprofile_table.html"
    filterset_class = InstanceProfileFilterSet
    quota_setting = "IAM_QUOTA_INSTANCE_PROFILES"
    ordering_fields = {"name": "name", "path": "path", "role": "role__name",
                       "created": "created_at"}

    operation = ListInstanceProfiles

    def get_queryset(self) -> Any:
        return self.rows

    def get_extra_context(self) -> dict[str, Any]:
        return {"can_create": permits(self.request, CreateInstanceProfile,
                                      _any_profile(self.request))}


def _any_profile(request: HttpRequest) -> str:
    return iam_arn(caller_account(request).account_id, "instance-profile", "/", "*")


def _role_names(account_pk: int) -> list[str]:
    return list(Role.objects.filter(account_id=account_pk).order_by("name")
                .values_list("name", flat=True)[:ROLE_CHOICES_MAX])


def _limit_message(exc: LimitExceeded, profile: InstanceProfile) -> str:
    """AWS's LimitExceeded, saying which role to take out first."""
    holder = profile.role.name if profile.role else "its role"
    return f"LimitExceeded: {exc.message} " + ONE_ROLE.format(role=holder)


def instanceprofile_create_view(request: HttpRequest) -> HttpResponse:
    """CreateInstanceProfile, with AddRoleToInstanceProfile when a role is named: both or
    neither."""
    caller_for(request).require(CreateInstanceProfile, _any_profile(request))
    account = caller_account(request)
    initial = {"role": request.GET.get("role", ""), "name": request.GET.get("name", "")}
    form = InstanceProfileCreateForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            caller = caller_for(request)
            operations = [CreateInstanceProfile(caller=caller, instance_profile_name=data["name"],
                                                path=data["path"])]
            if data["role"]:
                operations.append(AddRoleToInstanceProfile(
                    caller=caller, instance_profile_name=data["name"],
                    role_name=data["role"].strip()))
            try:
                profile = caller.run_all(operations)[-1]
            except IamError as exc:
                form_error(form, exc, {"role_name": "role", "": "role"})
                status = exc.status
            else:
                messages.success(request, f"Instance profile {profile.name} created.")
                return redirect("accounts:instanceprofile_detail", profile.name)
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
        **tags_section(request, INSTANCE_PROFILE_TAGS, profile),
        "can_delete": permits(request, DeleteInstanceProfile, profile.arn),
        "can_add": permits(request, AddRoleToInstanceProfile, profile.arn),
        "can_remove": permits(request, RemoveRoleFromInstanceProfile, profile.arn),
        "breadcrumbs": profiles_crumbs((profile.name, None)),
    }, status=status)


def instanceprofile_detail_view(request: HttpRequest, name: str) -> HttpResponse:
    """GetInstanceProfile: summary and its role."""
    return _render_detail(request, run(request, GetInstanceProfile, instance_profile_name=name))


def _add_role(request: HttpRequest, form: Any, field: str, *, instance_profile_name: str,
              role_name: str) -> tuple[InstanceProfile | None, int]:
    """AddRoleToInstanceProfile from a form: the profile, or None with the error beside
    `field` and the status to answer with."""
    addition = AddRoleToInstanceProfile(caller=caller_for(request), role_name=role_name,
                                        instance_profile_name=instance_profile_name)
    try:
        return addition.run(), 200
    except LimitExceeded as exc:
        form.add_error(field, _limit_message(exc, addition.entity))
        return None, exc.status
    except IamError as exc:
        form_error(form, exc, {"role_name": field, "instance_profile_name": field, "": field})
        return None, exc.status


@require_POST
def instanceprofile_add_role_view(request: HttpRequest, name: str) -> HttpResponse:
    """AddRoleToInstanceProfile; a second role is refused with LimitExceeded, shown beside it."""
    form = InstanceProfileRoleForm(request.POST)
    status = 400
    if form.is_valid():
        profile, status = _add_role(request, form, "role", instance_profile_name=name,
                                    role_name=form.cleaned_data["role"].strip())
        if profile is not None:
            messages.success(request, f"Role {profile.role.name} added to instance profile "
                                      f"{profile.name}.")
            return redirect("accounts:instanceprofile_detail", profile.name)
    profile = run(request, GetInstanceProfile, instance_profile_name=name)
    return _render_detail(request, profile, form, status=status)


@require_POST
def instanceprofile_remove_role_view(request: HttpRequest, name: str) -> HttpResponse:
    """RemoveRoleFromInstanceProfile (the role itself stays)."""
    profile = run(request, GetInstanceProfile, instance_profile_name=name)
    if profile.role is None:
        messages.info(request, f"Instance profile {profile.name} has no role.")
    else:
        role = profile.role
        run(request, RemoveRoleFromInstanceProfile, instance_profile_name=profile.name,
            role_name=role.name)
        messages.success(request, f"Role {role.name} removed from instance profile "
                                  f"{profile.name}.")
    return redirect("accounts:instanceprofile_detail", profile.name)


def _role_profiles_url(name: str) -> str:
    return reverse("accounts:role_detail", args=[name]) + "?tab=instance_profiles"


@require_POST
def role_instance_profile_add_view(request: HttpRequest, name: str) -> HttpResponse:
    """From a role's page: AddRoleToInstanceProfile for a profile named by the person."""
    form = InstanceProfileNameForm(request.POST)
    status = 400
    if form.is_valid():
        profile, status = _add_role(
            request, form, "instance_profile", role_name=name,
            instance_profile_name=form.cleaned_data["instance_profile"].strip())
        if profile is not None:
            messages.success(request, f"Role {profile.role.name} added to instance profile "
                                      f"{profile.name}.")
            return redirect(_role_profiles_url(profile.role.name))
    role = run(request, GetRole, role_name=name)
    return render_role_detail(request, role, "instance_profiles",
                              extra={"profile_form": form}, status=status)


@require_POST
def role_instance_profile_remove_view(request: HttpRequest, name: str) -> HttpResponse:
    """From a role's page: RemoveRoleFromInstanceProfile."""
    wanted = request.POST.get("instance_profile", "")
    removal = RemoveRoleFromInstanceProfile(caller=caller_for(request),
                                            instance_profile_name=wanted, role_name=name)
    try:
        removal.run()
    except NoSuchEntity:
        messages.error(request, f"Role {name} is not in instance profile {wanted}.")
    else:
        messages.success(request, f"Role {removal.role.name} removed from instance profile "
                                  f"{removal.entity.name}.")
    return redirect(_role_profiles_url(name))


_PROFILE = "instance-profiles/details/<str:name>/"
urlpatterns = [
    path("instance-profiles/", InstanceProfileListView.as_view(), name="instanceprofile_list"),
    path("instance-profiles/create/", instanceprofile_create_view,
         name="instanceprofile_create"),
    path(_PROFILE, instanceprofile_detail_view, name="instanceprofile_detail"),
    path(_PROFILE + "delete/", deletion.delete_view, {"kind": deletion.INSTANCE_PROFILE},
         name="instanceprofile_delete"),
    path(_PROFILE + "role/add/", instanceprofile_add_role_view, name="instanceprofile_add_role"),
    path(_PROFILE + "role/remove/", instanceprofile_remove_role_view,
         name="instanceprofile_remove_role"),
    path("roles/details/<str:name>/instance-profiles/add/", role_instance_profile_add_view,
         name="role_instance_profile_add"),
    path("roles/details/<str:name>/instance-profiles/remove/", role_instance_profile_remove_view,
         name="role_instance_profile_remove"),
]
