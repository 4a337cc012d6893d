"""The credential report: every identity's credentials, previewed and downloaded as CSV."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_safe

from ..operations.reports import (
    CredentialReport,
    GenerateCredentialReport,
    GetCredentialReport,
)
from ..reports import COLUMNS
from .support import caller_account, caller_for


def _report(request: HttpRequest) -> CredentialReport:
    # Generating and reading the report are two operations in AWS; the page does both, or
    # neither (a caller who may not read it generates nothing).
    caller = caller_for(request)
    _, report = caller.run_all([GenerateCredentialReport(caller=caller),
                                GetCredentialReport(caller=caller)])
    return report


@require_safe
def credential_report_view(request: HttpRequest) -> HttpResponse:
    """The report's rows in a table, with the button that downloads the CSV."""
    report = _report(request)
    return render(request, "accounts/credential_report.html", {
        "columns": COLUMNS,
        "rows": [[row[column] for column in COLUMNS] for row in report.rows],
        "generated_at": report.generated_time,
        "account": caller_account(request),
    })


@require_safe
def credential_report_download_view(request: HttpRequest) -> HttpResponse:
    """GetCredentialReport: the CSV, generated now, root user first."""
    report = _report(request)
    response = HttpResponse(report.content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{report.filename}"'
    response["Cache-Control"] = "no-store"
    return response


urlpatterns = [
    path("reports/credential-report/", credential_report_view, name="credential_report"),
    path("reports/credential-report/download/", credential_report_download_view,
         name="credential_report_download"),
]
