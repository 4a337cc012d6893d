"""Generic console views: one list view that filters, sorts and paginates, page or htmx fragment."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db.models import F, Model, QuerySet
from django.db.models.expressions import OrderBy
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import View

from .htmx import is_htmx_partial
from .operations import Operation, caller_for

PAGE_SIZES = (10, 25, 50, 100)
_NOT_FILTERS = {"page", "sort", "per_page"}


def _may_be_null(model: type[Model], field: str) -> bool:
    """Whether rows may lack a value for `field`: a nullable column, a column reached through a
    relation (the row may have none), or an annotation (a date of something the row may lack).
    A NOT NULL column keeps a plain ordering, which its index can serve."""
    if "__" in field:
        return True
    try:
        return bool(model._meta.get_field(field).null)
    except FieldDoesNotExist:
        return True


@dataclass(frozen=True)
class ListPage:
    """What a list page says and links to (one page template and one table frame serve every
    list; each kind's table partial adds only its columns and cells)."""

    title: str  # "User groups"
    description: str
    noun: str  # "group": "Create group", "Select every group on this page"
    plural: str  # "groups": the bulk form's id, "Find groups by name"
    urls: str  # "accounts:group": its `_list`, `_create` and (with bulk_delete) `_bulk_delete`
    empty_text: str
    columns: int  # how many cells a row has, the checkbox's included
    bulk_delete: bool = True
    plural_label: str = ""  # "instance profiles", when it is not `plural`
    search_label: str = ""  # when it is not "Find <plural> by name"

    def __post_init__(self) -> None:
        if not self.plural_label:
            object.__setattr__(self, "plural_label", self.plural)
        if not self.search_label:
            object.__setattr__(self, "search_label", f"Find {self.plural} by name")

    @property
    def list_url(self) -> str:
        return f"{self.urls}_list"

    @property
    def create_url(self) -> str:
        return f"{self.urls}_create"

    @property
    def bulk_delete_url(self) -> str | None:
        return f"{self.urls}_bulk_delete" if self.bulk_delete else None

    @property
    def create_label(self) -> str:
        return f"Create {self.noun}"

    @property
    def empty_title(self) -> str:
        return f"No {self.title.lower()}"


class ConsoleListView(View):
    """A list page: search, filters (a django-filter FilterSet), sorting and pagination.

    Subclasses set `template_name` (the page), `partial_template_name` (the table fragment
    that htmx swaps in while the person types), `filterset_class`, `ordering_fields`
    (URL value -> ORM ordering; "-field" for a column that ascends as the field descends,
    such as an age shown from a date), `operation` (the List* operation) and implement
    `get_queryset()`.
    With `quota_setting` (the name of a setting such as IAM_QUOTA_USERS) the page also shows
    how many of the account's rows count against that quota ("quota_used" of "quota").
    """

    template_name: ClassVar[str] = "console/list_page.html"
    partial_template_name: ClassVar[str]
    page: ClassVar[ListPage | None] = None
    filterset_class: ClassVar[Any]
    ordering_fields: ClassVar[dict[str, str]] = {"name": "name"}
    default_ordering: ClassVar[str] = "name"
    default_page_size: ClassVar[int] = 25
    quota_setting: ClassVar[str | None] = None
    # The filters the page shows beside its search box (`q`); the FilterSet, shared with the
    # API, may hold more (AWS's parameter names) that the URL still accepts.
    filter_controls: ClassVar[tuple[str, ...]] = ("path_prefix",)

    # The list operation (ListUsers...): it authorizes the page and gives its rows, which
    # `get_queryset` shapes for the table.
    operation: ClassVar[type[Operation]]

    def get_queryset(self) -> QuerySet[Any]:
        """The rows of the caller's account (`self.rows`, the operation's output), with what
        the table shows prefetched."""
        raise NotImplementedError

    def get_extra_context(self) -> dict[str, Any]:
        """Anything else the page shows (counts against quotas, buttons...)."""
        return {}

    def quota_context(self, total: int, is_filtered: bool) -> dict[str, Any]:
        """The account's rows against the quota; unfiltered, that is the total already counted."""
        if self.quota_setting is None:
            return {}
        used = self.get_queryset().count() if is_filtered else total
        return {"quota_used": used, "quota": getattr(settings, self.quota_setting)}

    def ordering(self) -> tuple[str, str | OrderBy]:
        """The (URL value, ORM ordering) chosen by ?sort=, falling back to the default.

        Rows without a value (no access key, no role) come last whichever way the column is
        sorted, as on PostgreSQL and SQLite alike (their defaults differ).
        """
        requested = self.request.GET.get("sort", self.default_ordering)
        key = requested.lstrip("-")
        if key not in self.ordering_fields:
            requested, key = self.default_ordering, self.default_ordering.lstrip("-")
        field = self.ordering_fields[key]
        descending = requested.startswith("-")
        if field.startswith("-"):  # an age column: the youngest has the latest date
            field, descending = field[1:], not descending
        if _may_be_null(self.filterset_class._meta.model, field):
            expression = F(field)
            return requested, (expression.desc(nulls_last=True) if descending
                               else expression.asc(nulls_last=True))
        return requested, ("-" + field if descending else field)

    def page_size(self) -> int:
        try:
            size = int(self.request.GET.get("per_page", self.default_page_size))
        except ValueError:
            return self.default_page_size
        return size if size in PAGE_SIZES else self.default_page_size

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.rows = caller_for(request).run(self.operation)
        filterset = self.filterset_class(request.GET or None, queryset=self.get_queryset())
        sort, order_by = self.ordering()
        rows = filterset.qs.order_by(order_by, "pk")
        paginator = Paginator(rows, self.page_size())
        page = paginator.get_page(request.GET.get("page"))
        is_filtered = any(
            value for key, value in request.GET.items() if key not in _NOT_FILTERS
        )
        context = {
            "filterset": filterset,
            "page_obj": page,
            "rows": page.object_list,
            "total": paginator.count,
            "sort": sort,
            "page_sizes": PAGE_SIZES,
            "per_page": paginator.per_page,
            "is_filtered": is_filtered,
            "filter_controls": self.filter_controls,
            "page": self.page,
            "table_template": self.partial_template_name,
            **self.quota_context(paginator.count, is_filtered),
            **self.get_extra_context(),
        }
        template = self.partial_template_name if is_htmx_partial(request) else self.template_name
        return render(request, template, context)
