"""The demo account holds one deliberate escalation path for the class to find."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from accounts.models import Account
from policies.analysis import analyse, load_account

pytestmark = pytest.mark.django_db


def test_the_demo_has_one_escalation_path_frank_new_policy_version(tmp_path, monkeypatch):
    monkeypatch.setenv("DEMO_CREDENTIALS_FILE", str(tmp_path / "demo-credentials.json"))
    call_command("load_demo")
    report = analyse(load_account(Account.objects.get(account_id="123456789012")))
    assert [(f.name, f.techniques) for f in report.findings] == [
        ("frank", ["iam:CreatePolicyVersion"])]
    step = report.findings[0].steps[0]
    assert [(g.policy, g.sid) for g in step.grants] == [("DeveloperTools", "IterateOnOwnTools")]
    assert "arn:aws:iam::123456789012:user/alice" in report.admins
