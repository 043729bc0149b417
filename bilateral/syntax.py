"""The syntax editors write inside text: one definition for the checker and the renderer.

A body links another page as [[kind/slug]] or [[kind/slug|text]] and cites
the page's Nth citation as [cite:N]. validate.py checks, graph.py counts and
markup.py renders these with the same patterns over the same whole body, so
a link broken across lines is checked exactly as it is rendered.

Any text (a field or a body) may hold tab and line breaks but no other
control character and no noncharacter: feed.xml and sitemap.xml could not
carry them (XML forbids them), and a lone surrogate cannot be written as UTF-8.
"""
from __future__ import annotations

import re
import unicodedata

CITE_MARK = re.compile(r"\[cite:(\d+)\]")
WIKI_LINK = re.compile(r"\[\[([a-z]+)/([^\]|]+)(?:\|([^\]]+))?\]\]")

_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane | 0xFFFE)}{chr(plane | 0xFFFF)}" for plane in range(0, 0x110000, 0x10000))
FORBIDDEN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}]")


def wiki_link(match: re.Match) -> tuple[str, str, str | None]:
    """(kind, slug, text) of a WIKI_LINK match; the slug without surrounding space."""
    return match.group(1), match.group(2).strip(), match.group(3)


def wiki_targets(body: str):
    """(kind, slug) of every link in the body, in order."""
    for match in WIKI_LINK.finditer(body):
        yield wiki_link(match)[:2]


def line_at(text: str, offset: int) -> int:
    """The 0-based line of text that offset falls on."""
    return text.count("\n", 0, offset)


def first_forbidden(text: str) -> re.Match | None:
    # Nearly every text is printable but for tab and newline: str.isprintable
    # says so far faster than the pattern can.
    if text.replace("\n", "").replace("\t", "").isprintable():
        return None
    return FORBIDDEN.search(text)


def forbidden_character(text: str) -> str | None:
    """Why text may not be published as it is ('contains ...'), or None."""
    found = first_forbidden(text)
    if found is None:
        return None
    char = found.group()
    what = ("a lone surrogate" if unicodedata.category(char) == "Cs"
            else "the control character" if unicodedata.category(char) == "Cc"
            else "the noncharacter")
    return f"contains {what} U+{ord(char):04X}, which pages and feeds cannot carry: remove it"
