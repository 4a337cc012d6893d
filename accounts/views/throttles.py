"""The root user clears its account's sign-in and access-key throttles (Account settings)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.views.decorators.http import require_POST

from iamconsole.operations import caller_for

from .. import throttle
from ..operations.owners import refuse_unless_root


@require_POST
def throttle_clear_view(request: HttpRequest) -> HttpResponse:
    """Forget the failures of one counter (`throttle`: its ID) or of all (no ID).

    No IAM action covers this (AWS throttles are not the customer's to clear), so only the
    root user may, as for the root user's own credentials.
    """
    caller = caller_for(request)
    refuse_unless_root(caller, "clearing the account's authentication throttles")
    raw = request.POST.get("throttle", "")
    if raw and not (raw.isascii() and raw.isdigit() and len(raw) <= 18):
        raise Http404("No such throttle.")
    account = caller.account
    cleared = throttle.clear_account_throttles(account, int(raw) if raw else None)
    if raw and not cleared:
        raise Http404("No such throttle: it may have been cleared or have ended.")
    messages.success(request, "Throttle cleared: those attempts may start again."
                     if raw else "All throttles of the account cleared.")
    return redirect("accounts:account_settings")


urlpatterns = [
    path("account/settings/throttles/clear/", throttle_clear_view, name="throttle_clear"),
]
