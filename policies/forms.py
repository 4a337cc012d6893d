"""Forms of the policies app."""

from django import forms

from .validation import POLICY_TYPES

POLICY_TYPE_CHOICES = [(t, t) for t in POLICY_TYPES]


class PolicyValidateForm(forms.Form):
    """A document to validate as you type, and the policy type whose rules apply."""

    # No max_length: the validator reports a document over the limit as one of its findings
    # (DocumentTooLong), which the editor shows; a refused request would show nothing.
    document = forms.CharField(strip=False, required=False)
    policy_type = forms.ChoiceField(choices=POLICY_TYPE_CHOICES, initial="identity")
