"""The credential report page and its CSV download."""

from __future__ import annotations

import csv
import io

import pytest

from accounts.reports import COLUMNS
from accounts.services import user_create

pytestmark = pytest.mark.django_db


def test_the_page_previews_every_row_and_column(root_client, account, other_account):
    user_create(account=account, name="alice")
    user_create(account=other_account, name="stranger")
    html = root_client.get("/reports/credential-report/").content.decode()
    assert all(f"<code>{column}</code>" in html for column in COLUMNS)
    assert "&lt;root_account&gt;" in html and "alice" in html and "stranger" not in html
    assert 'href="/reports/credential-report/download/"' in html


def test_the_download_is_aws_csv_with_the_root_user_first(root_client, account):
    user_create(account=account, name="alice")
    response = root_client.get("/reports/credential-report/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="status_reports_')
    assert response["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == list(COLUMNS) and len(rows[0]) == 22
    assert rows[1][:2] == ["<root_account>", "arn:aws:iam::111111111111:root"]
    assert rows[2][:2] == ["alice", "arn:aws:iam::111111111111:user/alice"]


def test_the_report_is_read_only(root_client):
    assert root_client.post("/reports/credential-report/download/").status_code == 405
