"""`/api/v1/organizations/`: the organization's accounts (created, moved, removed), the
caller's account leaving, and invitations (handshakes)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from ...operations.organization_accounts import (
    AcceptHandshake,
    CreateAccount,
    DescribeAccount,
    DescribeCreateAccountStatus,
    InviteAccountToOrganization,
    LeaveOrganization,
    ListAccounts,
    ListHandshakesForAccount,
    MoveAccount,
    RemoveAccountFromOrganization,
)
from ..serializers.organizations import (
    AccountMoveSerializer,
    CreateAccountStatusSerializer,
    HandshakeSerializer,
    InviteSerializer,
    OrganizationAccountCreateSerializer,
    OrganizationAccountSerializer,
    aws_tags,
)
from .organizations import OrganizationsView


class OrganizationAccountsView(OrganizationsView):
    """The organization's accounts."""

    @extend_schema(responses=OrganizationAccountSerializer(many=True),
                   summary="List the organization's accounts (ListAccounts)")
    def get(self, request: Request) -> Response:
        return self.page_list(self.run(ListAccounts)["Accounts"], OrganizationAccountSerializer)

    @extend_schema(request=OrganizationAccountCreateSerializer,
                   responses={201: CreateAccountStatusSerializer},
                   summary="Create a member account (CreateAccount)")
    def post(self, request: Request) -> Response:
        data = self.input(OrganizationAccountCreateSerializer)
        created = self.run(CreateAccount, email=data["email"], account_name=data["account_name"],
                           role_name=data["role_name"], tags=aws_tags(data["tags"]),
                           iam_user_access_to_billing=data["iam_user_access_to_billing"])
        return Response(self.represent(CreateAccountStatusSerializer,
                                       created["CreateAccountStatus"]),
                        status=status.HTTP_201_CREATED)


class OrganizationAccountView(OrganizationsView):
    """One account of the organization, by its 12-digit ID."""

    @extend_schema(responses=OrganizationAccountSerializer,
                   summary="Describe an account (DescribeAccount)")
    def get(self, request: Request, account_id: str) -> Response:
        found = self.run(DescribeAccount, account_id=account_id)
        return Response(self.represent(OrganizationAccountSerializer, found["Account"]))

    @extend_schema(responses={204: None},
                   summary="Remove a member account (RemoveAccountFromOrganization)")
    def delete(self, request: Request, account_id: str) -> Response:
        self.run(RemoveAccountFromOrganization, account_id=account_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AccountMoveView(OrganizationsView):
    """Moving an account to another parent."""

    @extend_schema(request=AccountMoveSerializer, responses={204: None},
                   summary="Move an account (MoveAccount)")
    def post(self, request: Request, account_id: str) -> Response:
        data = self.input(AccountMoveSerializer)
        self.run(MoveAccount, account_id=account_id, source_parent_id=data["source_parent_id"],
                 destination_parent_id=data["destination_parent_id"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class CreateAccountStatusView(OrganizationsView):
    """A CreateAccount request, by its ID (car-...)."""

    @extend_schema(responses=CreateAccountStatusSerializer,
                   summary="Describe a CreateAccount request (DescribeCreateAccountStatus)")
    def get(self, request: Request, request_id: str) -> Response:
        found = self.run(DescribeCreateAccountStatus, create_account_request_id=request_id)
        return Response(self.represent(CreateAccountStatusSerializer,
                                       found["CreateAccountStatus"]))


class LeaveView(OrganizationsView):
    """The caller's (member) account leaving its organization."""

    @extend_schema(request=None, responses={204: None},
                   summary="Leave the organization (LeaveOrganization)")
    def post(self, request: Request) -> Response:
        self.run(LeaveOrganization)
        return Response(status=status.HTTP_204_NO_CONTENT)


class HandshakesView(OrganizationsView):
    """Invitations: those addressed to the caller's account, and new ones."""

    @extend_schema(responses=HandshakeSerializer(many=True),
                   summary="List the invitations to the caller's account "
                           "(ListHandshakesForAccount)")
    def get(self, request: Request) -> Response:
        found = self.run(ListHandshakesForAccount)
        return self.page_list(found["Handshakes"], HandshakeSerializer)

    @extend_schema(request=InviteSerializer, responses={201: HandshakeSerializer},
                   summary="Invite an account (InviteAccountToOrganization)")
    def post(self, request: Request) -> Response:
        data = self.input(InviteSerializer)
        found = self.run(InviteAccountToOrganization, notes=data["notes"],
                         target={"Id": data["target_id"], "Type": data["target_type"]},
                         tags=aws_tags(data["tags"]))
        return Response(self.represent(HandshakeSerializer, found["Handshake"]),
                        status=status.HTTP_201_CREATED)


class HandshakeAcceptView(OrganizationsView):
    """Accepting an invitation, by the invited account."""

    @extend_schema(request=None, responses=HandshakeSerializer,
                   summary="Accept an invitation (AcceptHandshake)")
    def post(self, request: Request, handshake_id: str) -> Response:
        found = self.run(AcceptHandshake, handshake_id=handshake_id)
        return Response(self.represent(HandshakeSerializer, found["Handshake"]))
