"""Domain errors shared by every app, each carrying AWS's error code and HTTP status."""

from __future__ import annotations


class IamError(Exception):
    """Base of the errors services raise; the UI and the API render them the same way."""

    code = "ServiceFailure"
    status = 500

    def __init__(self, message: str, *, field: str | None = None, details: object = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.details = details

    def as_dict(self) -> dict[str, object]:
        """Return the JSON body the API answers with."""
        body: dict[str, object] = {"code": self.code, "message": self.message, "field": self.field}
        if self.details is not None:
            body["details"] = self.details
        return body


class NoSuchEntity(IamError):
    """The named entity does not exist in the caller's account."""

    code = "NoSuchEntity"
    status = 404


class EntityAlreadyExists(IamError):
    """An entity with that name (compared case-insensitively) already exists."""

    code = "EntityAlreadyExists"
    status = 409


class DeleteConflict(IamError):
    """The entity still has dependents; `details` lists them."""

    code = "DeleteConflict"
    status = 409


class LimitExceeded(IamError):
    """A quota such as 5 policy versions or 2 access keys would be exceeded."""

    code = "LimitExceeded"
    status = 409


class ConcurrentModification(IamError):
    """Another request changed the entity at the same time."""

    code = "ConcurrentModification"
    status = 409


class MalformedPolicyDocument(IamError):
    """A policy document failed validation; `details` lists the findings with positions.

    `document` and `policy_type` (when known) let AWS's API word the refusal as AWS does."""

    code = "MalformedPolicyDocument"
    status = 400
    document: str | None = None
    policy_type: str | None = None


class InvalidInput(IamError):
    """A parameter breaks a rule (name pattern, length, range...)."""

    code = "InvalidInput"
    status = 400


class PasswordPolicyViolation(IamError):
    """A password does not satisfy the account password policy."""

    code = "PasswordPolicyViolation"
    status = 400


class UnmodifiableEntity(IamError):
    """The entity is read-only, such as an AWS-managed policy."""

    code = "UnmodifiableEntity"
    status = 400


class PolicyNotAttachable(IamError):
    """The managed policy cannot be attached to that kind of entity (service-role policies)."""

    code = "PolicyNotAttachable"
    status = 400


class InvalidUserType(IamError):
    """The operation is not for this kind of identity (ChangePassword by the root user)."""

    code = "InvalidUserType"
    status = 400


class InvalidAuthenticationCode(IamError):
    """An MFA code was wrong."""

    code = "InvalidAuthenticationCode"
    status = 403


class AccessDenied(IamError):
    """The caller is not authorized; the message is AWS's sentence. `decision`: the
    authorization's decision when a policy evaluation refused it (its explanation)."""

    code = "AccessDenied"
    status = 403
    decision: object = None


class PreconditionFailed(IamError):
    """An If-Match precondition did not hold: the entity changed meanwhile."""

    code = "PreconditionFailed"
    status = 412


class ReportNotPresent(IamError):
    """GetCredentialReport before any GenerateCredentialReport (AWS's 410)."""

    code = "ReportNotPresent"
    status = 410


class MalformedCertificate(IamError):
    """A certificate, chain or private key is not valid PEM, or cannot be parsed."""

    code = "MalformedCertificate"
    status = 400


class KeyPairMismatch(IamError):
    """A server certificate's public key does not match the private key given with it."""

    code = "KeyPairMismatch"
    status = 400


class InvalidCertificate(IamError):
    """A signing certificate parses but is not valid (it has expired)."""

    code = "InvalidCertificate"
    status = 400


class DuplicateCertificate(IamError):
    """The same signing certificate already belongs to an identity of the account."""

    code = "DuplicateCertificate"
    status = 409


class InvalidPublicKey(IamError):
    """An SSH public key is malformed or otherwise invalid (shorter than 2,048 bits...)."""

    code = "InvalidPublicKey"
    status = 400


class DuplicateSSHPublicKey(IamError):
    """The SSH public key is already associated with the user."""

    code = "DuplicateSSHPublicKey"
    status = 400


class UnrecognizedPublicKeyEncoding(IamError):
    """An SSH public key is in neither of the encodings AWS accepts (ssh-rsa, PEM)."""

    code = "UnrecognizedPublicKeyEncoding"
    status = 400


class NotSupportedService(IamError):
    """Service-specific credentials are not available for the named service."""

    code = "NotSupportedService"
    status = 404


class StsValidationError(IamError):
    """STS's answer to input outside its rules (a duration, a session name, tags)."""

    code = "ValidationError"
    status = 400


class PackedPolicyTooLarge(IamError):
    """The session policies and session tags do not fit the session token (STS)."""

    code = "PackedPolicyTooLarge"
    status = 400


class InvalidAuthorizationMessage(IamError):
    """DecodeAuthorizationMessage was given a message this service did not encode."""

    code = "InvalidAuthorizationMessageException"
    status = 400


class GuardRailViolation(IamError):
    """A change would break guard rails set to block (saved simulator expectations of the
    account); `details` lists them. Our own code: AWS has no error for this."""

    code = "GuardRailViolation"
    status = 409
