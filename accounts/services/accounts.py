"""Services that create and change accounts and their root users."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from iamconsole.exceptions import EntityAlreadyExists, InvalidInput
from iamconsole.services import clean, first_error, lock

from ..models import Account
from ..models.account import ACCOUNT_ALIAS_VALIDATOR


@transaction.atomic
def account_create(
    *,
    account_id: str,
    root_email: str,
    root_password: str,
    alias: str | None = None,
    name: str = "",
) -> Account:
    """Create an account and its root user; refuses duplicate IDs, aliases and emails."""
    try:
        validate_password(root_password)
    except ValidationError as exc:
        raise InvalidInput(" ".join(exc.messages), field="root_password") from exc
    account = Account(
        account_id=account_id,
        alias=alias or None,
        name=name,
        root_email=root_email.strip(),
        root_password=make_password(root_password),
        root_password_changed_at=timezone.now(),
    )
    if Account.objects.filter(account_id=account_id).exists():
        raise EntityAlreadyExists(f"Account {account_id} already exists.", field="account_id")
    if alias and Account.objects.filter(alias=alias).exists():
        raise EntityAlreadyExists(f"The alias {alias} is already taken.", field="alias")
    if Account.objects.filter(root_email__iexact=account.root_email).exists():
        raise EntityAlreadyExists(
            f"A root user with email {account.root_email} already exists.", field="root_email"
        )
    try:
        account.full_clean()
    except ValidationError as exc:
        field, message = first_error(exc)
        raise InvalidInput(message, field=field) from exc
    try:
        with transaction.atomic():
            account.save()
    except IntegrityError as exc:  # a concurrent request created the same account
        raise EntityAlreadyExists("That account, alias or root email already exists.") from exc
    return account


@transaction.atomic
def account_alias_set(*, account: Account, alias: str) -> Account:
    """Set the account alias (CreateAccountAlias); an account has at most one, unique globally."""
    try:
        ACCOUNT_ALIAS_VALIDATOR(alias)
    except ValidationError as exc:
        raise InvalidInput(exc.messages[0], field="alias") from exc
    account = lock(account)
    if Account.objects.filter(alias=alias).exclude(pk=account.pk).exists():
        raise EntityAlreadyExists(f"The account alias {alias} already exists.", field="alias")
    account.alias = alias
    clean(account)
    try:
        with transaction.atomic():
            account.save(update_fields=["alias", "updated_at"])
    except IntegrityError as exc:
        raise EntityAlreadyExists(
            f"The account alias {alias} already exists.", field="alias"
        ) from exc
    return account


@transaction.atomic
def account_alias_delete(*, account: Account) -> Account:
    """Remove the account alias (DeleteAccountAlias)."""
    account = lock(account)
    account.alias = None
    account.save(update_fields=["alias", "updated_at"])
    return account


@transaction.atomic
def account_root_password_change(
    *, account: Account, old_password: str, new_password: str
) -> Account:
    """The root user changes its own password: the current one must match, the new one differ.

    Other root sessions end (see account_root_password_set).
    """
    if not check_password(old_password, account.root_password):
        raise InvalidInput("The current password is incorrect.", field="old_password")
    if new_password == old_password:
        raise InvalidInput("The new password must differ from the old one.", field="password")
    return account_root_password_set(account=account, password=new_password)


@transaction.atomic
def account_root_password_set(*, account: Account, password: str) -> Account:
    """Change the root user's password (ends existing root sessions)."""
    try:
        validate_password(password)
    except ValidationError as exc:
        raise InvalidInput(" ".join(exc.messages), field="password") from exc
    account = lock(account)
    account.root_password = make_password(password)
    account.root_password_changed_at = timezone.now()
    account.save(update_fields=["root_password", "root_password_changed_at", "updated_at"])
    return account


# AWS generates a new credential report at most every four hours.
CREDENTIAL_REPORT_LIFETIME = timedelta(hours=4)


@transaction.atomic
def credential_report_generate(*, account: Account) -> bool:
    """GenerateCredentialReport: start a new report unless the last one is under four hours
    old; True when one started (AWS's STARTED), False when it is there (COMPLETE)."""
    account = Account.objects.select_for_update().get(pk=account.pk)
    now = timezone.now()
    last = account.credential_report_generated_at
    if last is not None and now - last < CREDENTIAL_REPORT_LIFETIME:
        return False
    account.credential_report_generated_at = now
    account.save(update_fields=["credential_report_generated_at", "updated_at"])
    return True
