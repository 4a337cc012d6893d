"""Who runs operations: the signed-in principal, its account, and its policies during a run."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.db import transaction

from accounts.models import Account, TrailEvent
from accounts.signin import root_principal
from iamconsole.principal import Principal
from policies.authorization import (
    Decision,
    PinnedPolicies,
    Requirement,
    check,
    pin_policies,
)

from ..exceptions import AccessDenied
from ..trail.record import Origin
from ..trail.record import event as trail_event

if TYPE_CHECKING:  # the operation classes import this module
    from .base import Operation


class Caller:
    """The principal of a request, as the operations see it.

    One per request (`caller_for`). During a run (`running()`), the caller's policy set is
    pinned at its state when the run began, so a batch that changes the caller's own policies
    (an import, a delete with dependents) is decided as a whole with the permissions the
    caller had when it asked.
    """

    def __init__(self, principal: Principal | None, account: Account | None = None, *,
                 origin: Origin | None = None, defer_events: bool = False) -> None:
        self.principal = principal
        self._account = account
        # The request the caller's calls come from, as the trail records it; events waiting
        # to be written (reads and refusals), written with the next change, when the
        # outermost run ends, or (`defer_events`, a request's caller) when the request ends:
        # one INSERT for a page's reads.
        self.origin = origin or Origin()
        self.events: list[TrailEvent] = []
        self.defer_events = defer_events
        self._pinned: PinnedPolicies | None = None
        # The policies outside a run (a page asking which buttons to enable), read once per
        # request and forgotten when an operation of the request changes something.
        self._current: PinnedPolicies | None = None
        self._depth = 0
        # What read operations looked up in this request, so that a page running several
        # reads of one entity (GetUser, ListUserPolicies...) reads it once; any write
        # forgets it.
        self.found: dict[tuple[str, str], Any] = {}
        # The guard rails in warn mode the request's changes broke (the console shows them).
        self.warnings: list[Any] = []

    @property
    def account(self) -> Account:
        """The caller's account: operations read and write only inside it."""
        if self.principal is None:
            raise AccessDenied("You are not signed in.")
        if self._account is None or self._account.pk != self.principal.account_pk:
            self._account = Account.objects.get(pk=self.principal.account_pk)
        return self._account

    @property
    def account_id(self) -> str:
        """The caller's 12-digit account ID."""
        if self.principal is None:
            raise AccessDenied("You are not signed in.")
        return self.principal.account_id

    @contextmanager
    def running(self) -> Iterator[None]:
        """Pin the caller's policies for the outermost run (nested runs share the pin; the
        runs of one request share it until one of them changes something)."""
        self._depth += 1
        try:
            if self._depth == 1 and self.principal is not None:
                self._pinned = self._policies()
            yield
        finally:
            self._depth -= 1
            if self._depth == 0:
                self._pinned = None

    def check(self, requirement: Requirement) -> Decision:
        """The decision for one requirement (with the pinned policies during a run)."""
        pinned = self._pinned
        if pinned is None and self.principal is not None:
            pinned = self._policies()
        return check(self.principal, requirement, pinned=pinned, loaded=self.found.values())

    def _policies(self) -> PinnedPolicies:
        if self._current is None:
            self._current = pin_policies(self.principal)
        return self._current

    def changed(self) -> None:
        """An operation changes something (called before and after it): forget what this
        request read, the policies included."""
        self.found.clear()
        self._current = None

    def warn(self, warnings: list[Any]) -> None:
        """Keep the guard rails a change broke in warn mode, for the page to show."""
        self.warnings.extend(warnings)

    def record(self, event: TrailEvent, *, error: BaseException | None = None) -> None:
        """Add an event to the ones the caller writes next (`write_events`); `error`: the
        refusal or failure it records, marked so that no page records it again
        (`record_refusal`)."""
        self.events.append(event)
        if error is not None:
            error.trail_recorded = True  # type: ignore[attr-defined]

    def write_events(self) -> None:
        """Write the waiting events in one INSERT (in the transaction of a change, when one
        is open)."""
        if self.events:
            events, self.events = self.events, []
            TrailEvent.objects.bulk_create(events)

    def ran(self) -> None:
        """A run ended: outside every run, write what waits unless the request will."""
        if self._depth == 0 and not self.defer_events:
            self.write_events()

    def authorize(self, requirement: Requirement) -> None:
        """AccessDenied, with AWS's sentence, unless the caller may do `requirement`."""
        decision = self.check(requirement)
        if not decision.allowed:
            denied = AccessDenied(decision.message)
            denied.decision = decision  # what DecodeAuthorizationMessage explains
            raise denied

    def run(self, operation: type[Operation], **inputs: Any) -> Any:
        """Run one operation with these inputs and return its output."""
        return operation(caller=self, **inputs).run()

    def run_all(self, operations: list[Operation]) -> list[Any]:
        """Run several operations in one transaction: all of them, or none (the first refusal
        or error undoes what the others did)."""
        try:
            with self.running(), transaction.atomic():
                return [operation.run() for operation in operations]
        finally:
            self.ran()

    def require(self, operation: type[Operation], resource: str = "*",
                context: Mapping[str, Any] | None = None) -> None:
        """AccessDenied unless the caller may perform `operation`'s action on `resource`:
        what a page asks before showing the form of an operation it will run later (the
        create-user steps ask for iam:CreateUser on the account's users)."""
        try:
            self.authorize(operation.primary(resource, context))
        except AccessDenied as exc:
            self.record(trail_event(
                principal=self.principal, origin=self.origin, source=operation.service,
                name=operation.operation_name, read_only=operation.read_only,
                error=(exc.code, exc.message), resource_arn=resource), error=exc)
            self.ran()
            raise

    def permits(
        self, operation: type[Operation], resource: str = "*", *, entity: Any = None,
        **context: Any
    ) -> Decision:
        """Whether the caller may perform `operation`'s action on `resource`: what a page
        asks to enable a button, or to disable it with AWS's denial as its reason. Given the
        `entity` acted on, a change its state forbids anyone (a service-linked role's) is
        refused with AWS's error message."""
        if entity is not None and (error := operation.forbidden(entity)) is not None:
            return Decision(False, error.code, error.message)
        return self.check(operation.primary(resource, context))


def root_caller(account: Account) -> Caller:
    """The account's root user as a caller: what the operators' tools (the command line, the
    admin site, the demo reset) act as, within that one account."""
    return Caller(root_principal(account), account)


def caller_for(request: Any) -> Caller:
    """The request's caller (one per request, the console's and the REST API's alike)."""
    http_request = getattr(request, "_request", request)  # DRF wraps Django's request
    caller = getattr(http_request, "_iam_caller", None)
    principal = getattr(http_request, "principal", None)
    if caller is None or caller.principal is not principal:
        previous = caller
        # An access key's request brings its account (checked against the principal's).
        caller = Caller(principal, getattr(http_request, "principal_account", None),
                        origin=Origin.of(http_request), defer_events=True)
        if previous is not None:  # the principal changed in the request (a sign-in)
            caller.events = previous.events
        http_request._iam_caller = caller
    return caller


def record_refusal(request: Any, error: BaseException) -> None:
    """A refusal a page or endpoint answers (403) that no operation recorded: an
    AwsConsoleAction event named after the page (`demo_reset`: DemoReset), written with the
    request's other events."""
    if getattr(error, "trail_recorded", False):
        return
    http_request = getattr(request, "_request", request)
    caller = caller_for(http_request)
    match = getattr(http_request, "resolver_match", None)
    url_name = (match.url_name if match is not None else None) or "console"
    message = getattr(error, "message", None) or str(error) or "Access denied."
    caller.record(trail_event(
        principal=caller.principal, origin=caller.origin, source="iam",
        name="".join(part.capitalize() for part in url_name.replace("-", "_").split("_")),
        read_only=http_request.method in ("GET", "HEAD", "OPTIONS"),
        error=("AccessDenied", message), event_type="AwsConsoleAction",
        extra={"additionalEventData": {"path": http_request.path[:2048]}}), error=error)


def write_request_events(request: Any) -> None:
    """Write the events of a request's calls that wait for its end (see `caller_for`)."""
    caller = getattr(request, "_iam_caller", None)
    if caller is not None:
        caller.write_events()
