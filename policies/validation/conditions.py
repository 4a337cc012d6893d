"""Checking Condition blocks: operator names, value types, and known condition keys."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from datetime import datetime

from .findings import Severity

BASE_OPERATORS = {
    name.lower(): name
    for name in (
        "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
        "StringLike", "StringNotLike",
        "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals",
        "NumericGreaterThan", "NumericGreaterThanEquals",
        "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals",
        "DateGreaterThan", "DateGreaterThanEquals",
        "Bool", "BinaryEquals", "IpAddress", "NotIpAddress",
        "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null",
    )
}
SET_PREFIXES = {"forallvalues": "ForAllValues", "foranyvalue": "ForAnyValue"}
_OPERATOR_SYNTAX = re.compile(r"^[A-Za-z0-9]+(:[A-Za-z0-9]+)?$")
_ISO_DATE = re.compile(
    r"^\d{4}-\d{2}-\d{2}"
    r"(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$"
)
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_INTEGER = re.compile(r"^-?\d+$")
_MAX_EPOCH = 2**63 - 1


class OperatorError(ValueError):
    """The operator name is not one AWS knows."""


def parse_operator(raw: str) -> tuple[str | None, str, bool]:
    """Split an operator into (set prefix, canonical base name, IfExists); raise OperatorError."""
    if not _OPERATOR_SYNTAX.match(raw):
        raise OperatorError(
            f"The condition operator {raw!r} is malformed: use letters and digits, "
            "with at most one ':' after ForAllValues or ForAnyValue."
        )
    prefix = None
    name = raw
    if ":" in raw:
        head, name = raw.split(":", 1)
        if head.lower() not in SET_PREFIXES:
            raise OperatorError(
                f"The condition operator prefix {head!r} is not valid: "
                "only ForAllValues and ForAnyValue may qualify an operator."
            )
        prefix = SET_PREFIXES[head.lower()]
    if_exists = name.lower().endswith("ifexists") and name.lower() != "ifexists"
    base = name[: -len("IfExists")] if if_exists else name
    canonical = BASE_OPERATORS.get(base.lower())
    if canonical is None:
        raise OperatorError(f"The condition operator {raw!r} is not a known operator.")
    if canonical == "Null" and if_exists:
        raise OperatorError("The Null operator cannot take the IfExists suffix.")
    return prefix, canonical, if_exists


def _is_date(value: str) -> bool:
    """True for the dates AWS documents: ISO 8601 (date, or date and time) or epoch seconds."""
    if value.isdigit():
        return int(value) <= _MAX_EPOCH
    if not _ISO_DATE.match(value):
        return False

    text = value.replace("Z", "+00:00")
    if len(text) >= 5 and text[-5] in "+-" and text[-3] != ":" and "T" in text:
        text = text[:-2] + ":" + text[-2:]
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _int_in(text: str, low: int, high: int) -> bool:
    return bool(_INTEGER.match(text)) and low <= int(text) <= high


def _is_legacy_date(value: str) -> bool:
    """True for what IAM's date parser accepts beyond ISO 8601 (a lone year, one-digit hours,
    an hour-only offset, years from -292275054 to 292278993): moto's reading of AWS."""
    text = value.lower()
    if "t" not in text and "-" not in text:
        return _int_in(text, 0, _MAX_EPOCH)
    day, _, time = text.partition("t")
    negative = day.startswith("-")
    parts = (day[1:] if negative else day).split("-")
    year = ("-" if negative else "") + parts[0]
    limits = ((-292275054, 292278993), (1, 12), (1, 31))
    if len(parts) > 3 or not all(_int_in(part if i else year, *limits[i])
                                 for i, part in enumerate(parts)):
        return False
    fields = time.split(":") if time else []
    if len(fields) > 3 or not all(_int_in(f, 0, high) for f, high in zip(fields[:2], (23, 59),
                                                                          strict=False)):
        return False
    if len(fields) < 3:
        return True
    seconds, zone = fields[2], ""
    for mark in ("z", "+"):
        if mark in seconds:
            seconds, _, zone = seconds.partition(mark)
            if mark == "z" and zone:
                return False
            break
    if zone:
        hours, colon, minutes = zone.partition(":")
        if len(hours) != 2 or not _int_in(hours, 0, 23) or (
                colon and (len(minutes) != 2 or not _int_in(minutes, 0, 59))):
            return False
    whole, dot, fraction = seconds.partition(".")
    return _int_in(whole, 0, 59) and (not dot or _int_in(fraction, 0, 999_999_999))


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_network(value, strict=False)
    except ValueError:
        return False
    return True


def _is_bool(value: str) -> bool:
    return value.lower() in ("true", "false")


def _is_arn(value: str) -> bool:
    return value == "*" or (value.startswith("arn:") and value.count(":") >= 5)


# Value checks by operator family; values holding policy variables are not checked.
_VALUE_CHECKS: dict[str, tuple[Callable[[str], bool], str]] = {
    "Numeric": (lambda v: bool(_NUMBER.match(v)), "a number"),
    "Date": (_is_date, "a date (ISO 8601 such as 2026-01-31T12:00:00Z, or epoch seconds)"),
    "Bool": (_is_bool, "true or false"),
    "Null": (_is_bool, "true or false"),
    "IpAddress": (_is_ip, "an IP address or CIDR range"),
    "NotIpAddress": (_is_ip, "an IP address or CIDR range"),
    "Arn": (_is_arn, "an ARN (arn:partition:service:region:account:resource)"),
}


def value_problem(base: str, value: str) -> tuple[Severity, str] | None:
    """Why a condition value does not fit the operator, as ("error", why) when IAM refuses
    it and ("warning", why) when IAM accepts it but it is unusual; None when it fits."""
    if "${" in value and not base.startswith(("Numeric", "Date", "IpAddress", "NotIpAddress")):
        return None
    for family, (check, expected) in _VALUE_CHECKS.items():
        if base.startswith(family) or base == family:
            if check(value):
                return None
            problem = f"{base} expects {expected}, not {value!r}."
            lenient = family == "Date" and _is_legacy_date(value)
            return ("warning", problem) if lenient else ("error", problem)
    return None


# Operators that suit each condition key type in the service reference.
_TYPE_FAMILIES = {
    "string": ("String", "Null"),
    "arn": ("Arn", "String", "Null"),
    "numeric": ("Numeric", "Null"),
    "date": ("Date", "Null"),
    "bool": ("Bool", "Null"),
    "boolean": ("Bool", "Null"),
    "ipaddress": ("IpAddress", "NotIpAddress", "Null"),
    "binary": ("BinaryEquals", "Null"),
}


def type_mismatch(base: str, key_type: str) -> str | None:
    """Return a hint when the operator does not suit the key's declared type."""
    element_type = key_type.lower().removeprefix("arrayof")
    families = _TYPE_FAMILIES.get(element_type)
    if families is None or base.startswith(families):
        return None
    return f"The condition key has type {key_type}; {base} is not a {element_type} operator."
