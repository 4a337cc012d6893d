"""Console passwords of IAM users (login profiles)."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from iamconsole.exceptions import EntityAlreadyExists, InvalidInput, NoSuchEntity
from iamconsole.services import clean, lock, save_new

from ..models import IamUser, LoginProfile
from .password_policy import password_validate

# Enough for the largest PasswordReusePrevention AWS allows.
HISTORY_MAX = 24


def _profile(user: IamUser) -> LoginProfile:
    profile = LoginProfile.objects.select_for_update().filter(user=user).first()
    if profile is None:
        raise NoSuchEntity(f"Login Profile for User {user.name} cannot be found.")
    return profile


@transaction.atomic
def login_profile_create(
    *, user: IamUser, password: str, password_reset_required: bool = False,
    password_hash: str | None = None,
) -> LoginProfile:
    """Give a user a console password (CreateLoginProfile), checked against the password policy.

    `password_hash`: a hash of the same password made earlier (the demo's recorded one, when
    it rebuilds a user), stored instead of hashing again.
    """
    user = lock(user)
    if LoginProfile.objects.filter(user=user).exists():
        raise EntityAlreadyExists(
            f"Login Profile for user {user.name} already exists.", field="password"
        )
    password_validate(account=user.account, password=password, user=user)
    now = timezone.now()
    profile = LoginProfile(
        user=user,
        password=password_hash or make_password(password),
        password_reset_required=password_reset_required,
        created_at=now,
        password_changed_at=now,
    )
    clean(profile)
    return save_new(profile, conflict=f"Login Profile for user {user.name} already exists.")


def _set_password(profile: LoginProfile, user: IamUser, password: str) -> None:
    history = [profile.password, *profile.password_history][:HISTORY_MAX]
    password_validate(
        account=user.account, password=password, user=user, previous_hashes=history
    )
    profile.password = make_password(password)
    profile.password_history = history
    profile.password_changed_at = timezone.now()


@transaction.atomic
def login_profile_update(
    *,
    user: IamUser,
    password: str | None = None,
    password_reset_required: bool | None = None,
) -> LoginProfile:
    """Reset a user's console password or its must-reset flag (UpdateLoginProfile)."""
    profile = _profile(user)
    if password is not None:
        _set_password(profile, user, password)
    if password_reset_required is not None:
        profile.password_reset_required = password_reset_required
    clean(profile)
    profile.save()
    return profile


@transaction.atomic
def login_profile_change_password(
    *, user: IamUser, old_password: str, new_password: str
) -> LoginProfile:
    """A user changes their own password (ChangePassword); clears the must-reset flag.

    Whether the user may is the operation's to decide (accounts.operations.login_profiles).
    """
    profile = _profile(user)
    if not profile.check_password(old_password):
        raise InvalidInput("The old password is incorrect.", field="old_password")
    if new_password == old_password:
        raise InvalidInput("The new password must differ from the old one.", field="password")
    _set_password(profile, user, new_password)
    profile.password_reset_required = False
    clean(profile)
    profile.save()
    return profile


@transaction.atomic
def login_profile_delete(*, user: IamUser) -> None:
    """Remove a user's console password (DeleteLoginProfile)."""
    _profile(user).delete()


def login_profile_record_use(*, user: IamUser) -> None:
    """Record a console sign-in as the user's PasswordLastUsed (one UPDATE, no read)."""
    IamUser.objects.filter(pk=user.pk).update(password_last_used_at=timezone.now())

