"""Helpers of the role and instance-profile pages: breadcrumbs and policy errors by position."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.urls import reverse

from iamconsole.exceptions import IamError, MalformedPolicyDocument

from ...models import Role

__all__ = [
    "Crumbs",
    "document_error",
    "finding_line",
    "profiles_crumbs",
    "role_crumbs",
    "roles_crumbs",
]

Crumbs = list[tuple[str, str | None]]


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
