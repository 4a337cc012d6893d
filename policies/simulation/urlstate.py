"""A simulation in a URL: its JSON, compressed and base64url-encoded into one query value."""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from typing import Any

from iamconsole import jsontext
from iamconsole.exceptions import InvalidInput

#: The query parameter that carries a simulation: /simulator/?s=<token>.
PARAM = "s"
#: Longer links are refused by some proxies (gunicorn reads request lines up to 4,094 bytes).
MAX_SHAREABLE_LENGTH = 3800
_MAX_JSON = 512 * 1024


def encode_state(data: dict[str, Any]) -> str:
    """The URL-safe token of a simulation's JSON (deterministic for equal input)."""
    raw = json.dumps(data, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).rstrip(b"=").decode("ascii")


def is_shareable(token: str) -> bool:
    """True when the token is short enough to travel in a link everywhere."""
    return len(token) <= MAX_SHAREABLE_LENGTH


def decode_state(token: str) -> dict[str, Any]:
    """The simulation JSON of a token; InvalidInput when it is damaged or not a simulation."""
    try:
        padded = token + "=" * (-len(token) % 4)
        compressed = base64.urlsafe_b64decode(padded.encode("ascii"))
        decompressor = zlib.decompressobj()
        raw = decompressor.decompress(compressed, _MAX_JSON)
        if decompressor.unconsumed_tail:
            raise ValueError("too large")
        if not decompressor.eof:
            # A truncated link can still inflate to valid JSON; only the checksum tells.
            raise ValueError("truncated")
        data = jsontext.loads(raw)
    except (ValueError, UnicodeEncodeError, binascii.Error, zlib.error):
        raise InvalidInput(
            "This simulation link is damaged or incomplete: copy the whole link and try again.",
            field=PARAM,
        ) from None
    if not isinstance(data, dict):
        raise InvalidInput("This simulation link does not describe a simulation.", field=PARAM)
    return data
