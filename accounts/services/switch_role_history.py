"""The identity menu's role history: the last five roles an IAM user switched to."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from iamconsole.services import clean, lock

from ..models import IamUser, SwitchRoleEntry
from ..models.switch_role import HISTORY_LENGTH


@transaction.atomic
def switch_role_history_record(*, user: IamUser, account: str, role_name: str,
                               display_name: str, color: str = "") -> SwitchRoleEntry:
    """Put a role the user switched to at the top of its history (the same account and role,
    ignoring case, is one entry, with the latest display name and colour); keep five."""
    user = lock(user)
    entry = SwitchRoleEntry.objects.filter(
        user=user, account__iexact=account, role_name__iexact=role_name).first()
    entry = entry or SwitchRoleEntry(user=user)
    entry.account, entry.role_name = account, role_name
    entry.display_name, entry.color = display_name, color
    entry.used_at = timezone.now()
    clean(entry)
    entry.save()
    stale = list(SwitchRoleEntry.objects.filter(user=user).order_by("-used_at")
                 .values_list("pk", flat=True)[HISTORY_LENGTH:])
    SwitchRoleEntry.objects.filter(pk__in=stale).delete()
    return entry

