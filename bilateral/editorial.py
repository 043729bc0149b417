"""Editorial warnings: what `check` lists without failing the build.

Each names a kind of error a careful reader found in the content, which a
machine can suspect but not decide (EDITORIAL.md):

- no-source-text: a source entry without its text beside it (sources/<slug>.txt),
  so the quotes citing it go unchecked;
- long-quote: a quote longer than LONG_QUOTE_WORDS words ("a quote is the
  shortest passage that carries the fact");
- quoted-share: the site's quotes cover more than QUOTED_SHARE of a source's
  text ("quote, don't republish");
- asserting-word: a word that asserts more than a passage usually says
  (ASSERTING_WORDS: "during", "all", "agreed", ...) in a sentence whose
  citations don't contain it ("attribute or hedge").

An editor who has looked and judges the text right acknowledges the warning
in the file's front matter, with a reason; `about`, if given, narrows it to
the warnings about that word or quote:

    acknowledge:
      - warning: asserting-word
        about: during
        reason: "the quote says 'during the consultations'"
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .load import Content, Document
from .model import WARNINGS
from .quoted import site_coverage
from .quotes import all_citations, collapse
from .sourcetexts import source_docs, text_path
from .validate import CITE_MARK
from .yamlines import line_of

LONG_QUOTE_WORDS = 30    # one long sentence; EDITORIAL.md: "the shortest passage that carries the fact"
QUOTED_SHARE = 0.5       # above half of a document, the site is republishing it

# Each word, with the forms that assert the same (an "agreement" asserts that
# someone agreed). Matched as whole words, in any case.
ASSERTING_WORDS = {
    "during": r"during",
    "all": r"all",
    "agreed": r"agree(?:d|s|ments?)?",
    "first": r"first",
    "largest": r"largest",
}
_ASSERTING = {word: re.compile(rf"\b{pattern}\b", re.IGNORECASE) for word, pattern in ASSERTING_WORDS.items()}

# The front-matter fields that hold the site's own prose.
PROSE_FIELDS = ("title", "summary", "text", "label", "role", "standpoint")

_WIKI = re.compile(r"\[\[[a-z]+/[^\]|]+(?:\|([^\]]+))?\]\]")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]]*(?:\[cite:\d+\])*\s+")


@dataclass(frozen=True, order=True)
class EditorialWarning:
    path: str
    line: int
    name: str      # one of model.WARNINGS, as `acknowledge` names it
    message: str
    about: str = ""   # the word or quote it is about, for `acknowledge: about`

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: warning: {self.name}: {self.message}"


def editorial_warnings(content: Content) -> tuple[list[EditorialWarning], list[EditorialWarning]]:
    """(the warnings to list, those acknowledged), each sorted."""
    found = (_no_source_text(content) + _long_quotes(content) + _quoted_share(content)
             + _asserting_words(content))
    assert {w.name for w in found} <= set(WARNINGS)
    acks = {doc.path: _list(doc.meta.get("acknowledge")) for doc in content.documents + content.tables}
    shown, acknowledged = [], []
    for warning in sorted(set(found)):
        (acknowledged if _acknowledged(warning, acks.get(warning.path, [])) else shown).append(warning)
    return shown, acknowledged


def _acknowledged(warning: EditorialWarning, acks: list) -> bool:
    for ack in acks:
        if not isinstance(ack, dict) or ack.get("warning") != warning.name:
            continue
        about = ack.get("about")
        if not isinstance(about, str) or collapse(about).lower() in warning.about.lower():
            return True
    return False


# --- the checks ------------------------------------------------------------------

def _no_source_text(content: Content) -> list[EditorialWarning]:
    return [EditorialWarning(doc.path, line_of(doc.lines, ("file",)), "no-source-text",
                    f"no text beside this entry (sources/{doc.slug}.txt), so the quotes citing it "
                    "are not checked; add the document's text there")
            for doc in source_docs(content) if not text_path(content, doc.slug).is_file()]


def _long_quotes(content: Content) -> list[EditorialWarning]:
    warnings = []
    for doc, path, citation in all_citations(content):
        quote = citation.get("quote")
        words = collapse(quote).split() if isinstance(quote, str) else []
        if len(words) > LONG_QUOTE_WORDS:
            start = " ".join(words[:6])
            warnings.append(EditorialWarning(doc.path, line_of(doc.lines, path + ("quote",)), "long-quote",
                                    f"quote of {len(words)} words (limit {LONG_QUOTE_WORDS}): "
                                    f"'{start} …'; quote only the words that carry the fact",
                                    collapse(quote)))
    return warnings


def _quoted_share(content: Content) -> list[EditorialWarning]:
    docs = {doc.slug: doc for doc in source_docs(content)}
    return [EditorialWarning(docs[slug].path, 1, "quoted-share",
                    f"the site's quotes cover {cov.share:.0%} of this source's text (limit "
                    f"{QUOTED_SHARE:.0%}); quote what carries each fact, not whole paragraphs "
                    f"(`build.py sources {slug}` shows what is quoted)")
            for slug, cov in site_coverage(content).items() if cov.share > QUOTED_SHARE]


def _asserting_words(content: Content) -> list[EditorialWarning]:
    warnings = []
    for doc in content.documents + content.tables:
        page_quotes = _quotes(doc.meta.get("citations"))
        for path, text, quotes in _prose(doc.meta, (), page_quotes):
            warnings += _words_unsupported(doc, line_of(doc.lines, path), text, quotes)
        for line, sentence, quotes in _body_sentences(doc, page_quotes):
            warnings += _words_unsupported(doc, line, sentence, quotes)
    return warnings


def _words_unsupported(doc: Document, line: int, text: str, quotes: list[str]) -> list[EditorialWarning]:
    warnings = []
    for word, pattern in _ASSERTING.items():
        if pattern.search(text) and not any(pattern.search(q) for q in quotes):
            warnings.append(EditorialWarning(doc.path, line, "asserting-word",
                                    f"'{word}' is in no quote this sentence cites: say it only where a "
                                    f"quote does, or attribute or hedge it: '{_shown(text)}'", word))
    return warnings


def _prose(value, path: tuple, quotes: list[str]):
    """(path, text, quotes in scope) for the site's prose in front matter: an
    entry with its own `cite` is supported by that, the rest by the page's citations."""
    if isinstance(value, dict):
        if "cite" in value:
            quotes = _quotes(value["cite"])
        elif isinstance(value.get("claims"), list):   # a dispute: its claims' citations
            quotes = [q for claim in value["claims"] if isinstance(claim, dict) for q in _quotes(claim.get("cite"))]
        for key, item in value.items():
            if key in PROSE_FIELDS and isinstance(item, str):
                yield path + (key,), item, quotes
            elif key not in ("citations", "cite", "acknowledge"):
                yield from _prose(item, path + (key,), quotes)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _prose(item, path + (i,), quotes)


def _body_sentences(doc: Document, page_quotes: list[str]):
    """(line, sentence, quotes it cites) for each sentence of the body. A
    sentence without a [cite:N] mark is supported by its paragraph's marks,
    and a paragraph without any by the page's citations."""
    citations = _list(doc.meta.get("citations"))
    for first_line, paragraph in _paragraphs(doc):
        marks = [int(n) for n in CITE_MARK.findall(paragraph)]
        start = 0
        for end in [m.end() for m in _SENTENCE_END.finditer(paragraph)] + [len(paragraph)]:
            sentence = paragraph[start:end]
            own = [int(n) for n in CITE_MARK.findall(sentence)] or marks
            quotes = _quotes([citations[n - 1] for n in own if 0 < n <= len(citations)]) if own else page_quotes
            line = first_line + paragraph.count("\n", 0, start)
            yield line, _plain(sentence), quotes
            start = end


def _paragraphs(doc: Document):
    """(first line, text) of each paragraph of the body."""
    block: list[str] = []
    for offset, line in enumerate(doc.body.split("\n") + [""]):
        if line.strip():
            if not block:
                first = doc.body_line + offset
            block.append(line)
        elif block:
            yield first, "\n".join(block)
            block = []


def _plain(markdown: str) -> str:
    """The words a reader sees: a link's label (a bare [[kind/slug]] shows
    its target's title, which its own page answers for), no cite marks."""
    text = _WIKI.sub(lambda m: m.group(1) or "", markdown)
    text = _MD_LINK.sub(r"\1", text)
    return CITE_MARK.sub("", text)


def _quotes(cites) -> list[str]:
    items = cites if isinstance(cites, list) else [cites]
    return [c["quote"] for c in items if isinstance(c, dict) and isinstance(c.get("quote"), str)]


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 70 else text[:69] + "…"


def _list(value) -> list:
    return value if isinstance(value, list) else []
