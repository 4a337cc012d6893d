"""Console sessions: authenticating the root user and keeping the principal in the session."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.hashers import check_password, make_password
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from .models import Account, IamUser, Role
from .principal import Principal

SESSION_KEY = "iam_principal"
# Hashing a dummy password when the email is unknown keeps both paths equally slow.
_DUMMY_PASSWORD_HASH = make_password(None)


def _credential_fingerprint(account: Account) -> str:
    """A value that changes when the root password changes, ending older sessions."""
    return salted_hmac("iamconsole.root-session", account.root_password).hexdigest()


def authenticate_root(*, email: str, password: str) -> Account | None:
    """Return the account whose root user has this email and password, else None."""
    account = Account.objects.filter(root_email__iexact=email.strip()).first()
    if account is None:
        check_password(password, _DUMMY_PASSWORD_HASH)
        return None
    if not check_password(password, account.root_password):
        return None
    return account


def root_principal(account: Account, *, source_ip: str | None = None) -> Principal:
    """Build the principal for an account's root user."""
    return Principal(
        kind="root",
        account_id=account.account_id,
        arn=account.root_arn,
        unique_id=account.account_id,
        name="root",
        account_pk=account.pk,
        account_alias=account.alias,
        source_ip=source_ip,
    )


def user_principal(
    user: IamUser,
    *,
    source_ip: str | None = None,
    mfa_authenticated_at: datetime | None = None,
) -> Principal:
    """Build the principal for an IAM user (its account must be loaded or cheap to load)."""
    account = user.account
    return Principal(
        kind="user",
        account_id=account.account_id,
        arn=user.arn,
        unique_id=user.unique_id,
        name=user.name,
        account_pk=account.pk,
        account_alias=account.alias,
        entity_pk=user.pk,
        mfa_authenticated_at=mfa_authenticated_at,
        source_ip=source_ip,
    )


def role_session_principal(
    role: Role,
    *,
    session_name: str,
    expires_at: datetime,
    source_ip: str | None = None,
    mfa_authenticated_at: datetime | None = None,
) -> Principal:
    """Build the principal of an assumed-role session (`arn:aws:sts::ACCT:assumed-role/R/S`)."""
    account = role.account
    return Principal(
        kind="assumed-role",
        account_id=account.account_id,
        arn=f"arn:aws:sts::{account.account_id}:assumed-role/{role.name}/{session_name}",
        unique_id=f"{role.unique_id}:{session_name}",
        name=role.name,
        account_pk=account.pk,
        account_alias=account.alias,
        entity_pk=role.pk,
        session_name=session_name,
        session_expires_at=expires_at,
        mfa_authenticated_at=mfa_authenticated_at,
        source_ip=source_ip,
    )


def start_session(request: HttpRequest, account: Account) -> None:
    """Sign the root user in: a new session key (no fixation) holding who signed in."""
    request.session.cycle_key()
    request.session[SESSION_KEY] = {
        "kind": "root",
        "account": account.pk,
        "fingerprint": _credential_fingerprint(account),
        "signed_in_at": timezone.now().isoformat(),
    }


def end_session(request: HttpRequest) -> None:
    """Sign out: forget the session entirely."""
    request.session.flush()


def principal_from_session(request: HttpRequest) -> Principal | None:
    """Return the signed-in principal, or None when the session holds none or is stale."""
    data = request.session.get(SESSION_KEY)
    if not isinstance(data, dict) or data.get("kind") != "root":
        return None
    account = Account.objects.filter(pk=data.get("account")).first()
    if account is None or not constant_time_compare(
        str(data.get("fingerprint", "")), _credential_fingerprint(account)
    ):
        return None
    return root_principal(account, source_ip=client_ip(request))


def client_ip(request: HttpRequest) -> str | None:
    """The caller's address as the server saw it (a trusted proxy's header is not assumed)."""
    return request.META.get("REMOTE_ADDR")


def signed_in_at(request: HttpRequest) -> datetime | None:
    """When the current session signed in."""
    data = request.session.get(SESSION_KEY) or {}
    raw = data.get("signed_in_at")
    return datetime.fromisoformat(raw) if raw else None
