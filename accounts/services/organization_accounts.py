"""Services of Organizations' accounts: CreateAccount (a hosted account with its root user
and OrganizationAccountAccessRole), invitations and their acceptance, moves, removals."""

from __future__ import annotations

import json
import re
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from iamconsole.organizations_errors import (
    AccountNotFoundException,
    DestinationParentNotFoundException,
    DuplicateAccountException,
    DuplicateHandshakeException,
    HandshakeConstraintViolationException,
    InvalidHandshakeTransitionException,
    InvalidInputException,
    MasterCannotLeaveOrganizationException,
    SourceParentNotFoundException,
)
from policies.selectors import aws_managed_policy
from policies.services import policy_attach_to_role

from ..models import (
    Account,
    CreateAccountRequest,
    Handshake,
    Organization,
    OrganizationMember,
    OrganizationPolicyAttachment,
)
from .accounts import account_create
from .organizations import attach_full_access, bump_accounts, find_parent, random_id
from .roles import role_create

ACCESS_ROLE = "OrganizationAccountAccessRole"
_EMAIL = re.compile(r"^[^\s@]+@[^\s@]+\.[^\s@]+$")
_ACCOUNT_NAME = re.compile(r"^[\u0020-\u007E]{1,50}$")
_ROLE_NAME = re.compile(r"^[\w+=,.@-]{1,64}$")
HANDSHAKE_DAYS = 15


def access_role_trust(management_account_id: str) -> str:
    """The trust policy AWS gives OrganizationAccountAccessRole: the management account."""
    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{management_account_id}:root"},
        "Action": "sts:AssumeRole"}]}, indent=2)


def validate_new_account(email: str, account_name: str, role_name: str) -> None:
    if not isinstance(email, str) or not 6 <= len(email) <= 64 or not _EMAIL.match(email):
        raise InvalidInputException("The email address is not valid.",
                                    reason="INVALID_PATTERN", field="Email")
    if not isinstance(account_name, str) or not _ACCOUNT_NAME.match(account_name):
        raise InvalidInputException("An account name has 1 to 50 printable ASCII characters.",
                                    reason="INVALID_PATTERN", field="AccountName")
    if not _ROLE_NAME.match(role_name or ""):
        raise InvalidInputException("The role name is not valid.",
                                    reason="INVALID_ROLE_NAME", field="RoleName")


def _new_account_id() -> str:
    while True:
        account_id = str(secrets.randbelow(9 * 10**11) + 10**11)
        if not Account.objects.filter(account_id=account_id).exists():
            return account_id


def _join(organization: Organization, account: Account, joined_method: str,
          tags: dict[str, str] | None = None) -> OrganizationMember:
    member = OrganizationMember.objects.create(organization=organization, account=account,
                                               joined_method=joined_method,
                                               tags=dict(tags or {}))
    attach_full_access(organization, [account.account_id])
    bump_accounts([account.pk])
    return member


@transaction.atomic
def organization_account_create(*, organization: Organization, email: str, account_name: str,
                                role_name: str = ACCESS_ROLE,
                                tags: dict[str, str] | None = None) -> CreateAccountRequest:
    """CreateAccount: a new account hosted here, in the root, with its root user (a random
    password nobody is told: as in AWS, the root user's password is reset to sign in) and
    `role_name` (AdministratorAccess, trusting the management account). An email already in
    use fails the request (EMAIL_ALREADY_EXISTS), as AWS."""
    validate_new_account(email, account_name, role_name)
    request = CreateAccountRequest(request_id=random_id("car-", 32), organization=organization,
                                   account_name=account_name, completed_at=timezone.now())
    if Account.objects.filter(root_email__iexact=email.strip()).exists():
        request.state, request.failure_reason = "FAILED", "EMAIL_ALREADY_EXISTS"
        request.save()
        return request
    account = account_create(account_id=_new_account_id(), root_email=email,
                             root_password=secrets.token_urlsafe(32) + "aA1!",
                             name=account_name)
    role = role_create(account=account, name=role_name,
                       trust_policy=access_role_trust(organization.management_id))
    policy_attach_to_role(policy=aws_managed_policy("AdministratorAccess"), role=role)
    _join(organization, account, "CREATED", tags)
    request.account_id = account.account_id
    request.save()
    return request


@transaction.atomic
def handshake_invite(*, organization: Organization, target: Account,
                     notes: str = "") -> Handshake:
    """InviteAccountToOrganization: an open invitation for 15 days."""
    if len(notes) > 1024:
        raise InvalidInputException("Notes have 1,024 characters at most.",
                                    reason="MAX_LENGTH_EXCEEDED", field="Notes")
    if OrganizationMember.objects.filter(account=target, organization=organization).exists():
        raise DuplicateAccountException("That account is already a member of the organization.")
    if OrganizationMember.objects.filter(account=target).exists():
        raise HandshakeConstraintViolationException(
            "The account is already a member of an organization.",
            reason="ALREADY_IN_AN_ORGANIZATION")
    if organization.handshakes.filter(target_account_id=target.account_id,
                                      state="OPEN").exists():
        raise DuplicateHandshakeException(
            "A handshake with the same action and target already exists.")
    now = timezone.now()
    return Handshake.objects.create(
        handshake_id=random_id("h-", 10), organization=organization,
        target_account_id=target.account_id, notes=notes, requested_at=now,
        expires_at=now + timedelta(days=HANDSHAKE_DAYS))


def handshake_open_check(handshake: Handshake) -> None:
    if handshake.state == "OPEN" and handshake.expires_at <= timezone.now():
        handshake.state = "EXPIRED"
        handshake.save(update_fields=["state"])
    if handshake.state != "OPEN":
        raise InvalidHandshakeTransitionException(
            f"You can't perform the operation on the handshake in its current state "
            f"({handshake.state}).")


@transaction.atomic
def handshake_accept(*, handshake: Handshake, account: Account) -> Handshake:
    """AcceptHandshake: the invited account joins the organization's root."""
    handshake = Handshake.objects.select_for_update().select_related(
        "organization__management_account").get(pk=handshake.pk)
    handshake_open_check(handshake)
    if OrganizationMember.objects.filter(account=account).exists():
        raise HandshakeConstraintViolationException(
            "The account is already a member of an organization.",
            reason="ALREADY_IN_AN_ORGANIZATION")
    _join(handshake.organization, account, "INVITED")
    handshake.state = "ACCEPTED"
    handshake.save(update_fields=["state"])
    return handshake


@transaction.atomic
def account_move(*, organization: Organization, member: OrganizationMember,
                 source_parent_id: str, destination_parent_id: str) -> OrganizationMember:
    """MoveAccount: from its parent to another; the SCPs that bind it change at once."""
    source = find_parent(organization, source_parent_id, SourceParentNotFoundException)
    destination = find_parent(organization, destination_parent_id,
                              DestinationParentNotFoundException)
    member = OrganizationMember.objects.select_for_update().get(pk=member.pk)
    if member.parent_id != (source.pk if source else None):
        raise AccountNotFoundException(
            "You specified an account that doesn't exist in the source parent.")
    if member.parent_id == (destination.pk if destination else None):
        raise DuplicateAccountException("That account is already in the destination parent.")
    member.parent = destination
    member.save(update_fields=["parent"])
    bump_accounts([member.account_id])
    return member


@transaction.atomic
def account_remove(*, organization: Organization, member: OrganizationMember) -> None:
    """RemoveAccountFromOrganization / LeaveOrganization: the account stands alone again,
    no longer bound by the organization's SCPs and RCPs."""
    if member.account_id == organization.management_account_id:
        raise MasterCannotLeaveOrganizationException(
            "You can't remove the management account from an organization.")
    OrganizationPolicyAttachment.objects.filter(
        policy__organization=organization,
        target_id=member.account.account_id).delete()
    member.delete()
    bump_accounts([member.account_id])
