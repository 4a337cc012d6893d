"""Action/NotAction and Resource/NotResource matchers compiled once per policy element."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from policies.engine.globs import glob_source
from policies.engine.variables import (
    Context,
    Pattern,
    Piece,
    Token,
    Variable,
    glob_pieces,
    literal_pieces,
    tokenize,
)

_ALL_STARS = re.compile(r"\*+")
_SPACE = re.compile(r"\s")
_PADDED_TYPES = frozenset({"identity", "session", "boundary"})
_STAR_PADDED_TYPES = frozenset({"resource", "endpoint"})


def _name_glob(name: str) -> str:
    return glob_source(name)


class ActionMatcher:
    """Matches ``service:Name`` requests against Action/NotAction entries (spec 2.3).

    Entries are grouped by service prefix into one case-insensitive regex per service,
    compiled when an action of that service is first asked about (a policy such as
    ReadOnlyAccess names hundreds of services), so a lookup is a dict access plus at most
    one regex match.
    """

    __slots__ = ("match_all", "_names", "_patterns")

    def __init__(self, entries: Sequence[str]) -> None:
        self.match_all = False
        names: dict[str, list[str]] = {}
        for entry in entries:
            if _ALL_STARS.fullmatch(entry):
                self.match_all = True
                continue
            service, colon, name = entry.partition(":")
            # No wildcards in the service part: "s3*" is stored as-is and never equals a
            # request service. Empty or whitespace-containing names never match.
            if not colon or not name or _SPACE.search(name) is not None:
                continue
            names.setdefault(service.lower(), []).append(name)
        self._names = names
        self._patterns: dict[str, re.Pattern[str]] = {}

    @property
    def services(self) -> Iterable[str]:
        """The (lower-cased) service prefixes the entries name."""
        return self._names.keys()

    def pattern(self, service: str) -> re.Pattern[str] | None:
        """The regex of the entries' action names for ``service`` (lower-cased), if any."""
        pattern = self._patterns.get(service)
        if pattern is None:
            names = self._names.get(service)
            if names is None:
                return None
            source = "|".join(_name_glob(name) for name in names)
            pattern = self._patterns[service] = re.compile(
                "(?:" + source + ")", re.IGNORECASE | re.DOTALL
            )
        return pattern

    def matches(self, service: str, name: str) -> bool:
        """True if any entry covers the action (``service`` lower-cased)."""
        if self.match_all:
            return True
        pattern = self.pattern(service)
        return pattern is not None and pattern.fullmatch(name) is not None


def _split_fields(tokens: Sequence[Token]) -> list[list[Token]]:
    """Split tokens at raw colons into at most six ARN fields (the last keeps its colons)."""
    fields: list[list[Token]] = [[]]
    for token in tokens:
        if not isinstance(token, str):
            fields[-1].append(token)
            continue
        rest = token
        while len(fields) < 6 and ":" in rest:
            head, rest = rest.split(":", 1)
            if head:
                fields[-1].append(head)
            fields.append([])
        if rest:
            fields[-1].append(rest)
    return fields


def _split_type(tokens: Sequence[Token]) -> tuple[list[Token], list[Token]]:
    """Split the resource part into its literal type prefix (up to the first / or :)."""
    prefix: list[Token] = []
    for index, token in enumerate(tokens):
        if isinstance(token, str):
            cut = min((i for i in (token.find("/"), token.find(":")) if i >= 0), default=-1)
            if cut >= 0:
                head, tail = token[: cut + 1], token[cut + 1 :]
                rest: list[Token] = [tail] if tail else []
                return prefix + [head], rest + list(tokens[index + 1 :])
        prefix.append(token)
    return [], list(tokens)


def _raw(tokens: Sequence[Token]) -> str:
    return "".join(token for token in tokens if isinstance(token, str))


class ResourceEntry:
    """One compiled Resource entry: all-star, invalid, or a (possibly padded) pattern."""

    __slots__ = ("all", "invalid", "padded", "pattern", "variables")

    def __init__(self, entry: str, policy_type: str, variables: bool) -> None:
        self.all = _ALL_STARS.fullmatch(entry) is not None
        self.invalid = False
        self.padded = False
        self.pattern: Pattern | None = None
        self.variables: list[str] = []
        if self.all:
            return
        tokens = tokenize(entry, variables)
        self.variables = [t.key for t in tokens if isinstance(t, Variable)]
        fields = _split_fields(tokens)
        if len(fields) < 6:
            # Short ARNs (spec 2.4 rule 2) depend on the kind of policy.
            last = fields[-1][-1] if fields[-1] else ""
            if policy_type in _PADDED_TYPES:
                pad = True
            elif policy_type in _STAR_PADDED_TYPES:
                pad = "*" in _raw(tokens)
            elif policy_type == "scp":
                pad = isinstance(last, str) and last.endswith("*")
            else:
                pad = False
            if not pad:
                self.invalid = True
                return
            self.padded = True
            fields.extend([["*"]] * (6 - len(fields)))
        pieces: list[Piece] = []
        for field in fields[:5]:
            pieces.append("(?i:")
            pieces.extend(glob_pieces(field, confined=True))
            pieces.append("):")
        part = fields[5]
        is_s3 = _raw(fields[2]).lower() == "s3" and len(fields[2]) == 1
        if is_s3 and not fields[3] and not fields[4]:
            # S3 bucket and object ARNs have no resource type: the whole part is the id.
            pieces.extend(glob_pieces(part, confined=False))
        else:
            prefix, rest = _split_type(part)
            pieces.extend(literal_pieces(prefix))
            pieces.extend(glob_pieces(rest, confined=False))
        self.pattern = Pattern(pieces)


class ResourceMatcher:
    """Resource/NotResource element matcher with the request-``*`` rules of spec 2.4."""

    __slots__ = ("negated", "has_all", "invalid", "padded", "static", "dynamic", "variables")

    def __init__(
        self, entries: Sequence[str], negated: bool, policy_type: str, variables: bool
    ) -> None:
        compiled = [ResourceEntry(entry, policy_type, variables) for entry in entries]
        self.negated = negated
        self.has_all = any(entry.all for entry in compiled)
        self.invalid = any(entry.invalid for entry in compiled)
        self.padded = any(entry.padded for entry in compiled)
        sources: list[str] = []
        dynamic: list[Pattern] = []
        for entry in compiled:
            if entry.pattern is None:
                continue
            source = entry.pattern.source()
            if source is None:
                dynamic.append(entry.pattern)
            else:
                sources.append(source)
        self.static = re.compile("|".join(sources), re.DOTALL) if sources else None
        self.dynamic = tuple(dynamic)
        self.variables = tuple(key for entry in compiled for key in entry.variables)

    def matches(
        self, resource: str, star: bool, wildcard_only: bool, deny: bool, context: Context
    ) -> bool:
        """True if the element covers ``resource`` (``star``: the request resource is ``*``)."""
        if self.negated:
            return self._not_matches(resource, star, wildcard_only, deny, context)
        if self.has_all:
            return True
        if star:
            # Pattern simulation: optimistic for Allow, conservative for Deny.
            if wildcard_only or deny:
                return False
            if self.static is not None:
                return True
            return any(pattern.regex(context) is not None for pattern in self.dynamic)
        if self.static is not None and self.static.fullmatch(resource) is not None:
            return True
        for pattern in self.dynamic:
            regex = pattern.regex(context)
            if regex is not None and regex.fullmatch(resource) is not None:
                return True
        return False

    def _not_matches(
        self, resource: str, star: bool, wildcard_only: bool, deny: bool, context: Context
    ) -> bool:
        # Entries that fail for "invalid" reasons are not inverted (spec 2.4): an invalid
        # short ARN, a padded short ARN that does not match, an unresolvable variable.
        if self.has_all or self.invalid:
            return False
        if star:
            if (wildcard_only and self.padded) or (deny and not wildcard_only):
                return False
            return all(pattern.regex(context) is not None for pattern in self.dynamic)
        if self.padded:
            return False
        if self.static is not None and self.static.fullmatch(resource) is not None:
            return False
        for pattern in self.dynamic:
            regex = pattern.regex(context)
            if regex is None or regex.fullmatch(resource) is not None:
                return False
        return True
