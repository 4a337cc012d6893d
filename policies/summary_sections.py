"""The summary's sections as a page shows them: the first services, the rest on demand."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from .summary import PolicySummary, ServiceSummary

FIRST_ROWS = 25  # services of each section in the page itself (ReadOnlyAccess allows 300+)
MORE_ROWS = 100  # services each "Show more" loads


@dataclass(frozen=True)
class SummarySection:
    """The Allow or Deny services shown now, and how to load the next ones."""

    effect: str
    rows: tuple[ServiceSummary, ...]
    matching: int  # services of the section that the filter keeps
    total: int  # services of the section
    offset: int
    more_query: str  # the query string of the next rows' request, "" when all are shown
    query: str

    @property
    def not_shown(self) -> int:
        return self.matching - self.offset - len(self.rows)

    @property
    def next_count(self) -> int:
        return min(MORE_ROWS, self.not_shown)


def _matches(row: ServiceSummary, query: str) -> bool:
    return query in row.name.lower() or query in row.prefix


def summary_section(
    summary: PolicySummary, effect: str, *, query: str = "", offset: int = 0,
    limit: int = FIRST_ROWS, params: Mapping[str, str] | None = None,
) -> SummarySection:
    """One section's rows from `offset`, filtered by service name or prefix; `params` are the
    request parameters that name the document (its version) in the next rows' request."""
    every = summary.deny if effect == "Deny" else summary.allow
    query = query.strip().lower()
    rows = [row for row in every if _matches(row, query)] if query else list(every)
    offset = max(0, min(offset, len(rows)))
    shown = tuple(rows[offset:offset + limit])
    end = offset + len(shown)
    more = urlencode({**(params or {}), "effect": effect, "offset": end, "q": query})
    return SummarySection(effect, shown, len(rows), len(every), offset,
                          more if end < len(rows) else "", query)


def summary_sections(
    summary: PolicySummary, *, query: str = "", params: Mapping[str, str] | None = None,
) -> list[SummarySection]:
    """The Deny then the Allow section, each with its first rows."""
    return [summary_section(summary, effect, query=query, params=params)
            for effect in ("Deny", "Allow")]
