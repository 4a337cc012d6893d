"""Form fields for repeated inputs: lists of names or ARNs, and tag rows (key and value)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.datastructures import MultiValueDict

from iamconsole.exceptions import InvalidInput
from iamconsole.validators import TAGS_MAX, validate_tag


class ListWidget(forms.MultipleHiddenInput):
    """Reads every value posted under the field's name (checkboxes, hidden inputs)."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str]:
        if isinstance(data, MultiValueDict):
            return [v for v in data.getlist(name) if v]
        value = data.get(name)
        if value is None:
            return []
        return [v for v in (value if isinstance(value, list | tuple) else [value]) if v]


class ListField(forms.Field):
    """A list of strings (names or ARNs), without duplicates, in the order given."""

    widget = ListWidget

    def to_python(self, value: Any) -> list[str]:
        seen: dict[str, None] = {}
        for item in value or []:
            seen.setdefault(str(item).strip(), None)
        return [item for item in seen if item]


class TagRowsWidget(forms.Widget):
    """Tag rows posted as parallel `tag_key` / `tag_value` lists; rendered by the template."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[tuple[str, str]]:
        if isinstance(data, MultiValueDict):
            keys, values = data.getlist("tag_key"), data.getlist("tag_value")
        else:
            keys, values = list(data.get("tag_key", [])), list(data.get("tag_value", []))
        values += [""] * (len(keys) - len(values))
        return list(zip(keys, values, strict=False))

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> str:
        return ""


class TagsField(forms.Field):
    """Tags as AWS checks them: key 1-128, value 0-256 characters, no `aws:`, at most 50.

    Rows whose key and value are both blank are ignored, so an empty row can be offered.
    """

    widget = TagRowsWidget

    def to_python(self, value: Any) -> dict[str, str]:
        rows = [(str(k).strip(), str(v).strip()) for k, v in (value or [])]
        tags: dict[str, str] = {}
        seen: set[str] = set()
        for key, tag_value in rows:
            if not key and not tag_value:
                continue
            if key.lower() in seen:
                raise ValidationError(f"The tag key {key!r} is used twice (keys ignore case).")
            seen.add(key.lower())
            try:
                validate_tag(key, tag_value)
            except InvalidInput as exc:
                raise ValidationError(exc.message) from exc
            tags[key] = tag_value
        if len(tags) > TAGS_MAX:
            raise ValidationError(f"A resource has at most {TAGS_MAX} tags.")
        return tags


def tag_rows(form: forms.Form, *, blank_rows: int = 0) -> list[tuple[str, str]]:
    """The tag rows to show: what was typed (bound) or the initial tags, plus blank rows."""
    if form.is_bound:
        rows = list(form["tags"].value() or [])
    else:
        initial = form.initial.get("tags") or {}
        rows = list(initial.items())
    return rows + [("", "")] * blank_rows
