"""Reset the demo from the console: for the demo account's root user (the trainer), with a
typed confirmation; the trainer stays signed in and the printed passwords stay valid unless
new ones are asked for."""

from __future__ import annotations

import time

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path

from iamconsole.exceptions import AccessDenied, IamError

from ..demo import EXAMPLE_CORP
from ..demo.credentials import demo_signin_details
from ..demo.recorded import load_demo_recorded
from ..models import Account
from ..signin import refresh_fingerprint

CONFIRM_WORD = "reset"


class DemoResetForm(forms.Form):
    """Type "reset" to confirm; optionally, new passwords."""

    confirm = forms.CharField(label=f"To confirm, enter {CONFIRM_WORD}", max_length=20)
    new_passwords = forms.BooleanField(
        label="Issue new passwords (the printed sign-in details stop working)", required=False,
        help_text="Unticked, every demo identity keeps the password recorded for it, and MFA "
                  "devices keep their secrets.",
    )

    def clean_confirm(self) -> str:
        value: str = self.cleaned_data["confirm"].strip()
        if value.lower() != CONFIRM_WORD:
            raise forms.ValidationError(f"Enter {CONFIRM_WORD} to confirm.")
        return value


def is_demo_trainer(principal: object) -> bool:
    """The root user of the demo account: the one who may reset the demo."""
    return (getattr(principal, "kind", None) == "root"
            and getattr(principal, "account_id", None) == EXAMPLE_CORP.account_id)


def demo_reset_view(request: HttpRequest) -> HttpResponse:
    """The reset page: what a reset does, the sign-in details as they are, the confirmation."""
    if not is_demo_trainer(request.principal):
        raise AccessDenied("Only the root user of the demo account "
                           f"({EXAMPLE_CORP.account_id}) can reset the demo.")
    form = DemoResetForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        started = time.monotonic()
        new_passwords = form.cleaned_data["new_passwords"]
        try:
            load_demo_recorded(reset=True, new_passwords=new_passwords)
        except IamError as exc:
            messages.error(request, f"The demo could not be reset: {exc.message}")
        except OSError as exc:  # the database is reset; the details file could not be written
            messages.error(request, "The demo was reset, but its sign-in details could not be "
                           f"recorded ({exc.strerror}): the sign-in page may show old ones.")
        else:
            messages.success(request, f"The demo was reset in {time.monotonic() - started:.1f} s"
                             + (", with new passwords." if new_passwords
                                else "; the printed passwords still work."))
        # A new root password would end this session: the trainer stays signed in.
        refresh_fingerprint(request, Account.objects.get(account_id=EXAMPLE_CORP.account_id),
                            None)
        return redirect("accounts:demo_reset")
    if form.errors:
        status = 400
    return render(request, "accounts/demo_reset.html", {
        "form": form, "demo": demo_signin_details(),
        "breadcrumbs": [("Reset demo", None)],
    }, status=status)


urlpatterns = [path("demo/reset/", demo_reset_view, name="demo_reset")]
