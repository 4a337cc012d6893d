"""Checks over every template of the project."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

_OPEN_COMMENT = re.compile(r"\{#(?!.*?#\})")


def _templates() -> list[Path]:
    roots = [Path(directory) for directory in settings.TEMPLATES[0]["DIRS"]]
    return sorted(path for root in roots for path in root.rglob("*.html"))


def test_short_comments_close_on_their_line():
    """Django's {# #} comment is one line long: one spread over lines is shown on the page."""
    assert _templates()
    unclosed = [
        f"{path.name}:{number}"
        for path in _templates()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if _OPEN_COMMENT.search(line)
    ]
    assert unclosed == [], "use {% comment %} ... {% endcomment %} for these"
