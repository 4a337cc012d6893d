"""The credential report (GetCredentialReport): AWS's 22 columns, the root user first."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from typing import Any

from .key_selectors import signing_certificate_list
from .models import AccessKey, Account, IamUser, MfaDevice, PasswordPolicy, SigningCertificate

COLUMNS = (
    "user", "arn", "user_creation_time", "password_enabled", "password_last_used",
    "password_last_changed", "password_next_rotation", "mfa_active",
    "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
    "access_key_1_last_used_region", "access_key_1_last_used_service",
    "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
    "access_key_2_last_used_region", "access_key_2_last_used_service",
    "cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated",
)
NA, NO_INFORMATION, NOT_SUPPORTED = "N/A", "no_information", "not_supported"


def _time(value: datetime | None, missing: str = NA) -> str:
    """ISO 8601 with an explicit +00:00, as AWS writes times in the report."""
    return value.astimezone(UTC).isoformat(timespec="seconds") if value else missing


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _certificates(certificates: list[SigningCertificate]) -> dict[str, str]:
    """cert_N_active and cert_N_last_rotated (its upload date) of the first two signing
    certificates, oldest first."""
    row: dict[str, str] = {}
    for n in (1, 2):
        cert = certificates[n - 1] if len(certificates) >= n else None
        row[f"cert_{n}_active"] = _bool(cert is not None and cert.is_active)
        row[f"cert_{n}_last_rotated"] = _time(cert.upload_date if cert else None)
    return row


def _keys(keys: list[AccessKey]) -> dict[str, str]:
    row: dict[str, str] = {}
    for n in (1, 2):
        key = keys[n - 1] if len(keys) >= n else None
        if key is None:
            row.update({f"access_key_{n}_active": "false", f"access_key_{n}_last_rotated": NA,
                        f"access_key_{n}_last_used_date": NA,
                        f"access_key_{n}_last_used_region": NA,
                        f"access_key_{n}_last_used_service": NA})
            continue
        used = key.last_used_at is not None
        row.update({
            f"access_key_{n}_active": _bool(key.is_active),
            f"access_key_{n}_last_rotated": _time(key.created_at),
            f"access_key_{n}_last_used_date": _time(key.last_used_at),
            f"access_key_{n}_last_used_region": key.last_used_region if used else NA,
            f"access_key_{n}_last_used_service": key.last_used_service if used else NA,
        })
    return row


def _user_row(user: IamUser, policy: PasswordPolicy | None) -> dict[str, str]:
    profile = getattr(user, "login_profile", None)
    if user.password_last_used_at:
        last_used = _time(user.password_last_used_at)
    else:
        last_used = NO_INFORMATION if profile else NA
    rotation = NA
    if profile is not None and policy is not None and policy.max_password_age:
        rotation = _time(profile.password_changed_at + timedelta(days=policy.max_password_age))
    return {
        "user": user.name,
        "arn": user.arn,
        "user_creation_time": _time(user.created_at),
        "password_enabled": _bool(profile is not None),
        "password_last_used": last_used,
        "password_last_changed": _time(profile.password_changed_at if profile else None),
        "password_next_rotation": rotation,
        "mfa_active": _bool(any(d.enabled_at for d in user.mfa_devices.all())),
        **_keys(list(user.access_keys.all())),
        **_certificates(sorted(user.signing_certificates.all(), key=lambda c: c.upload_date)),
    }


def credential_report_rows(account: Account) -> list[dict[str, Any]]:
    """One row per identity, root first, in AWS's column order (a fixed number of queries)."""
    root_keys = list(AccessKey.objects.filter(account=account, user__isnull=True)
                     .order_by("created_at"))
    root = {
        "user": "<root_account>",
        "arn": account.root_arn,
        "user_creation_time": _time(account.created_at),
        "password_enabled": NOT_SUPPORTED,
        "password_last_used": _time(account.root_password_last_used_at, NO_INFORMATION),
        "password_last_changed": NOT_SUPPORTED,
        "password_next_rotation": NOT_SUPPORTED,
        "mfa_active": _bool(MfaDevice.objects.filter(account=account, is_root=True).exists()),
        **_keys(root_keys),
        **_certificates(list(signing_certificate_list(account=account))),
    }
    policy = PasswordPolicy.objects.filter(account=account).first()
    users = (
        IamUser.objects.filter(account=account)
        .select_related("login_profile")
        .prefetch_related("mfa_devices", "access_keys", "signing_certificates")
        .order_by("name")
    )
    return [root, *(_user_row(user, policy) for user in users)]


def credential_report_csv(account: Account, *, rows: list[dict[str, Any]] | None = None) -> str:
    """The report as CSV text with AWS's header line (of `rows`, when already built)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(credential_report_rows(account) if rows is None else rows)
    return buffer.getvalue()
