"""Stage 1: read content files into Documents, with every read error located."""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ContentError, did_you_mean
from .lifetime import exit_with_parent
from .model import KINDS
from .yamlines import YamlError, load_with_lines

# Use SLUG.fullmatch, never .match: '$' also matches before a final newline, and
# "tourism\n" must not pass (stripped later, it would overwrite /topics/tourism/).
# The pattern itself stays portable: the JSON Schemas reuse it.
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# A translation sits beside its original, named with its language before the
# extension: peru.es.md, trade.pt.yml, site.es.yml (translations.py reads them).
TRANSLATION = re.compile(r"^(?P<slug>[^.]+)\.(?P<lang>[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)$")

# The one content folder for data files that site.yml names, such as the map's shapes.
DATA_FOLDER = "maps"


@dataclass
class Document:
    """One content file: its front matter (with lines) and Markdown body."""
    kind: str            # 'countries', ..., or 'figures' / 'site'
    slug: str
    path: str            # as shown in error messages
    meta: dict
    lines: dict          # path tuple -> line number
    body: str = ""
    body_line: int = 1   # line number of the body's first line
    lang: str = ""       # a translation's language ('es'); '' for an original


@dataclass
class Content:
    root: Path
    site: Document | None
    documents: list[Document]    # entity files, every kind
    tables: list[Document]       # figures/*.yml
    translations: list[Document] = field(default_factory=list)   # <slug>.<lang>.md/.yml (translations.py)


def display_path(path: Path) -> str:
    """Relative to the working directory when inside it, as editors see it."""
    rel = os.path.relpath(path)
    return path.as_posix() if rel.startswith("..") else Path(rel).as_posix()


def load_content(root: Path, errors: list[ContentError]) -> Content:
    root = Path(root)
    content = Content(root, None, [], [])
    if not root.is_dir():
        errors.append(ContentError(display_path(root), 1, "content folder not found"))
        return content
    site = root / "site.yml"
    if site.is_file():
        content.site = _read_yaml(site, "site", errors)
    else:
        errors.append(ContentError(display_path(site), 1, "missing site.yml (title, description)"))
    for entry in sorted(root.iterdir()):
        if entry.name.startswith(".") or entry.name == "site.yml":
            continue
        translated = TRANSLATION.fullmatch(entry.stem)
        if translated and translated["slug"] == "site" and entry.suffix == ".yml" and entry.is_file() \
                and not entry.is_symlink():
            doc = _read_yaml(entry, "site", errors)
            if doc is not None:
                content.translations.append(_as_translation(doc, translated))
            continue
        if entry.is_symlink():
            errors.append(ContentError(display_path(entry), 1,
                                       "symbolic links are not allowed in content/: commit the folder itself"))
        elif entry.is_dir() and entry.name in KINDS:
            _add(content, content.documents, _read_folder(entry, entry.name, ".md", _read_markdown, errors))
        elif entry.is_dir() and entry.name == "figures":
            _add(content, content.tables, _read_folder(entry, "figures", ".yml", _read_yaml, errors))
        elif entry.is_dir() and entry.name == DATA_FOLDER:
            continue  # data files that site.yml names (the map's shapes), read where used
        else:
            known = ", ".join(sorted(KINDS) + ["figures", DATA_FOLDER, "site.yml", "site.<language>.yml"])
            errors.append(ContentError(display_path(entry), 1,
                                       f"unexpected entry in content/ (expected one of: {known})"))
    return content


def _add(content: Content, originals: list, docs: list[Document]) -> None:
    """Originals to their list, translations to content.translations."""
    originals += [doc for doc in docs if not doc.lang]
    content.translations += [doc for doc in docs if doc.lang]


def _as_translation(doc: Document, name: re.Match) -> Document:
    doc.slug, doc.lang = name["slug"], name["lang"]
    return doc


# A source entry's text sits beside it (sources/<slug>.txt): read by the quote
# check and `build.py sources`, never made into a page.
SOURCE_TEXT = ".txt"


def _read_folder(folder: Path, kind: str, suffix: str, reader, errors) -> list[Document]:
    """The folder's documents in file-name order; each problem found is added
    to errors, in the same order."""
    found: list = []   # per file, in order: a ContentError, or the file to read (and its translation)
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if kind == "sources" and path.suffix == SOURCE_TEXT and not path.is_symlink():
            found += _source_text_problems(path)
            continue
        if path.is_symlink():  # it could pull any file on the build machine into the site
            found.append(ContentError(display_path(path), 1,
                                      "symbolic links are not allowed in content/: commit the file itself"))
            continue
        if path.is_dir() or path.suffix != suffix:
            also = f" and their texts (*{SOURCE_TEXT})" if kind == "sources" else ""
            found.append(ContentError(display_path(path), 1,
                                      f"not a content file: {kind}/ holds *{suffix} files{also}"))
            continue
        translated = TRANSLATION.fullmatch(path.stem)
        if translated and SLUG.fullmatch(translated["slug"]):
            found.append((path, translated))
        elif not SLUG.fullmatch(path.stem):
            found.append(ContentError(display_path(path), 1,
                                      f"file name '{path.name}' is not a valid slug: use lower-case "
                                      "ASCII letters, digits and single hyphens"))
        else:
            found.append((path, None))
    reads = iter(read_files([item[0] for item in found if isinstance(item, tuple)], kind, reader))
    docs = []
    for item in found:
        if isinstance(item, ContentError):
            errors.append(item)
            continue
        doc, problems = next(reads)
        errors += problems
        if doc is not None:
            docs.append(_as_translation(doc, item[1]) if item[1] else doc)
    return docs


# A folder of more files than this is read on two cores: parsing YAML is
# most of a large site's load, and each file parses on its own.
PARALLEL_FILES = 1000


def read_files(paths: list[Path], kind: str, reader) -> list[tuple[Document | None, list]]:
    """(document or None, its problems) for each file, in order; a long list
    half in a forked process, whose documents come back pickled (a tenth of
    what parsing them costs), with what it parsed for PARSED."""
    if len(paths) < PARALLEL_FILES or "fork" not in multiprocessing.get_all_start_methods() \
            or (os.cpu_count() or 1) < 2:
        return _read_share(paths, kind, reader)
    half = len(paths) // 2
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"),
                             initializer=exit_with_parent, initargs=(os.getpid(),)) as pool:
        later = pool.submit(_read_share_parsed, paths[half:], kind, reader)
        first = _read_share(paths[:half], kind, reader)
        reads, parsed = later.result()
        PARSED.update(parsed)
        return first + reads


def _read_share(paths: list[Path], kind: str, reader) -> list[tuple[Document | None, list]]:
    read = []
    for path in paths:
        problems: list[ContentError] = []
        read.append((reader(path, kind, problems), problems))
    return read


def _read_share_parsed(paths: list[Path], kind: str, reader):
    """In the forked process: the share's reads, and the files it parsed anew
    (pickled with the reads, so each document's data crosses once)."""
    PARSED.added = {}
    return _read_share(paths, kind, reader), PARSED.added


class Parsed:
    """Files parsed before, by their text: reloading a folder parses only the
    files whose text changed. The preview reloads every file when one is
    added or removed, and the tests load the same few files hundreds of
    times. Keyed by a digest of the text, never by a file's time, so no edit
    is missed. A file's older text is let go when its new one is parsed, so
    a long preview session keeps one entry a file; past `limit` the least
    recently used go first. Documents are never changed once loaded (the
    preview already shares them between loads), so their data is shared."""

    def __init__(self, limit: int):
        self.limit = limit
        self.entries: dict = {}
        self.latest: dict[str, tuple] = {}   # a file (as shown) -> the key of its text last read
        self.added: dict | None = None       # in a forked reader: what it parsed, for the parent

    @staticmethod
    def key(parse, text: str) -> tuple:
        return parse.__name__, hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()

    def get(self, key, where: str):
        fields = self.entries.pop(key, None)
        if fields is not None:
            self.entries[key] = fields   # now the most recently used
            self._read(key, where)
        return fields

    def put(self, key, fields, where: str) -> None:
        self.entries[key] = fields
        self._read(key, where)
        if self.added is not None:
            self.added[key] = (fields, where)
        while len(self.entries) > self.limit:
            del self.entries[next(iter(self.entries))]

    def update(self, parsed: dict) -> None:
        for key, (fields, where) in parsed.items():
            self.put(key, fields, where)

    def _read(self, key, where: str) -> None:
        """`where` now holds the text of `key`: its older text goes."""
        before = self.latest.get(where)
        if before is not None and before != key:
            self.entries.pop(before, None)
        if len(self.latest) > self.limit:
            self.latest.clear()
        self.latest[where] = key


# Room for a site of some 50,000 files, about 100 bytes each beyond the
# documents the loaded content holds anyway.
PARSED = Parsed(limit=50_000)


def _source_text_problems(path: Path) -> list[ContentError]:
    if path.with_suffix(".md").is_file():
        return []
    entries = [p.stem for p in path.parent.glob("*.md")]
    return [ContentError(display_path(path), 1,
                         f"source text without its entry: add sources/{path.stem}.md, or name "
                         f"the text after its entry's slug{did_you_mean(path.stem, entries)}")]


def read_text(path: Path, errors) -> str | None:
    """A content file's text (UTF-8, NFC, '\n' line ends), or None with the
    reason added to errors as a located error."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        errors.append(ContentError(display_path(path), 1, f"cannot read file: {exc.strerror}"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        errors.append(ContentError(display_path(path), line,
                                   f"not valid UTF-8 (byte {exc.start}); save the file as UTF-8"))
        return None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    # One encoding for accented letters (é, ə), whichever way an editor's tools
    # stored them: pages are valid NFC, and searches and comparisons just work.
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        errors.append(ContentError(display_path(path), 1, "empty file"))
        return None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        errors.append(ContentError(display_path(path), line, "file contains a NUL character"))
        return None
    return text


def _read_markdown(path: Path, kind: str, errors) -> Document | None:
    return _read(path, kind, errors, _parse_markdown)


def _read_yaml(path: Path, kind: str, errors) -> Document | None:
    return _read(path, kind, errors, _parse_yaml)


def _read(path: Path, kind: str, errors, parse) -> Document | None:
    """The file's Document: its text read, and parsed unless PARSED has it."""
    text = read_text(path, errors)
    if text is None:
        return None
    where = display_path(path)
    key = PARSED.key(parse, text)
    fields = PARSED.get(key, where)
    if fields is None:
        fields = parse(text, where, errors)
        if fields is None:
            return None
        PARSED.put(key, fields, where)
    return Document(kind, path.stem, where, *fields)


def _parse_markdown(text: str, where: str, errors):
    """(meta, lines, body, body_line) of a Markdown file's text, or None."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        errors.append(ContentError(where, 1, "missing front matter: the file must start with a '---' line"))
        return None
    try:
        close = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
    except StopIteration:
        errors.append(ContentError(where, 1, "front matter is not closed: add a '---' line after it"))
        return None
    meta = _parse_meta("\n".join(lines[1:close]), 2, where, errors)
    if meta is None:
        return None
    return (*meta, "\n".join(lines[close + 1:]), close + 2)


def _parse_yaml(text: str, where: str, errors):
    """(meta, lines, body, body_line) of a YAML file's text, or None."""
    meta = _parse_meta(text, 1, where, errors)
    return None if meta is None else (*meta, "", 1)


def _parse_meta(text: str, first_line: int, where: str, errors):
    try:
        data, line_map = load_with_lines(text, first_line)
    except YamlError as exc:
        errors.append(ContentError(where, exc.line, str(exc)))
        return None
    if not isinstance(data, dict):
        errors.append(ContentError(where, first_line,
                                   "front matter must be a mapping of 'key: value' lines"))
        return None
    return data, line_map
