"""API pagination in IAM's style: ?limit= and an opaque, signed ?marker=."""

from __future__ import annotations

from typing import Any

from django.core import signing
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.response import Response

_MARKER_SALT = "iamconsole.api.marker"
_LIST_SALT = "iamconsole.api.list-marker"
LIMIT_MAX = 1000


class MarkerPagination(CursorPagination):
    """IAM-style pagination: ?limit= (1-1000, default 100) and an opaque ?marker=.

    Cursor-based (the position of the last row, not an offset), so pages stay stable while
    rows are inserted concurrently. Markers are signed: a forged or edited marker, or one used
    with another ordering, is refused with InvalidInput instead of reaching the database.
    The body is {"results": [...], "is_truncated": bool, "marker": str | null}.
    """

    cursor_query_param = "marker"
    cursor_query_description = "The `marker` of the previous page, to fetch the next one."
    page_size = 100
    page_size_query_param = "limit"
    page_size_query_description = "How many items to return (1-1000, default 100)."
    max_page_size = LIMIT_MAX
    ordering: tuple[str, ...] = ("name", "pk")
    # Sub-collections paginate with a fixed ordering and ignore ?ordering=.
    use_view_ordering = True
    template = None

    def __init__(self, ordering: tuple[str, ...] | None = None, *, use_view_ordering: bool = True):
        if ordering is not None:
            self.ordering = ordering
        self.use_view_ordering = use_view_ordering

    def get_page_size(self, request: Any) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            value = int(raw)
        except ValueError:
            value = 0
        if not 1 <= value <= self.max_page_size:
            raise ValidationError({"limit": [f"limit is a number from 1 to {LIMIT_MAX}."]})
        return value

    def get_ordering(self, request: Any, queryset: Any, view: Any) -> tuple[str, ...]:
        if not self.use_view_ordering:
            return tuple(self.ordering)
        ordering = tuple(super().get_ordering(request, queryset, view))
        if len(ordering) == 1 and ordering[0].lstrip("-") != "pk":
            # Rows with equal values keep one order across pages.
            ordering += ("-pk" if ordering[0].startswith("-") else "pk",)
        return ordering

    def decode_cursor(self, request: Any) -> Cursor | None:
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is None:
            return None
        try:
            data = signing.loads(encoded, salt=_MARKER_SALT)
            offset, reverse, position, ordering = data
            if not isinstance(offset, int) or not 0 <= offset <= self.offset_cutoff:
                raise ValueError(offset)
            if list(ordering) != list(self.ordering):
                raise ValueError(ordering)
        except (signing.BadSignature, TypeError, ValueError) as exc:
            raise ValidationError(
                {"marker": ["The marker is not valid for this list; start again without it."]}
            ) from exc
        return Cursor(offset=offset, reverse=bool(reverse), position=position)

    def encode_cursor(self, cursor: Cursor) -> str:
        return signing.dumps(
            [cursor.offset, int(cursor.reverse), cursor.position, list(self.ordering)],
            salt=_MARKER_SALT,
            compress=True,
        )

    def get_paginated_response(self, data: Any) -> Response:
        marker = self.get_next_link()
        return Response({"results": data, "is_truncated": marker is not None, "marker": marker})

    def get_paginated_response_schema(self, schema: Any) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["results", "is_truncated", "marker"],
            "properties": {
                "results": schema,
                "is_truncated": {
                    "type": "boolean",
                    "description": "True when more items follow; fetch them with `marker`.",
                    "example": False,
                },
                "marker": {
                    "type": "string",
                    "nullable": True,
                    "description": "Pass as ?marker= to get the next page (null on the last).",
                    "example": None,
                },
            },
        }

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": self.page_size_query_description,
                "schema": {"type": "integer", "minimum": 1, "maximum": LIMIT_MAX},
            },
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": self.cursor_query_description,
                "schema": {"type": "string"},
            },
        ]


class ListPagination(MarkerPagination):
    """The same ?limit=, ?marker= and page body over a list an operation returned whole (AWS
    Organizations' lists): the marker is the signed position after the page, bound to the
    list's path, so a forged marker or one of another list is refused with InvalidInput."""

    def paginate_list(self, items: list[Any], request: Any) -> list[Any]:
        """The page of `items` the request asks for; remembers the next marker."""
        self.request = request
        limit = self.get_page_size(request)
        start = 0
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is not None:
            try:
                path, start = signing.loads(encoded, salt=_LIST_SALT)
                if path != request.path or not isinstance(start, int) or start < 0:
                    raise ValueError(start)
            except (signing.BadSignature, TypeError, ValueError) as exc:
                raise ValidationError({"marker": [
                    "The marker is not valid for this list; start again without it."]}) from exc
        end = start + limit
        self.next_marker = (signing.dumps([request.path, end], salt=_LIST_SALT)
                            if end < len(items) else None)
        return items[start:end]

    def get_next_link(self) -> str | None:
        return self.next_marker

