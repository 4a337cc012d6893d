"""Marking views that are public by design; every other view requires a signed-in principal."""

from collections.abc import Callable
from typing import TypeVar

V = TypeVar("V", bound=Callable[..., object])


def public_view(view: V) -> V:
    """Mark a view as reachable without signing in (sign-in page, health check)."""
    view.iam_public = True  # type: ignore[attr-defined]
    return view


def is_public_view(view: Callable[..., object]) -> bool:
    """True when the view (or the class behind an as_view() function) is marked public."""
    if getattr(view, "iam_public", False):
        return True
    view_class = getattr(view, "view_class", None) or getattr(view, "cls", None)
    return bool(getattr(view_class, "iam_public", False))
