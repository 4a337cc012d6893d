"""The REST API's JSON bodies, read within iamconsole.jsontext's limits."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from .. import jsontext


class LimitedJSONParser(JSONParser):
    """JSON bodies nested at most 64 deep, with numbers of at most 64 characters: anything
    else is a 400 that says why, never a server error."""

    def parse(self, stream: Any, media_type: str | None = None,
              parser_context: dict[str, Any] | None = None) -> Any:
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            return jsontext.loads(stream.read().decode(encoding))
        except (ValueError, UnicodeDecodeError) as exc:
            raise ParseError(f"JSON parse error - {exc}") from exc
