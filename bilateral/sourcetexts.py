"""A source document's text, kept beside its entry: sources/<slug>.txt.

That is the only place a text is read from. An entry's `file` is the
document's original file name, a record of where it came from, never a path:
a text elsewhere (another folder, an absolute path, `../../etc/passwd`) would
turn every quote into a public test of what the build machine holds.
A source whose text is missing is listed by `check` as a warning (the
`no-source-text` warning in editorial.py), since its quotes go unchecked.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from .errors import ContentError
from .load import SOURCE_TEXT, Content, Document, display_path, read_text
from .model import FILL_ME
from .yamlines import line_of


@dataclass(frozen=True)
class SourceText:
    slug: str
    where: str     # as shown to editors, e.g. content/sources/x.txt
    text: str      # NFC, '\n' line ends


def text_path(content: Content, slug: str) -> Path:
    return content.root / "sources" / f"{slug}{SOURCE_TEXT}"


def source_docs(content: Content) -> list[Document]:
    return [doc for doc in content.documents if doc.kind == "sources"]


def source_texts(content: Content, errors: list[ContentError]) -> dict[str, SourceText]:
    """Each source's text, by slug, for the sources that have one; a `file`
    that is not a plain name, or a text that can't be read, is an error."""
    texts: dict[str, SourceText] = {}
    for doc in source_docs(content):
        _check_file_name(doc, errors)
        path = text_path(content, doc.slug)
        if path.is_file() and not path.is_symlink():  # the loader reports a symlink
            text = read_text(path, errors)
            if text is not None:
                texts[doc.slug] = SourceText(doc.slug, display_path(path), text)
    return texts


def _check_file_name(doc: Document, errors: list[ContentError]) -> None:
    name = doc.meta.get("file")
    if not isinstance(name, str) or name == FILL_ME:  # validate reports these
        return
    if not is_plain_name(name):
        errors.append(ContentError(doc.path, line_of(doc.lines, ("file",)),
                                   f"'file' is the document's original file name, not a path: "
                                   f"'{name}' is not a plain name (the text itself goes beside this "
                                   f"entry, as sources/{doc.slug}{SOURCE_TEXT})"))


def is_plain_name(name: str) -> bool:
    """One file name: no folder part on any system, not '.' or '..', no control character."""
    return (name.strip() == name and name not in ("", ".", "..")
            and PurePosixPath(name).name == name and PureWindowsPath(name).name == name
            and not any(ord(ch) < 32 or ord(ch) == 127 for ch in name))
