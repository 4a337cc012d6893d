"""Managing a user's tags: edit every row, add and remove rows, save the set at once."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path

from iamconsole.exceptions import IamError

from ...forms_fields import tag_rows
from ...forms_users import TagsForm
from ...services.tag_sets import tags_replace
from ..kinds import USER
from ..support import allow, edit_tag_rows, form_error, quiet, tag_context


def iamuser_tags_view(request: HttpRequest, name: str) -> HttpResponse:
    """TagUser / UntagUser through one page, as AWS's "Manage tags"."""
    user = USER.authorized(request, name, "iam:ListUserTags")
    nav = request.POST.get("nav", "save")
    if request.method == "POST" and nav != "save":
        form = quiet(TagsForm(edit_tag_rows(request.POST, nav)))
    else:
        form = TagsForm(request.POST or None, initial={"tags": dict(user.tags)})
    if request.method == "POST" and nav == "save" and form.is_valid():
        tags = form.cleaned_data["tags"]
        removed = [k for k in user.tags if k.lower() not in {t.lower() for t in tags}]
        if removed:
            allow(request, "iam:UntagUser", user.arn, {"aws:TagKeys": removed})
        if tags:
            allow(request, "iam:TagUser", user.arn, tag_context(tags))
        try:
            tags_replace(resource=user, tags=tags)
        except IamError as exc:
            form_error(form, exc)
        else:
            messages.success(request, f"Tags of {user.name} saved.")
            return redirect(USER.detail_url(user.name, "tags"))
    rows = tag_rows(form, blank_rows=0 if form.is_bound else 1)
    return render(request, "accounts/iamuser_tags.html", {
        "iamuser": user, "form": form, "rows": rows,
        "breadcrumbs": [("Users", USER.list_url()), (user.name, USER.detail_url(user.name, "tags")),
                        ("Manage tags", None)],
    }, status=400 if form.is_bound and form.errors else 200)


urlpatterns = [
    path("users/details/<str:name>/tags/", iamuser_tags_view, name="iamuser_tags"),
]
