"""Signature Version 4, checked as AWS checks it.

The canonical request, string to sign and signature are botocore's own
(`botocore.auth.SigV4Auth`, the code that signed the request on the client's side); ours is
only the policy around them: what must be signed, the clock, the scope, and a constant-time
comparison. Errors carry AWS's codes and wording.
"""

from __future__ import annotations

import hmac
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from django.http import HttpRequest

from .protocol import WireError

ALGORITHM = "AWS4-HMAC-SHA256"
SKEW = timedelta(minutes=5)
MAX_PRESIGNED_SECONDS = 7 * 24 * 3600  # a presigned URL lives a week at most, as at AWS
_TIMESTAMP = "%Y%m%dT%H%M%SZ"
_CREDENTIAL = re.compile(r"^(?P<key>[^/]+)/(?P<date>\d{8})/(?P<region>[^/]+)/(?P<service>[^/]+)"
                         r"/(?P<terminal>[^/]+)$")
_PRESIGNED = ("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-SignedHeaders",
              "X-Amz-Signature")


@dataclass(frozen=True)
class SignedRequest:
    """What a request claims: its key, scope, time, signed headers and signature."""

    access_key_id: str
    date: str  # the scope's yyyymmdd
    region: str
    service: str
    timestamp: str  # x-amz-date
    signed_headers: tuple[str, ...]
    signature: str
    security_token: str | None
    presigned: bool
    expires: int | None = None


def _missing_token() -> WireError:
    return WireError("MissingAuthenticationToken", "Request is missing Authentication Token",
                     status=403)


def _incomplete(message: str) -> WireError:
    return WireError("IncompleteSignature", message, status=400)


def read_signature(request: HttpRequest) -> SignedRequest:
    """The SigV4 claims of a request (Authorization header or presigned query string).

    MissingAuthenticationToken when it carries none, IncompleteSignature when they are
    malformed.
    """
    header = request.headers.get("Authorization", "")
    if header:
        return _from_header(request, header)
    if "X-Amz-Algorithm" in request.GET or "X-Amz-Signature" in request.GET:
        return _from_query(request)
    raise _missing_token()


def _from_header(request: HttpRequest, header: str) -> SignedRequest:
    algorithm, _, rest = header.partition(" ")
    if algorithm != ALGORITHM:
        raise _incomplete(f"Unsupported AWS 'algorithm': '{algorithm}'")
    parts: dict[str, str] = {}
    for item in rest.split(","):
        name, separator, value = item.strip().partition("=")
        if separator:
            parts[name] = value
    for required in ("Credential", "SignedHeaders", "Signature"):
        if not parts.get(required):
            raise _incomplete(f"Authorization header requires '{required}' parameter. "
                              f"Authorization={header}")
    timestamp = request.headers.get("X-Amz-Date", "")
    if not timestamp:
        raise _incomplete("Authorization header requires existence of either a 'X-Amz-Date' "
                          f"or a 'Date' header. Authorization={header}")
    return _claims(parts["Credential"], timestamp, parts["SignedHeaders"], parts["Signature"],
                   request.headers.get("X-Amz-Security-Token"), presigned=False)


def _from_query(request: HttpRequest) -> SignedRequest:
    query = request.GET
    for required in _PRESIGNED:
        if not query.get(required):
            raise _incomplete(f"AWS query-string parameters must include '{required}'. "
                              "Re-examine the query-string parameters.")
    if query["X-Amz-Algorithm"] != ALGORITHM:
        raise _incomplete(f"Unsupported AWS 'algorithm': '{query['X-Amz-Algorithm']}'")
    try:
        expires = int(query.get("X-Amz-Expires", "900"))
    except ValueError as exc:
        raise _incomplete("X-Amz-Expires must be a number of seconds.") from exc
    if not 1 <= expires <= MAX_PRESIGNED_SECONDS:
        raise _incomplete("X-Amz-Expires must be less than a week (in seconds) that is "
                          f"{MAX_PRESIGNED_SECONDS}")
    claims = _claims(query["X-Amz-Credential"], query["X-Amz-Date"],
                     query["X-Amz-SignedHeaders"], query["X-Amz-Signature"],
                     query.get("X-Amz-Security-Token"), presigned=True)
    return SignedRequest(**{**claims.__dict__, "expires": expires})


def _claims(credential: str, timestamp: str, signed_headers: str, signature: str,
            token: str | None, *, presigned: bool) -> SignedRequest:
    match = _CREDENTIAL.match(credential)
    if match is None:
        raise _incomplete(f"Credential should be scoped to a valid region, not ''. "
                          f"Credential={credential}")
    if match["terminal"] != "aws4_request":
        raise _incomplete("Credential should be scoped with a valid terminator: "
                          f"'aws4_request', not '{match['terminal']}'.")
    return SignedRequest(
        access_key_id=match["key"], date=match["date"], region=match["region"],
        service=match["service"], timestamp=timestamp,
        signed_headers=tuple(h.strip().lower() for h in signed_headers.split(";") if h),
        signature=signature, security_token=token, presigned=presigned,
    )


def check_freshness(signed: SignedRequest, now: datetime | None = None) -> None:
    """The request's time within five minutes of ours (a presigned URL: until it expires),
    its scope dated the same day, and host and x-amz-date signed."""
    now = now or datetime.now(UTC)
    if "host" not in signed.signed_headers:
        raise WireError("SignatureDoesNotMatch", "'Host' must be a 'SignedHeader' in the "
                        "AWS Authorization.", status=403)
    if not signed.presigned and "x-amz-date" not in signed.signed_headers:
        raise WireError("SignatureDoesNotMatch", "'X-Amz-Date' must be a 'SignedHeader' in "
                        "the AWS Authorization.", status=403)
    try:
        when = datetime.strptime(signed.timestamp, _TIMESTAMP).replace(tzinfo=UTC)
    except ValueError as exc:
        raise _incomplete(f"Date must be in ISO-8601 'basic format'. Got "
                          f"'{signed.timestamp}'.") from exc
    if signed.date != signed.timestamp[:8]:
        raise WireError("SignatureDoesNotMatch", f"Credential should be scoped to a valid "
                        f"date: '{signed.timestamp[:8]}', not '{signed.date}'.", status=403)
    stamp = now.strftime(_TIMESTAMP)
    if signed.presigned:
        if now > when + timedelta(seconds=signed.expires or 0) or when > now + SKEW:
            raise WireError("SignatureDoesNotMatch",
                            f"Signature expired: {signed.timestamp} is now earlier than "
                            f"{stamp}.", status=403)
        return
    if when < now - SKEW:
        earliest = (now - SKEW).strftime(_TIMESTAMP)
        raise WireError("SignatureDoesNotMatch", f"Signature expired: {signed.timestamp} is "
                        f"now earlier than {earliest} ({stamp} - 5 min.)", status=403)
    if when > now + SKEW:
        latest = (now + SKEW).strftime(_TIMESTAMP)
        raise WireError("SignatureDoesNotMatch", f"Signature not yet current: "
                        f"{signed.timestamp} is still later than {latest} ({stamp} + 5 min.)",
                        status=403)


def check_signature(request: HttpRequest, signed: SignedRequest, secret: str) -> None:
    """SignatureDoesNotMatch unless `secret` signs the request as received."""
    headers = {name: request.headers.get(name, "") for name in signed.signed_headers}
    # botocore canonicalizes the query string as it appears in the URL: keep it raw.
    raw = request.META.get("QUERY_STRING", "")
    query = "&".join(pair for pair in raw.split("&")
                     if pair and pair.partition("=")[0] != "X-Amz-Signature")
    url = f"{request.scheme}://{request.get_host()}{request.path}"
    if query:
        url += "?" + query
    aws_request = AWSRequest(method=request.method, url=url, headers=headers,
                             data=request.body)
    aws_request.context["timestamp"] = signed.timestamp
    auth = SigV4Auth(Credentials(signed.access_key_id, secret, signed.security_token),
                     signed.service, signed.region)
    canonical = auth.canonical_request(aws_request)
    expected = auth.signature(auth.string_to_sign(aws_request, canonical), aws_request)
    if not hmac.compare_digest(expected.encode(), signed.signature.encode()):
        raise WireError(
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided. "
            "Check your AWS Secret Access Key and signing method. Consult the service "
            "documentation for details.", status=403)
