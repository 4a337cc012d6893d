"""Forms of console sign-in: root or IAM user, the MFA step, password change, switch role."""

from __future__ import annotations

import re

from django import forms
from django.core.validators import RegexValidator

from .models.switch_role import ROLE_COLORS

_SESSION_NAME = RegexValidator(
    r"^[\w+=,.@-]{2,64}$",
    "Use 2 to 64 letters, digits and _+=,.@- characters.",
)


class RootSignInForm(forms.Form):
    """Sign in as an account's root user with its email address and password."""

    email = forms.EmailField(label="Root user email address", max_length=254)
    password = forms.CharField(label="Password", strip=False, widget=forms.PasswordInput,
                               max_length=128)


class IamUserSignInForm(forms.Form):
    """Sign in as an IAM user: account ID or alias, user name, password."""

    account = forms.CharField(label="Account ID (12 digits) or account alias", max_length=63)
    user_name = forms.CharField(label="IAM user name", max_length=128)
    password = forms.CharField(label="Password", strip=False, widget=forms.PasswordInput,
                               max_length=128, help_text=None)


class MfaCodeForm(forms.Form):
    """The second sign-in step: a code from the virtual MFA device."""

    code = forms.CharField(
        label="MFA code",
        min_length=6,
        max_length=6,
        validators=[RegexValidator(r"^[0-9]{6}$", "Enter the 6-digit code from your MFA app.")],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class ChangePasswordForm(forms.Form):
    """An IAM user sets a new console password (required after a reset or on expiry)."""

    old_password = forms.CharField(label="Old password", strip=False,
                                   widget=forms.PasswordInput, max_length=128)
    new_password = forms.CharField(label="New password", strip=False,
                                   widget=forms.PasswordInput, max_length=128)
    confirm_password = forms.CharField(label="Retype new password", strip=False,
                                       widget=forms.PasswordInput, max_length=128)

    def clean(self) -> dict[str, object]:
        data = super().clean()
        if data.get("new_password") and data.get("new_password") != data.get("confirm_password"):
            self.add_error("confirm_password", "The two new passwords do not match.")
        return data


class SwitchRoleForm(forms.Form):
    """Switch to a role in this account or another account hosted here."""

    account = forms.CharField(label="Account ID or alias", max_length=63)
    role_name = forms.CharField(label="IAM role name", max_length=64,
                                help_text="The role's name, without its path.")
    display_name = forms.CharField(
        label="Display name", max_length=64, required=False,
        help_text="Shown in the header and in your role history; defaults to "
                  "RoleName @ account.",
    )
    color = forms.ChoiceField(
        label="Color", required=False, widget=forms.RadioSelect,
        choices=[("", "None"), *ROLE_COLORS],
        help_text="The colour of the band shown while you act as the role.",
    )
    session_name = forms.CharField(
        label="Session name", max_length=64, required=False,
        validators=[_SESSION_NAME],
        help_text="In the session ARN and in CloudTrail; defaults to your user name.",
    )
    external_id = forms.CharField(
        label="External ID", max_length=1224, min_length=2, required=False,
        help_text="Only if the role's trust policy requires one (sts:ExternalId).",
        validators=[RegexValidator(r"^[\w+=,.@:/-]*$", "External IDs use letters, digits "
                                   "and +=,.@:/- characters.")],
    )

    def clean_role_name(self) -> str:
        name = self.cleaned_data["role_name"].strip()
        if not re.match(r"^[\w+=,.@-]{1,64}$", name):
            raise forms.ValidationError("A role name has 1 to 64 letters, digits and _+=,.@-.")
        return name
