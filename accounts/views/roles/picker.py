"""A searchable picker of managed policies (AWS's and the account's), keeping the selection."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Q, QuerySet, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from policies.models import ManagedPolicy

from ...models import Account
from ._common import allow, caller_account

# Matches listed under the selection; typing more of the name reaches the rest.
PICKER_LIMIT = 25
SCOPES = (
    ("all", "All types"),
    ("aws", "AWS managed"),
    ("job-function", "AWS managed - job function"),
    ("customer", "Customer managed"),
)
_SCOPE_KEYS = {key for key, _ in SCOPES}


@dataclass
class PolicyPicker:
    """What the picker shows: the selected policies and the matches of the search typed."""

    field: str
    multiple: bool = True
    query: str = ""
    scope: str = "all"
    selected: list[ManagedPolicy] = field(default_factory=list)
    matches: list[ManagedPolicy] = field(default_factory=list)
    total: int = 0
    exclude: tuple[str, ...] = ()
    scopes: tuple[tuple[str, str], ...] = SCOPES

    @property
    def more(self) -> int:
        """How many matches are not listed."""
        return max(0, self.total - len(self.matches))

    @property
    def input_type(self) -> str:
        return "checkbox" if self.multiple else "radio"


def visible_policies(account: Account) -> QuerySet[ManagedPolicy]:
    """The attachable managed policies this account can use: AWS's and its own."""
    return ManagedPolicy.objects.filter(
        Q(account=account) | Q(account__isnull=True), is_attachable=True
    ).only("pk", "name", "path", "arn", "description", "account_id")


def policies_by_arn(account: Account, arns: list[str]) -> list[ManagedPolicy]:
    """The visible policies with these ARNs, in the order given (unknown ARNs dropped)."""
    found = {p.arn: p for p in visible_policies(account).filter(arn__in=arns)}
    return [found[arn] for arn in arns if arn in found]


def build_picker(account: Account, *, field_name: str, selected: list[str], query: str = "",
                 scope: str = "all", multiple: bool = True,
                 exclude: tuple[str, ...] = ()) -> PolicyPicker:
    """A picker with `selected` ARNs first and up to PICKER_LIMIT matches of `query`."""
    picker = PolicyPicker(field=field_name, multiple=multiple, query=query.strip(),
                          scope=scope if scope in _SCOPE_KEYS else "all", exclude=exclude)
    picker.selected = policies_by_arn(account, [arn for arn in selected if arn])
    qs = visible_policies(account)
    if picker.scope == "aws":
        qs = qs.filter(account__isnull=True)
    elif picker.scope == "job-function":
        qs = qs.filter(account__isnull=True, path="/job-function/")
    elif picker.scope == "customer":
        qs = qs.filter(account=account)
    order: list[Any] = ["name"]
    if picker.query:
        qs = qs.filter(name__icontains=picker.query)
        # As in AWS's console: the exact name first, then names starting with the search.
        order.insert(0, Case(When(name__iexact=picker.query, then=0),
                             When(name__istartswith=picker.query, then=1), default=2))
    qs = qs.exclude(arn__in=[*selected, *exclude]).order_by(*order)
    picker.total = qs.count()
    picker.matches = list(qs[:PICKER_LIMIT])
    return picker


def role_policy_picker_view(request: HttpRequest) -> HttpResponse:
    """The picker's results for the search typed so far (htmx), keeping what is selected."""
    allow(request, "iam:ListPolicies")
    field_name = request.GET.get("field", "policies")
    if field_name not in ("policies", "boundary"):
        field_name = "policies"
    picker = build_picker(
        caller_account(request),
        field_name=field_name,
        selected=request.GET.getlist(field_name),
        query=request.GET.get(f"{field_name}_q", ""),
        scope=request.GET.get(f"{field_name}_scope", "all"),
        multiple=field_name == "policies",
        exclude=tuple(request.GET.getlist("exclude")),
    )
    return render(request, "accounts/partials/_role_policy_picker_results.html",
                  {"picker": picker})


urlpatterns = [
    path("roles/policy-picker/", role_policy_picker_view, name="role_policy_picker"),
]
