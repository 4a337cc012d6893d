"""Account settings: the account alias and the password policy of IAM users' passwords."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path

from iamconsole.exceptions import IamError

from ..forms_account import AccountAliasForm, PasswordPolicyForm
from ..models import Account
from ..selectors import password_policy_get
from ..services import (
    account_alias_delete,
    account_alias_set,
    password_policy_delete,
    password_policy_update,
)
from .support import allow, caller_account, decision, form_error

# The POST's "action" picks the form; the other form keeps showing the saved values.
_ACTIONS = {
    "set_alias": "iam:CreateAccountAlias",
    "remove_alias": "iam:DeleteAccountAlias",
    "save_policy": "iam:UpdateAccountPasswordPolicy",
    "delete_policy": "iam:DeleteAccountPasswordPolicy",
}


def _handle(request: HttpRequest, account: Account, action: str,
            alias_form: AccountAliasForm, policy_form: PasswordPolicyForm) -> bool:
    """Perform the posted action; True when it succeeded (the page then redirects)."""
    allow(request, _ACTIONS[action])
    if action == "set_alias":
        if not alias_form.is_valid():
            return False
        alias = alias_form.cleaned_data["alias"]
        if account.alias and account.alias != alias:
            # Changing the alias is DeleteAccountAlias then CreateAccountAlias in AWS.
            allow(request, "iam:DeleteAccountAlias")
        try:
            account_alias_set(account=account, alias=alias)
        except IamError as exc:
            form_error(alias_form, exc)
            return False
        messages.success(request, f"Account alias set to {alias}.")
    elif action == "remove_alias":
        account_alias_delete(account=account)
        messages.success(request, "Account alias removed: sign-in uses the account ID.")
    elif action == "save_policy":
        if not policy_form.is_valid():
            return False
        try:
            password_policy_update(account=account, **policy_form.service_fields())
        except IamError as exc:
            form_error(policy_form, exc)
            return False
        messages.success(request, "Password policy saved. It applies to passwords set from now "
                         "on; existing passwords are checked when they are changed.")
    else:
        password_policy_delete(account=account)
        messages.success(request, "Custom password policy removed: AWS's default applies.")
    return True


def account_settings_view(request: HttpRequest) -> HttpResponse:
    """Show and change the account alias and the password policy."""
    account = caller_account(request)
    allow(request, "iam:ListAccountAliases")
    allow(request, "iam:GetAccountPasswordPolicy")
    policy = password_policy_get(account)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    alias_form = AccountAliasForm(
        request.POST if action == "set_alias" else None, initial={"alias": account.alias or ""}
    )
    policy_form = PasswordPolicyForm(
        request.POST if action == "save_policy" else None,
        initial=PasswordPolicyForm.initial_for(policy),
    )
    if action in _ACTIONS:
        if _handle(request, account, action, alias_form, policy_form):
            return redirect("accounts:account_settings")
    can_policy = decision(request, "iam:UpdateAccountPasswordPolicy")
    editing = action == "save_policy" or request.GET.get("edit") == "policy"
    context: dict[str, Any] = {
        "account": account,
        "policy": policy,
        "alias_form": alias_form,
        "policy_form": policy_form,
        "editing_policy": editing and can_policy.allowed,
        "can_alias": decision(request, "iam:CreateAccountAlias"),
        "can_policy": can_policy,
        "signin_url": request.build_absolute_uri(
            f"/signin/?account={account.alias or account.account_id}"
        ),
    }
    status = 400 if (alias_form.is_bound and alias_form.errors) or (
        policy_form.is_bound and policy_form.errors) else 200
    return render(request, "accounts/account_settings.html", context, status=status)


urlpatterns = [
    path("account/settings/", account_settings_view, name="account_settings"),
]
