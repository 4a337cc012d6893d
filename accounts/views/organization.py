"""The Organization section: for the management account the OU tree, its accounts (moved
between OUs), SCPs and RCPs attached and detached, and what binds each account; for a member
account, the SCPs and RCPs that bind it, read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path

from iamconsole.exceptions import IamError, InvalidInput
from iamconsole.operations import caller_for
from iamconsole.organizations_errors import AWSOrganizationsNotInUseException

from ..models.organizations import POLICY_TYPES
from ..operations.organization_accounts import MoveAccount
from ..operations.organization_policies import (
    AttachPolicy,
    DetachPolicy,
    DisablePolicyType,
    EnablePolicyType,
)
from ..operations.organizations import (
    CreateOrganization,
    CreateOrganizationalUnit,
    DeleteOrganizationalUnit,
    DescribeOrganization,
    ListRoots,
)
from ..organization_tree import OrganizationTree, organization_tree
from ..organizations_selectors import organization_for
from .support import caller_account, permits, run

TYPE_NAMES = {"SERVICE_CONTROL_POLICY": "SCPs", "RESOURCE_CONTROL_POLICY": "RCPs"}


def error_status(exc: IamError) -> int:
    """The page's status for a refused action: 403 for a denial (Organizations answers
    AccessDeniedException with its JSON protocol's 400), else the error's own 4xx."""
    if exc.code in ("AccessDenied", "AccessDeniedException"):
        return 403
    return exc.status if exc.status >= 400 else 400


def _move(request: HttpRequest, tree: OrganizationTree) -> str:
    account_id = request.POST.get("account_id", "")
    node = tree.node(account_id)
    destination = request.POST.get("destination_parent_id", "")
    run(request, MoveAccount, account_id=account_id,
        source_parent_id=node.parent_id if node else tree.organization.root_id,
        destination_parent_id=destination)
    return f"Account {account_id} moved."


# The page's actions: the operation, the posted fields that are its inputs, the message.
_ACTIONS: dict[str, tuple[type, tuple[str, ...], str]] = {
    "create_ou": (CreateOrganizationalUnit, ("parent_id", "name"),
                  "Organizational unit created."),
    "delete_ou": (DeleteOrganizationalUnit, ("organizational_unit_id",),
                  "Organizational unit deleted."),
    "attach": (AttachPolicy, ("policy_id", "target_id"), "Policy attached."),
    "detach": (DetachPolicy, ("policy_id", "target_id"), "Policy detached."),
    "enable_type": (EnablePolicyType, ("policy_type",),
                    "Policy type enabled: AWS's full-access policy is attached everywhere."),
    "disable_type": (DisablePolicyType, ("policy_type",),
                     "Policy type disabled: its policies are detached everywhere."),
}


def _post(request: HttpRequest, tree: OrganizationTree | None) -> str:
    """Run the posted action; the sentence that confirms it."""
    action = request.POST.get("action", "")
    if action == "create_organization":
        run(request, CreateOrganization, feature_set="ALL")
        return "Organization created: this account is its management account."
    if tree is None:
        raise AWSOrganizationsNotInUseException("This account is not in an organization.")
    if action == "move":
        return _move(request, tree)
    if action not in _ACTIONS:
        raise InvalidInput(f"Unknown action {action!r}.")
    operation, fields, message = _ACTIONS[action]
    inputs = {name: request.POST.get(name, "") for name in fields}
    if action.endswith("_type"):
        inputs["root_id"] = tree.organization.root_id
    run(request, operation, **inputs)
    return message


def require(request: HttpRequest, operation: type) -> None:
    """AccessDenied (403) unless the caller may run `operation` at all: a page of the
    section is refused before it reads anything, in an organization or not."""
    caller_for(request).require(operation)  # the refusal is on the trail as the operation's


def _tree(request: HttpRequest) -> OrganizationTree | None:
    require(request, DescribeOrganization)
    try:
        run(request, DescribeOrganization)
    except AWSOrganizationsNotInUseException:
        return None
    return organization_tree(organization_for(caller_account(request)))


def organization_view(request: HttpRequest) -> HttpResponse:
    """The organization of the caller's account, as its management account or a member."""
    tree = _tree(request)
    status = 200
    if request.method == "POST":
        try:
            messages.success(request, _post(request, tree))
            return redirect("accounts:organization")
        except IamError as exc:
            messages.error(request, exc.message)
            status = error_status(exc)
            tree = _tree(request)
    account = caller_account(request)
    context: dict[str, Any] = {"tree": tree, "account": account, "status": status}
    if tree is None:
        context["can_create"] = permits(request, CreateOrganization)
        return render(request, "accounts/organization.html", context, status=status)
    management = tree.organization.management_account_id == account.pk
    context.update(management=management, me=tree.node(account.account_id),
                   type_names=TYPE_NAMES, policy_types=POLICY_TYPES)
    if management:
        run(request, ListRoots)  # the management account's own read of the tree
        context.update(
            enabled=tree.organization.enabled_policy_types,
            can_create_ou=permits(request, CreateOrganizationalUnit),
            can_attach=permits(request, AttachPolicy), can_move=permits(request, MoveAccount),
        )
    return render(request, "accounts/organization.html", context, status=status)


urlpatterns = [
    path("organization/", organization_view, name="organization"),
]
