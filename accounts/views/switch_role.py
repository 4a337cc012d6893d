"""Switch role: act as a role of this or another hosted account, and switch back."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from iamconsole.exceptions import AccessDenied, IamError
from iamconsole.operations import caller_for

from ..forms_signin import SwitchRoleForm
from ..models import Role
from ..operations.sts import AssumeRole
from ..services import switch_role_history_record
from ..services.sessions import session_principal
from ..signin import (
    ROLE_SESSION_SECONDS,
    assume_role_in_session,
    is_federated_session,
    leave_role,
    signed_in_identity,
)
from ..signin_trail import switch_role_event
from .support import form_error

# Session key: the display name and colour chosen for the current role session.
ROLE_DISPLAY = "role_display"


def _find_role(account: str, name: str) -> Role | None:
    value = account.strip()
    return (
        Role.objects.select_related("account")
        .filter(Q(account__account_id=value) | Q(account__alias=value.lower()))
        .filter(name__iexact=name)
        .first()
    )


def switch_role_view(request: HttpRequest) -> HttpResponse:
    """Assume a role (AssumeRole): the trust policy and the caller's own policies decide."""
    principal = request.principal
    identity = signed_in_identity(request)
    initial = {"account": request.GET.get("account", ""),
               "role_name": request.GET.get("roleName", ""),
               "display_name": request.GET.get("displayName", ""),
               "color": request.GET.get("color", "")}
    form = SwitchRoleForm(request.POST or None, initial=initial)
    refusal = ""
    if principal.kind == "root":
        refusal = ("The root user cannot switch roles. Sign in as an IAM user to switch to a "
                   "role.")
    elif is_federated_session(request):
        refusal = ("This console session came from your identity provider: sign in there "
                   "again to act as another role.")
    elif principal.kind == "assumed-role":
        refusal = "Switch back to your user before switching to another role."
    status = 200
    if request.method == "POST" and not refusal and form.is_valid():
        data = form.cleaned_data
        role = _find_role(data["account"], data["role_name"])
        typed = f"arn:aws:iam::{data['account']}:role/{data['role_name']}"
        role_arn = role.arn if role else typed
        # The session is named after the user unless named: trust policies often require
        # that (sts:RoleSessionName = ${aws:username}).
        session_name = data["session_name"] or principal.name
        # The same AssumeRole as the wire's: trust, the caller's permission, MFA from the
        # console sign-in, the role's maximum session and source identity rules. Its
        # temporary credentials are the console's role session (listed on the role's
        # Sessions tab, revoked with it).
        caller = caller_for(request)
        try:
            issued = caller.run(
                AssumeRole, role_arn=role_arn, role_session_name=session_name,
                external_id=data["external_id"] or None, issue_credentials=True,
                duration_seconds=min(ROLE_SESSION_SECONDS,
                                     role.max_session_duration if role else ROLE_SESSION_SECONDS))
        except AccessDenied:
            # One sentence whether or not the role exists, from what the caller typed only:
            # no path, account ID behind an alias or policy detail to learn roles from.
            message = (f"User: {principal.arn} is not authorized to perform: "
                       f"{AssumeRole.action} on resource: {typed}")
            form.add_error(None, message)
            status = 403
            caller.record(switch_role_event(request, principal, session=None, role_arn=typed,
                                            error=("AccessDenied", message)))
        except IamError as exc:
            form_error(form, exc, {"role_session_name": "session_name"})
            status = exc.status
            caller.record(switch_role_event(request, principal, session=None, role_arn=typed,
                                            error=(exc.code, exc.message)))
        else:
            role = issued.credential.role
            caller.record(switch_role_event(
                request, principal, role_arn=role.arn,
                session=session_principal(issued.credential, source_ip=principal.source_ip)))
            expires = assume_role_in_session(request, issued.credential)
            _remember(request, data, role)
            messages.success(
                request,
                f"You are now acting as role {role.name} in account "
                f"{role.account.alias or role.account.account_id} until "
                f"{expires:%H:%M} UTC.",
            )
            return redirect("accounts:dashboard")
    context = {"form": form, "refusal": refusal, "identity": identity}
    return render(request, "accounts/switch_role.html", context, status=status)


def _remember(request: HttpRequest, data: dict[str, Any], role: Role) -> None:
    """The display name and colour of this role session (its band and badge), and the role at
    the top of the user's role history, as typed: AWS's console keeps the last five."""
    typed_account = data["account"].strip()
    chosen = data["display_name"].strip()
    # Without a display name the header names the session as usual ("Role: Admin @ corp").
    request.session[ROLE_DISPLAY] = {"name": chosen, "color": data["color"]}
    display = chosen or f"{role.name} @ {typed_account}"
    if identity := signed_in_identity(request):
        if identity[1] is not None:
            switch_role_history_record(user=identity[1], account=typed_account,
                                       role_name=data["role_name"], display_name=display,
                                       color=data["color"])


@require_POST
def switch_back_view(request: HttpRequest) -> HttpResponse:
    """Leave the role session and act as the signed-in user again."""
    request.session.pop(ROLE_DISPLAY, None)
    leave_role(request)
    messages.info(request, "You switched back to your user.")
    return redirect("accounts:dashboard")


urlpatterns = [
    path("switch-role/", switch_role_view, name="switch_role"),
    path("switch-role/back/", switch_back_view, name="switch_back"),
]
