"""The simulator page's form: its fields to the simulation JSON and back.

The page posts plain form fields (editors named `policy-0`, `scp-1-0`, per-action resource
boxes, context rows); `form_to_json` turns them into the API's JSON, remembering which field
each API input path came from so errors can point at it. `PageState` is the reverse, used to
fill the form from a shared link, a preset or a preselection.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict

from iamconsole import jsontext

from .context import context_type_for, is_list_type

_INDEXED = re.compile(r"^(policy|endpoint)-(\d+)$")
_LEVELLED = re.compile(r"^(scp|rcp)-(\d+)-(\d+)$")


@dataclass(frozen=True)
class FieldRef:
    """Where an API input path lives on the page: the field's id and a human label."""

    field_id: str
    label: str


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r", "\n").split("\n") if line.strip()]


def _text(post: QueryDict, name: str) -> str:
    return post.get(name, "").strip("\ufeff")


def form_to_json(post: QueryDict) -> tuple[dict[str, Any], dict[str, FieldRef]]:
    """The simulation JSON of a posted page form, and the page field of each input path."""
    mode = "custom" if post.get("mode") == "custom" else "principal"
    data: dict[str, Any] = {"mode": mode}
    refs: dict[str, FieldRef] = {}
    selected = _selected_actions(post)
    actions = [action for action, _resources in selected]
    data["action_names"] = actions
    refs["action_names"] = FieldRef("sim-actions", "Actions")
    per_action: dict[str, list[str]] = {}
    for i, (action, text) in enumerate(selected):
        resources = _lines(text)
        if resources and resources != ["*"]:
            per_action[action] = resources
        refs[f"action_names[{i}]"] = FieldRef("sim-actions", action)
        refs[f"action_resources[{action}]"] = FieldRef(f"resource:{action}",
                                                       f"Resources of {action}")
    if per_action:
        data["action_resources"] = per_action
    if mode == "principal":
        data["policy_source_arn"] = post.get("principal", "").strip()
        refs["policy_source_arn"] = FieldRef("sim-principal", "Principal")
        data["policy_exclusions"] = post.getlist("exclude")
        overrides: dict[str, str] = {}
        for name in post:
            if name.startswith("override_key-"):
                index = name.removeprefix("override_key-")
                key, text = post.get(name, ""), _text(post, f"override-{index}")
                if key and text.strip():
                    overrides[key] = text
                    refs[f"policy_overrides[{key}]"] = FieldRef(
                        f"id_override-{index}", f"Edited copy of {key.rsplit('/', 1)[-1]}")
        if overrides:
            data["policy_overrides"] = overrides
        # The checkbox comes after a hidden "off": unticked, only "off" is posted.
        switch = post.getlist("org_policies")
        if switch and "on" not in switch:
            data["apply_organization_policies"] = False
            refs["apply_organization_policies"] = FieldRef(
                "id_org_policies", "Apply the organization's SCPs and RCPs")
    custom: list[str] = []
    endpoints: list[str] = []
    levels: dict[str, dict[int, list[str]]] = {"scp": {}, "rcp": {}}
    for name in sorted(post, key=_natural):
        text = _text(post, name)
        if not text.strip():
            continue
        if (match := _INDEXED.match(name)) and (match.group(1) == "endpoint" or mode == "custom"):
            target = custom if match.group(1) == "policy" else endpoints
            kind = "policy_input_list" if match.group(1) == "policy" else "endpoint_policies"
            label = "Policy" if match.group(1) == "policy" else "VPC endpoint policy"
            refs[f"{kind}[{len(target)}]"] = FieldRef(f"id_{name}", f"{label} {len(target) + 1}")
            target.append(text)
        elif match := _LEVELLED.match(name):
            kind, level = match.group(1), int(match.group(2))
            levels[kind].setdefault(level, []).append(text)
    if mode == "custom":
        data["policy_input_list"] = custom
    if endpoints:
        data["endpoint_policies"] = endpoints
    for kind, by_level in levels.items():
        if by_level:
            data[f"{kind}_levels"] = [by_level[level] for level in sorted(by_level)]
            for new_level, old_level in enumerate(sorted(by_level)):
                for i in range(len(by_level[old_level])):
                    refs[f"{kind}_levels[{new_level}][{i}]"] = FieldRef(
                        f"id_{kind}-{old_level}-{i}",
                        f"{kind.upper()} level {new_level + 1}, policy {i + 1}")
    singles = (("boundary", "permissions_boundary_policy_input_list[0]", "Permissions boundary"),
               ("session_policy", "session_policy", "Session policy"),
               ("resource_policy", "resource_policy", "Resource-based policy"))
    for name, path, label in singles:
        text = _text(post, name)
        if text.strip():
            data[path.removesuffix("[0]")] = [text] if path.endswith("[0]") else text
            refs[path] = FieldRef(f"id_{name}", label)
    for name, label in (("caller_arn", "Caller ARN"), ("resource_owner", "Resource owner")):
        value = post.get(name, "").strip()
        if value:
            data[name] = value
            refs[name] = FieldRef(f"id_{name}", label)
    data["context_entries"] = _context_entries(post, refs)
    keep = {"mode", "action_names"} | ({"policy_input_list"} if mode == "custom" else set())
    return {k: v for k, v in data.items() if k in keep or v not in ([], None, {}, "")}, refs


def _selected_actions(post: QueryDict) -> list[tuple[str, str]]:
    """(action, resources text) of the selected-actions table.

    The page's script sends them as one `actions_json` field ([[action, text], ...]): a
    whole service's actions as separate fields would pass Django's 1,000-field limit.
    Without the script they come as `action` and `resource:<action>` fields.
    """
    raw = post.get("actions_json")
    if raw:
        try:
            rows = jsontext.loads(raw)
        except ValueError:
            rows = None
        if isinstance(rows, list):
            return [(str(row[0]), str(row[1])) for row in rows
                    if isinstance(row, list) and len(row) == 2 and str(row[0]).strip()]
    return [(action, post.get(f"resource:{action}", ""))
            for action in post.getlist("action") if action.strip()]


def _natural(name: str) -> list[Any]:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def _context_entries(post: QueryDict, refs: dict[str, FieldRef]) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    indices = sorted(int(n.split("-")[1]) for n in post if re.match(r"^ctx_key-\d+$", n))
    for index in indices:
        key = post.get(f"ctx_key-{index}", "").strip()
        kind = post.get(f"ctx_type-{index}", "").strip() or context_type_for(key)
        raw = post.get(f"ctx_value-{index}", "")
        values = _lines(raw) if is_list_type(kind) else ([raw.strip()] if raw.strip() else [])
        if not key or not values:
            # A blank value leaves the key out of the request, so conditions see it missing.
            continue
        path = f"context_entries[{len(entries)}]"
        for suffix in ("", ".key", ".values", ".type"):
            refs[path + suffix] = FieldRef(f"ctx_value-{index}", key)
        entries.append({"key": key, "values": values, "type": kind})
    return entries


# -- the reverse: JSON to what the form shows --------------------------------------------------
@dataclass
class ContextRow:
    """One row of the page's context table."""

    key: str
    type: str
    value: str = ""
    description: str = ""
    used_by: tuple[str, ...] = ()
    origin: str = "policy"  # "policy": a policy tests it; "user": added by the person
    #: The value filled in from the principal when the row is left blank.
    auto_value: str = ""

    @property
    def is_list(self) -> bool:
        """List types take one value per line."""
        return is_list_type(self.type)


@dataclass
class PageState:
    """What the page's form shows."""

    mode: str = "principal"
    principal: str = ""
    exclusions: set[str] = field(default_factory=set)
    overrides: dict[str, str] = field(default_factory=dict)
    policies: list[str] = field(default_factory=list)
    boundary: str = ""
    session_policy: str = ""
    resource_policy: str = ""
    caller_arn: str = ""
    resource_owner: str = ""
    scp_levels: list[list[str]] = field(default_factory=list)
    rcp_levels: list[list[str]] = field(default_factory=list)
    endpoint_policies: list[str] = field(default_factory=list)
    apply_organization_policies: bool = True
    actions: list[tuple[str, str]] = field(default_factory=list)  # (action, resources text)
    context: list[ContextRow] = field(default_factory=list)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PageState:
        """Fill the form from a simulation JSON (shared link, preset); tolerant of gaps."""

        def texts(value: Any) -> list[str]:
            items = value if isinstance(value, list) else []
            return [v if isinstance(v, str) else json.dumps(v, indent=4) for v in items]

        def one(value: Any) -> str:
            return (texts([value]) or [""])[0] if value else ""

        global_resources = data.get("resource_arns") or ["*"]
        per_action = data.get("action_resources") or {}
        actions = [
            (str(a), "\n".join(str(r) for r in (per_action.get(a) or global_resources)))
            for a in (data.get("action_names") or []) if isinstance(a, str)
        ]
        context = [
            ContextRow(key=str(e.get("key", "")), type=str(e.get("type") or "string"),
                       value="\n".join(str(v) for v in e.get("values") or []), origin="user")
            for e in (data.get("context_entries") or []) if isinstance(e, Mapping)
        ]
        overrides = data.get("policy_overrides") or {}
        return cls(
            mode="custom" if data.get("mode") == "custom" else "principal",
            principal=str(data.get("policy_source_arn") or ""),
            exclusions={str(x) for x in data.get("policy_exclusions") or []},
            overrides={str(k): one(v) for k, v in overrides.items()}
            if isinstance(overrides, Mapping) else {},
            policies=texts(data.get("policy_input_list")),
            boundary=one((data.get("permissions_boundary_policy_input_list") or [None])[0]),
            session_policy=one(data.get("session_policy")),
            resource_policy=one(data.get("resource_policy")),
            caller_arn=str(data.get("caller_arn") or ""),
            resource_owner=str(data.get("resource_owner") or ""),
            scp_levels=[texts(level) for level in data.get("scp_levels") or []],
            rcp_levels=[texts(level) for level in data.get("rcp_levels") or []],
            endpoint_policies=texts(data.get("endpoint_policies")),
            apply_organization_policies=data.get("apply_organization_policies") is not False,
            actions=actions,
            context=context,
        )

    @property
    def has_optional_policies(self) -> bool:
        """True when any of the optional inputs is set (the section opens)."""
        return bool(self.boundary or self.session_policy or self.resource_policy
                    or self.caller_arn or self.resource_owner or self.scp_levels
                    or self.rcp_levels or self.endpoint_policies)
