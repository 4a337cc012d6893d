"""Forms of the managed-policy pages: the document, the review details, versions, attachments."""

from __future__ import annotations

from collections.abc import Iterable

from django import forms

from iamconsole.exceptions import IamError

DOCUMENT_MAX = 131_072
STARTER_DOCUMENT = """{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "Statement1",
            "Effect": "Allow",
            "Action": [],
            "Resource": []
        }
    ]
}"""


class PolicyDocumentForm(forms.Form):
    """Step 1 of create policy: the JSON document (written in the editor or the builder)."""

    policy_document = forms.CharField(
        label="Policy editor", strip=False, max_length=DOCUMENT_MAX, widget=forms.Textarea
    )


class PolicyDetailsForm(forms.Form):
    """Step 2 of create policy: name, description and path (tags come as rows, see tag_rows)."""

    name = forms.CharField(
        label="Policy name",
        strip=False,
        help_text="Up to 128 characters: letters, digits and _+=,.@-",
    )
    description = forms.CharField(
        label="Description - optional",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Up to 1,000 characters. It cannot be changed after the policy is created.",
    )
    path = forms.CharField(
        label="Path - optional",
        required=False,
        initial="/",
        strip=False,
        help_text="/ or /division/team/ (letters, digits and .,+@=_- between slashes).",
    )

    def clean_path(self) -> str:
        return self.cleaned_data.get("path") or "/"


class PolicyVersionForm(PolicyDocumentForm):
    """Edit policy: the new version's document, whether it becomes the default, and the
    version to delete first when the policy already has the maximum number of versions."""

    set_as_default = forms.BooleanField(
        label="Set this new version as the default", required=False, initial=True
    )
    delete_version = forms.ChoiceField(
        label="Version to delete when saving", required=False, choices=()
    )

    def __init__(self, *args: object, deletable: Iterable[str] = (), **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["delete_version"].choices = [("", "Choose a version")] + [
            (version_id, version_id) for version_id in deletable
        ]


class TagRowsError(ValueError):
    """Tag rows that cannot become a tag set (a key given twice, a value without a key)."""


def tag_rows(data: object) -> list[tuple[str, str]]:
    """The tag rows a form posted as parallel `tag_key`/`tag_value` lists, blanks dropped."""
    keys = data.getlist("tag_key")  # type: ignore[attr-defined]
    values = data.getlist("tag_value")  # type: ignore[attr-defined]
    values += [""] * (len(keys) - len(values))
    return [(k, v) for k, v in zip(keys, values, strict=False) if k or v]


def tags_from_rows(rows: list[tuple[str, str]]) -> dict[str, str]:
    """A tag mapping from rows; TagRowsError for a value without a key or a repeated key."""
    tags: dict[str, str] = {}
    for key, value in rows:
        if not key:
            raise TagRowsError(f"The tag value {value!r} has no key.")
        if key in tags:
            raise TagRowsError(f"The tag key {key!r} is given twice.")
        tags[key] = value
    return tags


def add_service_error(form: forms.Form, error: IamError, *, default: str | None = None) -> None:
    """Show a domain error beside the field it names, else as a form-wide error."""
    field = error.field if error.field in form.fields else default
    form.add_error(field, error.message)
