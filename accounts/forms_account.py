"""Forms of the account settings page: the account alias and the password policy."""

from __future__ import annotations

from typing import Any

from django import forms

from .models import PasswordPolicy


class AccountAliasForm(forms.Form):
    """CreateAccountAlias: 3-63 lowercase letters, digits and single hyphens."""

    alias = forms.CharField(
        label="Account alias", max_length=63, min_length=3,
        help_text="3 to 63 lowercase letters, digits and hyphens; it starts and ends with a "
                  "letter or digit and has no two hyphens in a row. Aliases are unique.",
    )

    def clean_alias(self) -> str:
        return self.cleaned_data["alias"].strip()


class PasswordPolicyForm(forms.Form):
    """UpdateAccountPasswordPolicy with AWS's ranges; optional limits are switched on first."""

    minimum_password_length = forms.IntegerField(
        label="Minimum password length", min_value=6, max_value=128, initial=8,
        help_text="6 to 128 characters.",
    )
    require_uppercase_characters = forms.BooleanField(
        label="Require at least one uppercase letter from the Latin alphabet (A-Z)",
        required=False)
    require_lowercase_characters = forms.BooleanField(
        label="Require at least one lowercase letter from the Latin alphabet (a-z)",
        required=False)
    require_numbers = forms.BooleanField(label="Require at least one number", required=False)
    require_symbols = forms.BooleanField(
        label="Require at least one non-alphanumeric character ( ! @ # $ % ^ & * ( ) _ + - = "
              "[ ] { } | ' )", required=False)
    expire_passwords = forms.BooleanField(label="Turn on password expiration", required=False)
    max_password_age = forms.IntegerField(
        label="Expire passwords in (days)", min_value=1, max_value=1095, required=False,
        help_text="1 to 1,095 days.",
    )
    hard_expiry = forms.BooleanField(
        label="Password expiration requires administrator reset", required=False,
        help_text="Users with expired passwords cannot set a new one themselves.",
    )
    allow_users_to_change_password = forms.BooleanField(
        label="Allow users to change their own password", required=False)
    prevent_reuse = forms.BooleanField(label="Prevent password reuse", required=False)
    password_reuse_prevention = forms.IntegerField(
        label="Remember (number of passwords)", min_value=1, max_value=24, required=False,
        help_text="1 to 24 previous passwords.",
    )

    @classmethod
    def initial_for(cls, policy: PasswordPolicy | None) -> dict[str, Any]:
        """The form's values for the current policy (AWS's defaults when there is none)."""
        if policy is None:
            return {"minimum_password_length": 8}
        return {
            "minimum_password_length": policy.minimum_password_length,
            "require_uppercase_characters": policy.require_uppercase_characters,
            "require_lowercase_characters": policy.require_lowercase_characters,
            "require_numbers": policy.require_numbers,
            "require_symbols": policy.require_symbols,
            "expire_passwords": policy.max_password_age is not None,
            "max_password_age": policy.max_password_age,
            "hard_expiry": policy.hard_expiry,
            "allow_users_to_change_password": policy.allow_users_to_change_password,
            "prevent_reuse": policy.password_reuse_prevention is not None,
            "password_reuse_prevention": policy.password_reuse_prevention,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("expire_passwords") and not data.get("max_password_age"):
            if "max_password_age" not in self.errors:
                self.add_error("max_password_age", "Enter after how many days (1 to 1,095).")
        if data.get("prevent_reuse") and not data.get("password_reuse_prevention"):
            if "password_reuse_prevention" not in self.errors:
                self.add_error("password_reuse_prevention",
                               "Enter how many passwords to remember (1 to 24).")
        return data

    def service_fields(self) -> dict[str, Any]:
        """The keyword arguments of password_policy_update."""
        data = self.cleaned_data
        return {
            "minimum_password_length": data["minimum_password_length"],
            "require_uppercase_characters": data["require_uppercase_characters"],
            "require_lowercase_characters": data["require_lowercase_characters"],
            "require_numbers": data["require_numbers"],
            "require_symbols": data["require_symbols"],
            "allow_users_to_change_password": data["allow_users_to_change_password"],
            "max_password_age": data["max_password_age"] if data["expire_passwords"] else None,
            "hard_expiry": data["hard_expiry"] and data["expire_passwords"],
            "password_reuse_prevention": (data["password_reuse_prevention"]
                                          if data["prevent_reuse"] else None),
        }


class RootAccessKeyConfirmForm(forms.Form):
    """The root user acknowledges AWS's warning before creating a root access key."""

    acknowledge = forms.BooleanField(
        label="I understand creating a root access key is not a best practice, but I still "
              "want to create one.",
        error_messages={"required": "Confirm that you understand the risk to create a root "
                                    "access key."},
    )
