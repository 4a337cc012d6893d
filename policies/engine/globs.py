"""IAM's wildcards (`*` any run of characters, `?` exactly one) as regular expressions that
match in linear time.

A glob such as `*a*a*a*b` translated naively (`.*a.*a.*a.*b`) backtracks: each `.*` retries
every length when a later part fails, and the work grows as the value's length to the power
of the number of stars (two minutes for eight stars on a 64-character ARN). Here every
star but the last becomes an atomic lazy group, `(?>.*?a)`: it takes the leftmost place
where the text after it matches and never retries. That is the classical greedy glob
algorithm, correct because the text between stars has a fixed length, and it keeps the
match within O(len(pattern) x len(value)). The last star stays greedy, so the tail is
anchored at the end of the value.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import TypeVar

P = TypeVar("P")


class Star:
    """The place of a `*` among a glob's pieces."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "STAR"


STAR = Star()


def linear(items: Sequence[P | Star], star: str) -> list[P | str]:
    """Regex pieces for a glob given as pieces and STAR markers, with `star` the regex of one
    star (`.*`, or `[^:]*` within an ARN field): every star but the last atomic and lazy."""
    segments: list[list[P]] = [[]]
    for item in items:
        if isinstance(item, Star):
            if len(segments) == 1 or segments[-1]:
                segments.append([])  # consecutive stars are one star
        else:
            segments[-1].append(item)
    pieces: list[P | str] = list(segments[0])
    if len(segments) == 1:
        return pieces
    for middle in segments[1:-1]:
        pieces.append(f"(?>{star}?")
        pieces.extend(middle)
        pieces.append(")")
    pieces.append(star)
    pieces.extend(segments[-1])
    return pieces


def glob_source(pattern: str, *, star: str = ".*", one: str = ".") -> str:
    """The regex source of a glob (`*` and `?` wildcards, everything else literal)."""
    items: list[str | Star] = [
        STAR if char == "*" else one if char == "?" else re.escape(char) for char in pattern
    ]
    return "".join(linear(items, star))


@functools.lru_cache(maxsize=4096)
def glob_regex(pattern: str, ignore_case: bool = True) -> re.Pattern[str]:
    """A compiled glob, matched with `fullmatch` (cached by pattern)."""
    flags = re.DOTALL | (re.IGNORECASE if ignore_case else 0)
    return re.compile(glob_source(pattern), flags)


def glob_matches(pattern: str, value: str, ignore_case: bool = True) -> bool:
    """True when `value` matches the whole glob `pattern`."""
    return glob_regex(pattern, ignore_case).fullmatch(value) is not None
