"""Helpers of the role and instance-profile pages: breadcrumbs, policy errors by position, and
(until the permission and tag pages run operations) role lookups with authorization."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.http import HttpRequest
from django.urls import reverse

from iamconsole.exceptions import IamError, MalformedPolicyDocument, NoSuchEntity
from iamconsole.identifiers import iam_arn
from policies.authorization import current_boundary_context

from ...models import Role
from ..support import allow, caller_account, form_error, tag_context

# Shared page helpers come from ..support and are re-exported with this module's own.
__all__ = [
    "Crumbs",
    "allow",
    "caller_account",
    "current_boundary_context",
    "document_error",
    "finding_line",
    "form_error",
    "profiles_crumbs",
    "role_crumbs",
    "role_for",
    "roles_crumbs",
    "tag_context",
]

Crumbs = list[tuple[str, str | None]]


def role_for(request: HttpRequest, name: str, action: str, **context: Any) -> Role:
    """The caller's role called `name`, after authorizing `action` on its ARN.

    A missing role is authorized on the ARN its name would have at the root path, so a
    caller without permission learns nothing (AccessDenied), and one with it gets NoSuchEntity.
    """
    account = caller_account(request)
    role = (
        Role.objects.select_related("account", "permissions_boundary")
        .filter(account=account, name__iexact=name)
        .first()
    )
    arn = role.arn if role else iam_arn(account.account_id, "role", "/", name)
    allow(request, action, arn, {**current_boundary_context(role), **context})
    if role is None:
        raise NoSuchEntity(f"The role with name {name} cannot be found.", field="role_name")
    return role


def roles_crumbs(*rest: tuple[str, str | None]) -> Crumbs:
    """Breadcrumbs IAM › Roles › ..."""
    return [("Roles", reverse("accounts:role_list")), *rest]


def role_crumbs(role: Role, last: str | None = None) -> Crumbs:
    """Breadcrumbs IAM › Roles › <role> (› last)."""
    detail = reverse("accounts:role_detail", args=[role.name])
    crumbs = roles_crumbs((role.name, detail if last else None))
    return [*crumbs, (last, None)] if last else crumbs


def profiles_crumbs(*rest: tuple[str, str | None]) -> Crumbs:
    """Breadcrumbs IAM › Instance profiles › ..."""
    return [("Instance profiles", reverse("accounts:instanceprofile_list")), *rest]



def finding_line(finding: Mapping[str, Any]) -> str:
    """One validation error with its position: "Statement 1 · Ln 5, Col 17: message"."""
    where = f"Ln {finding['line']}, Col {finding['column']}"
    if finding.get("statement_index") is not None:
        where = f"Statement {finding['statement_index'] + 1} · {where}"
    return f"{where}: {finding['message']}"


def document_error(form: forms.Form, field: str, error: IamError) -> None:
    """A failed save of a policy: each error beside the editor with its line and column."""
    findings = error.details if isinstance(error, MalformedPolicyDocument) else None
    errors = [f for f in findings or [] if isinstance(f, dict) and f.get("severity") == "error"]
    if not errors:
        form.add_error(field if field in form.fields else None, error.message)
        return
    for finding in errors:
        form.add_error(field, finding_line(finding))
