"""A role's Sessions tab (its active temporary credentials, without secrets) and AWS's
"Revoke active sessions": the inline policy AWSRevokeOlderSessions, put by PutRolePolicy."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone

from iamconsole.exceptions import IamError
from policies.operations.inline import PutRolePolicy

from ...models import Role, TemporaryCredential
from ...operations.roles import GetRole
from ...services.sessions import token_time
from ...sts_selectors import SESSIONS_SHOWN, revoked_before, role_active_sessions
from ..support import form_error, permits, run
from ._common import role_crumbs

REVOKE_POLICY_NAME = "AWSRevokeOlderSessions"


def revoke_older_sessions_policy(now: datetime) -> str:
    """The policy AWS's console puts to revoke a role's sessions: deny everything to the
    sessions whose credentials were issued before `now`."""
    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Deny", "Action": ["*"], "Resource": ["*"],
        "Condition": {"DateLessThan": {"aws:TokenIssueTime": token_time(now)}}}]}, indent=2)


def session_caller(credential: TemporaryCredential) -> str:
    """Who asked for the session: the calling principal's ARN, else the federated provider
    and the subject it vouched for ("token.actions.example-ci.com: repo:...")."""
    context = credential.context or {}
    provider = str(context.get("aws:FederatedProvider", "")).split("/", 1)[-1]
    subject = next((str(v) for k, v in context.items() if k.endswith(":sub")), "")
    return credential.source_arn or ": ".join(p for p in (provider, subject) if p)


def sessions_tab(request: HttpRequest, role: Role) -> dict[str, Any]:
    """The Sessions tab: the role's active sessions (latest first) and whether the caller may
    revoke them (PutRolePolicy)."""
    sessions = list(role_active_sessions(role)[:SESSIONS_SHOWN + 1])
    cutoff = revoked_before(role, REVOKE_POLICY_NAME)
    for credential in sessions:
        credential.caller = session_caller(credential)
        # Compared as AWS compares them: the token's issue time against the policy's.
        credential.revoked = cutoff is not None and token_time(credential.issued_at) < cutoff
    return {"sessions": sessions[:SESSIONS_SHOWN], "more_sessions": len(sessions) > SESSIONS_SHOWN,
            "revoked_before": cutoff,
            "can_revoke": permits(request, PutRolePolicy, role.arn, entity=role)}


class RevokeSessionsForm(forms.Form):
    """AWS's confirmation of "Revoke active sessions"."""

    acknowledge = forms.BooleanField(
        label="I acknowledge that I am revoking all active sessions for this role.",
        error_messages={"required": "Confirm that you are revoking all active sessions."})


def role_revoke_sessions_view(request: HttpRequest, name: str) -> HttpResponse:
    """Confirm, then PutRolePolicy AWSRevokeOlderSessions: every session issued before now is
    refused from its next request on, on the wire, the REST API and the console."""
    role = run(request, GetRole, role_name=name)
    form = RevokeSessionsForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                run(request, PutRolePolicy, role_name=role.name, policy_name=REVOKE_POLICY_NAME,
                    policy_document=revoke_older_sessions_policy(timezone.now()))
            except IamError as exc:
                form_error(form, exc)
                status = exc.status
            else:
                messages.success(request, f"Active sessions of role {role.name} revoked: "
                                          f"sessions issued from now on work.")
                return redirect(reverse("accounts:role_detail", args=[role.name])
                                + "?tab=sessions")
    return render(request, "accounts/role_revoke_sessions.html", {
        "role": role, "form": form, "policy_name": REVOKE_POLICY_NAME,
        "active": role_active_sessions(role).count(),
        "breadcrumbs": role_crumbs(role, "Revoke active sessions"),
    }, status=status)


urlpatterns = [
    path("roles/details/<str:name>/sessions/revoke/", role_revoke_sessions_view,
         name="role_revoke_sessions"),
]
