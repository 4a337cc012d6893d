"""Searchable pickers of managed policies, groups and users, kept selected across searches:
one machinery for the user, group and role pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, IntegerField, Q, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from iamconsole.operations import Operation
from policies.models import ManagedPolicy
from policies.operations.managed import ListPolicies
from policies.selectors import policy_list

from ..console_selectors import picker_groups, picker_users
from ..models import Account, IamGroup, IamUser
from ..operations.groups import ListGroups
from ..operations.users import ListUsers
from .support import caller_account, run

# Matches shown under the selected items; the rest is reached by typing more of the name.
PICKER_LIMIT = 50
POLICY_SCOPES = (
    ("All", "All types"),
    ("AWS", "AWS managed"),
    ("job-function", "AWS managed - job function"),
    ("Local", "Customer managed"),
)
# The list operation each picker's search performs.
_LISTINGS: dict[str, type[Operation]] = {
    "policies": ListPolicies, "groups": ListGroups, "users": ListUsers,
}


@dataclass
class Picker:
    """What a picker shows: its field, the selected items, and the matches of the search."""

    kind: str
    field: str
    label: str
    multiple: bool = True
    allow_none: bool = False
    query: str = ""
    scope: str = "All"
    selected: list[Any] = field(default_factory=list)
    matches: list[Any] = field(default_factory=list)
    total: int = 0
    exclude: tuple[str, ...] = ()

    @property
    def url_name(self) -> str:
        """The route answering this picker's searches."""
        return {"policies": "accounts:policy_picker", "groups": "accounts:group_picker",
                "users": "accounts:user_picker"}[self.kind]

    @property
    def scopes(self) -> tuple[tuple[str, str], ...]:
        return POLICY_SCOPES if self.kind == "policies" else ()

    @property
    def more(self) -> int:
        """How many matches are not shown."""
        return max(0, self.total - len(self.matches))


def _ranked(qs: Any, query: str) -> Any:
    """Exact names first, then names starting with the search, then the rest, by name."""
    if not query:
        return qs.order_by("name")
    rank = Case(
        When(name__iexact=query, then=Value(0)),
        When(name__istartswith=query, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return qs.annotate(match_rank=rank).order_by("match_rank", "name")


def _key(item: Any) -> str:
    return item.arn if isinstance(item, ManagedPolicy) else item.name


def _policies(account: Account, picker: Picker, keys: list[str]) -> None:
    mine_or_aws = Q(account=account) | Q(account__isnull=True)
    by_arn = {p.arn: p for p in ManagedPolicy.objects.filter(mine_or_aws, arn__in=keys)}
    picker.selected = [by_arn[k] for k in keys if k in by_arn]
    scope = "AWS" if picker.scope in ("AWS", "job-function") else picker.scope
    if scope not in ("All", "AWS", "Local"):
        scope = "All"
    qs = policy_list(
        account=account,
        scope=scope,  # type: ignore[arg-type]
        name_contains=picker.query or None,
        path_prefix="/job-function/" if picker.scope == "job-function" else None,
        attachable_only=True,
    ).exclude(arn__in=[*keys, *picker.exclude])
    qs = _ranked(qs, picker.query)
    picker.total = qs.count()
    picker.matches = list(qs[:PICKER_LIMIT])


def _named(qs: Any, picker: Picker, keys: list[str]) -> None:
    by_name = {item.name: item for item in qs.filter(name__in=keys)}
    picker.selected = [by_name[k] for k in keys if k in by_name]
    rest = _ranked(qs.exclude(name__in=[*keys, *picker.exclude]), picker.query)
    picker.total = rest.count()
    picker.matches = list(rest[:PICKER_LIMIT])


def build_picker(
    account: Account,
    *,
    kind: str,
    field_name: str,
    label: str,
    selected: list[str] | None = None,
    query: str = "",
    scope: str = "All",
    multiple: bool = True,
    allow_none: bool = False,
    exclude: tuple[str, ...] = (),
) -> Picker:
    """A picker of `kind` (policies, groups or users) with `selected` keys (ARNs or names)."""
    picker = Picker(kind=kind, field=field_name, label=label, multiple=multiple,
                    allow_none=allow_none, query=query.strip(), scope=scope, exclude=exclude)
    keys = [k for k in (selected or []) if k]
    if kind == "policies":
        _policies(account, picker, keys)
    elif kind == "groups":
        _named(picker_groups(account=account, name_contains=picker.query), picker, keys)
    elif kind == "users":
        _named(picker_users(account=account, name_contains=picker.query), picker, keys)
    else:
        raise ValueError(kind)
    return picker


def picker_view(request: HttpRequest, kind: str) -> HttpResponse:
    """The picker's results fragment for the search typed so far (htmx), keeping the selection."""
    run(request, _LISTINGS[kind])
    field_name = request.GET.get("field", kind)
    picker = build_picker(
        caller_account(request),
        kind=kind,
        field_name=field_name,
        label=request.GET.get("label", kind),
        selected=request.GET.getlist(field_name),
        query=request.GET.get(f"{field_name}_q", ""),
        scope=request.GET.get(f"{field_name}_scope", "All"),
        multiple=request.GET.get("multiple", "1") == "1",
        allow_none=request.GET.get("allow_none") == "1",
        exclude=tuple(request.GET.getlist("exclude")),
    )
    return render(request, "accounts/partials/_picker_results.html", {"picker": picker})


def selected_policies(account: Account, arns: list[str]) -> list[ManagedPolicy]:
    """The account's or AWS's managed policies with these ARNs, in the given order."""
    mine_or_aws = Q(account=account) | Q(account__isnull=True)
    found = {p.arn: p for p in ManagedPolicy.objects.filter(mine_or_aws, arn__in=arns)}
    return [found[arn] for arn in arns if arn in found]


def selected_groups(account: Account, names: list[str]) -> list[IamGroup]:
    """The account's groups with these names."""
    return list(IamGroup.objects.filter(account=account, name__in=names).order_by("name"))


def selected_users(account: Account, names: list[str]) -> list[IamUser]:
    """The account's users with these names."""
    return list(IamUser.objects.filter(account=account, name__in=names).order_by("name"))


urlpatterns = [
    # One route per kind (not <str:kind>), so that every URL names its list operation.
    path("pickers/policies/", picker_view, {"kind": "policies"}, name="policy_picker"),
    path("pickers/groups/", picker_view, {"kind": "groups"}, name="group_picker"),
    path("pickers/users/", picker_view, {"kind": "users"}, name="user_picker"),
]
