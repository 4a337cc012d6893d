"""A role's tags: add or change one (TagRole), remove one (UntagRole)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from iamconsole.exceptions import IamError

from ...forms_roles import TagForm
from ...services import tag_resource, untag_resource
from ._common import allow, form_error, role_for, tag_context
from .detail import render_role_detail


def _tags_url(name: str) -> str:
    return reverse("accounts:role_detail", args=[name]) + "?tab=tags"


@require_POST
def role_tag_view(request: HttpRequest, name: str) -> HttpResponse:
    """Add a tag or change its value; a rejected tag comes back beside the form, as typed."""
    role = role_for(request, name, "iam:ListRoleTags")
    form = TagForm(request.POST)
    if form.is_valid():
        key, value = form.cleaned_data["key"].strip(), form.cleaned_data["value"].strip()
        allow(request, "iam:TagRole", role.arn, tag_context({key: value}))
        try:
            tag_resource(resource=role, tags={key: value})
        except IamError as exc:
            form_error(form, exc, {"tags": "key"})
        else:
            messages.success(request, f"Tag {key} saved on role {role.name}.")
            return redirect(_tags_url(role.name))
    return render_role_detail(request, role, "tags", extra={"tag_form": form}, status=400)


@require_POST
def role_untag_view(request: HttpRequest, name: str) -> HttpResponse:
    """Remove one tag by key."""
    key = request.POST.get("key", "")
    role = role_for(request, name, "iam:UntagRole", **{"aws:TagKeys": [key]})
    untag_resource(resource=role, keys=[key])
    messages.success(request, f"Tag {key} removed from role {role.name}.")
    return redirect(_tags_url(role.name))


urlpatterns = [
    path("roles/details/<str:name>/tags/", role_tag_view, name="role_tag"),
    path("roles/details/<str:name>/tags/remove/", role_untag_view, name="role_untag"),
]
