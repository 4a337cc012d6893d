"""What the simulator's templates need: editors, action rows, context rows, errors."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms import BoundField
from django.http import HttpResponse
from django.template.loader import render_to_string

from accounts.organizations_selectors import OrganizationControls
from iamconsole.exceptions import IamError, InvalidInput
from iamconsole.operations import Caller
from policies.simulation import describe_key
from policies.simulation.callers import principal_context
from policies.simulation.catalog import action_templates, level_of, templates_json
from policies.simulation.checks import printable
from policies.simulation.inputs import is_source_arn
from policies.simulation.page import ContextRow, FieldRef, PageState
from policies.simulation.sources import SourceEntry

from ..engine import service_reference as ref
from ..operations.simulation import (
    GetContextKeysForCustomPolicy,
    GetContextKeysForPrincipalPolicy,
    operation_inputs,
    principal_facts_source,
    principal_policies,
)

CONTEXT_TYPE_LABELS = {
    "string": "String", "stringList": "String list", "numeric": "Number",
    "numericList": "Number list", "boolean": "Boolean", "booleanList": "Boolean list",
    "date": "Date", "dateList": "Date list", "ip": "IP address", "ipList": "IP address list",
    "binary": "Binary (base64)", "binaryList": "Binary list",
}


def render(request: Any, template: str, context: dict[str, Any], status: int = 200) -> Any:
    """Django's render, except that lone UTF-16 surrogates (which a document's own "\\ud84b"
    escapes can leave in findings, keys and sids) become visible escapes instead of failing
    the UTF-8 response."""
    return HttpResponse(printable(render_to_string(template, context, request)), status=status)


def editor_field(name: str, label: str, text: str = "") -> BoundField:
    """A bound field for `policies/partials/_policy_editor.html`, named exactly `name`."""
    form = forms.Form(initial={name: text})
    form.fields[name] = forms.CharField(label=label, required=False, widget=forms.Textarea)
    return form[name]


@dataclass(frozen=True)
class Editor:
    """A policy editor on the simulator page."""

    name: str
    label: str
    policy_type: str
    field: BoundField
    removable: bool = True


def editor(name: str, label: str, policy_type: str, text: str = "",
           removable: bool = True) -> Editor:
    """An editor for the policy field `name`."""
    return Editor(name, label, policy_type, editor_field(name, label, text), removable)


@dataclass(frozen=True)
class ActionRow:
    """A selected action with its resources."""

    action: str
    level: str
    resources: str
    templates: tuple[Any, ...]

    @property
    def wildcard_only(self) -> bool:
        """Simulated on * only."""
        return ref.is_wildcard_only_action(self.action)

    @property
    def templates_json(self) -> str:
        """The templates for the script that builds rows."""
        return templates_json(self.templates)


def action_rows(actions: Sequence[tuple[str, str]], account_id: str) -> list[ActionRow]:
    """Rows of the selected-actions table."""
    rows = []
    for action, resources in actions:
        info = ref.action_info(action)
        rows.append(ActionRow(
            action=info.full_name if info else action,
            level=level_of(info.access_level) if info else "Unknown",
            resources="" if resources.strip() == "*" else resources,
            templates=action_templates(action, account_id),
        ))
    return rows


@dataclass(frozen=True)
class PolicyRow:
    """One of the principal's policies on the page."""

    index: int
    entry: SourceEntry
    excluded: bool
    editor: Editor | None


@dataclass(frozen=True)
class PolicyListing:
    """The principal's policies as the page lists them, with this simulation's choices."""

    arn: str
    label: str
    entries: list[SourceEntry]
    excluded: set[str]
    overrides: dict[str, Editor]
    #: Which organization binds the principal, in a sentence ("" outside any).
    organization: str = ""

    @property
    def rows(self) -> list[PolicyRow]:
        """The rows of the policy table."""
        return [PolicyRow(i, e, e.key in self.excluded, self.overrides.get(e.key))
                for i, e in enumerate(self.entries)]


def policy_listing(caller: Caller, arn: str, exclusions: set[str],
                   overrides: Mapping[str, str]) -> PolicyListing:
    """Load the principal's policies for the page (NoSuchEntity / AccessDenied propagate)."""
    if not is_source_arn(arn):
        raise InvalidInput(f"{arn} is not the ARN of a user, group or role.", field="principal")
    snapshot = principal_policies(caller, arn)
    entity, entries = snapshot.entity, list(snapshot.entries)
    editors = {}
    for index, entry in enumerate(entries):
        text = overrides.get(entry.key)
        if text is not None and entry.readable:
            editors[entry.key] = editor(f"override-{index}", f"Edited copy of {entry.source.name}",
                                        entry.policy_type, text)
    kind = type(entity).__name__.removeprefix("Iam").lower()
    label = {"group": "user group"}.get(kind, kind) + f" {entity.name}"
    return PolicyListing(arn, label, entries, exclusions, editors,
                         organization_note(snapshot.controls, snapshot.policy_set.scp))


def organization_note(controls: OrganizationControls | None,
                      scp: tuple[tuple[str, ...], ...] | None) -> str:
    """Which organization binds the principal's account, and whether its SCPs do."""
    if controls is None:
        return ""
    where = f"organization {controls.org_id}"
    if controls.management:
        return f"Its account manages {where}: service control policies do not bind it."
    if scp is None:
        return (f"Its account is a member of {where}, but its service control policies do "
                "not bind this principal (a service-linked role, or SCPs are not enabled).")
    return (f"Its account is a member of {where}: {len(scp)} levels of service control "
            "policies bind it (root, each OU, the account).")


@dataclass(frozen=True)
class ContextSection:
    """The context table: keys the policies test plus keys the person added, and the keys
    filled in from the principal."""

    rows: list[ContextRow]
    principal_facts: list[tuple[str, Any]]
    note: str = ""


def _principal_facts(caller: Caller, arn: str) -> list[tuple[str, Any]]:
    if not is_source_arn(arn):
        return []
    try:
        snapshot = principal_facts_source(caller, arn)
    except IamError:
        return []
    if snapshot is None:
        return []
    facts = principal_context(snapshot.entity, snapshot.policy_set, snapshot.entity.arn)
    return sorted(facts.items(), key=lambda item: item[0].lower())


def context_section(caller: Caller, data: Mapping[str, Any],
                    rows: Sequence[ContextRow]) -> ContextSection:
    """Merge the rows the page has with the keys the current policies reference."""
    note = ""
    keys: list[Any] = []
    # Principal mode with nobody chosen yet has no policies to read: nothing to list, and
    # nothing wrong (asking would be read as a custom simulation without its policies).
    if data.get("mode") != "principal" or data.get("policy_source_arn"):
        listing = (GetContextKeysForPrincipalPolicy if data.get("policy_source_arn")
                   else GetContextKeysForCustomPolicy)
        try:
            keys = caller.run(listing, **operation_inputs(listing, data))
        except IamError as exc:
            note = f"The keys of the policies could not be listed: {exc.message}"
    values = {row.key.lower(): row for row in rows}
    merged: list[ContextRow] = []
    for key in keys:
        old = values.pop(key.info.key.lower(), None)
        merged.append(ContextRow(
            key=key.info.key, type=old.type if old else key.info.type,
            value=old.value if old else "", description=key.info.description,
            used_by=key.used_by, origin="policy",
        ))
    for row in values.values():
        if row.origin == "user" or row.value.strip():
            info = describe_key(row.key)
            merged.append(ContextRow(key=row.key, type=row.type, value=row.value,
                                     description=info.description, origin="user"))
    facts = _principal_facts(caller, str(data.get("policy_source_arn") or "")) if (
        data.get("mode") == "principal") else []
    auto = {key.lower(): value for key, value in facts}
    for row in merged:
        value = auto.get(row.key.lower())
        if value is not None:
            row.auto_value = value if isinstance(value, str) else "\n".join(value)
    return ContextSection(merged, facts, note)


def posted_context_rows(post: Any) -> list[ContextRow]:
    """The context rows as the page posted them (values kept as typed)."""
    rows = []
    for name in post:
        if not name.startswith("ctx_key-"):
            continue
        index = name.removeprefix("ctx_key-")
        key = post.get(name, "").strip()
        if key:
            rows.append(ContextRow(
                key=key, type=post.get(f"ctx_type-{index}", "string"),
                value=post.get(f"ctx_value-{index}", ""),
                origin=post.get(f"ctx_origin-{index}", "user"),
            ))
    return rows


@dataclass(frozen=True)
class ErrorItem:
    """One problem with the simulation's input, pointing at the page field."""

    label: str
    message: str
    field_id: str | None
    line: int | None = None
    column: int | None = None


def error_items(exc: IamError, refs: Mapping[str, FieldRef]) -> list[ErrorItem]:
    """The error as a list the page shows, each item linking to its field."""

    def where(path: str | None) -> tuple[str, str | None]:
        if path is None:
            return "", None
        found = refs.get(path) or refs.get(path.split(".")[0])
        return (found.label, found.field_id) if found else (path, None)

    details = exc.details if isinstance(exc.details, list) else None
    if details and all(isinstance(d, dict) and "field" in d for d in details):
        items = []
        for detail in details:
            label, field_id = where(detail["field"])
            items.append(ErrorItem(label, detail["message"], field_id, detail.get("line"),
                                   detail.get("column")))
        return items
    label, field_id = where(exc.field)
    message = exc.message
    if exc.field and message.startswith(f"{exc.field}: "):
        message = message[len(exc.field) + 2:]
    return [ErrorItem(label, message, field_id)]


def page_state_json(state: PageState) -> dict[str, Any]:
    """Enough of the state to list context keys for a freshly opened page."""
    data: dict[str, Any] = {"mode": state.mode}
    if state.mode == "principal":
        data["policy_source_arn"] = state.principal
        data["policy_exclusions"] = sorted(state.exclusions)
        if state.overrides:
            data["policy_overrides"] = state.overrides
        if not state.apply_organization_policies:
            data["apply_organization_policies"] = False
    else:
        data["policy_input_list"] = state.policies
    optional = {
        "permissions_boundary_policy_input_list": [state.boundary] if state.boundary else None,
        "session_policy": state.session_policy or None,
        "resource_policy": state.resource_policy or None,
        "scp_levels": state.scp_levels or None,
        "rcp_levels": state.rcp_levels or None,
        "endpoint_policies": state.endpoint_policies or None,
    }
    data.update({k: v for k, v in optional.items() if v})
    return data
