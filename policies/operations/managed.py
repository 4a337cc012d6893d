"""Managed policies: the list the console's pickers and the policies page read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.db.models import QuerySet

from iamconsole.operations import Operation, register

from ..models import ManagedPolicy
from ..selectors import policy_list


@register
@dataclass(kw_only=True, eq=False)
class ListPolicies(Operation):
    """ListPolicies: AWS's managed policies and the account's own (scope All, AWS or Local),
    with their usage counts in the account."""

    read_only = True
    scope: Literal["All", "AWS", "Local"] = "All"
    only_attached: bool = False
    path_prefix: str | None = None

    def perform(self) -> QuerySet[ManagedPolicy]:
        return policy_list(account=self.caller.account, scope=self.scope,
                           only_attached=self.only_attached, path_prefix=self.path_prefix)
