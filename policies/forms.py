"""Forms of the policies app."""

from django import forms

from .validation import POLICY_TYPES

POLICY_TYPE_CHOICES = [(t, t) for t in POLICY_TYPES]


class PolicyValidateForm(forms.Form):
    """A document to validate as you type, and the policy type whose rules apply."""

    document = forms.CharField(strip=False, required=False, max_length=131_072)
    policy_type = forms.ChoiceField(choices=POLICY_TYPE_CHOICES, initial="identity")
