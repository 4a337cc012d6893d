"""AWS Organizations' errors: AWS's exception names as codes, HTTP 400 as its JSON protocol
answers them, and the REST API's own status (`rest_status`: 403, 404, 409...). `Reason`
(ConstraintViolationException, InvalidInputException, HandshakeConstraintViolationException)
is carried in `reason` and in the JSON body."""

from __future__ import annotations

from .exceptions import IamError


class OrganizationsError(IamError):
    """Base of Organizations' errors."""

    code = "ServiceException"
    status = 400
    # The REST API answers by kind: a missing thing 404, a refusal 403, a state or limit 409.
    rest_status = 400
    reason: str | None = None

    def __init__(self, message: str, *, reason: str | None = None, field: str | None = None,
                 details: object = None) -> None:
        super().__init__(message, field=field, details=details)
        if reason is not None:
            self.reason = reason

    def as_dict(self) -> dict[str, object]:
        body = super().as_dict()
        if self.reason:
            body["reason"] = self.reason
        return body


def _rest_status(name: str) -> int:
    """The REST API's status of an error named so (AWS's names tell the kind)."""
    if name == "AccessDeniedException":
        return 403
    if name.endswith("NotFoundException") or name in (
            "AWSOrganizationsNotInUseException", "PolicyNotAttachedException"):
        return 404
    if name in ("InvalidInputException", "MalformedPolicyDocumentException"):
        return 400
    return 409


def _error(name: str, doc: str) -> type[OrganizationsError]:
    return type(name, (OrganizationsError,), {"code": name, "__doc__": doc,
                                              "rest_status": _rest_status(name),
                                              "__module__": __name__})


AWSOrganizationsNotInUseException = _error(
    "AWSOrganizationsNotInUseException", "The caller's account is in no organization.")
AccessDeniedException = _error(
    "AccessDeniedException", "Only the management account may do this.")
AccountNotFoundException = _error("AccountNotFoundException", "No such account here.")
AlreadyInOrganizationException = _error(
    "AlreadyInOrganizationException", "The account already belongs to an organization.")
ChildNotFoundException = _error("ChildNotFoundException", "No such account or OU.")
ConstraintViolationException = _error(
    "ConstraintViolationException", "A limit or rule of the organization (see `reason`).")
CreateAccountStatusNotFoundException = _error(
    "CreateAccountStatusNotFoundException", "No such CreateAccount request.")
DestinationParentNotFoundException = _error(
    "DestinationParentNotFoundException", "MoveAccount's destination does not exist.")
DuplicateAccountException = _error(
    "DuplicateAccountException", "The account is already in the organization.")
DuplicateHandshakeException = _error(
    "DuplicateHandshakeException", "An open invitation to that account exists already.")
DuplicateOrganizationalUnitException = _error(
    "DuplicateOrganizationalUnitException", "An OU of that name exists in the parent.")
DuplicatePolicyAttachmentException = _error(
    "DuplicatePolicyAttachmentException", "The policy is already attached to the target.")
DuplicatePolicyException = _error(
    "DuplicatePolicyException", "A policy of that name and type exists already.")
EffectivePolicyNotFoundException = _error(
    "EffectivePolicyNotFoundException", "No effective policy of that type for the target.")
HandshakeConstraintViolationException = _error(
    "HandshakeConstraintViolationException", "The invitation breaks a rule (see `reason`).")
HandshakeNotFoundException = _error("HandshakeNotFoundException", "No such handshake.")
InvalidHandshakeTransitionException = _error(
    "InvalidHandshakeTransitionException", "The handshake is no longer open.")
InvalidInputException = _error(
    "InvalidInputException", "A parameter breaks a rule (see `reason`).")
MalformedPolicyDocumentException = _error(
    "MalformedPolicyDocumentException", "The policy is not valid for its type.")
MasterCannotLeaveOrganizationException = _error(
    "MasterCannotLeaveOrganizationException", "The management account cannot leave.")
OrganizationNotEmptyException = _error(
    "OrganizationNotEmptyException", "The organization still has member accounts.")
OrganizationalUnitNotEmptyException = _error(
    "OrganizationalUnitNotEmptyException", "The OU still holds accounts or OUs.")
OrganizationalUnitNotFoundException = _error(
    "OrganizationalUnitNotFoundException", "No such OU.")
ParentNotFoundException = _error("ParentNotFoundException", "No such root or OU.")
PolicyInUseException = _error("PolicyInUseException", "The policy is still attached.")
PolicyNotAttachedException = _error(
    "PolicyNotAttachedException", "The policy is not attached to the target.")
PolicyNotFoundException = _error("PolicyNotFoundException", "No such policy.")
PolicyTypeAlreadyEnabledException = _error(
    "PolicyTypeAlreadyEnabledException", "The policy type is already enabled.")
PolicyTypeNotAvailableForOrganizationException = _error(
    "PolicyTypeNotAvailableForOrganizationException", "The policy type is not available.")
PolicyTypeNotEnabledException = _error(
    "PolicyTypeNotEnabledException", "The policy type is not enabled in the root.")
RootNotFoundException = _error("RootNotFoundException", "No such root.")
SourceParentNotFoundException = _error(
    "SourceParentNotFoundException", "MoveAccount's source does not exist.")
TargetNotFoundException = _error("TargetNotFoundException", "No such root, OU or account.")
