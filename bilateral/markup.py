"""Editor-written Markdown to safe HTML.

Bodies may link other pages as [[kind/slug]] or [[kind/slug|text]] and cite
the page's Nth citation as [cite:N]. Whatever else an editor writes, the
result passes an allow-list sanitizer (nh3), so no script reaches a reader.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options

from .syntax import CITE_MARK, WIKI_LINK, wiki_link

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "dd", "del", "dl", "dt", "em",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "q", "s", "small",
    "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}
# No id, class or style from editors: an id could clash with the page's own
# (the skip link's #main, note anchors) and styles would break the CSP. The one
# class kept is the one render_body itself adds to citation marks.
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"scope"},
}
ALLOWED_CLASSES = {"sup": {"cite"}}
# Anything else (javascript:, vbscript:, data:, ...) is dropped; nh3 parses the
# URL as a browser would, so entities, case and control characters don't hide one.
URL_SCHEMES = {"http", "https", "mailto"}
# nh3 adds this to every link; on internal links it costs nothing, and no
# opened page can reach back into this one through window.opener.
LINK_REL = "noopener noreferrer"


# How deep a body's markup may nest. Browsers cap the DOM at 512 levels, and
# the sanitizer's parser (html5ever) takes time growing with the square of
# the depth: 100,000 nested <div> took 38 s. Real prose needs a handful.
MAX_NESTING = 100
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)([^<>]*)>")  # [^<>]: one pass, never backtracking
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
         "source", "track", "wbr"}
_QUOTE_LEVELS = re.compile(r"^(?: {0,3}>)+", re.M)


def nesting_problem(body: str) -> tuple[int, str] | None:
    """(line in the body, counted from 0, and the reason) where the body's
    markup nests deeper than MAX_NESTING, or None. Counted on the text, before
    any parsing, so it costs one pass: each open HTML tag not yet closed is a
    level (an upper bound: a tag a browser would close itself still counts),
    and so is each '>' of a Markdown quote."""
    depth = 0
    for match in _TAG.finditer(body):
        closing, name, rest = match.groups()
        if closing:
            depth = max(0, depth - 1)
        elif name.lower() not in _VOID and not rest.endswith("/"):
            depth += 1
            if depth > MAX_NESTING:
                return (body.count("\n", 0, match.start()),
                        f"HTML nested more than {MAX_NESTING} levels deep: close its tags "
                        "or nest less")
    for match in _QUOTE_LEVELS.finditer(body):
        if match.group().count(">") > MAX_NESTING:
            return (body.count("\n", 0, match.start()),
                    f"quotes ('>') nested more than {MAX_NESTING} levels deep")
    return None


# Made once: nh3.clean() would build the same sanitizer again for every body (half its cost).
_SANITIZER = nh3.Cleaner(tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                         allowed_classes=ALLOWED_CLASSES, url_schemes=URL_SCHEMES,
                         link_rel=LINK_REL, strip_comments=True)


def sanitize(raw_html: str) -> str:
    return _SANITIZER.clean(raw_html)


def render_body(body: str, urls, citation_number) -> str:
    """Markdown body -> sanitized HTML. `citation_number(n)` maps [cite:n] to the
    note number on this page; `urls` is the base-aware URL helper."""
    def link(match: re.Match) -> str:
        kind, slug, text = wiki_link(match)
        label = (text or slug).replace("]", "")
        return f"[{label}]({urls(f'{kind}/{slug}/')})"

    def cite(match: re.Match) -> str:
        n = citation_number(int(match.group(1)))
        return f'<sup class="cite"><a href="#note-{n}">[{n}]</a></sup>'

    text = WIKI_LINK.sub(link, body)
    text = CITE_MARK.sub(cite, text)
    return markdown_to_html(text)


@lru_cache(maxsize=1 << 14)
def markdown_to_html(text: str) -> str:
    """Markdown (links and notes already resolved) -> sanitized HTML. Cached by
    the text itself, so a rebuild re-converts only bodies that changed.

    CommonMark with GitHub's table extension, parsed in C by cmark-gfm: the
    dialect Hugo and GitHub use, and fast enough for thousands of pages.
    Raw HTML is let through to the sanitizer, which is what makes it safe."""
    return sanitize(_commonmark(text).rstrip("\n"))  # as before: no newline after the last block


def _commonmark(text: str) -> str:
    """CommonMark (raw HTML kept, for the sanitizer to judge) with GitHub's
    tables, whose extension costs 2-3x per call: asked for only when the
    text has a '|', without which there is no table."""
    options = Options.CMARK_OPT_UNSAFE
    if "|" in text:
        return cmarkgfm.markdown_to_html_with_extensions(text, options=options, extensions=["table"])
    return cmarkgfm.markdown_to_html(text, options=options)


# Keeps only text: every tag goes (script and style with their content).
_TEXT_ONLY = nh3.Cleaner(tags=set(), attributes={}, link_rel=None)


def plain_text(body: str) -> str:
    """The body's words without their Markdown, for descriptions and search
    snippets: parsed as the page's body is, then every tag dropped, so only
    syntax goes (a link keeps its text; "(1923)" and "snake_case" stay)."""
    text = WIKI_LINK.sub(lambda m: m.group(3) or m.group(2), body)
    text = CITE_MARK.sub("", text)
    parsed = _commonmark(text)   # raw HTML's text is kept, its tags dropped here:
    return html.unescape(" ".join(_TEXT_ONLY.clean(parsed).split()))


def summary_text(entity, length: int) -> str:
    """What a page is about, in at most `length` characters: the entity's own
    summary, else its body's opening words, cut at a word. The page's
    description and the feed's entries both say it this way."""
    text = entity.get("summary") or plain_text(entity.body)
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0] + "…"
