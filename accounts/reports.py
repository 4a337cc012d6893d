"""Reports of an account: the credential report in AWS's exact 22-column CSV format.

The stable entry points for the console and the API. The rows are built by
`accounts.credential_report` (root user first, then IAM users by name, in a bounded number
of queries); `credential_report_filename` names the download as AWS's console does.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.utils import timezone

from .credential_report import (
    COLUMNS,
    NA,
    NO_INFORMATION,
    NOT_SUPPORTED,
    credential_report_csv,
    credential_report_rows,
)

__all__ = [
    "COLUMNS",
    "NA",
    "NO_INFORMATION",
    "NOT_SUPPORTED",
    "credential_report_csv",
    "credential_report_filename",
    "credential_report_rows",
]


def credential_report_filename(*, now: datetime | None = None) -> str:
    """`status_reports_<date>T<time>.csv`, the name AWS's console gives the download."""
    moment = (now or timezone.now()).astimezone(UTC)
    return f"status_reports_{moment:%Y-%m-%dT%H_%M_%S}+00_00.csv"
