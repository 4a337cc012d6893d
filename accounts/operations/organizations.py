"""AWS Organizations: the organization, its root and OUs, and the navigation of the tree.

Every operation is `organizations:<Operation>` authorized on AWS's ARN; those that manage the
organization run only from the management account (AccessDeniedException otherwise), and
all answer AWSOrganizationsNotInUseException outside an organization. Outputs are AWS's
response shapes (dicts with AWS's member names), which the wire and REST doors serialize.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

from iamconsole.operations import Operation, register
from iamconsole.organizations_errors import (
    AccessDeniedException,
    AWSOrganizationsNotInUseException,
    ChildNotFoundException,
    InvalidInputException,
    OrganizationsError,
)
from policies.authorization import Requirement

from ..models import Organization, OrganizationalUnit, OrganizationMember
from ..organizations_selectors import (
    account_arn,
    member_get,
    organization_for,
    organization_shape,
    root_shape,
    unit_arn,
    unit_get,
    unit_shape,
)
from ..services.organizations import (
    find_parent,
    organization_create,
    organization_delete,
    unit_create,
    unit_delete,
    unit_rename,
)

T = TypeVar("T")
DENIED = "You don't have permissions to access this resource."


@dataclass(kw_only=True, eq=False)
class OrganizationsOperation(Operation):
    """Base of the Organizations operations: the caller's organization (`prepare`), the
    management-account rule (`guard`), tag condition keys."""

    service: ClassVar[str] = "organizations"
    # Whether only the management account may run it (most do; Describe* of one's own
    # organization and account, LeaveOrganization, AcceptHandshake do not).
    management_only: ClassVar[bool] = True
    organization: Organization = field(init=False, default=None, repr=False)  # type: ignore

    def prepare(self) -> None:
        try:
            self.organization = organization_for(self.caller.account)
        except AWSOrganizationsNotInUseException:
            # A caller who may not perform the action learns nothing: AccessDenied first.
            self.caller.authorize(self.primary())
            raise

    @property
    def is_management(self) -> bool:
        return self.organization.management_account_id == self.caller.account.pk

    def guard(self) -> None:
        if self.management_only and not self.is_management:
            raise AccessDeniedException(f"{DENIED} {self.action} runs only from the "
                                        "organization's management account.")

    def find(self, lookup: Callable[[], T], missing: str) -> T:
        """What `lookup` finds; when it raises a not-found error, the caller is first
        authorized on `missing` (the ARN the ID implies), so a denied caller learns nothing."""
        try:
            return lookup()
        except OrganizationsError:
            self.caller.authorize(self.requirement(resource=missing, context={}))
            raise

    def parent_arn(self, parent_id: str) -> str:
        if parent_id.startswith("r-"):
            return (f"arn:aws:organizations::{self.organization.management_id}:root/"
                    f"{self.organization.org_id}/{parent_id}")
        return unit_arn(self.organization, parent_id)

    def find_parent(self, parent_id: str, **kwargs: Any) -> OrganizationalUnit | None:
        return self.find(lambda: find_parent(self.organization, parent_id, **kwargs),
                         self.parent_arn(parent_id))

    @staticmethod
    def tag_context(tags: Iterable[Mapping[str, str]]) -> dict[str, Any]:
        tags = list(tags)
        if not tags:
            return {}
        context: dict[str, Any] = {f"aws:RequestTag/{t['Key']}": t["Value"] for t in tags}
        context["aws:TagKeys"] = [t["Key"] for t in tags]
        return context


def tag_dict(tags: Iterable[Mapping[str, str]]) -> dict[str, str]:
    """[{"Key", "Value"}] as a dict, refusing what AWS refuses (duplicate keys, lengths)."""
    found: dict[str, str] = {}
    for tag in tags:
        key, value = tag.get("Key"), tag.get("Value", "")
        if not isinstance(key, str) or not 1 <= len(key) <= 128:
            raise InvalidInputException("A tag key has 1 to 128 characters.",
                                        reason="INVALID_PATTERN", field="Tags")
        if not isinstance(value, str) or len(value) > 256:
            raise InvalidInputException("A tag value has 0 to 256 characters.",
                                        reason="INVALID_PATTERN", field="Tags")
        if key in found:
            raise InvalidInputException(f"The tag key {key} is given twice.",
                                        reason="DUPLICATE_TAG_KEY", field="Tags")
        found[key] = value
    if len(found) > 50:
        raise InvalidInputException("A resource has 50 tags at most.",
                                    reason="MAX_LIMIT_EXCEEDED_FILTER", field="Tags")
    return found


@dataclass(kw_only=True, eq=False)
class CreateWithTags(OrganizationsOperation):
    """A create that takes tags: they also need organizations:TagResource, with
    aws:RequestTag/* and aws:TagKeys."""

    tags: list[dict[str, str]] = field(default_factory=list)

    def validate(self) -> None:
        tag_dict(self.tags)

    def context(self) -> Mapping[str, Any]:
        return self.tag_context(self.tags)

    def requirements(self) -> Iterable[Requirement]:
        yield self.requirement()
        if self.tags:
            yield self.requirement("organizations:TagResource", "*")


@register
@dataclass(kw_only=True, eq=False)
class CreateOrganization(OrganizationsOperation):
    """CreateOrganization: the caller's account becomes the management account."""

    feature_set: str = "ALL"

    def prepare(self) -> None:
        pass

    def guard(self) -> None:
        pass

    def perform(self) -> dict[str, Any]:
        organization = organization_create(account=self.caller.account,
                                           feature_set=self.feature_set)
        return {"Organization": organization_shape(organization)}


@register
@dataclass(kw_only=True, eq=False)
class DescribeOrganization(OrganizationsOperation):
    """DescribeOrganization: any account of the organization may read it."""

    read_only = True
    management_only = False

    def perform(self) -> dict[str, Any]:
        return {"Organization": organization_shape(self.organization)}


@register
@dataclass(kw_only=True, eq=False)
class DeleteOrganization(OrganizationsOperation):
    """DeleteOrganization: once no member account is left; authorized on "*", as AWS's
    service reference gives the action no resource type (a statement naming the
    organization's ARN does not apply to it)."""

    def perform(self) -> None:
        organization_delete(organization=self.organization)


@register
@dataclass(kw_only=True, eq=False)
class ListRoots(OrganizationsOperation):
    read_only = True

    def perform(self) -> dict[str, Any]:
        return {"Roots": [root_shape(self.organization)]}


@register
@dataclass(kw_only=True, eq=False)
class CreateOrganizationalUnit(CreateWithTags):
    """CreateOrganizationalUnit under the root or an OU (5 levels)."""

    parent_id: str
    name: str

    def resource(self) -> str:
        return self.parent_arn(self.parent_id)

    def perform(self) -> dict[str, Any]:
        unit = unit_create(organization=self.organization, parent_id=self.parent_id,
                           name=self.name, tags=tag_dict(self.tags))
        return {"OrganizationalUnit": unit_shape(self.organization, unit)}


@dataclass(kw_only=True, eq=False)
class _UnitOperation(OrganizationsOperation):
    organizational_unit_id: str
    unit: OrganizationalUnit | None = field(init=False, default=None, repr=False)

    def prepare(self) -> None:
        super().prepare()
        self.unit = self.find(lambda: unit_get(self.organization, self.organizational_unit_id),
                              self.resource())

    def resource(self) -> str:
        return unit_arn(self.organization, self.organizational_unit_id)


@register
@dataclass(kw_only=True, eq=False)
class DescribeOrganizationalUnit(_UnitOperation):
    read_only = True

    def perform(self) -> dict[str, Any]:
        return {"OrganizationalUnit": unit_shape(self.organization, self.unit)}


@register
@dataclass(kw_only=True, eq=False)
class UpdateOrganizationalUnit(_UnitOperation):
    name: str | None = None

    def perform(self) -> dict[str, Any]:
        if self.name is not None:
            self.unit = unit_rename(unit=self.unit, name=self.name)
        return {"OrganizationalUnit": unit_shape(self.organization, self.unit)}


@register
@dataclass(kw_only=True, eq=False)
class DeleteOrganizationalUnit(_UnitOperation):
    def perform(self) -> None:
        unit_delete(unit=self.unit)


@dataclass(kw_only=True, eq=False)
class _ParentRead(OrganizationsOperation):
    read_only = True
    parent_id: str
    parent: OrganizationalUnit | None = field(init=False, default=None, repr=False)

    def prepare(self) -> None:
        super().prepare()
        self.parent = self.find_parent(self.parent_id)

    def resource(self) -> str:
        return self.parent_arn(self.parent_id)

    def units(self) -> list[OrganizationalUnit]:
        units = list(OrganizationalUnit.objects.filter(organization=self.organization,
                                                       parent=self.parent))
        for unit in units:
            # One parent object for all: its chain up to the root (each OU's Path) is read
            # once, not once per OU.
            unit.parent = self.parent
        return units


@register
@dataclass(kw_only=True, eq=False)
class ListOrganizationalUnitsForParent(_ParentRead):
    def perform(self) -> dict[str, Any]:
        return {"OrganizationalUnits": [unit_shape(self.organization, u)
                                        for u in self.units()]}


@register
@dataclass(kw_only=True, eq=False)
class ListChildren(_ParentRead):
    """ListChildren: the OUs (ORGANIZATIONAL_UNIT) or accounts (ACCOUNT) of a parent."""

    child_type: str

    def guard(self) -> None:
        # Once authorized: the REST door's ?type= comes from the query, and a caller who
        # may not list learns nothing from its check (the wire checks the enum first).
        super().guard()
        if self.child_type not in ("ACCOUNT", "ORGANIZATIONAL_UNIT"):
            raise InvalidInputException("ChildType must be ACCOUNT or ORGANIZATIONAL_UNIT.",
                                        reason="INVALID_ENUM", field="ChildType")

    def perform(self) -> dict[str, Any]:
        if self.child_type == "ORGANIZATIONAL_UNIT":
            children = [{"Id": u.ou_id, "Type": "ORGANIZATIONAL_UNIT"} for u in self.units()]
        else:
            accounts = (OrganizationMember.objects.filter(organization=self.organization,
                                                          parent=self.parent)
                        .values_list("account__account_id", flat=True))
            children = [{"Id": a, "Type": "ACCOUNT"} for a in accounts]
        return {"Children": children}


@register
@dataclass(kw_only=True, eq=False)
class ListParents(OrganizationsOperation):
    """ListParents: the root or OU directly above an account or OU."""

    read_only = True
    child_id: str
    parent: OrganizationalUnit | None = field(init=False, default=None, repr=False)

    def resource(self) -> str:
        if self.child_id.startswith("ou-"):
            return unit_arn(self.organization, self.child_id)
        return account_arn(self.organization, self.child_id)

    def prepare(self) -> None:
        super().prepare()
        self.parent = self.find(self._parent, self.resource())

    def _parent(self) -> OrganizationalUnit | None:
        try:
            if self.child_id.startswith("ou-"):
                return unit_get(self.organization, self.child_id).parent
            return member_get(self.organization, self.child_id).parent
        except OrganizationsError as exc:
            raise ChildNotFoundException("We can't find an organizational unit (OU) or "
                                         "AWS account with the ChildId that you "
                                         "specified.") from exc

    def perform(self) -> dict[str, Any]:
        if self.parent is None:
            return {"Parents": [{"Id": self.organization.root_id, "Type": "ROOT"}]}
        return {"Parents": [{"Id": self.parent.ou_id, "Type": "ORGANIZATIONAL_UNIT"}]}
