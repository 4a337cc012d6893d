"""An operation: one AWS API operation, defined once with its input, authorization and effect.

The console, the REST API and the import name operations and present what they return; they
hold no authorization rules of their own. An operation

- checks its input (`validate`), raising InvalidInput that names the field and the rule;
- finds what it acts on (`prepare`): a missing entity is NoSuchEntity, but only after the
  caller was authorized on the ARN the name implies, so a denied caller learns nothing;
- states every authorization it needs (`requirements`): the action, the resource ARN and the
  condition keys AWS sets (iam:PolicyARN, iam:PermissionsBoundary, aws:RequestTag/...,
  aws:TagKeys, aws:ResourceTag/..., iam:PassedToService), including the actions AWS also
  requires (a create with tags also needs the Tag* action);
- refuses what the resource's state forbids anyone (`guard`), once authorized;
- lists the operations it implies (`implied`): a delete with dependents is the removals it
  performs, each authorized and performed as the operation it is;
- performs the change through the services (`perform`), and returns its output;
- when the change altered an account's decisions (its services bumped the account's policy
  generation), re-checks that account's guard rails before committing: one set to block
  refuses the change (GuardRailViolation), one set to warn goes into the change's event.

`run()` does all of that in one transaction: a refusal or an error anywhere changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, fields
from typing import Any, ClassVar, TypeVar

from django.db import transaction

from iamconsole.cache import watching
from iamconsole.identifiers import iam_arn
from policies.authorization import Decision, Requirement
from policies.engine.service_reference import is_condition_key_valid
from policies.guard_rails import recheck_accounts

from ..exceptions import IamError, NoSuchEntity
from ..trail.record import event as trail_event
from .caller import Caller

E = TypeVar("E")
OpT = TypeVar("OpT", bound=type["Operation"])

# Every operation by "<service>:<Name>" (iam:CreateUser), as the wire API and the tests find
# them. Filled by @register when the apps' operation modules are imported (AppConfig.ready).
OPERATIONS: dict[str, type[Operation]] = {}


def _document_text(name: str, value: Any) -> Any:
    """A policy document given parsed (the REST API's JSON) as the text AWS records, so
    that its keys stay as written (`Effect`, not the camelCase of parameter names)."""
    if isinstance(value, Mapping) and name.endswith(("document", "policy", "content")):
        return json.dumps(value)
    return value



def _additional(data: dict[str, Any] | None, warnings: list[Any] | None
                ) -> dict[str, Any] | None:
    """The record's `additionalEventData`: a policy change's previous document and the
    guard rails a change broke in warn mode; None when there is neither."""
    merged = dict(data or {})
    if warnings:
        merged["guardRailWarnings"] = [warning.as_dict() for warning in warnings]
    return {"additionalEventData": merged} if merged else None

def register(operation: OpT) -> OpT:
    """Add an operation class to the registry under its service and AWS name."""
    key = f"{operation.service}:{operation.operation_name}"
    if key in OPERATIONS and OPERATIONS[key] is not operation:
        raise ValueError(f"Operation {key} is defined twice.")
    OPERATIONS[key] = operation
    return operation


def applicable(requirement: Requirement) -> Requirement:
    """The requirement with only the condition keys AWS sets for its action: global keys,
    and the service keys the service reference lists for it (a user's boundary is
    iam:PermissionsBoundary for DeleteUserPolicy, not for GetUser)."""
    context = {key: value for key, value in requirement.context.items()
               if is_condition_key_valid(key, requirement.action)}
    if len(context) == len(requirement.context):
        return requirement
    return Requirement(requirement.action, requirement.resource, context)


@dataclass(kw_only=True, eq=False)
class Operation:
    """Base of every operation; subclasses are dataclasses whose fields are the input."""

    caller: Caller

    # The AWS service and the operation's name in it (the class name unless set); `action`
    # defaults to "<service>:<operation_name>".
    service: ClassVar[str] = "iam"
    operation_name: ClassVar[str] = ""
    action: ClassVar[str] = ""
    # Reads change nothing (GetUser, ListUsers...); AWS's "List" and "Read" access levels.
    read_only: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "operation_name" not in cls.__dict__:
            cls.operation_name = cls.__name__
        if "action" not in cls.__dict__:
            cls.action = f"{cls.service}:{cls.operation_name}"

    # --- what a subclass defines ------------------------------------------------------------

    def validate(self) -> None:
        """Check the input with AWS's names, limits and messages (InvalidInput)."""

    def prepare(self) -> None:
        """Find the entities the operation acts on (see `lookup`)."""

    def resource(self) -> str:
        """The ARN of the resource the operation's own action is authorized on."""
        return "*"

    def context(self) -> Mapping[str, Any]:
        """The condition keys AWS sets for the operation's own action."""
        return {}

    def requirements(self) -> Iterable[Requirement]:
        """Every authorization the operation needs, its own action first."""
        yield self.requirement()

    @classmethod
    def forbidden(cls, entity: Any) -> IamError | None:
        """The error AWS answers whoever asks when the operation would act on `entity` as
        it is (UnmodifiableEntity on a service-linked role), else None: what `guard` raises
        and what a page shows on the button it disables."""
        return None

    def guard(self) -> None:
        """Refuse, once the caller is authorized, what the resource's state forbids whoever
        asks (see `forbidden`)."""

    def implied(self) -> Iterable[Operation]:
        """The operations this one performs before its own change (each authorized itself)."""
        return ()

    def perform(self) -> Any:
        """Make the change (or the read) through the services and return the output."""
        raise NotImplementedError

    # --- helpers for subclasses -------------------------------------------------------------

    @classmethod
    def primary(cls, resource: str = "*", context: Mapping[str, Any] | None = None) -> Requirement:
        """The operation's own action on `resource`."""
        return applicable(Requirement(cls.action, resource, dict(context or {})))

    def requirement(
        self,
        action: str | None = None,
        resource: str | None = None,
        context: Mapping[str, Any] | None = None,
    ) -> Requirement:
        """A requirement: by default the operation's own action, resource and context."""
        return applicable(Requirement(
            action or self.action,
            self.resource() if resource is None else resource,
            dict(self.context() if context is None else context),
        ))

    def also(self, operation: type[Operation], **inputs: Any) -> Operation:
        """Another operation for the same caller (an implied one, or one whose requirements
        this one borrows)."""
        return operation(caller=self.caller, **inputs)

    def arn(self, resource_type: str, path: str, name: str) -> str:
        """`arn:aws:iam::<caller's account>:<type><path><name>`."""
        return iam_arn(self.caller.account_id, resource_type, path, name)

    def lookup(self, find: Callable[[], E], missing: str) -> E:
        """The entity `find` returns. When it raises NoSuchEntity, the operation is first
        authorized on `missing` (the ARN the name implies), so that a caller who may not act
        on it gets AccessDenied whether or not it exists, as AWS answers."""
        try:
            return find()
        except NoSuchEntity:
            self.caller.authorize(self.requirement(resource=missing, context={}))
            raise

    # --- running ----------------------------------------------------------------------------

    def run(self) -> Any:
        """Validate, look up, authorize every requirement, run the implied operations and
        perform, in one transaction; return the output."""
        # A read needs no transaction of its own (and no savepoint inside a caller's).
        atomic = nullcontext() if self.read_only else transaction.atomic()
        watch = nullcontext() if self.read_only else watching()
        if not self.read_only:
            self.caller.changed()
        try:
            with self.caller.running(), atomic, watch as altered:
                self.validate()
                self.prepare()
                for requirement in self.requirements():
                    self.caller.authorize(requirement)
                self.guard()
                for operation in self.implied():
                    operation.run()
                output = self.perform()
                if altered:
                    # The change (with its implied ones) altered these accounts' decisions:
                    # their guard rails decide whether it commits (GuardRailViolation).
                    self.guard_rail_warnings = recheck_accounts(altered)
                    self.caller.warn(self.guard_rail_warnings)
                self.caller.record(self.trail_event(output=output))
                if not self.read_only:
                    # The change and its event commit together, or neither does.
                    self.caller.write_events()
                return output
        except Exception as exc:
            # Refused or failed: recorded after the rollback (see Caller.ran).
            self.caller.record(self.trail_event(error=exc), error=exc)
            raise
        finally:
            if not self.read_only:
                self.caller.changed()  # what follows reads the policies as they are now
            self.caller.ran()

    # --- the trail --------------------------------------------------------------------------

    def trail_parameters(self) -> dict[str, Any]:
        """The input as the trail's `requestParameters` shows it (secrets hidden later)."""
        return {f.name: _document_text(f.name, getattr(self, f.name)) for f in fields(self)
                if f.init and f.name != "caller"}

    def trail_response(self, output: Any) -> Any:
        """The output as the trail's `responseElements` shows it: nothing for a read, as
        CloudTrail records reads."""
        return None if self.read_only else output

    def trail_additional_data(self, output: Any) -> dict[str, Any] | None:
        """Ours beside CloudTrail's fields, under the record's `additionalEventData`, for a
        call that succeeded: a policy change's document as it was before (see
        iamconsole.trail.changes). None: nothing."""
        return None

    def trail_event(self, *, output: Any = None, error: Exception | None = None) -> Any:
        """The operation's event: its caller, input, output or error."""
        try:
            resource: str | None = self.resource()
        except Exception:  # the resource depends on what a failed lookup did not find
            resource = None
        failure = None
        if error is not None:
            failure = (getattr(error, "code", "InternalFailure"),
                       getattr(error, "message", None) or str(error))
        principal = self.caller.principal
        additional = None if error is not None else self.trail_additional_data(output)
        warnings = getattr(self, "guard_rail_warnings", None) if error is None else None
        return trail_event(
            principal=principal, origin=self.caller.origin, source=self.service,
            name=self.operation_name, read_only=self.read_only,
            parameters=self.trail_parameters() or None,
            response=None if error is not None else self.trail_response(output),
            error=failure, resource_arn=resource,
            account_pk=principal.account_pk if principal is not None else None,
            event_id=getattr(self, "trail_event_id", None),
            extra=_additional(additional, warnings),
        )

    def preflight(self, *, validate: bool = True) -> Operation:
        """Validate, look up and authorize the operation's own requirements without
        performing it: what a page does before showing the form that will run it (a delete
        confirmation). Returns the operation, with what it looked up. `validate=False`: the
        form brings the rest of the input (a password, codes), so it is not checked yet."""
        with self.refusal_recorded(), self.caller.running():
            if validate:
                self.validate()
            self.prepare()
            for requirement in self.requirements():
                self.caller.authorize(requirement)
            self.guard()
        return self

    def authorize_found(self, **found: Any) -> Operation:
        """Validate and authorize the operation as `run` does, with what `prepare` would look
        up given instead (`entity=`, `policy=`...: entities an import creates in the same
        batch, not written yet), without performing it: the import writes the batch
        afterwards. Returns the operation."""
        self.validate()
        for name, value in found.items():
            setattr(self, name, value)
        with self.caller.running():
            for requirement in self.requirements():
                self.caller.authorize(requirement)
        self.guard()
        return self

    @contextmanager
    def refusal_recorded(self) -> Iterator[None]:
        """Record the operation's refusal (or failure) before its form: the call a page
        refuses to show is on the trail as a run's would be."""
        try:
            yield
        except IamError as exc:
            self.caller.record(self.trail_event(error=exc), error=exc)
            self.caller.ran()
            raise

    def decision(self) -> Decision:
        """Whether the caller may run the operation as given, without running it: the first
        refused requirement (own or implied), or allowed."""
        self.validate()
        self.prepare()
        for requirement in self.requirements():
            decision = self.caller.check(requirement)
            if not decision.allowed:
                return decision
        for operation in self.implied():
            decision = operation.decision()
            if not decision.allowed:
                return decision
        return Decision(True, "allowed")
