"""Check that every citation's quote really occurs in its source document.

Each source's text sits beside its entry, as sources/<slug>.txt
(sourcetexts.py), and every quote citing that source must occur in it. Both
sides have their whitespace runs collapsed to one space (quotes wrap across
YAML lines, texts across paragraphs) and are compared in Unicode NFC, so an
"é" typed as one character matches one stored as e + accent (the loader
reads content as NFC too); nothing else is normalized, so case and
punctuation must be exact. A quote that is blank once collapsed never passes.
"""
from __future__ import annotations

import re
import unicodedata

from .errors import ContentError
from .load import SOURCE_TEXT, Content, Document
from .model import FIGURE_TABLE, KINDS, Struct
from .sourcetexts import source_texts
from .yamlines import line_of

_SPACES = re.compile(r"\s+")
SHOWN = 60  # characters of a quote shown in an error


def collapse(text: str) -> str:
    return unicodedata.normalize("NFC", _SPACES.sub(" ", text).strip())


def check_quotes(content: Content) -> list[ContentError]:
    errors: list[ContentError] = []
    texts = {slug: collapse(found.text) for slug, found in source_texts(content, errors).items()}
    for doc, quoted in _quoted(content):
        for path, source, quote in quoted:
            if source in texts and quote not in texts[source]:
                errors.append(_not_found(doc, path, f"sources/{source}{SOURCE_TEXT}", quote))
            # a source without its text: editorial.py lists it as a warning
    return errors


# The live preview checks every quote after each edit: each document's
# quotes are read from its front matter once, and kept while the same
# document is loaded (by id, as validate's `checked`; the last call's only).
_QUOTED: dict[int, tuple] = {}


def _quoted(content: Content):
    """(document, its citations as (path, source, collapsed quote)) for every
    document, leaving out what validate reports instead: a missing or
    malformed source or quote, and a blank quote ("" is in every text)."""
    kept = {}
    for doc in content.documents + content.tables:
        known = _QUOTED.get(id(doc))
        if known is None or known[0] is not doc:
            spec = FIGURE_TABLE if doc.kind == "figures" else KINDS[doc.kind]
            quoted = []
            for path, citation in citations_in(doc.meta, spec):
                source, quote = citation.get("source"), citation.get("quote")
                if isinstance(source, str) and isinstance(quote, str) and collapse(quote):
                    quoted.append((path, source, collapse(quote)))
            known = (doc, tuple(quoted))
        kept[id(doc)] = known
    _QUOTED.clear()
    _QUOTED.update(kept)
    return kept.values()


def all_citations(content: Content):
    """(document, path, citation) for every citation in the content."""
    for doc in content.documents + content.tables:
        spec = FIGURE_TABLE if doc.kind == "figures" else KINDS[doc.kind]
        for path, citation in citations_in(doc.meta, spec):
            yield doc, path, citation


def _not_found(doc: Document, path: tuple, file: str, quote: str) -> ContentError:
    shown = collapse(quote)
    shown = shown[:SHOWN] + "…" if len(shown) > SHOWN else shown
    message = f"quote not found in {file}: '{shown}'"
    return ContentError(doc.path, line_of(doc.lines, path + ("quote",)), message)


def citations_in(value, fields: dict, path: tuple = ()):
    """Yield (path, citation mapping) for every citation the model allows in value,
    wherever it is nested (citations, presence, roles, disputes, figures)."""
    return Struct(fields).citations(value, path)
