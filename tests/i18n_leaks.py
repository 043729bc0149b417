"""English interface text left on a page in another language, found by
parsing the page as a browser would.

`english_leftovers(html, language)` lists every English message of the
interface catalogue (locale/<language>/LC_MESSAGES/messages.po) that shows
on the page untranslated: each message whose translation differs from its
English is cut at its placeholders and markup into fragments, and a
fragment leaks when

- it has three words or more (four, for a piece of a message with
  placeholders: "'s ambassador in" is as likely the content's) and occurs in
  a text node or a shown attribute (title, aria-label, placeholder, alt, a
  description's content);
- it is shorter and a whole text node or attribute says just it (so "Visit"
  leaks as a table cell, not as a word of a title).

Content is not the interface: text inside an element marked lang="en" (an
untranslated field, which the page marks as English; <html> itself aside), quotes (<q>,
<blockquote>: they stay in their source's language), <code>, scripts and
styles are skipped, as are the names in `ALLOWED` (proper names that
happen to be a message's English too).
"""
from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parent.parent / "locale"

# Shown attributes whose words a reader (or a screen reader) meets.
SHOWN_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}
SKIPPED_TAGS = {"script", "style", "code", "q", "blockquote", "template"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
             "track", "wbr", "path", "rect", "circle", "line"}
# Proper names and codes equal to a message's English fragment.
ALLOWED = {"Natural Earth", "ISO 3166", "UTF-8", "JSON", "CSV", "Markdown", "Atom"}

_PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}|<[^>]+>")
_WORD = re.compile(r"[A-Za-z]{2,}")


@lru_cache(maxsize=None)
def fragments(language: str) -> tuple[frozenset, frozenset]:
    """(long fragments, short fragments) of the English messages that the
    language's catalogue translates differently."""
    with (LOCALE / language / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po)
    long, short = set(), set()
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, (list, tuple)) else [message.id]
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        for english in ids:
            if english in strings:
                continue
            parts = _PLACEHOLDER.split(english)
            enough = 3 if len(parts) == 1 else 4
            for part in parts:
                part = _squeeze(part)
                if not _WORD.search(part) or part in ALLOWED:
                    continue
                (long if len(part.split()) >= enough else short).add(part)
    # a short English word that is also this language's own word for something
    # (Portuguese "Data" is "Date", "no" is "in the") is no leak
    own = {_squeeze(s) for m in catalog if m.id
           for s in (m.string if isinstance(m.string, (list, tuple)) else [m.string]) if s}
    own |= {w for text in own for w in text.split()}
    return frozenset(long), frozenset(short - own)


def _squeeze(text: str) -> str:
    """Whitespace collapsed, and the punctuation a fragment starts or ends with
    at a placeholder (', ', ': ', '(') taken off."""
    return " ".join(text.split()).strip(" ,;:.()–·")


class _Texts(HTMLParser):
    """The page's shown text nodes and attribute values, outside content
    marked English, quotes and code."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []   # (tag, skipped)
        self.found: list[str] = []

    @property
    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        english = tag != "html" and (attrs.get("lang") or "").lower().split("-")[0] == "en"
        skip = self.skipping or tag in SKIPPED_TAGS or english
        if not skip:
            self.found += [value for name, value in attrs.items() if name in SHOWN_ATTRIBUTES and value]
            if tag == "meta" and attrs.get("name") == "description" and attrs.get("content"):
                self.found.append(attrs["content"])
        if tag not in VOID_TAGS:
            self.stack.append((tag, skip))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        # close up to the matching tag (HTML lets some end tags be left out)
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.found.append(data)


def shown_texts(html: str) -> list[str]:
    parser = _Texts()
    parser.feed(html)
    parser.close()
    return [" ".join(text.split()) for text in parser.found]


def english_leftovers(html: str, language: str, allowed: set | frozenset = frozenset()) -> list[str]:
    """Each English interface fragment the page shows untranslated, with the
    text it shows in: ['Key facts (in: Key facts)', ...]; [] when none."""
    long, short = fragments(language)
    found = []
    for text in shown_texts(html):
        whole = _squeeze(text)
        for part in long:
            if part in text and part not in allowed:
                found.append(f"{part} (in: {text[:80]})")
        if whole in short and whole not in allowed:
            found.append(f"{whole} (in: {text[:80]})")
    return sorted(set(found))
