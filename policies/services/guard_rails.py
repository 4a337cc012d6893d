"""Saving, changing, deleting and checking guard rails (saved expectations of an account)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Account
from accounts.selectors import entity_get_by_arn
from iamconsole.exceptions import (
    ConcurrentModification,
    EntityAlreadyExists,
    InvalidInput,
    LimitExceeded,
    NoSuchEntity,
)
from iamconsole.services import clean

from ..guard_rails import Outcome, check_rails
from ..guard_rails.checking import record_outcomes
from ..models import GuardRail

# At most this many rails per account: each change that alters a decision re-checks them all.
MAX_GUARD_RAILS = 200
MAX_CONTEXT_KEYS = 20
MAX_CONTEXT_VALUES = 10
_NAME = re.compile(r"^[^\x00-\x1f]{1,128}$")
_ACTION = re.compile(r"^[A-Za-z0-9-]{1,64}:[A-Za-z0-9]{1,128}$")
SUBJECT = re.compile(r"^arn:aws:iam::(\d{12}):(user|role|group)/[\x21-\x7e]{1,1000}$")
_CONTEXT_KEY = re.compile(r"^[A-Za-z0-9-]{1,64}:[\x21-\x7e]{1,255}$")
_PRINTABLE = re.compile(r"^[^\x00-\x1f]*$")


def _name(name: Any) -> str:
    name = name.strip() if isinstance(name, str) else ""
    if not _NAME.match(name):
        raise InvalidInput("Give the guard rail a name of 1 to 128 characters.", field="name")
    return name


def _subject(account: Account, subject: Any) -> str:
    subject = subject.strip() if isinstance(subject, str) else ""
    found = SUBJECT.match(subject)
    if found is None:
        raise InvalidInput("The subject must be the ARN of a user, a role or a group (every "
                           "member of it) of this account.", field="subject")
    entity = entity_get_by_arn(arn=subject) if found.group(1) == account.account_id else None
    if entity is None or entity.account_id != account.pk:
        raise NoSuchEntity(f"The principal {subject} cannot be found in this account.",
                           field="subject")
    return subject


def _context(context: Any) -> dict[str, list[str]]:
    """{condition key: [values]}: a string is one value; a key left out is absent."""
    if context in (None, ""):
        return {}
    if not isinstance(context, Mapping):
        raise InvalidInput("The context must be an object of condition keys and values.",
                           field="context")
    if len(context) > MAX_CONTEXT_KEYS:
        raise InvalidInput(f"The context can have at most {MAX_CONTEXT_KEYS} keys.",
                           field="context")
    checked: dict[str, list[str]] = {}
    for key, value in context.items():
        if not isinstance(key, str) or not _CONTEXT_KEY.match(key):
            raise InvalidInput(f"{str(key)[:80]!r} is not a condition key (service:Key).",
                               field="context")
        values = [value] if isinstance(value, str) else value
        if (not isinstance(values, list) or not 1 <= len(values) <= MAX_CONTEXT_VALUES
                or not all(isinstance(v, str) and len(v) <= 1024 and _PRINTABLE.match(v)
                           for v in values)):
            raise InvalidInput(f"The context key {key} needs 1 to {MAX_CONTEXT_VALUES} values "
                               "of at most 1,024 characters (leave a key out for absent).",
                               field=f"context.{key}")
        checked[key] = list(values)
    return checked


def _fields(account: Account, **values: Any) -> dict[str, Any]:
    """The given fields checked (InvalidInput naming the field and the rule)."""
    checked: dict[str, Any] = {}
    if "name" in values:
        checked["name"] = _name(values["name"])
    if "description" in values:
        description = (values["description"] or "").strip()
        if not isinstance(description, str) or len(description) > 1000:
            raise InvalidInput("The description can have at most 1,000 characters.",
                               field="description")
        checked["description"] = description
    if "subject" in values:
        checked["subject"] = _subject(account, values["subject"])
    if "action" in values:
        action = values["action"].strip() if isinstance(values["action"], str) else ""
        if not _ACTION.match(action):
            raise InvalidInput("The action must be one action such as s3:GetObject (no "
                               "wildcards).", field="action")
        checked["action"] = action
    if "resource" in values:
        resource = values["resource"].strip() if isinstance(values["resource"], str) else ""
        arn = resource.startswith("arn:") and resource.count(":") >= 5
        if not (resource == "*" or arn) or len(resource) > 2048 or (
                not _PRINTABLE.match(resource)):
            raise InvalidInput("The resource must be * or an ARN (arn:partition:service:region:"
                               "account:resource) of at most 2,048 characters.",
                               field="resource")
        checked["resource"] = resource
    if "context" in values:
        checked["context"] = _context(values["context"])
    for name, allowed in (("expected", ("allowed", "denied")), ("mode", ("block", "warn"))):
        if name in values:
            if values[name] not in allowed:
                raise InvalidInput(f"{name} must be {' or '.join(allowed)}.", field=name)
            checked[name] = values[name]
    return checked


def _save(rail: GuardRail) -> GuardRail:
    clean(rail)
    try:
        with transaction.atomic():
            rail.save()
    except IntegrityError:
        raise ConcurrentModification(
            f"A guard rail called {rail.name} was saved at the same time; try again.",
            field="name") from None
    (outcome,) = check_rails([rail])
    record_outcomes([outcome])
    return rail


def _unique(account: Account, name: str, pk: int | None = None) -> None:
    if GuardRail.objects.filter(account=account, name__iexact=name).exclude(pk=pk).exists():
        raise EntityAlreadyExists(f"A guard rail called {name} already exists.", field="name")


@transaction.atomic
def guard_rail_create(*, account: Account, name: str, subject: str, action: str,
                      expected: str, resource: str = "*", context: Any = None,
                      mode: str = "warn", description: str = "",
                      created_by: str = "") -> GuardRail:
    """Save an expectation of the account, checked at once (its status is the outcome).

    InvalidInput names the field and the rule; NoSuchEntity when the subject is not one of
    the account's users, roles or groups; LimitExceeded past MAX_GUARD_RAILS."""
    checked = _fields(account, name=name, description=description, subject=subject,
                      action=action, resource=resource, context=context,
                      expected=expected, mode=mode)
    Account.objects.select_for_update().filter(pk=account.pk).first()  # one count at a time
    if GuardRail.objects.filter(account=account).count() >= MAX_GUARD_RAILS:
        raise LimitExceeded(f"An account can have at most {MAX_GUARD_RAILS} guard rails.",
                            field="name")
    _unique(account, checked["name"])
    return _save(GuardRail(account=account, created_by=created_by[:2048],
                           created_at=timezone.now(), **checked))


@transaction.atomic
def guard_rail_update(*, rail: GuardRail, **changes: Any) -> GuardRail:
    """Change a rail's fields (its mode, expectation...); it is checked again."""
    rail = GuardRail.objects.select_for_update().select_related("account").get(pk=rail.pk)
    checked = _fields(rail.account, **changes)
    if "name" in checked:
        _unique(rail.account, checked["name"], rail.pk)
    for name, value in checked.items():
        setattr(rail, name, value)
    return _save(rail)


@transaction.atomic
def guard_rail_delete(*, rail: GuardRail) -> None:
    """Delete a rail."""
    rail.delete()


@transaction.atomic
def guard_rails_check(*, account: Account) -> list[Outcome]:
    """Check every rail of the account now and store the outcomes."""
    outcomes = check_rails(GuardRail.objects.filter(account=account).select_related("account"))
    record_outcomes(outcomes)
    return outcomes
