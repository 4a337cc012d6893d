"""Tags in the console, one behaviour for every taggable kind: the Tags tab of a user, role,
instance profile or managed policy, and its "Manage tags" page (edit every row, add and
remove rows, save the set at once).

Saving runs the kind's Untag* for the keys removed and Tag* for the tags added or changed,
all or nothing (`caller.run_all`); an error shows beside the rows with its status.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views import View

from iamconsole.exceptions import AccessDenied, IamError
from iamconsole.operations import caller_for
from policies.authorization import Decision

from ..forms_fields import tag_rows
from ..forms_users import TagsForm
from ..kinds import INSTANCE_PROFILE, ROLE, USER, Kind
from ..operations.tags import tag_changes, tag_operations
from .support import edit_tag_rows, form_error, permits, quiet, run

AWS_MANAGED = "AWS managed policies cannot be tagged."


@dataclass(frozen=True)
class TagPages:
    """Where the console shows one taggable kind: its list, its page and that page's tab."""

    kind: Kind
    list_label: str  # the breadcrumb of the list: "Users"
    list_url: str  # URL names: "accounts:iamuser_list"
    detail_url: str
    tags_url: str  # the Manage tags page
    tab: str | None = "tags"  # the detail page's tab showing the tags (None: no tabs)
    url_kwarg: str = "name"  # the URLs name the resource by "name" (or "arn")

    def identifier(self, entity: Any) -> str:
        """What the operations and the URLs name the resource by: its name or its ARN."""
        return self.kind.arn_of(entity) if self.kind.named_by_arn else entity.name

    def _reverse(self, url_name: str, entity: Any) -> str:
        return reverse(url_name, kwargs={self.url_kwarg: self.identifier(entity)})

    def page_url(self, entity: Any) -> str:
        """The resource's page, on its Tags tab."""
        url = self._reverse(self.detail_url, entity)
        return f"{url}?tab={self.tab}" if self.tab else url

    def manage_url(self, entity: Any) -> str:
        """The resource's Manage tags page."""
        return self._reverse(self.tags_url, entity)


USER_TAGS = TagPages(USER, "Users", "accounts:iamuser_list", "accounts:iamuser_detail",
                     "accounts:iamuser_tags")
ROLE_TAGS = TagPages(ROLE, "Roles", "accounts:role_list", "accounts:role_detail",
                     "accounts:role_tags")
INSTANCE_PROFILE_TAGS = TagPages(
    INSTANCE_PROFILE, "Instance profiles", "accounts:instanceprofile_list",
    "accounts:instanceprofile_detail", "accounts:instanceprofile_tags", tab=None,
)


def tags_tab(request: HttpRequest, pages: TagPages, entity: Any) -> dict[str, Any]:
    """The Tags tab's context (List*Tags): the tags by key, and the Manage tags button,
    disabled with AWS's denial (or because AWS-managed policies cannot be tagged)."""
    operations = tag_operations(pages.kind)
    tags = run(request, operations.list, **{pages.kind.name_field: pages.identifier(entity)})
    untaggable = AWS_MANAGED if getattr(entity, "is_aws_managed", False) else ""
    can_tag = (Decision(False, "implicitDeny", untaggable) if untaggable
               else permits(request, operations.tag, pages.kind.arn_of(entity)))
    return {
        "tags": sorted(tags.items(), key=lambda kv: kv[0].lower()),
        "tagged_label": pages.kind.label,
        "manage_tags_url": pages.manage_url(entity),
        "can_tag": can_tag,
        "untaggable": untaggable,
    }


def tags_section(request: HttpRequest, pages: TagPages, entity: Any) -> dict[str, Any]:
    """The tags of a page without tabs (an instance profile's): as the tab's, or the denial
    in their place when the caller may not list them (the rest of the page still shows)."""
    try:
        return tags_tab(request, pages, entity)
    except AccessDenied as exc:
        return {"tags_denied": exc.message}


class ManageTagsView(View):
    """List*Tags, then Tag* / Untag* through one page, as AWS's "Manage tags"."""

    pages: TagPages = USER_TAGS  # as_view(pages=...) chooses the kind
    http_method_names = ["get", "post"]

    def identifier(self) -> str:
        """The resource the URL names (a name, or an ARN)."""
        return self.kwargs[self.pages.url_kwarg]

    def get(self, request: HttpRequest, **kwargs: str) -> HttpResponse:
        return self.respond(request)

    def post(self, request: HttpRequest, **kwargs: str) -> HttpResponse:
        return self.respond(request)

    def respond(self, request: HttpRequest) -> HttpResponse:
        caller, kind = caller_for(request), self.pages.kind
        identifier = self.identifier()
        listing = tag_operations(kind).list(caller=caller, **{kind.name_field: identifier})
        current = listing.run()
        entity = listing.entity
        nav = request.POST.get("nav", "save")
        if request.method == "POST" and nav != "save":
            form = quiet(TagsForm(edit_tag_rows(request.POST, nav)))
        else:
            form = TagsForm(request.POST or None, initial={"tags": current})
        status = 200
        if request.method == "POST" and nav == "save":
            status = 400
            if form.is_valid():
                try:
                    caller.run_all(tag_changes(caller, kind, identifier, current,
                                               form.cleaned_data["tags"]))
                except IamError as exc:
                    form_error(form, exc, {"tag_keys": "tags"})
                    status = exc.status
                else:
                    messages.success(request, f"Tags of {entity.name} saved.")
                    return redirect(self.pages.page_url(entity))
        return render(request, "accounts/entity_tags.html", {
            "entity": entity,
            "form": form,
            "rows": tag_rows(form, blank_rows=0 if form.is_bound else 1),
            "cancel_url": self.pages.page_url(entity),
            "nav_section": self.pages.list_url,
            "breadcrumbs": [(self.pages.list_label, reverse(self.pages.list_url)),
                            (entity.name, self.pages.page_url(entity)),
                            ("Manage tags", None)],
        }, status=status)


urlpatterns = [
    path("users/details/<str:name>/tags/", ManageTagsView.as_view(pages=USER_TAGS),
         name="iamuser_tags"),
    path("roles/details/<str:name>/tags/", ManageTagsView.as_view(pages=ROLE_TAGS),
         name="role_tags"),
    path("instance-profiles/details/<str:name>/tags/",
         ManageTagsView.as_view(pages=INSTANCE_PROFILE_TAGS), name="instanceprofile_tags"),
]
