"""Condition operators (spec 2.6): compiled once per (operator, key, values) test."""

from __future__ import annotations

import functools
import ipaddress
import operator
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation

from policies.engine.matching import _split_fields
from policies.engine.variables import (
    Context,
    Pattern,
    Piece,
    Template,
    Variable,
    glob_pieces,
    literal_pieces,
    tokenize,
)

Compare = Callable[[Decimal, Decimal], bool]
_COMPARISONS: dict[str, tuple[Compare, bool]] = {
    "equals": (operator.eq, False),
    "notequals": (operator.eq, True),
    "lessthan": (operator.lt, False),
    "lessthanequals": (operator.le, False),
    "greaterthan": (operator.gt, False),
    "greaterthanequals": (operator.ge, False),
}
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)")
_EPOCH = re.compile(r"\d+")
_ISO_DATE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?"
)
_EPOCH_START = datetime(1970, 1, 1, tzinfo=UTC)
ANY, ALL, SINGLE = "any", "all", "single"


@functools.lru_cache(maxsize=8192)
def parse_number(text: str) -> Decimal | None:
    """Parse a decimal (integer or fraction); None if unparsable."""
    if _NUMBER.fullmatch(text) is None:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
        return None


@functools.lru_cache(maxsize=8192)
def parse_date(text: str) -> Decimal | None:
    """Parse epoch seconds or W3C ISO-8601 to epoch seconds (zone-less means UTC)."""
    if _EPOCH.fullmatch(text):
        return Decimal(text)
    match = _ISO_DATE.fullmatch(text)
    if match is None:
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    try:
        offset = UTC
        if zone and zone != "Z":
            sign = -1 if zone[0] == "-" else 1
            delta = timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
            offset = timezone(sign * delta)
        moment = datetime(
            int(year),
            int(month),
            int(day),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            tzinfo=offset,
        )
    except ValueError:
        return None
    seconds = (moment - _EPOCH_START) // timedelta(seconds=1)
    return Decimal(seconds) + (Decimal(fraction) if fraction else Decimal(0))


@functools.lru_cache(maxsize=8192)
def parse_address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """Parse a request IP address; None if invalid."""
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _network(text: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    try:
        return ipaddress.ip_network(text, strict=False)
    except ValueError:
        return None


def _combine(results: Iterable[bool | None], negated: bool) -> bool:
    """Positive: some value matched (OR). Negated: every value valid and unmatched (NOR)."""
    if negated:
        return all(result is False for result in results)
    return any(result is True for result in results)


class _StringEquals:
    __slots__ = ("negated", "fold", "static", "templates")

    def __init__(self, values: Sequence[str], negated: bool, fold: bool, variables: bool) -> None:
        self.negated = negated
        self.fold = fold
        templates = [Template(tokenize(value, variables)) for value in values]
        if all(template.static is not None for template in templates):
            self.static: frozenset[str] | None = frozenset(
                _fold(template.static or "", fold) for template in templates
            )
        else:
            self.static = None
        self.templates = tuple(templates)

    def single(self, request: str, context: Context) -> bool:
        value = request.lower() if self.fold else request
        if self.static is not None:
            return (value in self.static) != self.negated
        rendered = (template.render(context) for template in self.templates)
        return _combine(
            (None if text is None else _fold(text, self.fold) == value for text in rendered),
            self.negated,
        )


def _fold(text: str, fold: bool) -> str:
    return text.lower() if fold else text


class _PatternValues:
    """StringLike and Arn* operators: one regex pattern per policy value."""

    __slots__ = ("negated", "arn", "combined", "patterns")

    def __init__(self, patterns: Sequence[Pattern | None], negated: bool, arn: bool) -> None:
        self.negated = negated
        self.arn = arn
        self.patterns = tuple(patterns)
        sources = [pattern.source() if pattern else None for pattern in self.patterns]
        if sources and all(source is not None for source in sources):
            self.combined: re.Pattern[str] | None = re.compile(
                "|".join(f"(?:{source})" for source in sources), re.DOTALL
            )
        else:
            self.combined = None

    def single(self, request: str, context: Context) -> bool:
        if self.arn and request.count(":") < 5:
            return False  # a malformed request ARN fails the Not forms too
        if self.combined is not None:
            return (self.combined.fullmatch(request) is not None) != self.negated
        return _combine((self._test(p, request, context) for p in self.patterns), self.negated)

    @staticmethod
    def _test(pattern: Pattern | None, request: str, context: Context) -> bool | None:
        regex = pattern.regex(context) if pattern is not None else None
        return None if regex is None else regex.fullmatch(request) is not None


def _like_pattern(value: str, variables: bool) -> Pattern:
    return Pattern(glob_pieces(tokenize(value, variables), confined=False))


def _arn_pattern(value: str, variables: bool) -> Pattern | None:
    fields = _split_fields(tokenize(value, variables))
    if len(fields) != 6:
        return None
    pieces: list[Piece] = list(literal_pieces(fields[0]))
    for field in fields[1:5]:
        pieces.append(":")
        pieces.extend(glob_pieces(field, confined=True))
    pieces.append(":")
    pieces.extend(glob_pieces(fields[5], confined=False))
    return Pattern(pieces)


class _Ordered:
    """Numeric* and Date* operators: compare request ⋄ policy as decimals."""

    __slots__ = ("negated", "compare", "parse", "values")

    def __init__(
        self,
        values: Sequence[str],
        compare: Compare,
        negated: bool,
        parse: Callable[[str], Decimal | None],
    ) -> None:
        self.negated = negated
        self.compare = compare
        self.parse = parse
        self.values = tuple(parse(value) for value in values)

    def single(self, request: str, context: Context) -> bool:
        number = self.parse(request)
        if number is None:
            return False
        compare = self.compare
        return _combine(
            (None if value is None else compare(number, value) for value in self.values),
            self.negated,
        )


class _Bool:
    __slots__ = ("templates",)

    def __init__(self, values: Sequence[str], variables: bool) -> None:
        self.templates = tuple(Template(tokenize(value, variables)) for value in values)

    def single(self, request: str, context: Context) -> bool:
        value = request.lower()
        if value not in ("true", "false"):
            return False
        for template in self.templates:
            text = template.render(context)
            if text is not None and text.lower() == value:
                return True
        return False


class _Binary:
    __slots__ = ("values",)

    def __init__(self, values: Sequence[str]) -> None:
        self.values = frozenset(values)

    def single(self, request: str, context: Context) -> bool:
        return request in self.values


class _IpAddress:
    __slots__ = ("negated", "networks")

    def __init__(self, values: Sequence[str], negated: bool) -> None:
        self.negated = negated
        self.networks = tuple(_network(value) for value in values)

    def single(self, request: str, context: Context) -> bool:
        address = parse_address(request)
        if address is None:
            return False
        # An address of the other IP version is simply "not in range" (not invalid).
        return _combine(
            (
                None if net is None else address.version == net.version and address in net
                for net in self.networks
            ),
            self.negated,
        )


Matcher = _StringEquals | _PatternValues | _Ordered | _Bool | _Binary | _IpAddress


def _base_matcher(base: str, values: Sequence[str], variables: bool) -> Matcher | None:
    """Build the value matcher for a lower-cased base operator; None if unknown."""
    if base.startswith("string"):
        rest = base[len("string") :]
        negated = rest.startswith("not")
        rest = rest[3:] if negated else rest
        if rest == "equals":
            return _StringEquals(values, negated, False, variables)
        if rest == "equalsignorecase":
            return _StringEquals(values, negated, True, variables)
        if rest == "like":
            likes: list[Pattern | None] = [_like_pattern(value, variables) for value in values]
            return _PatternValues(likes, negated, arn=False)
        return None
    for prefix, parse in (("numeric", parse_number), ("date", parse_date)):
        if base.startswith(prefix) and base[len(prefix) :] in _COMPARISONS:
            compare, negated = _COMPARISONS[base[len(prefix) :]]
            return _Ordered(values, compare, negated, parse)
    if base in ("arnequals", "arnlike", "arnnotequals", "arnnotlike"):
        patterns = [_arn_pattern(value, variables) for value in values]
        return _PatternValues(patterns, negated="not" in base, arn=True)
    if base == "bool":
        return _Bool(values, variables)
    if base == "binaryequals":
        return _Binary(values)
    if base in ("ipaddress", "notipaddress"):
        return _IpAddress(values, negated=base == "notipaddress")
    return None


class Condition:
    """One (operator, key, values) test of a Condition block, evaluated against a context."""

    __slots__ = (
        "operator",
        "key",
        "lower",
        "mode",
        "if_exists",
        "negated",
        "null",
        "matcher",
        "variables",
    )

    def __init__(self, operator_name: str, key: str, values: Sequence[str], variables: bool):
        self.operator = operator_name
        self.key = key
        self.lower = key.lower()
        name = operator_name.lower()
        self.mode = SINGLE
        for prefix, mode in (("forallvalues:", ALL), ("foranyvalue:", ANY)):
            if name.startswith(prefix):
                name, self.mode = name[len(prefix) :], mode
        self.if_exists = name.endswith("ifexists") and name != "ifexists"
        base = name[: -len("ifexists")] if self.if_exists else name
        self.null: frozenset[str] | None = None
        self.matcher: Matcher | None = None
        if base == "null":
            # Null ignores set prefixes and IfExists (spec 2.6).
            self.null = frozenset(value.lower() for value in values)
        elif ":" not in base:
            self.matcher = _base_matcher(base, values, variables)
        self.negated = bool(getattr(self.matcher, "negated", False))
        if self.null is None and self.matcher is None:
            self.mode = "unknown"
        self.variables = tuple(
            token.key
            for value in values
            for token in tokenize(value, variables and _takes_variables(base))
            if isinstance(token, Variable)
        )

    def __call__(self, context: Context) -> bool:
        value = context.get(self.lower)
        if self.null is not None:
            return ("true" in self.null) if value is None else ("false" in self.null)
        matcher = self.matcher
        if matcher is None:
            return False  # unknown operators never match
        mode = self.mode
        if mode == SINGLE:
            if value is None:
                return self.if_exists or self.negated
            if not isinstance(value, str):
                return False  # a multi-valued key needs a set operator
            return matcher.single(value, context)
        if value is None:
            return mode == ALL  # IfExists does not rescue ForAnyValue
        items = [value] if isinstance(value, str) else value
        if mode == ANY:
            return any(matcher.single(item, context) for item in items)
        return all(matcher.single(item, context) for item in items)


def _takes_variables(base: str) -> bool:
    return base.startswith(("string", "arn")) or base == "bool"
