"""Account settings: the account alias and the password policy of IAM users' passwords."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path

from iamconsole.exceptions import IamError, NoSuchEntity

from .. import throttle
from ..forms_account import AccountAliasForm, PasswordPolicyForm
from ..operations.account import (
    CreateAccountAlias,
    DeleteAccountAlias,
    DeleteAccountPasswordPolicy,
    GetAccountPasswordPolicy,
    ListAccountAliases,
    UpdateAccountPasswordPolicy,
)
from .support import caller_account, form_error, permits, run

# The POST's "action" picks the form; the other form keeps showing the saved values.
_ACTIONS = ("set_alias", "remove_alias", "save_policy", "delete_policy")


def _handle(request: HttpRequest, action: str, alias_form: AccountAliasForm,
            policy_form: PasswordPolicyForm) -> int:
    """Perform the posted action: 302 when it succeeded (the page then redirects), else the
    status of the form's error (400, or 403 for a refusal shown beside the form)."""
    if action == "set_alias":
        if not alias_form.is_valid():
            return 400
        alias = alias_form.cleaned_data["alias"]
        try:
            # Changing the alias removes the old one: DeleteAccountAlias too, as in AWS.
            run(request, CreateAccountAlias, account_alias=alias)
        except IamError as exc:
            form_error(alias_form, exc)
            return exc.status
        messages.success(request, f"Account alias set to {alias}.")
    elif action == "remove_alias":
        run(request, DeleteAccountAlias, account_alias=caller_account(request).alias or "")
        messages.success(request, "Account alias removed: sign-in uses the account ID.")
    elif action == "save_policy":
        if not policy_form.is_valid():
            return 400
        try:
            run(request, UpdateAccountPasswordPolicy, **policy_form.service_fields())
        except IamError as exc:
            form_error(policy_form, exc)
            return exc.status
        messages.success(request, "Password policy saved. It applies to passwords set from now "
                         "on; existing passwords are checked when they are changed.")
    else:
        run(request, DeleteAccountPasswordPolicy)
        messages.success(request, "Custom password policy removed: AWS's default applies.")
    return 302


def _current_policy(request: HttpRequest) -> Any:
    """GetAccountPasswordPolicy, or None while AWS's default applies."""
    try:
        return run(request, GetAccountPasswordPolicy)
    except NoSuchEntity:
        return None


def account_settings_view(request: HttpRequest) -> HttpResponse:
    """Show and change the account alias and the password policy."""
    action = request.POST.get("action", "") if request.method == "POST" else ""
    alias_form = AccountAliasForm(request.POST if action == "set_alias" else None)
    policy_form = PasswordPolicyForm(request.POST if action == "save_policy" else None)
    status = 200
    if action in _ACTIONS:
        status = _handle(request, action, alias_form, policy_form)
        if status == 302:
            return redirect("accounts:account_settings")
    # The page shows what the account has: ListAccountAliases, GetAccountPasswordPolicy.
    aliases = run(request, ListAccountAliases)
    policy = _current_policy(request)
    alias_form.initial = {"alias": aliases[0] if aliases else ""}
    policy_form.initial = PasswordPolicyForm.initial_for(policy)
    account = caller_account(request)
    can_policy = permits(request, UpdateAccountPasswordPolicy)
    editing = action == "save_policy" or request.GET.get("edit") == "policy"
    context: dict[str, Any] = {
        "account": account,
        "policy": policy,
        "alias_form": alias_form,
        "policy_form": policy_form,
        "editing_policy": editing and can_policy.allowed,
        "can_alias": permits(request, CreateAccountAlias),
        "can_remove_alias": permits(request, DeleteAccountAlias),
        "can_policy": can_policy,
        "can_delete_policy": permits(request, DeleteAccountPasswordPolicy),
        # Failed sign-ins and access-key attempts: the root user's to see and clear.
        "throttles": (throttle.account_throttles(account)
                      if request.principal.is_root else None),  # type: ignore[attr-defined]
        "throttle_limits": throttle.limits(),
        "signin_url": request.build_absolute_uri(
            f"/signin/?account={account.alias or account.account_id}"
        ),
    }
    return render(request, "accounts/account_settings.html", context, status=status)


urlpatterns = [
    path("account/settings/", account_settings_view, name="account_settings"),
]
