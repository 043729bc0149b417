"""Last checks on the outputs that other programs parse, before any of them
is written: a feed reader, a search engine's sitemap crawler or a browser's
JSON.parse given a broken file fails where nobody sees it, so the build
fails instead, and the last good site stays.

- every .xml output (feed, sitemap) is well-formed XML;
- every .json output is strict JSON (RFC 8259: no NaN or Infinity, which
  Python writes but JSON.parse rejects).
"""
from __future__ import annotations

import json
from xml.parsers import expat


class OutputError(RuntimeError):
    """An output that its readers could not parse."""


def verify_outputs(files: dict[str, str | bytes]) -> None:
    for path in sorted(files):
        if path.endswith(".xml"):
            _well_formed_xml(path, files[path])
        elif path.endswith(".json"):
            _strict_json(path, files[path])


def _well_formed_xml(path: str, text: str | bytes) -> None:
    parser = expat.ParserCreate()
    try:
        parser.Parse(text, True)
    except expat.ExpatError as exc:
        raise OutputError(f"{path} would not be well-formed XML (line {exc.lineno}, column "
                          f"{exc.offset + 1}: {expat.errors.messages[exc.code]})") from None


def _strict_json(path: str, text: str | bytes) -> None:
    def refuse(constant: str):
        raise OutputError(f"{path} would hold {constant}, which is not JSON; "
                          "a number in the content is not finite")
    try:
        json.loads(text, parse_constant=refuse)
    except ValueError as exc:
        raise OutputError(f"{path} would not be valid JSON: {exc}") from None
