"""Console sessions: authenticating root and IAM users and keeping the principal in the session.

The session holds who signed in (root user or IAM user), when, whether MFA was used, and,
while a role is assumed, the role session. A fingerprint of the password hash ends every
session when the password changes or the login profile is removed.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from django.contrib.auth.hashers import check_password, make_password
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from iamconsole.principal import Principal

from .models import Account, IamUser, LoginProfile, MfaDevice, Role, TemporaryCredential
from .passwords import password_change_reason
from .services.sessions import session_principal

SESSION_KEY = "iam_principal"
# The kind of a console session signed in through the federation endpoint.
FEDERATED = "federated"
PENDING_KEY = "iam_pending_mfa"
PENDING_MFA_SECONDS = 300
# Switching roles in the console gives a one-hour session, as in AWS's console.
ROLE_SESSION_SECONDS = 3600
# Hashing a dummy password when the identity is unknown keeps every failure equally slow.
_DUMMY_PASSWORD_HASH = make_password(None)


def _fingerprint(password_hash: str) -> str:
    """A value that changes when the password changes, ending older sessions."""
    return salted_hmac("iamconsole.console-session", password_hash).hexdigest()


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _parse(raw: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(raw) if raw else None
    except (TypeError, ValueError):
        return None


# -- authentication ---------------------------------------------------------------------------
def authenticate_root(*, email: str, password: str) -> Account | None:
    """Return the account whose root user has this email and password, else None."""
    account = Account.objects.filter(root_email__iexact=email.strip()).first()
    if account is None:
        check_password(password, _DUMMY_PASSWORD_HASH)
        return None
    if not check_password(password, account.root_password):
        return None
    return account


def authenticate_user(*, account: str, user_name: str, password: str) -> IamUser | None:
    """Return the IAM user with this account (ID or alias), name and console password.

    Users without a login profile cannot sign in to the console.
    """
    value = account.strip()
    user = (
        IamUser.objects.select_related("account", "account__password_policy", "login_profile")
        .filter(Q(account__account_id=value) | Q(account__alias=value.lower()))
        .filter(name__iexact=user_name.strip())
        .first()
    )
    profile: LoginProfile | None = getattr(user, "login_profile", None) if user else None
    if profile is None:
        check_password(password, _DUMMY_PASSWORD_HASH)
        return None
    if not profile.check_password(password):
        return None
    return user


def mfa_device_for(*, account: Account, user: IamUser | None) -> MfaDevice | None:
    """The enabled MFA device that guards this identity's sign-in, if any."""
    devices = MfaDevice.objects.filter(account=account, enabled_at__isnull=False)
    if user is None:
        return devices.filter(is_root=True).first()
    return devices.filter(user=user).first()


# -- principals -------------------------------------------------------------------------------
def root_principal(account: Account, *, source_ip: str | None = None,
                   mfa_authenticated_at: datetime | None = None) -> Principal:
    """Build the principal for an account's root user."""
    return Principal(
        kind="root",
        account_id=account.account_id,
        arn=account.root_arn,
        unique_id=account.account_id,
        name="root",
        account_pk=account.pk,
        account_alias=account.alias,
        mfa_authenticated_at=mfa_authenticated_at,
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
        issuer_arn=role.arn,
    )


# -- sessions ---------------------------------------------------------------------------------
def _identity(account: Account, user: IamUser | None) -> dict[str, Any]:
    password_hash = user.login_profile.password if user is not None else account.root_password
    return {
        "kind": "user" if user is not None else "root",
        "account": account.pk,
        "user": user.pk if user is not None else None,
        "fingerprint": _fingerprint(password_hash),
    }


def start_pending_mfa(request: HttpRequest, account: Account, user: IamUser | None) -> None:
    """The password was right and the identity has MFA: remember it until the code arrives."""
    request.session.cycle_key()
    request.session.pop(SESSION_KEY, None)
    request.session[PENDING_KEY] = {
        **_identity(account, user),
        "expires": _iso(timezone.now() + timedelta(seconds=PENDING_MFA_SECONDS)),
    }


def pending_mfa(request: HttpRequest) -> tuple[Account, IamUser | None] | None:
    """The identity waiting for its MFA code, if the wait has not expired or gone stale."""
    data = request.session.get(PENDING_KEY)
    if not isinstance(data, dict):
        return None
    expires = _parse(data.get("expires"))
    if expires is None or expires <= timezone.now():
        request.session.pop(PENDING_KEY, None)
        return None
    loaded = _load_identity(data)
    if loaded is None:
        request.session.pop(PENDING_KEY, None)
    return loaded


def start_session(
    request: HttpRequest,
    account: Account,
    user: IamUser | None = None,
    *,
    mfa_authenticated: bool = False,
) -> None:
    """Sign in: a new session key (no fixation) holding who signed in and how."""
    request.session.cycle_key()
    request.session.pop(PENDING_KEY, None)
    now = timezone.now()
    request.session[SESSION_KEY] = {
        **_identity(account, user),
        "signed_in_at": _iso(now),
        "mfa_at": _iso(now) if mfa_authenticated else None,
        "role": None,
    }


def end_session(request: HttpRequest) -> None:
    """Sign out: forget the session entirely."""
    request.session.flush()


def refresh_fingerprint(request: HttpRequest, account: Account, user: IamUser | None) -> None:
    """Keep the current session valid after its own identity changed its password."""
    data = request.session.get(SESSION_KEY)
    if isinstance(data, dict):
        data.update(_identity(account, user))
        request.session[SESSION_KEY] = data
        request.session.modified = True


def assume_role_in_session(request: HttpRequest, credential: TemporaryCredential) -> datetime:
    """Act as the role session of these temporary credentials (AssumeRole issued them) until
    switching back or until they expire; returns the expiry."""
    data = request.session[SESSION_KEY]
    data["role"] = {"credential": credential.access_key_id, "role": credential.role_id,
                    "session_name": credential.session_name,
                    "expires": _iso(credential.expires_at)}
    request.session[SESSION_KEY] = data
    request.session.modified = True
    return credential.expires_at


def start_federated_session(request: HttpRequest, credential: TemporaryCredential, *,
                            expires_at: datetime, issuer: str = "") -> None:
    """Sign in through the federation endpoint: the console acts as the temporary
    credentials' session (a role session or a federated user) until `expires_at`."""
    request.session.cycle_key()
    request.session.pop(PENDING_KEY, None)
    request.session[SESSION_KEY] = {
        "kind": FEDERATED, "account": credential.account_id,
        "credential": credential.access_key_id, "expires": _iso(expires_at),
        "issuer": issuer, "signed_in_at": _iso(timezone.now()), "role": None,
    }


def is_federated_session(request: HttpRequest) -> bool:
    """True when the console session came from the federation endpoint (no user to switch
    back to: signing out ends it)."""
    data = request.session.get(SESSION_KEY)
    return isinstance(data, dict) and data.get("kind") == FEDERATED


def _credential_principal(request: HttpRequest, access_key_id: Any, expires: Any
                          ) -> Principal | None:
    """The principal of the temporary credentials a console session acts as (the very
    Principal the wire builds for them), or None once it ended or they are gone."""
    until = _parse(expires)
    now = datetime.now(UTC)
    if until is None or until <= now or not isinstance(access_key_id, str):
        return None
    credential = (TemporaryCredential.objects.select_related("account", "role", "user")
                  .filter(access_key_id=access_key_id).first())
    if credential is None:
        return None
    principal = session_principal(credential, source_ip=client_ip(request))
    return replace(principal, session_expires_at=until)


def leave_role(request: HttpRequest) -> None:
    """Switch back to the identity that signed in."""
    data = request.session.get(SESSION_KEY)
    if isinstance(data, dict) and data.get("role"):
        data["role"] = None
        request.session[SESSION_KEY] = data
        request.session.modified = True


def _load_identity(data: dict[str, Any]) -> tuple[Account, IamUser | None] | None:
    """The signed-in account and user, or None if the session is stale (password changed)."""
    if data.get("kind") == "root":
        account = Account.objects.filter(pk=data.get("account")).first()
        if account is None or not constant_time_compare(
            str(data.get("fingerprint", "")), _fingerprint(account.root_password)
        ):
            return None
        return account, None
    if data.get("kind") == "user":
        user = (
            IamUser.objects.select_related(
                "account", "account__password_policy", "login_profile"
            )
            .filter(pk=data.get("user"), account_id=data.get("account"))
            .first()
        )
        profile = getattr(user, "login_profile", None) if user is not None else None
        if profile is None or not constant_time_compare(
            str(data.get("fingerprint", "")), _fingerprint(profile.password)
        ):
            return None
        return user.account, user  # type: ignore[union-attr]
    return None


def signed_in_identity(request: HttpRequest) -> tuple[Account, IamUser | None] | None:
    """The account and IAM user (None for root) that signed in, ignoring any assumed role."""
    data = request.session.get(SESSION_KEY)
    return _load_identity(data) if isinstance(data, dict) else None


def principal_from_session(request: HttpRequest) -> Principal | None:
    """Return the acting principal: the assumed role while one is active, else who signed in."""
    data = request.session.get(SESSION_KEY)
    if not isinstance(data, dict):
        return None
    if data.get("kind") == FEDERATED:
        return _credential_principal(request, data.get("credential"), data.get("expires"))
    loaded = _load_identity(data)
    if loaded is None:
        return None
    account, user = loaded
    mfa_at = _parse(data.get("mfa_at"))
    ip = client_ip(request)
    role_data = data.get("role")
    if isinstance(role_data, dict):
        principal = _credential_principal(request, role_data.get("credential"),
                                          role_data.get("expires"))
        if principal is not None:
            return principal
        # The role session ended or the role is gone: back to the signed-in identity.
        leave_role(request)
        request.role_session_ended = True  # type: ignore[attr-defined]
    if user is None:
        return root_principal(account, source_ip=ip, mfa_authenticated_at=mfa_at)

    # Until a required new password is set, the console offers only the change-password page.
    request.password_change_required = bool(password_change_reason(user))  # type: ignore[attr-defined]
    return user_principal(user, source_ip=ip, mfa_authenticated_at=mfa_at)


def client_ip(request: HttpRequest) -> str | None:
    """The caller's address as the server saw it (a trusted proxy's header is not assumed)."""
    return request.META.get("REMOTE_ADDR")

