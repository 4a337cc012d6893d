"""AWS Organizations' accounts: CreateAccount, the accounts of the organization and of each
parent, invitations (InviteAccountToOrganization, AcceptHandshake, ListHandshakesForAccount),
MoveAccount, RemoveAccountFromOrganization and LeaveOrganization."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from iamconsole.operations import register
from iamconsole.organizations_errors import (
    AccountNotFoundException,
    CreateAccountStatusNotFoundException,
    HandshakeNotFoundException,
    InvalidInputException,
)
from policies.authorization import Requirement

from ..models import Account, CreateAccountRequest, Handshake, OrganizationMember
from ..organizations_selectors import (
    account_arn,
    account_shape,
    create_account_status_shape,
    handshake_shape,
    member_get,
)
from ..services.organization_accounts import (
    ACCESS_ROLE,
    account_move,
    account_remove,
    handshake_accept,
    handshake_invite,
    organization_account_create,
)
from .organizations import CreateWithTags, OrganizationsOperation, tag_dict


@register
@dataclass(kw_only=True, eq=False)
class CreateAccount(CreateWithTags):
    """CreateAccount: completes at once (State SUCCEEDED, or FAILED with AWS's reason)."""

    email: str
    account_name: str
    role_name: str = ACCESS_ROLE
    iam_user_access_to_billing: str = "ALLOW"

    def validate(self) -> None:
        super().validate()
        if self.iam_user_access_to_billing not in ("ALLOW", "DENY"):
            raise InvalidInputException("IamUserAccessToBilling must be ALLOW or DENY.",
                                        reason="INVALID_ENUM", field="IamUserAccessToBilling")

    def perform(self) -> dict[str, Any]:
        request = organization_account_create(
            organization=self.organization, email=self.email,
            account_name=self.account_name, role_name=self.role_name or ACCESS_ROLE,
            tags=tag_dict(self.tags))
        return {"CreateAccountStatus": create_account_status_shape(request)}


@register
@dataclass(kw_only=True, eq=False)
class DescribeCreateAccountStatus(OrganizationsOperation):
    read_only = True
    create_account_request_id: str

    def perform(self) -> dict[str, Any]:
        request = CreateAccountRequest.objects.filter(
            organization=self.organization,
            request_id=self.create_account_request_id).first()
        if request is None:
            raise CreateAccountStatusNotFoundException(
                "We can't find a create account request with the CreateAccountRequestId "
                "that you specified.")
        return {"CreateAccountStatus": create_account_status_shape(request)}


@register
@dataclass(kw_only=True, eq=False)
class ListAccounts(OrganizationsOperation):
    read_only = True

    def members(self) -> Iterable[OrganizationMember]:
        return self.organization.members.select_related("account")

    def perform(self) -> dict[str, Any]:
        return {"Accounts": [account_shape(self.organization, m) for m in self.members()]}


@register
@dataclass(kw_only=True, eq=False)
class ListAccountsForParent(ListAccounts):
    parent_id: str
    parent: Any = field(init=False, default=None, repr=False)

    def prepare(self) -> None:
        super().prepare()
        self.parent = self.find_parent(self.parent_id)

    def resource(self) -> str:
        return self.parent_arn(self.parent_id)

    def members(self) -> Iterable[OrganizationMember]:
        return super().members().filter(parent=self.parent)


@dataclass(kw_only=True, eq=False)
class _AccountOperation(OrganizationsOperation):
    account_id: str
    member: OrganizationMember | None = field(init=False, default=None, repr=False)

    def prepare(self) -> None:
        super().prepare()
        self.member = self.find(lambda: member_get(self.organization, self.account_id),
                                self.resource())

    def resource(self) -> str:
        return account_arn(self.organization, self.account_id)


@register
@dataclass(kw_only=True, eq=False)
class DescribeAccount(_AccountOperation):
    read_only = True

    def perform(self) -> dict[str, Any]:
        return {"Account": account_shape(self.organization, self.member)}


@register
@dataclass(kw_only=True, eq=False)
class MoveAccount(_AccountOperation):
    """MoveAccount: authorized on the account, the source and the destination."""

    source_parent_id: str
    destination_parent_id: str

    def requirements(self) -> Iterable[Requirement]:
        yield self.requirement()
        yield self.requirement(resource=self.parent_arn(self.source_parent_id))
        yield self.requirement(resource=self.parent_arn(self.destination_parent_id))

    def perform(self) -> None:
        account_move(organization=self.organization, member=self.member,
                     source_parent_id=self.source_parent_id,
                     destination_parent_id=self.destination_parent_id)


@register
@dataclass(kw_only=True, eq=False)
class RemoveAccountFromOrganization(_AccountOperation):
    def perform(self) -> None:
        account_remove(organization=self.organization, member=self.member)


@register
@dataclass(kw_only=True, eq=False)
class LeaveOrganization(OrganizationsOperation):
    """LeaveOrganization: a member account leaves (the management account cannot)."""

    management_only = False

    def perform(self) -> None:
        account_remove(organization=self.organization,
                       member=member_get(self.organization, self.caller.account_id))


@register
@dataclass(kw_only=True, eq=False)
class InviteAccountToOrganization(CreateWithTags):
    """InviteAccountToOrganization: an account hosted here, by ID (Type ACCOUNT) or by its
    root user's email (Type EMAIL)."""

    target: Mapping[str, str]
    notes: str = ""

    def validate(self) -> None:
        super().validate()
        if self.target.get("Type") not in ("ACCOUNT", "EMAIL") or not self.target.get("Id"):
            raise InvalidInputException("The target is an account ID (Type ACCOUNT) or an "
                                        "email address (Type EMAIL).",
                                        reason="INVALID_PARTY_TYPE_TARGET", field="Target")

    def perform(self) -> dict[str, Any]:
        if self.target["Type"] == "ACCOUNT":
            target = Account.objects.filter(account_id=self.target["Id"]).first()
        else:
            target = Account.objects.filter(root_email__iexact=self.target["Id"]).first()
        if target is None:
            raise AccountNotFoundException("You specified an account that doesn't exist.")
        handshake = handshake_invite(organization=self.organization, target=target,
                                     notes=self.notes)
        return {"Handshake": handshake_shape(handshake)}


@register
@dataclass(kw_only=True, eq=False)
class AcceptHandshake(OrganizationsOperation):
    """AcceptHandshake: by the invited account (in no organization yet)."""

    management_only = False
    handshake_id: str
    handshake: Handshake | None = field(init=False, default=None, repr=False)

    def prepare(self) -> None:
        self.handshake = (Handshake.objects.select_related("organization__management_account")
                          .filter(handshake_id=self.handshake_id,
                                  target_account_id=self.caller.account_id).first())
        if self.handshake is None:
            self.caller.authorize(self.requirement(resource="*", context={}))
            raise HandshakeNotFoundException(
                "We can't find a handshake with the HandshakeId that you specified.")

    def resource(self) -> str:
        return self.handshake.arn

    def perform(self) -> dict[str, Any]:
        handshake = handshake_accept(handshake=self.handshake, account=self.caller.account)
        return {"Handshake": handshake_shape(handshake)}


@register
@dataclass(kw_only=True, eq=False)
class ListHandshakesForAccount(OrganizationsOperation):
    """ListHandshakesForAccount: the invitations addressed to the caller's account."""

    read_only = True
    management_only = False

    def prepare(self) -> None:
        pass

    def perform(self) -> dict[str, Any]:
        handshakes = (Handshake.objects.select_related("organization__management_account")
                      .filter(target_account_id=self.caller.account_id))
        return {"Handshakes": [handshake_shape(h) for h in handshakes]}


