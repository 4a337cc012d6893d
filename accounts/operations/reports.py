"""The credential report: generate it, then get it (AWS's 22-column CSV, root user first)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import timezone

from iamconsole.exceptions import ReportNotPresent
from iamconsole.operations import Operation, register

from ..models import Account
from ..reports import credential_report_csv, credential_report_filename, credential_report_rows
from ..services import credential_report_generate


@dataclass(frozen=True)
class CredentialReport:
    """GetCredentialReport's output: the rows, and their CSV as AWS's Content."""

    account: Account
    rows: list[dict[str, Any]]
    generated_time: datetime = field(default_factory=timezone.now)
    report_format = "text/csv"

    @property
    def content(self) -> str:
        """The report as CSV text with AWS's header line."""
        return credential_report_csv(self.account, rows=self.rows)

    @property
    def filename(self) -> str:
        """The name AWS's console gives the download."""
        return credential_report_filename(now=self.generated_time)


@register
@dataclass(kw_only=True, eq=False)
class GenerateCredentialReport(Operation):
    """GenerateCredentialReport: as AWS, STARTED when a new report starts (none yet, or the
    last one is four hours old), else COMPLETE; its rows are read on each
    GetCredentialReport, so it is always complete to read."""

    def perform(self) -> dict[str, str]:
        if credential_report_generate(account=self.caller.account):
            return {"state": "STARTED", "description": "No report exists. Starting a new "
                    "report generation task"}
        return {"state": "COMPLETE", "description": "The report is generated on each download."}


@register
@dataclass(kw_only=True, eq=False)
class GetCredentialReport(Operation):
    """GetCredentialReport: every identity's credentials, as of now. With `generated_only`
    (AWS's API), an account that never ran GenerateCredentialReport has no report to get
    (ReportNotPresent); the console and the REST API generate it as they download it."""

    read_only = True
    generated_only: bool = False

    def perform(self) -> CredentialReport:
        account = self.caller.account
        if self.generated_only and account.credential_report_generated_at is None:
            raise ReportNotPresent("The credential report does not exist. To generate a "
                                   "credential report, use GenerateCredentialReport.")
        return CredentialReport(account, credential_report_rows(account))
