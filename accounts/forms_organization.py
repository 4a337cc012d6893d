"""Forms of the Organization pages: an SCP or RCP (name, description, type, document)."""

from __future__ import annotations

from django import forms

from .models.organizations import RCP, SCP

POLICY_TYPE_CHOICES = [(SCP, "Service control policy (SCP)"),
                       (RCP, "Resource control policy (RCP)")]
# The policy editor's validation grammar for each type.
EDITOR_TYPES = {SCP: "scp", RCP: "rcp"}
# Organizations' member names (the errors' `field`) as this form's fields.
FIELD_MAP = {"Name": "name", "Description": "description", "Content": "content",
             "Type": "policy_type"}


class OrganizationPolicyForm(forms.Form):
    """CreatePolicy's and UpdatePolicy's inputs; AWS checks the rest (limits, grammar)."""

    name = forms.CharField(max_length=128, label="Policy name")
    description = forms.CharField(max_length=512, required=False, label="Description")
    policy_type = forms.ChoiceField(choices=POLICY_TYPE_CHOICES, label="Policy type")
    content = forms.CharField(label="Policy document", strip=False,
                              widget=forms.Textarea(attrs={"rows": 14}))
