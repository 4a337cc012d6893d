"""The visual statement builder's cards: statements to cards and back, and their operations.

Django-free. A card is one statement the builder can show (one service, actions, resources,
conditions); statements it cannot show are kept verbatim as raw statements, so switching
between the visual and the JSON editor never loses anything.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from iamconsole import jsontext

from ..engine import service_reference as reference
from ..engine.positions import LineIndex
from ..summary import ACCESS_LEVELS, primary_level
from ..validation import JsonSyntaxError, parse

P = "b_"  # prefix of the builder's form fields, apart from the policy form's own
STATEMENT_KEYS = ("Sid", "Effect", "Action", "Resource", "Condition")
OPERATORS = (
    "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
    "StringLike", "StringNotLike",
    "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals",
    "NumericGreaterThan", "NumericGreaterThanEquals",
    "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan",
    "DateGreaterThanEquals",
    "Bool", "BinaryEquals", "IpAddress", "NotIpAddress",
    "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null",
)
QUALIFIERS = ("ForAnyValue:", "ForAllValues:")
_PLACEHOLDER = re.compile(r"\$\{([^}]+)\}")


class Params(Protocol):
    """What the builder reads from a request: a QueryDict's get and getlist."""

    def get(self, key: str, default: Any = None) -> Any: ...

    def getlist(self, key: str) -> list[str]: ...


@dataclass
class ConditionRow:
    """One condition: operator (with qualifier and IfExists), key, values as JSON values."""

    operator: str
    key: str
    values: list[Any]

    def as_json(self) -> str:
        return json.dumps({"operator": self.operator, "key": self.key, "values": self.values})

    @property
    def values_text(self) -> str:
        return ", ".join(v if isinstance(v, str) else json.dumps(v) for v in self.values)


@dataclass
class Card:
    """A statement as the builder shows it, with any message for the person."""

    card_id: str
    effect: str = "Allow"
    sid: str = ""
    service: str = ""
    actions: list[str] = field(default_factory=list)
    all_actions: bool = False
    all_resources: bool = False
    resources: list[str] = field(default_factory=list)
    conditions: list[ConditionRow] = field(default_factory=list)
    error: str = ""
    # What the person typed in the "add" fields, kept when adding fails.
    pending: dict[str, str] = field(default_factory=dict)

    @property
    def service_info(self) -> reference.Service | None:
        return reference.get_service(self.service) if self.service else None

    def known_actions(self) -> dict[str, str]:
        """The chosen actions the reference knows: lowered name -> reference spelling."""
        service = self.service_info
        if service is None:
            return {}
        known = {}
        for action in self.actions:
            prefix, _, name = action.partition(":")
            info = service.actions.get(name.lower()) if prefix.lower() == self.service else None
            if info is not None:
                known[name.lower()] = info.name
        return known

    def kept_patterns(self) -> list[str]:
        """Chosen entries that are not one known action (wildcards such as s3:Get*)."""
        known = self.known_actions()
        return [a for a in self.actions
                if a.partition(":")[2].lower() not in known and a != f"{self.service}:*"]

    def action_list(self) -> list[str]:
        """The Action entries, in the order the page lists them (level, then name)."""
        if self.all_actions:
            return [f"{self.service}:*"]
        service = self.service_info
        known = self.known_actions()
        ordered = []
        if service is not None:
            infos = [service.actions[key] for key in known]
            infos.sort(key=lambda i: (ACCESS_LEVELS.index(primary_level(i.access_level)),
                                      i.name.lower()))
            ordered = [f"{self.service}:{info.name}" for info in infos]
        return ordered + self.kept_patterns()

    def statement(self) -> dict[str, Any]:
        """The JSON statement this card stands for (the same as policy-builder.js writes)."""
        statement: dict[str, Any] = {}
        if self.sid:
            statement["Sid"] = self.sid
        statement["Effect"] = self.effect
        statement["Action"] = _one_or_list(self.action_list())
        statement["Resource"] = "*" if self.all_resources else _one_or_list(self.resources)
        if self.conditions:
            block: dict[str, dict[str, Any]] = {}
            for row in self.conditions:
                block.setdefault(row.operator, {})[row.key] = _one_or_list(row.values)
            statement["Condition"] = block
        return statement


@dataclass(frozen=True)
class RawStatement:
    """A statement the builder cannot show, kept as it is with the reason."""

    card_id: str
    statement: Any
    reason: str

    @property
    def text(self) -> str:
        return json.dumps(self.statement, indent=4)


@dataclass
class BuilderDocument:
    """A document as the builder shows it: cards, the other top-level members, or why not."""

    cards: list[Card | RawStatement]
    base: dict[str, Any]
    error: str = ""


def _one_or_list(values: list[Any]) -> Any:
    return values[0] if len(values) == 1 else list(values)


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def new_card_id() -> str:
    return secrets.token_hex(4)


def _card_id(raw: str | None) -> str:
    return raw if raw and re.fullmatch(r"[A-Za-z0-9_-]{1,32}", raw) else new_card_id()


def card_from_params(params: Params) -> Card:
    """The card the page posted (its `b_*` fields), with any `b_op` applied."""
    service = (params.get(P + "service") or "").strip().lower()
    if reference.get_service(service) is None:
        service = ""
    conditions = []
    for raw in params.getlist(P + "cond"):
        try:
            item = jsontext.loads(raw)
            conditions.append(ConditionRow(str(item["operator"]), str(item["key"]),
                                           list(item["values"])))
        except (ValueError, KeyError, TypeError):
            continue
    card = Card(
        card_id=_card_id(params.get(P + "card")),
        effect="Deny" if params.get(P + "effect") == "Deny" else "Allow",
        sid=(params.get(P + "sid") or "").strip(),
        service=service,
        actions=[a for a in params.getlist(P + "action") if a],
        all_actions=bool(params.get(P + "all_actions")),
        all_resources=bool(params.get(P + "all_resources")),
        resources=list(dict.fromkeys(r for r in params.getlist(P + "resource") if r)),
        conditions=conditions,
    )
    # The resource type last chosen stays chosen when the card is redrawn.
    card.pending["arn_type"] = params.get(P + "arn_type") or ""
    apply_op(card, params.get(P + "op") or "", params)
    return card


def apply_op(card: Card, op: str, params: Params) -> None:
    """Apply one builder operation: choose or clear the service, add or remove a row."""
    verb, _, arg = op.partition(":")
    if verb == "set_service" and reference.get_service(arg) is not None:
        if arg.lower() != card.service:
            card.service = arg.lower()
            card.actions, card.resources, card.conditions = [], [], []
            card.all_actions = card.all_resources = False
    elif verb == "clear_service":
        card.service = ""
        card.actions, card.resources, card.conditions = [], [], []
        card.all_actions = card.all_resources = False
    elif verb in ("add_arn", "add_arn_text"):
        _add_arn(card, params, typed_text=verb == "add_arn_text")
    elif verb == "remove_resource" and arg.isdigit() and int(arg) < len(card.resources):
        del card.resources[int(arg)]
    elif verb == "add_condition":
        _add_condition(card, params)
    elif verb == "remove_condition" and arg.isdigit() and int(arg) < len(card.conditions):
        del card.conditions[int(arg)]


def arn_from_template(template: str, values: Mapping[str, str]) -> str:
    """Fill an ARN template's `${Name}` fields; empty ones become `*`, Partition `aws`."""
    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        value = (values.get(name) or "").strip()
        if not value and name == "Partition":
            return "aws"
        return value or "*"

    return _PLACEHOLDER.sub(fill, template)


def placeholders(template: str) -> list[str]:
    """The fields of an ARN template a person fills in (all but Partition)."""
    return [name for name in _PLACEHOLDER.findall(template) if name != "Partition"]


def _add_arn(card: Card, params: Params, *, typed_text: bool) -> None:
    """Add an ARN typed whole (`b_arn_text`) or built from a resource type's fields.

    The fields of each type are named `b_part_<type>_<field>`, so that the hidden fields of
    the other types never get mixed in.
    """
    service = card.service_info
    if typed_text:
        arn = (params.get(P + "arn_text") or "").strip()
        if arn != "*" and not arn.startswith("arn:"):
            card.error = "An ARN starts with arn: (for example arn:aws:s3:::my-bucket/*)."
            card.pending["arn_text"] = arn
            return
    else:
        type_name = (params.get(P + "arn_type") or "").lower()
        resource_type = service.resource_types.get(type_name) if service else None
        if resource_type is None or not resource_type.arn_patterns:
            card.error = "Choose a resource type first."
            return
        template = resource_type.arn_patterns[0]
        arn = arn_from_template(template, {
            name: params.get(f"{P}part_{resource_type.name}_{name}") or ""
            for name in placeholders(template)
        })
    if arn == "*":
        card.all_resources = True
    elif arn not in card.resources:
        card.resources.append(arn)
        card.all_resources = False


def _add_condition(card: Card, params: Params) -> None:
    key = (params.get(P + "cond_key") or "").strip()
    operator = params.get(P + "cond_op") or ""
    qualifier = params.get(P + "cond_qualifier") or ""
    if_exists = bool(params.get(P + "cond_ifexists"))
    raw_values = params.get(P + "cond_value") or ""
    card.pending.update(cond_key=key, cond_op=operator, cond_qualifier=qualifier,
                        cond_value=raw_values, cond_ifexists="on" if if_exists else "")
    values = [v.strip() for v in raw_values.split(",") if v.strip()]
    if not key:
        card.error = "Choose or type a condition key."
    elif operator not in OPERATORS:
        card.error = "Choose a condition operator."
    elif not values:
        card.error = "Type at least one value (separate several with commas)."
    elif qualifier and qualifier not in QUALIFIERS:
        card.error = "Choose a qualifier from the list."
    else:
        full = qualifier + operator + ("IfExists" if if_exists and operator != "Null" else "")
        card.conditions.append(ConditionRow(full, key, values))
        for name in ("cond_key", "cond_op", "cond_qualifier", "cond_value", "cond_ifexists"):
            card.pending.pop(name, None)


def card_from_statement(statement: Any, card_id: str | None = None) -> Card | RawStatement:
    """The card for a JSON statement, or a RawStatement saying why it cannot be one."""
    card_id = _card_id(card_id)
    if not isinstance(statement, Mapping):
        return RawStatement(card_id, statement, "it is not a JSON object")
    others = [key for key in statement if key not in STATEMENT_KEYS]
    if others:
        return RawStatement(card_id, statement,
                            f"it uses {', '.join(others)}, which the visual editor does not show")
    effect = statement.get("Effect")
    if effect not in ("Allow", "Deny"):
        return RawStatement(card_id, statement, "its Effect is neither Allow nor Deny")
    actions = _as_list(statement.get("Action", []))
    resources = _as_list(statement.get("Resource", []))
    if not all(isinstance(a, str) for a in actions + resources):
        return RawStatement(card_id, statement, "its Action or Resource holds non-text values")
    sid = statement.get("Sid", "")
    if not isinstance(sid, str):
        return RawStatement(card_id, statement, "its Sid is not text")
    prefixes = {a.partition(":")[0].lower() for a in actions}
    if any(":" not in a for a in actions):
        return RawStatement(card_id, statement, "it covers every service (\"*\")")
    if len(prefixes) > 1:
        return RawStatement(card_id, statement,
                            f"it covers several services ({', '.join(sorted(prefixes))})")
    service = prefixes.pop() if prefixes else ""
    if service and reference.get_service(service) is None:
        return RawStatement(card_id, statement, f"the service {service} is unknown")
    conditions = _condition_rows(statement.get("Condition"))
    if conditions is None:
        return RawStatement(card_id, statement, "its Condition is not operator → key → values")
    return Card(
        card_id=card_id,
        effect=effect,
        sid=sid,
        service=service,
        actions=[a for a in actions if a.lower() != f"{service}:*"],
        all_actions=any(a.lower() == f"{service}:*" for a in actions),
        all_resources="*" in resources,
        resources=[r for r in resources if r != "*"],
        conditions=conditions,
    )


def _condition_rows(raw: Any) -> list[ConditionRow] | None:
    if raw is None:
        return []
    if not isinstance(raw, Mapping):
        return None
    rows = []
    for operator, block in raw.items():
        if not isinstance(block, Mapping):
            return None
        for key, values in block.items():
            rows.append(ConditionRow(str(operator), str(key), list(_as_list(values))))
    return rows


def document_cards(text: str) -> BuilderDocument:
    """Turn the JSON editor's text into cards, or explain why it cannot be shown visually."""
    if not text.strip():
        return BuilderDocument([Card(new_card_id())], {"Version": "2012-10-17"})
    try:
        parse(text)
        document = jsontext.loads(text)
    except JsonSyntaxError as exc:
        at = LineIndex(text).position(exc.offset)
        return BuilderDocument([], {}, f"The JSON has a syntax error at line {at.line}, column "
                                       f"{at.column}: {exc.message}")
    except ValueError as exc:
        return BuilderDocument([], {}, f"The JSON cannot be read: {exc}")
    if not isinstance(document, dict):
        return BuilderDocument([], {}, "The policy document must be a JSON object.")
    base = {key: value for key, value in document.items() if key != "Statement"}
    statements = _as_list(document.get("Statement", []))
    cards = [card_from_statement(statement) for statement in statements]
    return BuilderDocument(cards or [Card(new_card_id())], base)
