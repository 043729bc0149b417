"""How much of each source text the site quotes, and which passages it doesn't.

A quote is matched as the quote check matches it (whitespace runs collapsed,
NFC; quotes.py), and every place it occurs counts as quoted. The share is of
the text's non-space characters. A passage is a sentence, or a line without
one (a heading); it is cited when any of its characters is quoted.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .load import Content
from .quotes import all_citations, collapse
from .sourcetexts import SourceText, source_texts

_WORD = re.compile(r"\S+")
# A sentence ends at . ! ? (and any closing quote or bracket after it); a
# paragraph break or a line on its own (a heading) also ends a passage.
_PASSAGE = re.compile(r"[^\n.!?]*(?:\n(?![ \t]*\n)[^\n.!?]*)*?(?:[.!?]+[\"”’')\]]*|\n[ \t]*\n|$)")


@dataclass
class Passage:
    first_line: int
    last_line: int
    text: str          # whitespace collapsed
    cited: bool


@dataclass
class Coverage:
    slug: str
    where: str                      # the text's path, as shown to editors
    share: float                    # of the text's non-space characters, 0..1
    passages: list[Passage]
    quotes: int = 0                                     # citations quoting it
    cited_by: list[str] = field(default_factory=list)   # content paths, sorted

    @property
    def uncited(self) -> list[Passage]:
        return [p for p in self.passages if not p.cited]


def quoted_mask(text: str, quotes) -> list[bool]:
    """For each character of text, whether one of the quotes covers it."""
    words = list(_WORD.finditer(text))
    collapsed = " ".join(m.group() for m in words)
    origin: list[int] = []          # collapsed position -> position in text
    for i, m in enumerate(words):
        if i:
            origin.append(m.start() - 1)    # the space stands for the gap before the word
        origin.extend(range(m.start(), m.end()))
    mask = [False] * len(text)
    for quote in {collapse(q) for q in quotes}:
        start = collapsed.find(quote) if quote else -1
        while start != -1:
            for pos in range(origin[start], origin[start + len(quote) - 1] + 1):
                mask[pos] = True
            start = collapsed.find(quote, start + 1)
    return mask


def coverage_of(source: SourceText, quotes, cited_by=()) -> Coverage:
    text = source.text
    mask = quoted_mask(text, quotes)
    letters = [i for i, ch in enumerate(text) if not ch.isspace()]
    share = sum(mask[i] for i in letters) / len(letters) if letters else 0.0
    passages = []
    for m in _PASSAGE.finditer(text):
        if not m.group().strip():
            continue
        start = m.start() + len(m.group()) - len(m.group().lstrip())
        end = m.start() + len(m.group().rstrip())
        passages.append(Passage(text.count("\n", 0, start) + 1, text.count("\n", 0, end) + 1,
                                " ".join(text[start:end].split()), any(mask[start:end])))
    return Coverage(source.slug, source.where, share, passages, len(quotes), sorted(set(cited_by)))


def site_coverage(content: Content) -> dict[str, Coverage]:
    """Each source with a text, by slug: how much of it the content quotes."""
    texts = source_texts(content, [])   # check_quotes reports their errors
    quotes: dict[str, list[str]] = {slug: [] for slug in texts}
    citing: dict[str, list[str]] = {slug: [] for slug in texts}
    for doc, _, citation in all_citations(content):
        source, quote = citation.get("source"), citation.get("quote")
        if isinstance(source, str) and source in texts and isinstance(quote, str):
            quotes[source].append(quote)
            citing[source].append(doc.path)
    return {slug: coverage_of(texts[slug], quotes[slug], citing[slug]) for slug in sorted(texts)}


def summary_lines(coverages) -> list[str]:
    """One line per source: share quoted, passages not yet cited, entries citing it."""
    width = max((len(c.slug) for c in coverages), default=6)
    lines = [f"{'source':<{width}}  quoted  uncited passages  citing entries"]
    for c in coverages:
        lines.append(f"{c.slug:<{width}}  {c.share:>6.0%}  {len(c.uncited):>7} of {len(c.passages):<5}"
                     f"  {len(c.cited_by):>14}")
    return lines


def report_lines(c: Coverage) -> list[str]:
    """One source in full: what is quoted, what still holds facts, who cites it."""
    lines = [f"{c.slug} ({c.where})",
             f"  quoted: {c.share:.0%} of its text, by {c.quotes} quote{'s' if c.quotes != 1 else ''}",
             f"  cited by {len(c.cited_by)} entr{'y' if len(c.cited_by) == 1 else 'ies'}:"]
    lines += [f"    {path}" for path in c.cited_by]
    lines.append(f"  not yet cited: {len(c.uncited)} of {len(c.passages)} passages")
    for p in c.uncited:
        where = str(p.first_line) if p.first_line == p.last_line else f"{p.first_line}-{p.last_line}"
        lines.append(f"    line {where}: {p.text}")
    return lines
