"""Check that every citation's quote really occurs in its source document.

site.yml may name a folder of source texts (`source_texts`, relative to the
content folder). When it exists, each source's `file` must be in it and every
quote citing that source must occur in the file's text. Both sides have their
whitespace runs collapsed to one space (quotes wrap across YAML lines, texts
across paragraphs) and are compared in Unicode NFC, so an "é" typed as one
character matches one stored as e + accent (the loader reads content as NFC
too); nothing else is normalized, so case and punctuation must be exact.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .errors import ContentError, did_you_mean
from .load import Content, Document
from .model import FILL_ME, FIGURE_TABLE, KINDS, Struct
from .yamlines import line_of

_SPACES = re.compile(r"\s+")
SHOWN = 60  # characters of a quote shown in an error


def collapse(text: str) -> str:
    return unicodedata.normalize("NFC", _SPACES.sub(" ", text).strip())


def source_texts_folder(content: Content) -> Path | None:
    """The folder site.yml names, if it names one that exists."""
    if content.site is None or not isinstance(content.site.meta.get("source_texts"), str):
        return None
    folder = (content.root / content.site.meta["source_texts"]).resolve()
    return folder if folder.is_dir() else None


def check_quotes(content: Content) -> list[ContentError]:
    folder = source_texts_folder(content)
    if folder is None:
        return []
    errors: list[ContentError] = []
    available = sorted(p.name for p in folder.iterdir() if p.is_file())
    texts: dict[str, str] = {}   # source slug -> collapsed text of its file
    files: dict[str, str] = {}   # source slug -> file name
    for doc in content.documents:
        name = doc.meta.get("file") if doc.kind == "sources" else None
        if not isinstance(name, str) or name == FILL_ME:  # validate reports a FILL-ME
            continue
        if (folder / name).is_file():
            texts[doc.slug] = collapse((folder / name).read_text(encoding="utf-8"))
            files[doc.slug] = name
        else:
            errors.append(ContentError(doc.path, line_of(doc.lines, ("file",)),
                                       f"file '{name}' is not in {folder}{did_you_mean(name, available)}"))
    for doc in content.documents + content.tables:
        spec = FIGURE_TABLE if doc.kind == "figures" else KINDS[doc.kind]
        for path, citation in citations_in(doc.meta, spec):
            source, quote = citation.get("source"), citation.get("quote")
            if source not in texts or not isinstance(quote, str):
                continue  # unknown sources and missing quotes are validate's errors
            if collapse(quote) not in texts[source]:
                errors.append(_not_found(doc, path, files[source], quote, texts[source]))
    return errors


def _not_found(doc: Document, path: tuple, file: str, quote: str, text: str) -> ContentError:
    shown = collapse(quote)
    shown = shown[:SHOWN] + "…" if len(shown) > SHOWN else shown
    message = f"quote not found in {file}: '{shown}'"
    return ContentError(doc.path, line_of(doc.lines, path + ("quote",)), message)


def citations_in(value, fields: dict, path: tuple = ()):
    """Yield (path, citation mapping) for every citation the model allows in value,
    wherever it is nested (citations, presence, roles, disputes, figures)."""
    return Struct(fields).citations(value, path)
