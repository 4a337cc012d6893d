"""Parse and structurally validate policy documents (JSON text or mappings), cached by content."""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from policies.engine.positions import statement_spans
from policies.engine.types import Effect, PolicyEngineError, PolicyInput, Position

VERSION_2012: str = "2012-10-17"
VERSION_2008: str = "2008-10-17"
_TOP_KEYS = frozenset({"Version", "Id", "Statement"})
_STATEMENT_KEYS = frozenset(
    {
        "Sid",
        "Effect",
        "Action",
        "NotAction",
        "Resource",
        "NotResource",
        "Principal",
        "NotPrincipal",
        "Condition",
    }
)
_PRINCIPAL_KEYS = frozenset({"AWS", "Service", "Federated", "CanonicalUser"})

#: Principal element: ((key, (values...)), ...) with "*" spelt as (("AWS", ("*",)),).
PrincipalSpec = tuple[tuple[str, tuple[str, ...]], ...]
#: One condition test: (operator as written, key as written, values as strings).
ConditionSpec = tuple[str, str, tuple[str, ...]]


class _JsonNumber(str):
    """A JSON number kept as its source text, so condition values compare as written."""


@dataclass(frozen=True, slots=True)
class ParsedStatement:
    """A validated statement with every element normalised to tuples of strings."""

    index: int
    sid: str | None
    effect: Effect
    actions: tuple[str, ...] | None
    not_actions: tuple[str, ...] | None
    resources: tuple[str, ...] | None
    not_resources: tuple[str, ...] | None
    principal: PrincipalSpec | None
    not_principal: PrincipalSpec | None
    conditions: tuple[ConditionSpec, ...]
    start: Position | None
    end: Position | None


@dataclass(frozen=True, slots=True)
class ParsedPolicy:
    """A validated policy document; ``text`` is its source (or canonical) JSON text."""

    text: str
    version: str | None
    policy_id: str | None
    statements: tuple[ParsedStatement, ...]

    @property
    def supports_variables(self) -> bool:
        """Policy variables are only substituted in documents with Version 2012-10-17."""
        return self.version == VERSION_2012


def _reject_constant(name: str) -> Any:
    raise PolicyEngineError(f"policy document is not valid JSON: {name} is not allowed")


def _as_jsonable(value: object) -> object:
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"{type(value).__name__} is not JSON-serialisable")


def canonical_text(document: Mapping[str, Any]) -> str:
    """Return the canonical JSON text (``json.dumps(doc, indent=4)``) of a mapping."""
    try:
        return json.dumps(dict(document), indent=4, allow_nan=False, default=_as_jsonable)
    except (TypeError, ValueError, RecursionError) as exc:
        raise PolicyEngineError(f"policy document cannot be encoded as JSON: {exc}") from None


def parse_policy(source: PolicyInput) -> ParsedPolicy:
    """Parse and validate a policy given as JSON text, a mapping or a ``ParsedPolicy``.

    Results are cached by text, so each distinct document is parsed once. For mapping
    input, statement positions refer to ``canonical_text(document)``.
    """
    if isinstance(source, ParsedPolicy):
        return source
    if isinstance(source, str):
        return _parse_text(source)
    if isinstance(source, Mapping):
        return _parse_text(canonical_text(source))
    raise PolicyEngineError(f"a policy must be JSON text or a mapping, not {type(source).__name__}")


@functools.lru_cache(maxsize=4096)
def _parse_text(text: str) -> ParsedPolicy:
    try:
        data = json.loads(
            text,
            parse_int=_JsonNumber,
            parse_float=_JsonNumber,
            parse_constant=_reject_constant,
        )
    except json.JSONDecodeError as exc:
        raise PolicyEngineError(
            f"policy document is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except RecursionError:
        raise PolicyEngineError("policy document is nested too deeply") from None
    return _build(data, text)


def _build(data: object, text: str) -> ParsedPolicy:
    if not isinstance(data, dict):
        raise PolicyEngineError("policy document must be a JSON object")
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise PolicyEngineError(f"policy document has unknown top-level key(s) {unknown}")
    version = data.get("Version")
    if version is not None and (_is_number(version) or version not in (VERSION_2012, VERSION_2008)):
        raise PolicyEngineError(
            f"Version must be {VERSION_2012!r} or {VERSION_2008!r}, not {version!r}"
        )
    policy_id = data.get("Id")
    if "Id" in data and (not isinstance(policy_id, str) or _is_number(policy_id)):
        raise PolicyEngineError("Id must be a string")
    if "Statement" not in data:
        raise PolicyEngineError("policy document has no Statement")
    raw = data["Statement"]
    if isinstance(raw, dict):
        raw_statements = [raw]
    elif isinstance(raw, list) and raw and all(isinstance(item, dict) for item in raw):
        raw_statements = raw
    else:
        raise PolicyEngineError("Statement must be an object or a non-empty list of objects")
    spans = statement_spans(text)
    if spans is not None and len(spans) != len(raw_statements):
        spans = None
    statements = tuple(
        _statement(index, item, spans[index] if spans else (None, None))
        for index, item in enumerate(raw_statements)
    )
    return ParsedPolicy(text, version, policy_id, statements)


def _is_number(value: object) -> bool:
    return isinstance(value, _JsonNumber)


def _statement(
    index: int, raw: dict[str, Any], span: tuple[Position | None, Position | None]
) -> ParsedStatement:
    where = f"statement {index}"
    sid = raw.get("Sid")
    if "Sid" in raw:
        if not isinstance(sid, str) or _is_number(sid):
            raise PolicyEngineError(f"{where}: Sid must be a string")
        where = f"statement {index} (Sid {sid!r})"
    unknown = sorted(set(raw) - _STATEMENT_KEYS)
    if unknown:
        raise PolicyEngineError(f"{where}: unknown element(s) {unknown}")
    effect = raw.get("Effect")
    if effect not in ("Allow", "Deny") or _is_number(effect):
        raise PolicyEngineError(f"{where}: Effect must be 'Allow' or 'Deny', not {effect!r}")
    if ("Action" in raw) == ("NotAction" in raw):
        raise PolicyEngineError(f"{where}: exactly one of Action and NotAction is required")
    for first, second in (("Resource", "NotResource"), ("Principal", "NotPrincipal")):
        if first in raw and second in raw:
            raise PolicyEngineError(f"{where}: {first} and {second} cannot both be present")
    return ParsedStatement(
        index=index,
        sid=sid,
        effect=effect,
        actions=_strings(raw, "Action", where),
        not_actions=_strings(raw, "NotAction", where),
        resources=_strings(raw, "Resource", where),
        not_resources=_strings(raw, "NotResource", where),
        principal=_principal(raw, "Principal", where),
        not_principal=_principal(raw, "NotPrincipal", where),
        conditions=_conditions(raw, where),
        start=span[0],
        end=span[1],
    )


def _string_list(value: object, what: str) -> tuple[str, ...]:
    if isinstance(value, str) and not _is_number(value):
        return (str(value),)
    if (
        isinstance(value, list)
        and value
        and all(isinstance(item, str) and not _is_number(item) for item in value)
    ):
        return tuple(str(item) for item in value)
    raise PolicyEngineError(f"{what} must be a string or a non-empty list of strings")


def _strings(raw: dict[str, Any], key: str, where: str) -> tuple[str, ...] | None:
    if key not in raw:
        return None
    value = raw[key]
    if key in ("Resource", "NotResource") and isinstance(value, list):
        value = [item for item in value if item is not None]  # IAM ignores null entries
    return _string_list(value, f"{where}: {key}")


def _principal(raw: dict[str, Any], key: str, where: str) -> PrincipalSpec | None:
    if key not in raw:
        return None
    value = raw[key]
    if value == "*" and not _is_number(value):
        return (("AWS", ("*",)),)
    if not isinstance(value, dict) or not value:
        raise PolicyEngineError(f'{where}: {key} must be "*" or a non-empty object')
    unknown = sorted(set(value) - _PRINCIPAL_KEYS)
    if unknown:
        raise PolicyEngineError(f"{where}: {key} has unknown principal type(s) {unknown}")
    return tuple(
        (name, _string_list(entries, f"{where}: {key}.{name}")) for name, entries in value.items()
    )


def _condition_value(value: object, what: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return str(value)
    raise PolicyEngineError(f"{what} values must be strings, booleans or numbers")


def _conditions(raw: dict[str, Any], where: str) -> tuple[ConditionSpec, ...]:
    if "Condition" not in raw:
        return ()
    block = raw["Condition"]
    if not isinstance(block, dict):
        raise PolicyEngineError(f"{where}: Condition must be an object")
    result: list[ConditionSpec] = []
    for operator, tests in block.items():
        if not isinstance(tests, dict):
            raise PolicyEngineError(
                f"{where}: Condition operator {operator!r} must map to an object"
            )
        for key, value in tests.items():
            what = f"{where}: Condition {operator}/{key}"
            items = value if isinstance(value, list) else [value]
            result.append((operator, key, tuple(_condition_value(item, what) for item in items)))
    return tuple(result)
