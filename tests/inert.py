"""What makes a built page unsafe, found by parsing it as a browser would.

`live_dangers(html)` lists every way the page could run script or load
something foreign: script elements that are inline (JSON data blocks such as
JSON-LD excepted, if they hold valid JSON) or not the site's own files, frames and plugins, event-handler and style attributes, and URLs whose
scheme (after entity decoding and with the whitespace and control characters
a browser ignores removed) is javascript:, vbscript: or data:.
"""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "style", "base"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background",
                  "cite", "srcset", "xlink:href", "ping"}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}  # never executed
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]+")


def scheme_is_dangerous(value: str) -> bool:
    # html.parser has already decoded character references in attribute values.
    squeezed = _IGNORED_BY_BROWSERS.sub("", value).lower()
    return squeezed.startswith(DANGEROUS_SCHEMES)


class _Scan(HTMLParser):
    def __init__(self, base: str):
        super().__init__(convert_charrefs=True)
        self.base = base
        self.found: list[str] = []
        self.data_script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_TAGS:
            self.found.append(f"<{tag}> element")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...> event handler")
            if name == "style":
                self.found.append(f"<{tag} style=...> inline style")
            if name in URL_ATTRIBUTES and scheme_is_dangerous(value):
                self.found.append(f"<{tag} {name}={value!r}> dangerous URL")
        if tag == "script":
            src = dict(attrs).get("src")
            kind = (dict(attrs).get("type") or "").lower()
            if not src and kind in DATA_SCRIPT_TYPES:
                self.data_script = []  # inert data (JSON-LD), as long as it is JSON through and through
            elif not src:
                self.found.append("inline <script>")
            elif not (src.startswith(self.base) and not src.startswith("//")):
                self.found.append(f"<script src={src!r}> from outside the site")
        if tag == "meta" and (dict(attrs).get("http-equiv") or "").lower() == "refresh":
            target = (dict(attrs).get("content") or "").partition("url=")[2]
            if scheme_is_dangerous(target):
                self.found.append(f"meta refresh to {target!r}")


    def handle_data(self, data):
        if self.data_script is not None:
            self.data_script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self.data_script is not None:
            try:
                json.loads("".join(self.data_script))
            except ValueError:
                self.found.append("data <script> that is not valid JSON (broken out of?)")
            self.data_script = None


def live_dangers(html: str, base: str = "/") -> list[str]:
    scan = _Scan(base)
    scan.feed(html)
    scan.close()
    return scan.found


class _Text(HTMLParser):
    """Text of the first element with a given tag, and attribute values by tag."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.texts: dict[str, list[str]] = {}
        self.attrs: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ("meta", "link", "br", "hr", "img", "input"):
            self.stack.append(tag)
        self.texts.setdefault(tag, [])
        self.attrs += [(tag, name, value or "") for name, value in attrs]

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        for tag in set(self.stack):
            self.texts.setdefault(tag, []).append(data)


def parse_text(html: str) -> _Text:
    parsed = _Text()
    parsed.feed(html)
    parsed.close()
    return parsed
