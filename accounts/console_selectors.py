"""Reads behind the console's user, group and dashboard pages (bounded query counts)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import (
    Case,
    F,
    Max,
    Min,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce, Concat, Greatest, Lower
from django.utils import timezone

from iamconsole.querytools import count_of, has_row

from .models import (
    AccessKey,
    Account,
    GroupMembership,
    IamGroup,
    IamUser,
    LoginProfile,
    MfaDevice,
)
from .selectors import filter_name_path, group_list, group_members

# AWS's recommendation: rotate access keys every 90 days, remove credentials unused that long.
KEY_MAX_AGE_DAYS = 90
UNUSED_DAYS = 90
# How many entities a dashboard recommendation names before summarizing the rest.
NAMED_MAX = 10


def _key_times(status: str | None = None) -> dict[str, Subquery]:
    keys = AccessKey.objects.filter(user=OuterRef("pk"))
    if status:
        keys = keys.filter(status=status)
    keys = keys.order_by().values("user")
    return {
        "oldest_active_key_at": Subquery(
            keys.annotate(t=Min("created_at")).values("t")[:1]
        ),
        "key_last_used_at": Subquery(
            AccessKey.objects.filter(user=OuterRef("pk")).order_by().values("user")
            .annotate(t=Max("last_used_at")).values("t")[:1]
        ),
    }


def user_table(
    *,
    account: Account,
    path_prefix: str | None = None,
    name_contains: str | None = None,
    users: QuerySet[IamUser] | None = None,
) -> QuerySet[IamUser]:
    """ListUsers with every column of the console's user table, in two queries per page.

    Only what the table shows, since each column is a subquery per row: group_count,
    password_changed_at (None without console access: a login profile always has one),
    mfa_enabled, oldest_active_key_at, key_last_used_at, last_activity (the later of the
    password's and the keys' last use), and the groups' names as
    `table_groups` (one prefetch per page). `users`: the account's users ListUsers
    returned, if given.
    """
    base = IamUser.objects.filter(account=account) if users is None else users
    users = filter_name_path(base, path_prefix, name_contains)
    return users.annotate(
        group_count=count_of(GroupMembership.objects.all(), "user"),
        password_changed_at=Subquery(
            LoginProfile.objects.filter(user=OuterRef("pk")).values("password_changed_at")[:1]
        ),
        mfa_enabled=has_row(MfaDevice.objects.filter(enabled_at__isnull=False), "user"),
        **_key_times(status=AccessKey.Status.ACTIVE),
    ).annotate(
        # The later of the password's and the keys' last use; None when neither was used
        # (Greatest is NULL on SQLite as soon as one side is, hence the coalescing).
        last_activity=Greatest(Coalesce(F("password_last_used_at"), F("key_last_used_at")),
                               Coalesce(F("key_last_used_at"), F("password_last_used_at"))),
    ).prefetch_related(
        Prefetch("groups", queryset=IamGroup.objects.only("pk", "name").order_by("name"),
                 to_attr="table_groups")
    )


def group_table(
    *, account: Account, path_prefix: str | None = None, name_contains: str | None = None
) -> QuerySet[IamGroup]:
    """ListGroups with member and policy counts (one query per page)."""
    return group_list(account=account, path_prefix=path_prefix, name_contains=name_contains)


def group_member_table(group: IamGroup) -> QuerySet[IamUser]:
    """GetGroup's members with the columns the group page shows, in one query."""
    return group_members(group).annotate(
        has_login_profile=has_row(LoginProfile.objects.all(), "user"),
        mfa_enabled=has_row(MfaDevice.objects.filter(enabled_at__isnull=False), "user"),
        **_key_times(),
    )


@dataclass(frozen=True)
class UserOverview:
    """What the summary panel and the security-credentials tab of a user show."""

    user: IamUser
    login_profile: LoginProfile | None
    access_keys: list[AccessKey]
    mfa_devices: list[MfaDevice]
    group_count: int

    @property
    def last_activity(self) -> datetime | None:
        """The latest console sign-in or access-key use (AWS's "Last activity")."""
        times = [self.user.password_last_used_at] + [k.last_used_at for k in self.access_keys]
        known = [t for t in times if t is not None]
        return max(known) if known else None

    @property
    def mfa_enabled(self) -> bool:
        """True when an MFA device is assigned to the user."""
        return any(device.is_enabled for device in self.mfa_devices)


def user_overview(user: IamUser) -> UserOverview:
    """The user's console password, access keys, MFA devices and group count (four queries)."""
    return UserOverview(
        user=user,
        login_profile=LoginProfile.objects.filter(user=user).first(),
        access_keys=list(AccessKey.objects.filter(user=user).order_by("created_at")),
        mfa_devices=list(MfaDevice.objects.filter(user=user).order_by("name")),
        group_count=user.memberships.count(),
    )


def picker_groups(*, account: Account, name_contains: str = "") -> QuerySet[IamGroup]:
    """Groups of the account for a picker, with member and policy counts."""
    return group_list(account=account, name_contains=name_contains or None).order_by("name")


def picker_users(*, account: Account, name_contains: str = "") -> QuerySet[IamUser]:
    """Users of the account for a picker."""
    qs = IamUser.objects.filter(account=account).order_by("name")
    return qs.filter(name__icontains=name_contains) if name_contains else qs


@dataclass(frozen=True)
class KeyFinding:
    """An access key the dashboard recommends rotating or removing, and why."""

    key: AccessKey
    reasons: tuple[str, ...]


def security_recommendations(account: Account, *, now: datetime | None = None) -> dict[str, Any]:
    """The dashboard's checks: root MFA and keys, users without MFA, old or unused keys.

    A fixed number of queries: entities are named up to NAMED_MAX and counted beyond.
    """
    now = now or timezone.now()
    root_keys = list(AccessKey.objects.filter(account=account, user__isnull=True))
    root_mfa = MfaDevice.objects.filter(account=account, is_root=True).exists()
    no_mfa = (
        IamUser.objects.filter(account=account, login_profile__isnull=False)
        .exclude(mfa_devices__enabled_at__isnull=False)
        .order_by("name")
    )
    rotate_before = now - timedelta(days=KEY_MAX_AGE_DAYS)
    unused_before = now - timedelta(days=UNUSED_DAYS)
    stale = (
        AccessKey.objects.filter(account=account, user__isnull=False, status="Active")
        .filter(created_at__lt=rotate_before)
        .select_related("user")
        .order_by("created_at")
    )
    findings = []
    for key in stale[:NAMED_MAX]:
        reasons = [f"older than {KEY_MAX_AGE_DAYS} days"]
        if key.last_used_at is None:
            reasons.append("never used")
        elif key.last_used_at < unused_before:
            reasons.append(f"not used in {UNUSED_DAYS} days")
        findings.append(KeyFinding(key=key, reasons=tuple(reasons)))
    return {
        "root_mfa_enabled": root_mfa,
        "root_access_keys": root_keys,
        "users_without_mfa": list(no_mfa[:NAMED_MAX]),
        "users_without_mfa_count": no_mfa.count(),
        "stale_keys": findings,
        "stale_key_count": stale.count(),
    }


_FIRST_PRINCIPAL = "trust_policy_document__Statement__0__Principal"


def trusted_entity_order() -> Case:
    """A sort key for the roles list's "Trusted entities" column: the first statement's
    principal, prefixed as its label begins ("account: ", "anyone", "aws service: ",
    "identity provider: "), so the column sorts as it reads; None when there is none."""
    kinds = (("AWS", "account: "), ("Service", "aws service: "),
             ("Federated", "identity provider: "))
    return Case(
        *(When(**{f"{_FIRST_PRINCIPAL}__{key}__isnull": False},
               then=Concat(Value(prefix), Lower(KT(f"{_FIRST_PRINCIPAL}__{key}"))))
          for key, prefix in kinds),
        When(**{_FIRST_PRINCIPAL: "*"}, then=Value("anyone")),
        default=Value(None),
        output_field=TextField(),
    )

