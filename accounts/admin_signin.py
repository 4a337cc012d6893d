"""The operators' /admin/ sign-in, throttled as the console's is."""

from __future__ import annotations

from typing import Any

from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError

from . import throttle
from .signin import client_ip


class ThrottledAdminAuthenticationForm(AdminAuthenticationForm):
    """Django's admin sign-in form, whose attempts take their place in the operator's
    throttles (per address, and from everywhere) before the password is checked."""

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        if username is None or not self.cleaned_data.get("password"):
            return super().clean()
        try:
            attempt = throttle.reserve(throttle.operator_identity(username),
                                       client_ip(self.request))
        except throttle.Throttled as wait:
            raise ValidationError(wait.sentence, code="throttled") from None
        try:
            return super().clean()
        finally:
            # The password was right (even for an operator refused as inactive or not staff).
            if self.user_cache is not None:
                attempt.succeeded()
