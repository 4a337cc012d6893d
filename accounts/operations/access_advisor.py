"""Access Advisor: GenerateServiceLastAccessedDetails, GetServiceLastAccessedDetails,
GetServiceLastAccessedDetailsWithEntities and ListPoliciesGrantingServiceAccess, computed
from the trail (a job is done when asked: its ID is its own trail event's, whose record
holds what it reports on; the report reads the trail as it was when the job was created)."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import Any, ClassVar

from iamconsole.exceptions import InvalidInput, NoSuchEntity
from iamconsole.operations import Operation, register
from policies.selectors import policy_get

from ..access_advisor import (
    Entity,
    Subject,
    entities_last_accessed,
    policies_granting,
    services_last_accessed,
    subject_of,
)
from ..access_grants import service_names
from ..models import TrailEvent
from ..selectors import group_get, role_get, user_get

_FINDERS = {"user": user_get, "group": group_get, "role": role_get}
GRANULARITIES = ("SERVICE_LEVEL", "ACTION_LEVEL")
_NAMESPACE = re.compile(r"[\w-]{1,64}")


def entity_kind(arn: str) -> str:
    """`user`, `group`, `role` or `policy` for an IAM ARN, else ""."""
    parts = arn.split(":", 5)
    if len(parts) < 6 or parts[:3] != ["arn", "aws", "iam"]:
        return ""
    return parts[5].split("/", 1)[0]


def check_namespace(namespace: Any, name: str = "service_namespace") -> str:
    """A service namespace as AWS writes it (`iam`), known to the service reference."""
    text = str(namespace or "")
    if not _NAMESPACE.fullmatch(text):
        raise InvalidInput(f"{name} is a service namespace such as iam (1 to 64 letters, "
                           "digits, _ or -).", field=name)
    if text.lower() not in service_names():
        raise InvalidInput(f"The service namespace {text} is not a service AWS knows.",
                           field=name)
    return text.lower()


@dataclass(kw_only=True, eq=False)
class EntityReport(Operation):
    """A report on the user, group, role (or managed policy) an ARN names."""

    read_only = True
    kinds: ClassVar[tuple[str, ...]] = ("user", "group", "role", "policy")
    arn: str
    entity: Entity | None = field(init=False, default=None, repr=False)

    def resource(self) -> str:
        return self.arn if self.arn and self.arn.startswith("arn:") else "*"

    def prepare(self) -> None:
        kind, account = entity_kind(self.arn or ""), self.caller.account_id
        mine = self.arn.startswith(f"arn:aws:iam::{account}:") if self.arn else False
        if kind not in self.kinds or not (mine or (
                kind == "policy" and self.arn.startswith("arn:aws:iam::aws:policy/"))):
            # Authorized first, so that a caller who may not ask learns nothing.
            self.caller.authorize(self.requirement())
            what = ", ".join(self.kinds[:-1]) + f" or {self.kinds[-1]}"
            raise InvalidInput(f"ARN {self.arn} is not a {what} of the account.", field="arn")
        if kind == "policy":
            self.entity = self.lookup(lambda: self._found(("policy", self.arn.lower()), lambda: (
                policy_get(account=self.caller.account, arn=self.arn))), self.arn)
            return
        name = self.arn.rsplit("/", 1)[-1]
        finder = _FINDERS[kind]
        self.entity = self.lookup(lambda: self._found((kind, name.lower()), lambda: (
            finder(account=self.caller.account, name=name))), self.arn)
        if self.entity.arn != self.arn:
            raise NoSuchEntity(f"The entity {self.arn} cannot be found.", field="arn")

    def _found(self, key: tuple[str, str], find: Any) -> Any:
        """What `find` returns, read once per request (a page's several reports of one
        entity read it once; any write forgets it)."""
        if key not in self.caller.found:
            self.caller.found[key] = find()
        return self.caller.found[key]

    def subject(self) -> Subject:
        """The report's subject (once prepared), read once per request."""
        return self._found(("access-advisor", self.arn), lambda: subject_of(
            self.entity, self.caller.account.pk))  # type: ignore[arg-type]


@register
@dataclass(kw_only=True, eq=False)
class GenerateServiceLastAccessedDetails(EntityReport):
    """GenerateServiceLastAccessedDetails: a report job on a user, group, role or policy."""

    granularity: str | None = None

    def validate(self) -> None:
        if self.granularity is not None and self.granularity not in GRANULARITIES:
            raise InvalidInput("Granularity is SERVICE_LEVEL or ACTION_LEVEL.",
                               field="granularity")

    def perform(self) -> dict[str, str]:
        # The job is this call's own trail event: its ID is the JobId, its record what the
        # report is on.
        self.trail_event_id = uuid.uuid4()
        return {"JobId": str(self.trail_event_id)}


@dataclass(kw_only=True, eq=False)
class JobReport(Operation):
    """A read of a job's report: the job is found, then its entity."""

    read_only = True
    job_id: str

    def _job(self) -> TrailEvent:
        wanted = str(self.job_id)
        for event in self.caller.events:  # generated in this request, not written yet
            if str(event.event_id) == wanted:
                return event
        try:
            return TrailEvent.objects.get(
                event_id=uuid.UUID(wanted), account_id=self.caller.account.pk,
                event_name="GenerateServiceLastAccessedDetails", error_code="")
        except (ValueError, TrailEvent.DoesNotExist) as exc:
            raise NoSuchEntity(f"The job {self.job_id} cannot be found.",
                               field="job_id") from exc

    def job(self) -> tuple[TrailEvent, dict[str, Any], Subject]:
        """The job's event, its inputs and the subject of its report."""
        job = self._job()
        inputs = job.record.get("requestParameters") or {}
        report = GenerateServiceLastAccessedDetails(caller=self.caller, arn=inputs.get("arn"))
        report.prepare()
        return job, inputs, report.subject()

    @staticmethod
    def dates(job: TrailEvent) -> dict[str, Any]:
        return {"JobStatus": "COMPLETED", "JobCreationDate": job.event_time,
                "JobCompletionDate": job.event_time}


@register
@dataclass(kw_only=True, eq=False)
class GetServiceLastAccessedDetails(JobReport):
    """GetServiceLastAccessedDetails: the report of a job, each service its entity's
    policies grant and when the entity last used it (each tracked action too, for an
    ACTION_LEVEL job)."""

    def perform(self) -> dict[str, Any]:
        job, inputs, subject = self.job()
        granularity = inputs.get("granularity") or "SERVICE_LEVEL"
        services = services_last_accessed(
            subject, self.caller.account.pk, action_level=granularity == "ACTION_LEVEL",
            until=job.event_time)
        return {**self.dates(job), "JobType": granularity, "ServicesLastAccessed": services,
                "IsTruncated": False}


@register
@dataclass(kw_only=True, eq=False)
class GetServiceLastAccessedDetailsWithEntities(JobReport):
    """GetServiceLastAccessedDetailsWithEntities: for one service of a job's report, the
    users and roles through which its entity could reach it (a group's members, a policy's
    holders; a user or role itself), and when each last did."""

    service_namespace: str

    def perform(self) -> dict[str, Any]:
        # Checked once authorized: a caller who may not ask learns nothing of the input.
        self.service_namespace = check_namespace(self.service_namespace)
        job, _, subject = self.job()
        details = entities_last_accessed(subject, self.caller.account.pk,
                                         self.service_namespace, until=job.event_time)
        return {**self.dates(job), "EntityDetailsList": details, "IsTruncated": False}


@register
@dataclass(kw_only=True, eq=False)
class ListPoliciesGrantingServiceAccess(EntityReport):
    """ListPoliciesGrantingServiceAccess: for each service namespace asked, the policies of
    a user, group or role that allow an action of it (a user's include its groups')."""

    kinds: ClassVar[tuple[str, ...]] = ("user", "group", "role")
    service_namespaces: list[str] = field(default_factory=list)

    def guard(self) -> None:
        # Checked once authorized on the entity: a caller who may not ask learns nothing.
        namespaces = self.service_namespaces
        if isinstance(namespaces, str):
            namespaces = [part for part in namespaces.split(",") if part.strip()]
        if not isinstance(namespaces, list | tuple) or not 1 <= len(namespaces) <= 200:
            raise InvalidInput("service_namespaces lists 1 to 200 service namespaces.",
                               field="service_namespaces")
        self.service_namespaces = list(dict.fromkeys(
            check_namespace(str(n).strip(), "service_namespaces") for n in namespaces))

    def perform(self) -> dict[str, Any]:
        subject = self.subject()
        return {"PoliciesGrantingServiceAccess": [
            {"ServiceNamespace": prefix, "Policies": policies_granting(subject, prefix)}
            for prefix in self.service_namespaces], "IsTruncated": False}
