"""API pagination in IAM's style: limit and an opaque marker."""

from rest_framework.pagination import CursorPagination


class MarkerPagination(CursorPagination):
    """IAM-style pagination: ?limit= (1-1000, default 100) and an opaque ?marker=.

    Cursor-based, so pages stay stable while rows are inserted concurrently.
    """

    cursor_query_param = "marker"
    page_size = 100
    page_size_query_param = "limit"
    max_page_size = 1000
    ordering = ("name", "pk")
