"""The credential report: every identity's credentials, previewed and downloaded as CSV."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_safe

from ..reports import (
    COLUMNS,
    credential_report_csv,
    credential_report_filename,
    credential_report_rows,
)
from .support import allow, caller_account


def _authorize(request: HttpRequest) -> None:
    # Generating and reading the report are two operations in AWS; the page does both.
    allow(request, "iam:GenerateCredentialReport")
    allow(request, "iam:GetCredentialReport")


@require_safe
def credential_report_view(request: HttpRequest) -> HttpResponse:
    """The report's rows in a table, with the button that downloads the CSV."""
    _authorize(request)
    account = caller_account(request)
    rows = credential_report_rows(account)
    return render(request, "accounts/credential_report.html", {
        "columns": COLUMNS,
        "rows": [[row[column] for column in COLUMNS] for row in rows],
        "generated_at": timezone.now(),
        "account": account,
    })


@require_safe
def credential_report_download_view(request: HttpRequest) -> HttpResponse:
    """GetCredentialReport: the CSV, generated now, root user first."""
    _authorize(request)
    account = caller_account(request)
    response = HttpResponse(credential_report_csv(account), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{credential_report_filename()}"'
    )
    response["Cache-Control"] = "no-store"
    return response


urlpatterns = [
    path("reports/credential-report/", credential_report_view, name="credential_report"),
    path("reports/credential-report/download/", credential_report_download_view,
         name="credential_report_download"),
]
