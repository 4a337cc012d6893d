"""When an IAM user must change their console password before using the console."""

from __future__ import annotations

from django.utils import timezone

from .models import IamUser, PasswordPolicy
from .selectors import password_expires_at


def _policy(user: IamUser) -> PasswordPolicy | None:
    try:
        return user.account.password_policy
    except PasswordPolicy.DoesNotExist:
        return None


def _expired(user: IamUser) -> bool:
    profile = getattr(user, "login_profile", None)
    if profile is None:
        return False
    expires = password_expires_at(profile, _policy(user))
    return expires is not None and expires <= timezone.now()


def password_change_reason(user: IamUser) -> str | None:
    """Why the user must set a new password now (reset required, expired), else None."""
    profile = getattr(user, "login_profile", None)
    if profile is None:
        return None
    if profile.password_reset_required:
        return "Your administrator requires you to set a new password."
    if _expired(user):
        return "Your password has expired. Set a new one to continue."
    return None


def password_expired_hard(user: IamUser) -> bool:
    """An expired password under a policy with HardExpiry: only an administrator can reset it."""
    policy = _policy(user)
    return bool(policy is not None and policy.hard_expiry and _expired(user))
