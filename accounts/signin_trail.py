"""Console sign-ins on the trail: CloudTrail's ConsoleLogin events, success or failure."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse

from iamconsole.principal import Principal
from iamconsole.trail.record import Origin, event
from iamconsole.trail.redaction import HIDDEN

from .models import Account, IamUser, TrailEvent
from .signin import root_principal, user_principal


def record_signin(request: HttpRequest, account: Account, user: IamUser | None, *,
                  mfa: bool) -> None:
    """A successful console sign-in (after its MFA step, if any)."""
    principal = (user_principal(user) if user is not None else root_principal(account))
    TrailEvent.objects.bulk_create([event(
        principal=principal, origin=Origin.of(request), source="signin", name="ConsoleLogin",
        read_only=False, event_type="AwsConsoleSignIn",
        extra=_outcome(request, "Success", mfa=mfa),
    )])


def _outcome(request: HttpRequest, outcome: str, *, mfa: bool) -> dict[str, Any]:
    return {"responseElements": {"ConsoleLogin": outcome}, "additionalEventData": {
        "LoginTo": request.build_absolute_uri("/"), "MobileVersion": "No",
        "MFAUsed": "Yes" if mfa else "No"}}


def record_signin_failure(request: HttpRequest, data: dict[str, Any]) -> None:
    """A refused console sign-in, on the trail of the account it named (if one exists); the
    name typed is recorded only when it is an identity of that account, as AWS does."""
    typed = str(data.get("account") or "").strip()
    if "email" in data:
        account = Account.objects.filter(root_email__iexact=str(data["email"]).strip()).first()
        identity: dict[str, Any] = {"type": "Root", "principalId": "",
                                    "accountId": account.account_id if account else ""}
    else:
        account = Account.objects.filter(Q(account_id=typed) | Q(alias=typed.lower())).first()
        user = IamUser.objects.filter(account=account, name__iexact=str(
            data.get("user_name", "")).strip()).first() if account else None
        identity = {"type": "IAMUser", "principalId": user.unique_id if user else "",
                    "accountId": account.account_id if account else typed[:12],
                    "accessKeyId": "", "userName": user.name if user else HIDDEN}
    if account is not None and "email" in data:
        identity["arn"] = account.root_arn
    TrailEvent.objects.bulk_create([event(
        principal=None, origin=Origin.of(request), source="signin", name="ConsoleLogin",
        read_only=False,
        error=("", "Failed authentication"), event_type="AwsConsoleSignIn",
        account_id=account.account_id if account else "",
        account_pk=account.pk if account else None,
        extra={"userIdentity": identity, **_outcome(request, "Failure", mfa=False)},
    )])


def switch_role_event(request: HttpRequest, user: Principal, *, session: Principal | None,
                      role_arn: str, error: tuple[str, str] | None = None) -> TrailEvent:
    """Switch role in the console (AWS's SwitchRole, beside the AssumeRole it runs): the new
    role session's on success, the user's on failure (unsaved)."""
    redirect_to = request.build_absolute_uri(reverse("accounts:dashboard"))
    return event(
        principal=session or user, origin=Origin.of(request), source="signin",
        name="SwitchRole", read_only=False, event_type="AwsConsoleSignIn", error=error,
        resource_arn=role_arn,
        extra={"responseElements": {"SwitchRole": "Failure" if error else "Success"},
               "additionalEventData": {"SwitchFrom": user.arn, "RedirectTo": redirect_to}},
    )
