"""Line and column of an offset: CRLF, LF and a bare CR each end a line."""

from __future__ import annotations

import pytest

from policies.engine import Position, parse_policy
from policies.engine.positions import LineIndex


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_every_line_end_starts_a_new_line(newline: str) -> None:
    """The first character after a line end is column 1 of the next line."""
    text = newline.join(["ab", "cde", "", "f"])
    index = LineIndex(text)
    width = len(newline)
    assert index.position(0) == Position(1, 1)
    assert index.position(1) == Position(1, 2)
    assert index.position(2) == Position(1, 3)  # the line end belongs to its line
    assert index.position(2 + width) == Position(2, 1)
    assert index.position(4 + width) == Position(2, 3)
    assert index.position(5 + 3 * width) == Position(4, 1)


def test_mixed_line_ends_count_once_each() -> None:
    """CRLF is one line end, not two; a CR before text and an LF alone are one each."""
    text = "a\r\nb\rc\nd"
    assert [LineIndex(text).position(text.index(c)) for c in "abcd"] == [
        Position(1, 1),
        Position(2, 1),
        Position(3, 1),
        Position(4, 1),
    ]


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_statement_positions_with_each_line_end(newline: str) -> None:
    """Statement spans land on the same lines and columns whatever the line end."""
    text = newline.join(
        [
            "{",
            '  "Statement": [',
            '    {"Effect": "Allow", "Action": "*", "Resource": "*"}',
            "  ]",
            "}",
        ]
    )
    (statement,) = parse_policy(text).statements
    assert (statement.start, statement.end) == (Position(3, 5), Position(3, 55))
