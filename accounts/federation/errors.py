"""STS's errors for federated sign-in, with AWS's codes and HTTP statuses."""

from __future__ import annotations

from iamconsole.exceptions import IamError


class InvalidIdentityToken(IamError):
    """The token or assertion is not valid: malformed, badly signed, from an issuer the
    account has no provider for, or for another audience."""

    code = "InvalidIdentityToken"
    status = 400


class ExpiredTokenException(IamError):
    """The token or assertion has expired (`exp`, `NotOnOrAfter`)."""

    code = "ExpiredTokenException"
    status = 400


class IDPRejectedClaim(IamError):
    """The identity provider reported that authentication failed (a SAML response whose
    status is not Success)."""

    code = "IDPRejectedClaim"
    status = 403


class IDPCommunicationError(IamError):
    """The provider's keys could not be fetched from its issuer."""

    code = "IDPCommunicationError"
    status = 400
