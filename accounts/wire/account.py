"""Wire actions on the account: its alias, password policy, summary and credential report."""

from __future__ import annotations

from typing import Any

from iamconsole.wire import WireCall, action, forward
from iamconsole.wire.pagination import page

from ..authorization_details.credentials import PASSWORD_POLICY_FIELDS
from ..operations.account import (
    CreateAccountAlias,
    DeleteAccountAlias,
    DeleteAccountPasswordPolicy,
    GetAccountPasswordPolicy,
    GetAccountSummary,
    ListAccountAliases,
    UpdateAccountPasswordPolicy,
)
from ..operations.reports import GenerateCredentialReport, GetCredentialReport
from . import shapes

forward("CreateAccountAlias", CreateAccountAlias, account_alias="AccountAlias")
forward("DeleteAccountAlias", DeleteAccountAlias, account_alias="AccountAlias")


@action("ListAccountAliases")
def list_account_aliases(call: WireCall) -> dict[str, Any]:
    return page(call, call.run(ListAccountAliases), "AccountAliases")


@action("GetAccountPasswordPolicy")
def get_account_password_policy(call: WireCall) -> dict[str, Any]:
    return {"PasswordPolicy": shapes.password_policy(call.run(GetAccountPasswordPolicy))}


forward("UpdateAccountPasswordPolicy", UpdateAccountPasswordPolicy,
        **{field: member for member, field in PASSWORD_POLICY_FIELDS.items()})
forward("DeleteAccountPasswordPolicy", DeleteAccountPasswordPolicy)


@action("GetAccountSummary")
def get_account_summary(call: WireCall) -> dict[str, Any]:
    return {"SummaryMap": call.run(GetAccountSummary)}


@action("GenerateCredentialReport")
def generate_credential_report(call: WireCall) -> dict[str, Any]:
    state = call.run(GenerateCredentialReport)
    return {"State": state["state"], "Description": state["description"]}


@action("GetCredentialReport")
def get_credential_report(call: WireCall) -> dict[str, Any]:
    report = call.run(GetCredentialReport, generated_only=True)
    return {"Content": report.content.encode(), "ReportFormat": report.report_format,
            "GeneratedTime": report.generated_time}
