"""Forms of the identity provider pages: add a provider (SAML or OpenID Connect), replace a
SAML provider's metadata, add an audience, replace the thumbprints or the signing keys (a
JWKS); mint a sample token or assertion with the demo's test IdP."""

from __future__ import annotations

from typing import Any

from django import forms

from .federation.jwks import JWKS_MAX
from .forms_fields import TagsField
from .provider_rules import CLIENT_ID_MAX, METADATA_MAX

PROVIDER_TYPES = [("saml", "SAML"), ("oidc", "OpenID Connect")]
JWKS_HELP = ('The public keys that verify the provider\'s ID tokens: its JSON Web Key Set '
             '({"keys": [...]}, RSA or EC keys, as its jwks_uri publishes it). Not an AWS '
             "field: without it, the keys are fetched from the issuer when it is reachable.")
METADATA_HELP = ("The metadata document your IdP exports (XML, 1,000 characters or more); "
                 "upload the file or paste it.")


def lines(text: str) -> list[str]:
    """One value per non-blank line (audiences, thumbprints), stripped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class MetadataFormMixin(forms.Form):
    """A metadata document, uploaded as a file or pasted."""

    metadata_file = forms.FileField(label="Metadata document", required=False,
                                    help_text=METADATA_HELP)
    metadata = forms.CharField(label="Or paste the metadata document", required=False,
                               strip=False, max_length=METADATA_MAX,
                               widget=forms.Textarea(attrs={"rows": 6, "class": "mono"}))

    def metadata_document(self) -> str:
        """The uploaded file's text, else the pasted text."""
        upload = self.cleaned_data.get("metadata_file")
        if upload is not None:
            return upload.read(METADATA_MAX + 1).decode("utf-8", errors="replace")
        return self.cleaned_data.get("metadata", "")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (self.needs_metadata() and not data.get("metadata_file")
                and not data.get("metadata")):
            self.add_error("metadata", "Upload or paste the IdP's metadata document.")
        return data

    def needs_metadata(self) -> bool:
        return True


class ProviderCreateForm(MetadataFormMixin):
    """Add an identity provider: its type, then a SAML provider's name and metadata, or an
    OpenID Connect provider's URL, audiences and thumbprints; tags for both."""

    provider_type = forms.ChoiceField(label="Provider type", choices=PROVIDER_TYPES,
                                      initial="saml", widget=forms.RadioSelect)
    name = forms.CharField(label="Provider name", required=False, max_length=128,
                           help_text="1-128 letters, digits and _ . - (used in the ARN).")
    url = forms.CharField(label="Provider URL", required=False, max_length=255,
                          help_text="Begins with https:// (the iss claim of its tokens), "
                                    "e.g. https://token.actions.githubusercontent.com.")
    audiences = forms.CharField(
        label="Audiences (client IDs)", required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line, up to 100 (sts.amazonaws.com for GitHub Actions).")
    thumbprints = forms.CharField(
        label="Thumbprints - optional", required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "mono"}),
        help_text="One per line, up to 5: the SHA-1 of the IdP's certificate, 40 hex digits.")
    jwks = forms.CharField(label="Signing keys (JWKS) - optional", required=False,
                           max_length=JWKS_MAX, help_text=JWKS_HELP,
                           widget=forms.Textarea(attrs={"rows": 3, "class": "mono"}))
    tags = TagsField(label="Tags", required=False)

    def needs_metadata(self) -> bool:
        return self.cleaned_data.get("provider_type") == "saml"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("provider_type") == "saml" and not data.get("name"):
            self.add_error("name", "Give the provider a name.")
        if data.get("provider_type") == "oidc" and not data.get("url"):
            self.add_error("url", "Give the provider's URL.")
        return data


class MetadataForm(MetadataFormMixin):
    """Replace a SAML provider's metadata document (UpdateSAMLProvider)."""


class AudienceForm(forms.Form):
    """One audience (client ID) to add."""

    client_id = forms.CharField(label="Audience", max_length=CLIENT_ID_MAX)


class ThumbprintsForm(forms.Form):
    """The thumbprints replacing the provider's (one per line; none clears them)."""

    thumbprints = forms.CharField(label="Thumbprints", required=False,
                                  widget=forms.Textarea(attrs={"rows": 3, "class": "mono"}))


class JwksForm(forms.Form):
    """The JWKS replacing the provider's signing keys (empty removes them)."""

    jwks = forms.CharField(label="JSON Web Key Set", required=False, max_length=JWKS_MAX,
                           help_text=JWKS_HELP,
                           widget=forms.Textarea(attrs={"rows": 6, "class": "mono"}))


class MintForm(forms.Form):
    """Which role the sample token or assertion is for (and, for a token, its subject)."""

    role_arn = forms.CharField(label="Role to assume", max_length=2048)
    subject = forms.CharField(label="Subject (sub)", max_length=255, required=False,
                              help_text="Who the IdP says signed in.")
