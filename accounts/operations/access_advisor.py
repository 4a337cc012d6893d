"""Access Advisor: GenerateServiceLastAccessedDetails and GetServiceLastAccessedDetails,
computed from the trail (the job is done when asked: its ID carries what it reports on)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from iamconsole.exceptions import InvalidInput, NoSuchEntity
from iamconsole.operations import Operation, register

from ..access_advisor import last_accessed
from ..models import IamGroup, IamUser, Role, TrailEvent
from ..selectors import group_get, role_get, user_get

_FINDERS = {"user": user_get, "group": group_get, "role": role_get}
GRANULARITIES = ("SERVICE_LEVEL", "ACTION_LEVEL")


@register
@dataclass(kw_only=True, eq=False)
class GenerateServiceLastAccessedDetails(Operation):
    """GenerateServiceLastAccessedDetails: a report job on a user, group or role."""

    read_only = True
    arn: str
    granularity: str | None = None
    entity: IamUser | IamGroup | Role | None = field(init=False, default=None, repr=False)

    def validate(self) -> None:
        if self.granularity is not None and self.granularity not in GRANULARITIES:
            raise InvalidInput("Granularity is SERVICE_LEVEL or ACTION_LEVEL.",
                               field="granularity")

    def _kind(self) -> str:
        return self.arn.split(":", 5)[-1].split("/", 1)[0] if self.arn.count(":") >= 5 else ""

    def resource(self) -> str:
        return self.arn if self.arn and self.arn.startswith("arn:") else "*"

    def prepare(self) -> None:
        if self._kind() not in _FINDERS or not self.arn.startswith(
                f"arn:aws:iam::{self.caller.account_id}:"):
            # Authorized first, so that a caller who may not ask learns nothing.
            self.caller.authorize(self.requirement())
            raise InvalidInput(f"ARN {self.arn} is not a user, group or role of the account.",
                               field="arn")
        name = self.arn.rsplit("/", 1)[-1]
        finder = _FINDERS[self._kind()]
        self.entity = self.lookup(lambda: finder(account=self.caller.account, name=name),
                                  self.arn)
        if self.entity.arn != self.arn:
            raise NoSuchEntity(f"The entity {self.arn} cannot be found.", field="arn")

    def perform(self) -> dict[str, str]:
        # The job is this call's own trail event: its ID is the JobId, its record what the
        # report is on.
        self.trail_event_id = uuid.uuid4()
        return {"JobId": str(self.trail_event_id)}


@register
@dataclass(kw_only=True, eq=False)
class GetServiceLastAccessedDetails(Operation):
    """GetServiceLastAccessedDetails: the report of a job, each service its entity's
    policies grant and when the entity last used it."""

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

    def perform(self) -> dict[str, Any]:
        job = self._job()
        inputs = job.record.get("requestParameters") or {}
        report = GenerateServiceLastAccessedDetails(caller=self.caller, arn=inputs.get("arn"))
        report.validate()
        report.prepare()
        return {"JobStatus": "COMPLETED",
                "JobType": inputs.get("granularity") or "SERVICE_LEVEL",
                "JobCreationDate": job.event_time, "JobCompletionDate": job.event_time,
                "ServicesLastAccessed": last_accessed(report.entity),  # type: ignore[arg-type]
                "IsTruncated": False}
