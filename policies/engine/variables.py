"""Policy variables (``${key}``, ``${key, 'default'}``, ``${*}``) and patterns that use them."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from policies.engine.globs import STAR, Star, linear

#: A normalised request context: lower-cased key -> one string or a list of strings.
Context = Mapping[str, "str | list[str]"]

_VARIABLE = re.compile(r"\$\{([^}]*)\}")
_WITH_DEFAULT = re.compile(r"(.*?), '(.*)'", re.DOTALL)
_ESCAPES = {"*": "*", "?": "?", "$": "$"}


@dataclass(frozen=True, slots=True)
class Variable:
    """A ``${key}`` reference; ``lower`` is the case-insensitive lookup key."""

    key: str
    lower: str
    default: str | None


@dataclass(frozen=True, slots=True)
class Escaped:
    """Text from ``${*}``, ``${?}`` or ``${$}``: never a wildcard."""

    text: str


#: Raw text (its ``*``/``?`` are wildcards where the caller says so), a literal or a variable.
Token = str | Escaped | Variable


def tokenize(text: str, variables: bool) -> list[Token]:
    """Split ``text`` into raw text, literals and variables (single pass).

    With ``variables`` False (Version 2008-10-17 documents) the whole text is raw.
    A ``${`` without a closing ``}`` stays raw text.
    """
    if not variables or "${" not in text:
        return [text] if text else []
    tokens: list[Token] = []
    position = 0
    for match in _VARIABLE.finditer(text):
        if match.start() > position:
            tokens.append(text[position : match.start()])
        body = match.group(1)
        if body in _ESCAPES:
            tokens.append(Escaped(_ESCAPES[body]))
        else:
            with_default = _WITH_DEFAULT.fullmatch(body)
            if with_default:
                key, default = with_default.group(1), with_default.group(2)
                tokens.append(Variable(key, key.lower(), default))
            else:
                tokens.append(Variable(body, body.lower(), None))
        position = match.end()
    if position < len(text):
        tokens.append(text[position:])
    return tokens


def resolve(variable: Variable, context: Context) -> str | None:
    """Return the variable's value, or None when it is absent without default or multi-valued."""
    value = context.get(variable.lower)
    if value is None:
        return variable.default
    if isinstance(value, str):
        return value
    return None


class Template:
    """A string with variables, rendered per request (for equality operators)."""

    __slots__ = ("_tokens", "static")

    def __init__(self, tokens: Sequence[Token]) -> None:
        self._tokens = tuple(tokens)
        if all(not isinstance(token, Variable) for token in self._tokens):
            self.static: str | None = "".join(_text(token) for token in self._tokens)
        else:
            self.static = None

    def render(self, context: Context) -> str | None:
        """Return the substituted text, or None if a variable cannot be resolved."""
        if self.static is not None:
            return self.static
        parts: list[str] = []
        for token in self._tokens:
            if isinstance(token, Variable):
                value = resolve(token, context)
                if value is None:
                    return None
                parts.append(value)
            else:
                parts.append(_text(token))
        return "".join(parts)


def _text(token: Token) -> str:
    return token if isinstance(token, str) else token.text if isinstance(token, Escaped) else ""


#: A piece of regular-expression source, or a variable whose value is inserted escaped.
Piece = str | Variable


@functools.lru_cache(maxsize=8192)
def _compile(source: str) -> re.Pattern[str]:
    return re.compile(source, re.DOTALL)


class Pattern:
    """A regular expression assembled from pieces; compiled once if it has no variables.

    Patterns with variables are rendered per request and the compiled expression is cached
    by its source, so repeated values never rebuild a regular expression.
    """

    __slots__ = ("_pieces", "static")

    def __init__(self, pieces: Sequence[Piece]) -> None:
        self._pieces = tuple(pieces)
        if all(isinstance(piece, str) for piece in self._pieces):
            self.static: re.Pattern[str] | None = _compile("".join(map(str, self._pieces)))
        else:
            self.static = None

    def regex(self, context: Context) -> re.Pattern[str] | None:
        """Return the compiled expression, or None if a variable cannot be resolved."""
        if self.static is not None:
            return self.static
        parts: list[str] = []
        for piece in self._pieces:
            if isinstance(piece, str):
                parts.append(piece)
            else:
                value = resolve(piece, context)
                if value is None:
                    return None
                parts.append(re.escape(value))
        return _compile("".join(parts))

    def source(self) -> str | None:
        """Return the regex source if the pattern has no variables."""
        return self.static.pattern if self.static is not None else None


def glob_pieces(tokens: Sequence[Token], *, confined: bool) -> list[Piece]:
    """Translate tokens to regex pieces: raw ``*``/``?`` are wildcards, the rest literal.

    ``confined`` wildcards do not cross ``:`` (ARN fields before the resource part). The
    stars match in linear time (see ``globs.linear``).
    """
    star, one = ("[^:]*", "[^:]") if confined else (".*", ".")
    items: list[Piece | Star] = []
    for token in tokens:
        if isinstance(token, Variable):
            items.append(token)
        elif isinstance(token, Escaped):
            items.append(re.escape(token.text))
        else:
            items.extend(
                STAR if char == "*" else one if char == "?" else re.escape(char)
                for char in token
            )
    return linear(items, star)


def literal_pieces(tokens: Sequence[Token]) -> list[Piece]:
    """Translate tokens to regex pieces where even raw ``*``/``?`` are literal."""
    return [token if isinstance(token, Variable) else re.escape(_text(token)) for token in tokens]
