"""Unused access in an account: roles, access keys and console passwords not used for N days,
and users and roles granted services they have not used in that time (from the trail).

A fixed number of queries whatever the account's size: entities are counted, and named up to
NAMED_MAX (the users and roles with unused permissions are ranked in Python, from the
account's attachments, inline policies and one aggregate of the trail)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q
from django.db.models.fields.json import KT
from django.utils import timezone

from iamconsole.validators import SERVICE_ROLE_PATH
from policies.models import InlinePolicy, PolicyAttachment, PolicyVersion

from .access_grants import namespaces_granted
from .models import AccessKey, Account, GroupMembership, IamUser, Role, TrailEvent

DAY_CHOICES = (30, 90, 180)
DEFAULT_DAYS = 90
NAMED_MAX = 10


@dataclass(frozen=True)
class UnusedPermissions:
    """A user or role granted services it has not used in the period."""

    kind: str  # "user" or "role"
    name: str
    granted: int
    unused: int

    @property
    def never_used(self) -> bool:
        return self.unused == self.granted


def _stale(field: str, created: str, cutoff: datetime) -> Q:
    """Last used before the cutoff, or never used and older than it."""
    return Q(**{f"{field}__lt": cutoff}) | Q(**{f"{field}__isnull": True,
                                                f"{created}__lt": cutoff})


def _counted(queryset: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return {"count": queryset.count(), "named": list(queryset.values(*fields)[:NAMED_MAX])}


def _documents(account: Account) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """{user pk: policy texts} and {role pk: policy texts}: inline and attached, a user's
    groups' included (four queries)."""
    groups: dict[int, list[str]] = defaultdict(list)
    users: dict[int, list[str]] = defaultdict(list)
    roles: dict[int, list[str]] = defaultdict(list)
    owners = {"user_id": users, "group_id": groups, "role_id": roles}
    attachments = list(PolicyAttachment.objects.filter(account=account)
                       .values("policy_id", *owners))
    texts = dict(PolicyVersion.objects.filter(
        policy_id__in={a["policy_id"] for a in attachments}, is_default=True)
        .values_list("policy_id", "document_text"))
    rows = [(a, texts.get(a["policy_id"], "")) for a in attachments]
    rows += [(p, p["document_text"]) for p in InlinePolicy.objects.filter(account=account)
             .values("document_text", *owners)]
    for row, text in rows:
        for key, found in owners.items():
            if row[key]:
                found[row[key]].append(text)
    for user_pk, group_pk in GroupMembership.objects.filter(
            group__account=account).values_list("user_id", "group_id"):
        users[user_pk] += groups.get(group_pk, [])
    return users, roles


def _used(account: Account, cutoff: datetime) -> dict[str, set[str]]:
    """{unique ID of a user or role: the namespaces it called since the cutoff}."""
    used: dict[str, set[str]] = defaultdict(set)
    rows = (TrailEvent.objects.filter(account=account, error_code="", event_time__gte=cutoff)
            .values_list(KT("record__userIdentity__principalId"), "event_source")
            .distinct().order_by())
    for who, source in rows:
        used[str(who or "").split(":", 1)[0]].add(source.removesuffix(".amazonaws.com"))
    return used


def unused_permissions(account: Account, cutoff: datetime) -> list[UnusedPermissions]:
    """Every user and role granted a service it has not called since the cutoff, those
    granted most and using least first."""
    users, roles = _documents(account)
    used = _used(account, cutoff)
    found = []
    for kind, model, documents in (("user", IamUser, users), ("role", Role, roles)):
        for pk, name, unique_id in model.objects.filter(
                account=account, pk__in=list(documents)).values_list("pk", "name", "unique_id"):
            granted: set[str] = set()
            for text in documents[pk]:
                granted |= namespaces_granted(text)
            unused = granted - used.get(unique_id, set())
            if unused:
                found.append(UnusedPermissions(kind, name, len(granted), len(unused)))
    found.sort(key=lambda u: (not u.never_used, -u.unused, u.kind, u.name.lower()))
    return found


def unused_access(account: Account, *, days: int = DEFAULT_DAYS,
                  now: datetime | None = None) -> dict[str, Any]:
    """The dashboard's unused-access card for a period of `days`."""
    cutoff = (now or timezone.now()) - timedelta(days=days)
    roles = (Role.objects.filter(account=account).filter(_stale("last_used_at", "created_at",
                                                                cutoff))
             .exclude(path__istartswith=SERVICE_ROLE_PATH).order_by("name"))
    keys = (AccessKey.objects.filter(account=account, user__isnull=False, status="Active")
            .filter(_stale("last_used_at", "created_at", cutoff)).order_by("created_at"))
    passwords = (IamUser.objects.filter(account=account, login_profile__isnull=False)
                 .filter(_stale("password_last_used_at", "login_profile__created_at", cutoff))
                 .order_by("name"))
    permissions = unused_permissions(account, cutoff)
    return {
        "days": days, "cutoff": cutoff,
        "roles": _counted(roles, ("name", "last_used_at")),
        "keys": _counted(keys, ("access_key_id", "user__name", "last_used_at")),
        "passwords": _counted(passwords, ("name", "password_last_used_at")),
        "permissions": {"count": len(permissions), "named": permissions[:NAMED_MAX]},
    }
