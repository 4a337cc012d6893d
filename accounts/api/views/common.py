"""Pieces shared by the accounts API views."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter

WITH_DEPENDENTS = OpenApiParameter(
    "with_dependents", bool, OpenApiParameter.QUERY, required=False,
    description="Also remove what blocks the delete (as the console's delete does); without it "
                "a delete with dependents fails with 409 DeleteConflict listing them.",
)
