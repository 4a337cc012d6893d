"""Helpers of the role creation tests: what a browser would submit from a page's form."""

from __future__ import annotations

from html.parser import HTMLParser

from django.test import Client


class _FormParser:
    """Collects what a browser would submit from the first form whose class has `marker`."""

    def __init__(self, marker: str):
        self.marker = marker
        self.pairs: list[tuple[str, str]] = []
        self._in_form = False
        self._select: str | None = None
        self._select_value: str | None = None
        self._select_first: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []
        parser = HTMLParser(convert_charrefs=True)
        parser.handle_starttag = self._start  # type: ignore[method-assign]
        parser.handle_endtag = self._end  # type: ignore[method-assign]
        parser.handle_data = self._data  # type: ignore[method-assign]
        self.parser = parser

    def _start(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and self.marker in a.get("class", "") and not self.pairs:
            self._in_form = True
        if not self._in_form:
            return
        name = a.get("name")
        if tag == "input" and name and a.get("type", "text") not in ("submit", "button"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.pairs.append((name, a.get("value", "on")))
            else:
                self.pairs.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select, self._select_value, self._select_first = name, None, None
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in a:
                self._select_value = value
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def _end(self, tag: str) -> None:
        if tag == "form" and self._in_form:
            self._in_form = False
            self.marker = "\0"  # only the first matching form
        elif tag == "select" and self._select:
            value = self._select_value if self._select_value is not None else self._select_first
            self.pairs.append((self._select, value or ""))
            self._select = None
        elif tag == "textarea" and self._textarea:
            text = "".join(self._text)
            self.pairs.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None

    def _data(self, data: str) -> None:
        if self._textarea:
            self._text.append(data)


def form_data(response, marker: str = "role-wizard") -> dict[str, list[str]]:
    """The values a browser would post from the page's form (hidden inputs included)."""
    parser = _FormParser(marker)
    parser.parser.feed(response.content.decode())
    data: dict[str, list[str]] = {}
    for name, value in parser.pairs:
        data.setdefault(name, []).append(value)
    data.pop("csrfmiddlewaretoken", None)
    return data


def submit(client: Client, response, url: str, nav: str, marker: str = "role-wizard",
           **changes: object):
    """Post the page's form as a browser would, with `changes` typed in and button `nav`."""
    data = form_data(response, marker)
    for key, value in changes.items():
        data[key] = [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]
    data["nav"] = [nav]
    return client.post(url, data)
