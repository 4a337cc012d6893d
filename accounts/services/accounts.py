"""Services that create and change accounts and their root users."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ..exceptions import EntityAlreadyExists, InvalidInput
from ..models import Account


def _first_error(error: ValidationError) -> tuple[str | None, str]:
    """Return (field, message) of the first problem in a model ValidationError."""
    if hasattr(error, "error_dict"):
        field, errors = next(iter(error.error_dict.items()))
        return field, errors[0].messages[0]
    return None, error.messages[0]


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
        field, message = _first_error(exc)
        raise InvalidInput(message, field=field) from exc
    try:
        with transaction.atomic():
            account.save()
    except IntegrityError as exc:  # a concurrent request created the same account
        raise EntityAlreadyExists("That account, alias or root email already exists.") from exc
    return account
