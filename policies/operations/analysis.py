"""Access analysis as operations: who can perform an action on a resource, the
privilege-escalation paths of the account, and the account's graph.

AWS has no action for these (its nearest, SimulatePrincipalPolicy, is one principal per
call). Each answer reads every principal's policies, group memberships and trust policies:
exactly what GetAccountAuthorizationDetails discloses (and what offline tools compute from
its output), so each is authorized as iam:GetAccountAuthorizationDetails on *.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from iamconsole.exceptions import InvalidInput, NoSuchEntity
from iamconsole.operations import Operation, register

from ..analysis import EscalationReport, WhoCan, load_account, who_can
from ..analysis.graph import Graph, build_graph, cap, narrow
from ..analysis.store import escalation_report
from ..analysis.who_can import check_resource, expand_actions

AUTHORIZATION_DETAILS = "iam:GetAccountAuthorizationDetails"


@dataclass(kw_only=True, eq=False)
class AccountAnalysis(Operation):
    """A read of the whole account, authorized as GetAccountAuthorizationDetails on * (each
    subclass names that action: an operation's action defaults to its own name)."""

    service = "iamconsole"
    read_only = True


@register
@dataclass(kw_only=True, eq=False)
class WhoCanPerform(AccountAnalysis):
    """Every principal (users with their groups, roles, and whoever may assume them, other
    hosted accounts included) whose effective permissions allow the action (wildcards
    allowed) on the resource, with the deciding statements and the path."""

    action = AUTHORIZATION_DETAILS

    action_name: str
    resource_arn: str = "*"
    actions: list[str] = field(init=False, default_factory=list)

    def validate(self) -> None:
        if not isinstance(self.action_name, str) or not self.action_name.strip():
            raise InvalidInput("Enter an action, for example s3:GetObject.", field="action")
        if not isinstance(self.resource_arn, str):
            raise InvalidInput("The resource must be * or an ARN.", field="resource")
        self.actions = expand_actions(self.action_name)
        self.resource_arn = check_resource(self.resource_arn)

    def perform(self) -> WhoCan:
        return who_can(load_account(self.caller.account), self.action_name, self.resource_arn)


@register
@dataclass(kw_only=True, eq=False)
class GetEscalationPaths(AccountAnalysis):
    """The principals that are administrator-equivalent, and those that can become so, each
    with its shortest chain of escalation steps."""

    action = AUTHORIZATION_DETAILS

    def perform(self) -> EscalationReport:
        return escalation_report(self.caller.account)


@register
@dataclass(kw_only=True, eq=False)
class GetAccountGraph(AccountAnalysis):
    """The account's users, groups, roles and policies with membership, attachment, trust
    and escalation edges; `focus` narrows it to one entity's neighbourhood."""

    action = AUTHORIZATION_DETAILS

    focus: str = ""
    limit: int = 200

    def validate(self) -> None:
        if not isinstance(self.focus, str):
            raise InvalidInput("focus must be an ARN.", field="focus")
        if not isinstance(self.limit, int) or not 10 <= self.limit <= 2000:
            raise InvalidInput("limit must be between 10 and 2000.", field="limit")

    def perform(self) -> Graph:
        account = self.caller.account
        model = load_account(account)
        report = escalation_report(account, model)
        graph = build_graph(model, report)
        if self.focus:
            if self.focus not in graph.nodes:
                raise NoSuchEntity(f"{self.focus} is not an entity of the account's graph.",
                                   field="focus")
            graph = narrow(graph, self.focus)
        return cap(graph, self.limit)
