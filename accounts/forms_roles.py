"""Forms of the role pages: the create-role wizard's steps, trust, summary, tags, profiles."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.datastructures import MultiValueDict

from iamconsole.exceptions import InvalidInput
from iamconsole.validators import (
    TAGS_MAX,
    validate_description,
    validate_name,
    validate_path,
    validate_tag,
)

from . import trust_templates as trust

HOURS = [(h, f"{h} hour{'s' if h > 1 else ''}") for h in range(1, 13)]
ENTITY_TYPES = [
    ("aws_service", "AWS service"),
    ("aws_account", "AWS account"),
    ("web_identity", "Web identity"),
    ("saml", "SAML 2.0 federation"),
    ("custom", "Custom trust policy"),
]
ENTITY_HELP = {
    "aws_service": "Allow AWS services like EC2, Lambda, or others to perform actions in "
                   "this account.",
    "aws_account": "Allow entities in other AWS accounts belonging to you or a 3rd party to "
                   "perform actions in this account.",
    "web_identity": "Allows users federated by the specified external web identity provider "
                    "to assume this role to perform actions in this account.",
    "saml": "Allow users federated with SAML 2.0 from a corporate directory to perform "
            "actions in this account.",
    "custom": "Create a custom trust policy to enable others to perform actions in this "
              "account.",
}


def _checked(check: Any, value: Any, *args: Any, **kwargs: Any) -> Any:
    """Run one of the validators (raising InvalidInput) as a form validation."""
    try:
        return check(value, *args, **kwargs)
    except InvalidInput as exc:
        raise ValidationError(exc.message) from exc


class ValuesWidget(forms.MultipleHiddenInput):
    """Every value posted under the field's name (checkboxes, hidden inputs), blanks dropped."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str]:
        values = data.getlist(name) if isinstance(data, MultiValueDict) else data.get(name, [])
        if isinstance(values, str):
            values = [values]
        return [v for v in values if v]


class ValuesField(forms.Field):
    """A list of strings without duplicates, in the order given (ARNs of picked policies)."""

    widget = ValuesWidget

    def to_python(self, value: Any) -> list[str]:
        return list(dict.fromkeys(str(item).strip() for item in value or [] if str(item).strip()))


def tag_rows_from(data: Any) -> list[tuple[str, str]]:
    """The tag rows posted as parallel `tag_key` / `tag_value` lists."""
    if not isinstance(data, MultiValueDict):
        return []
    keys, values = data.getlist("tag_key"), data.getlist("tag_value")
    values += [""] * (len(keys) - len(values))
    return list(zip(keys, values, strict=False))


def clean_tag_rows(rows: list[tuple[str, str]]) -> dict[str, str]:
    """AWS's tag rules on the rows typed; rows with neither key nor value are ignored."""
    tags: dict[str, str] = {}
    seen: set[str] = set()
    for key, value in ((k.strip(), v.strip()) for k, v in rows):
        if not key and not value:
            continue
        if key.lower() in seen:
            raise ValidationError(f"The tag key {key!r} is used twice (keys ignore case).")
        seen.add(key.lower())
        _checked(validate_tag, key, value)
        tags[key] = value
    if len(tags) > TAGS_MAX:
        raise ValidationError(f"A role has at most {TAGS_MAX} tags.")
    return tags


class TrustedEntityForm(forms.Form):
    """Step 1: who may assume the role; `trust_policy_text()` writes the document."""

    entity_type = forms.ChoiceField(label="Trusted entity type", choices=ENTITY_TYPES,
                                    widget=forms.RadioSelect, initial="aws_service")
    use_case = forms.ChoiceField(
        label="Use case", required=False, widget=forms.RadioSelect,
        choices=[(u.key, u.label) for u in trust.USE_CASES],
    )
    account_choice = forms.ChoiceField(
        label="AWS account", required=False, widget=forms.RadioSelect, initial="this",
        choices=[("this", "This account"), ("other", "Another AWS account")],
    )
    other_account_id = forms.CharField(label="Account ID", required=False, max_length=12,
                                       help_text="The 12-digit ID of the account.")
    require_external_id = forms.BooleanField(
        label="Require external ID (best practice when a third party will assume this role)",
        required=False)
    external_id = forms.CharField(label="External ID", required=False, max_length=1224,
                                  help_text="2 to 1,224 characters: letters, digits and "
                                            "+=,.@:/-_")
    require_mfa = forms.BooleanField(label="Require MFA", required=False,
                                     help_text="Callers must have signed in with MFA.")
    web_provider = forms.ChoiceField(
        label="Identity provider", required=False,
        choices=[("", "Choose a provider"),
                 *[(p.key, p.label) for p in trust.WEB_IDENTITY_PROVIDERS],
                 ("oidc", "OpenID Connect provider (by URL)")],
    )
    oidc_url = forms.CharField(label="OIDC provider URL", required=False, max_length=255,
                               help_text="For example token.actions.githubusercontent.com")
    audience = forms.CharField(label="Audience", required=False, max_length=255,
                               help_text="The audience (client ID, application ID or identity "
                                         "pool ID) the provider puts in its tokens.")
    saml_provider = forms.CharField(label="SAML 2.0-based provider", required=False,
                                    max_length=2048,
                                    help_text="The provider's ARN, "
                                              "arn:aws:iam::<account>:saml-provider/<name>")
    saml_access = forms.ChoiceField(
        label="Access to be allowed", required=False, widget=forms.RadioSelect,
        initial="console",
        choices=[("programmatic", "Allow programmatic access only"),
                 ("console", "Allow programmatic and AWS Management Console access")],
    )
    saml_attribute = forms.ChoiceField(
        label="Attribute", required=False,
        choices=[("", "No condition"), *[(a, a) for a in trust.SAML_ATTRIBUTES]])
    saml_value = forms.CharField(label="Value", required=False, max_length=1024)
    trust_policy = forms.CharField(label="Trust policy document", required=False,
                                   widget=forms.Textarea,
                                   initial=trust.to_text(trust.CUSTOM_TRUST_TEMPLATE))

    def __init__(self, *args: Any, account_id: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.account_id = account_id

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind = data.get("entity_type")
        checks = {"aws_service": self._clean_service, "aws_account": self._clean_account,
                  "web_identity": self._clean_web, "saml": self._clean_saml,
                  "custom": self._clean_custom}
        if kind in checks:
            checks[kind](data)
        return data

    def _require(self, data: dict[str, Any], field: str, message: str) -> bool:
        if not data.get(field):
            self.add_error(field, message)
            return False
        return True

    def _clean_service(self, data: dict[str, Any]) -> None:
        self._require(data, "use_case", "Choose a use case.")

    def _clean_account(self, data: dict[str, Any]) -> None:
        if data.get("account_choice") == "other":
            account = data.get("other_account_id", "").strip()
            if not trust.ACCOUNT_ID_RE.match(account):
                self.add_error("other_account_id", "An account ID has exactly 12 digits.")
        elif data.get("account_choice") != "this":
            self.add_error("account_choice", "Choose this account or another account.")
        if data.get("require_external_id") and not trust.EXTERNAL_ID_RE.match(
            data.get("external_id", "")
        ):
            self.add_error("external_id", "An external ID has 2 to 1,224 characters: "
                                          "letters, digits and +=,.@:/-_")

    def _clean_web(self, data: dict[str, Any]) -> None:
        if self._require(data, "web_provider", "Choose an identity provider.") and (
            data["web_provider"] == "oidc"
        ):
            if not trust.oidc_host(data.get("oidc_url", "")):
                self.add_error("oidc_url", "Give the OIDC provider's URL.")
        self._require(data, "audience", "Give the audience.")

    def _clean_saml(self, data: dict[str, Any]) -> None:
        provider = data.get("saml_provider", "").strip()
        if not trust.SAML_PROVIDER_ARN_RE.match(provider):
            self.add_error("saml_provider", "Give the SAML provider's ARN, "
                                            "arn:aws:iam::<12-digit account>:saml-provider/"
                                            "<name>.")
        if data.get("saml_access") not in ("console", "programmatic"):
            self.add_error("saml_access", "Choose the access to allow.")
        elif data["saml_access"] == "programmatic" and data.get("saml_attribute") and not (
            data.get("saml_value")
        ):
            self.add_error("saml_value", "Give the value the attribute must have.")

    def _clean_custom(self, data: dict[str, Any]) -> None:
        self._require(data, "trust_policy", "Write the trust policy.")

    def use_case_obj(self) -> trust.UseCase | None:
        """The chosen AWS service use case, for a valid form of type aws_service."""
        if self.cleaned_data.get("entity_type") != "aws_service":
            return None
        return trust.USE_CASES_BY_KEY.get(self.cleaned_data.get("use_case", ""))

    def trust_policy_text(self) -> str:
        """The trust policy the wizard will create, as the AWS console writes it."""
        data = self.cleaned_data
        kind = data["entity_type"]
        if kind == "custom":
            return data["trust_policy"]
        if kind == "aws_service":
            document = trust.aws_service_trust([trust.USE_CASES_BY_KEY[data["use_case"]]
                                                .principal])
        elif kind == "aws_account":
            account = (self.account_id if data["account_choice"] == "this"
                       else data["other_account_id"].strip())
            document = trust.aws_account_trust(
                account,
                external_id=data["external_id"] if data["require_external_id"] else "",
                require_mfa=data["require_mfa"],
            )
        elif kind == "web_identity":
            document = trust.web_identity_trust(
                account_id=self.account_id, provider=data["web_provider"],
                audience=data["audience"].strip(), oidc_url=data["oidc_url"],
            )
        else:
            document = trust.saml_trust(
                provider_arn=data["saml_provider"].strip(),
                console_access=data["saml_access"] == "console",
                attribute=data["saml_attribute"], value=data["saml_value"],
            )
        return trust.to_text(document)


class RolePermissionsForm(forms.Form):
    """Step 2: managed policies (ARNs) and an optional permissions boundary (an ARN)."""

    policies = ValuesField(label="Permissions policies", required=False)
    boundary = forms.CharField(label="Permissions boundary", required=False,
                               widget=forms.HiddenInput)

    def clean_policies(self) -> list[str]:
        arns = self.cleaned_data["policies"]
        limit = settings.IAM_MAX_ATTACHED_POLICIES_ROLE
        if len(arns) > limit:
            raise ValidationError(f"A role can have at most {limit} managed policies attached "
                                  f"({len(arns)} selected).")
        return arns


class RoleDetailsForm(forms.Form):
    """Step 3: name, path, description, maximum session duration and tags."""

    name = forms.CharField(label="Role name", max_length=64,
                           help_text="Up to 64 characters: letters, digits and _+=,.@-")
    path = forms.CharField(label="Path", initial="/", max_length=512,
                           help_text="/ or /division/team/ (printable ASCII).")
    description = forms.CharField(label="Description", required=False, max_length=1000,
                                  widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text="Up to 1,000 characters.")
    max_session_hours = forms.TypedChoiceField(
        label="Maximum session duration", choices=HOURS, coerce=int, initial=1,
        help_text="How long sessions of this role last, 1 to 12 hours.")

    def clean_name(self) -> str:
        return _checked(validate_name, self.cleaned_data["name"].strip(), "role")

    def clean_path(self) -> str:
        return _checked(validate_path, self.cleaned_data["path"].strip() or "/")

    def clean_description(self) -> str:
        return _checked(validate_description, self.cleaned_data["description"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        try:
            data["tags"] = clean_tag_rows(tag_rows_from(self.data))
        except ValidationError as exc:
            self.add_error(None, exc)
        return data


class RoleSummaryForm(forms.Form):
    """The editable part of a role's summary: description and maximum session duration."""

    description = forms.CharField(label="Description", required=False, max_length=1000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    max_session_duration = forms.TypedChoiceField(
        label="Maximum session duration", coerce=int,
        choices=[(h * 3600, label) for h, label in HOURS],
        help_text="1 to 12 hours.")

    def __init__(self, *args: Any, current_duration: int = 3600, **kwargs: Any):
        super().__init__(*args, **kwargs)
        # A duration set through the API need not be whole hours; keep it selectable.
        if current_duration % 3600:
            field = self.fields["max_session_duration"]
            hours, rest = divmod(current_duration, 3600)
            field.choices = sorted(
                [*field.choices, (current_duration, f"{hours} h {rest // 60} min")]
            )


class TrustPolicyForm(forms.Form):
    """The trust policy's text, validated as a trust policy by the service."""

    trust_policy = forms.CharField(label="Trust policy", widget=forms.Textarea)


class InstanceProfileNameForm(forms.Form):
    """The instance profile a role is added to."""

    instance_profile = forms.CharField(label="Instance profile name", max_length=128)


class InstanceProfileCreateForm(forms.Form):
    """A new instance profile: name, path and, optionally, its role."""

    name = forms.CharField(label="Instance profile name", max_length=128,
                           help_text="Up to 128 characters: letters, digits and _+=,.@-")
    path = forms.CharField(label="Path", initial="/", max_length=512,
                           help_text="/ or /division/team/")
    role = forms.CharField(label="Role (optional)", required=False, max_length=64,
                           help_text="The role EC2 instances launched with this profile get.")

    def clean_name(self) -> str:
        return _checked(validate_name, self.cleaned_data["name"].strip(), "instance profile")

    def clean_path(self) -> str:
        return _checked(validate_path, self.cleaned_data["path"].strip() or "/")


class InstanceProfileRoleForm(forms.Form):
    """The role to put in an instance profile."""

    role = forms.CharField(label="Role name", max_length=64)


class ServiceLinkedRoleForm(forms.Form):
    """CreateServiceLinkedRole's input: the service, an optional suffix and a description."""

    aws_service_name = forms.CharField(
        label="Service", max_length=128,
        help_text="The service's principal, such as elasticbeanstalk.amazonaws.com. The role "
                  "is named AWSServiceRoleFor<Service> and only that service may assume it.")
    custom_suffix = forms.CharField(
        label="Custom suffix", required=False, max_length=64,
        help_text="Only for services that allow several roles: appended after an underscore.")
    description = forms.CharField(label="Description", required=False, max_length=1000,
                                  widget=forms.Textarea(attrs={"rows": 2}))
