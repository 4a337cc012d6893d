"""Side-by-side, line-based comparison of two policy versions (difflib, server-side)."""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass

from iamconsole import jsontext


@dataclass(frozen=True)
class DiffCell:
    """One side of a row: its line number (None on a filler cell), text and kind.

    `kind` is "equal", "removed" (left only), "added" (right only) or "empty" (filler).
    """

    number: int | None
    text: str
    kind: str


@dataclass(frozen=True)
class DiffRow:
    """A row of the side-by-side view: the left (older) and right (newer) cells."""

    left: DiffCell
    right: DiffCell

    @property
    def changed(self) -> bool:
        return self.left.kind != "equal"


@dataclass(frozen=True)
class VersionDiff:
    """The rows, with counts of removed and added lines."""

    rows: tuple[DiffRow, ...]
    removed: int
    added: int

    @property
    def identical(self) -> bool:
        return not self.removed and not self.added

    @property
    def first_change(self) -> int | None:
        """The index of the first changed row, where the page opens the comparison."""
        return next((i for i, row in enumerate(self.rows) if row.changed), None)


def formatted(text: str) -> str:
    """The document re-indented with four spaces (keys in their order), or the text as is.

    Versions imported from AWS are often minified or oddly indented; comparing them formatted
    shows what changed rather than how it was typed.
    """
    try:
        return json.dumps(jsontext.loads(text), indent=4, ensure_ascii=False)
    except ValueError:
        return text


_EMPTY = DiffCell(None, "", "empty")


def side_by_side(left: str, right: str) -> VersionDiff:
    """Compare two texts line by line; changed blocks are paired row by row."""
    a, b = left.splitlines(), right.splitlines()
    rows: list[DiffRow] = []
    removed = added = 0
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [
                DiffRow(DiffCell(i + 1, a[i], "equal"), DiffCell(j + 1, b[j], "equal"))
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            ]
            continue
        removed += i2 - i1
        added += j2 - j1
        for offset in range(max(i2 - i1, j2 - j1)):
            i, j = i1 + offset, j1 + offset
            rows.append(
                DiffRow(
                    DiffCell(i + 1, a[i], "removed") if i < i2 else _EMPTY,
                    DiffCell(j + 1, b[j], "added") if j < j2 else _EMPTY,
                )
            )
    return VersionDiff(tuple(rows), removed, added)
