"""Content translations: checked, fingerprinted and laid over their English.

A translation sits beside its original with the language before the
extension (`peru.es.md`, `trade.pt.yml`, `site.es.yml`; load.py reads them)
and mirrors the original's shape, holding only the translatable keys of
TRANSLATABLE (/work/wt/I18N-FORMAT.md, CONTRIBUTING.md): references, dates,
slugs and citations stay in the original, never copied.

- `check` finds every error in a translation, located as `path:line: message`.
- `fingerprint` is a short hash of the original's translatable text; a
  translation records the one it was made from as `translation_of`, so
  `status` tells whether it is current, behind its original, or unstamped.
- `overlay` gives the original's document with the translation laid over
  it, and the paths of the fields that stay English (`lang="en"` on a page).

A translation behind its original is not held to the original's lists and
citation marks: an English edit must never break the build; the fields that
no longer match show the English, and `check` warns that it is behind.
"""
from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ContentError, did_you_mean
from .load import Content, Document
from .model import KINDS, SITE, FIGURE_TABLE, Text, ListOf
from .syntax import CITE_MARK, WIKI_LINK, line_at, wiki_link
from .yamlines import line_of

STAMP = "translation_of"   # the fingerprint a translation was made from
GLOSSES = "glosses"        # {citation number: the quote's translation}; quotes are never translated
BODY = "body"


@dataclass(frozen=True)
class Mirror:
    """A list that mirrors the original's, item for item, each holding these keys."""
    item: dict


LINE, PROSE = Text(one_line=True), Text()
_DISPUTE = {"summary": PROSE, "claims": Mirror({"text": PROSE})}
_ENTITY = {"title": LINE, "short_title": LINE, "summary": LINE, "aliases": ListOf(LINE),
           "disputes": Mirror(_DISPUTE)}

# What a translation may hold, by the kind of its original. A dict is a
# mapping, a Mirror a list mirrored item for item, anything else a field
# type of model.py that checks the value. Every entity's body is translatable.
TRANSLATABLE = {
    "countries": {**_ENTITY, "presence": Mirror({"text": PROSE}), "capital": LINE},
    "people": {**{k: v for k, v in _ENTITY.items() if k != "title"},
               "roles": Mirror({"title": LINE, "start_inferred": LINE, "end_inferred": LINE,
                                "as_of_inferred": LINE})},
    "events": {**_ENTITY, "date_inferred": LINE, "place": LINE, "people": Mirror({"role": LINE})},
    "organizations": _ENTITY,
    "topics": _ENTITY,
    "sources": {**_ENTITY, "standpoint": LINE, "date_inferred": LINE},
    "figures": {"figures": Mirror({"label": LINE, "period_inferred": LINE})},
    "site": {"title": LINE, "description": PROSE, "map": {"title": LINE}},
}

# Why a key of the original stays out of its translations, where more can be said.
NOT_TRANSLATED = {
    ("people", "title"): "people keep their own names",
    ("sources", "headline"): "it is the document's own headline",
    (None, "citations"): "citations and their quotes are shared (a `glosses` entry may translate a quote)",
    (None, "cite"): "citations and their quotes are shared (a `glosses` entry may translate a quote)",
}

FINGERPRINT_LENGTH = 12


# --- which original -----------------------------------------------------------------

def originals(content: Content) -> dict[tuple, Document]:
    """{(kind, slug): original} for everything a translation may translate."""
    found = {(doc.kind, doc.slug): doc for doc in content.documents}
    found.update({("figures", doc.slug): doc for doc in content.tables})
    if content.site is not None:
        found[("site", "site")] = content.site
    return found


def original_path(doc: Document) -> str:
    """The original's file, as a translation's path names it."""
    stem, _, ext = doc.path.rpartition(".")
    return stem.removesuffix("." + doc.lang) + "." + ext


# --- fingerprints -------------------------------------------------------------------

def fingerprint(original: Document) -> str:
    """A short hash of the original's translatable text only, canonically
    written: editing a quote, a date or a reference keeps it; editing a
    summary or the body changes it."""
    values = _translatable(original.meta, TRANSLATABLE[original.kind])
    if original.kind in KINDS:
        values[BODY] = original.body.strip()
    text = json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


def _translatable(value, spec):
    if isinstance(spec, Mirror):
        return [_translatable(item, spec.item) for item in value] if isinstance(value, list) else None
    if isinstance(spec, dict):
        if not isinstance(value, dict):
            return None
        return {key: _translatable(value[key], spec[key]) for key in spec if key in value}
    return value


@dataclass(frozen=True)
class Status:
    """Where a translation stands against its original."""
    doc: Document
    original: Document
    current: str          # the original's fingerprint now

    @property
    def stamp(self) -> str | None:
        value = self.doc.meta.get(STAMP)
        return value if isinstance(value, str) else None

    @property
    def state(self) -> str:
        """'current', 'behind' (its original changed since it was stamped) or 'unstamped'."""
        if self.stamp is None:
            return "unstamped"
        return "current" if self.stamp == self.current else "behind"


def statuses(content: Content) -> list[Status]:
    """Each translation that has its original, in path order."""
    found = originals(content)
    return sorted((Status(doc, found[(doc.kind, doc.slug)], fingerprint(found[(doc.kind, doc.slug)]))
                   for doc in content.translations if (doc.kind, doc.slug) in found),
                  key=lambda s: s.doc.path)


# --- checks -------------------------------------------------------------------------

def check(content: Content, languages: list[str]) -> list[ContentError]:
    """Every error in the translation files."""
    errors: list[ContentError] = []
    found = originals(content)
    known = {(doc.kind, doc.slug) for doc in content.documents}
    others = languages[1:]
    for doc in content.translations:
        if doc.lang not in others:
            where = ("the site's default language, which the original file holds"
                     if languages and doc.lang == languages[0] else "not in site.yml's `languages`")
            errors.append(ContentError(doc.path, 1, f"translation into '{doc.lang}', {where} "
                                                    f"(translated: {', '.join(others) or 'none'})"))
            continue
        original = found.get((doc.kind, doc.slug))
        if original is None:
            slugs = [slug for kind, slug in found if kind == doc.kind]
            errors.append(ContentError(doc.path, 1, f"no original to translate: {original_path(doc)} does not "
                                                    f"exist{did_you_mean(doc.slug, slugs)}"))
            continue
        behind = Status(doc, original, fingerprint(original)).state == "behind"
        errors += _Check(doc, original, behind, known).errors
    return errors


class _Check:
    """One translation against its original."""

    def __init__(self, doc: Document, original: Document, behind: bool, known: set):
        self.doc, self.original, self.behind = doc, original, behind
        self.errors: list[ContentError] = []
        self.mapping(doc.meta, original.meta, TRANSLATABLE[doc.kind], ())
        if doc.kind in KINDS:
            self.body(known)

    def error(self, path: tuple, message: str) -> None:
        self.errors.append(ContentError(self.doc.path, line_of(self.doc.lines, path), message))

    # what model.py's field types call while checking a value
    def value(self, value, kind, path: tuple) -> None:
        kind.check(value, self, path)

    def reference(self, path, kind, slug) -> None:
        pass

    def mapping(self, value: dict, original, spec: dict, path: tuple) -> None:
        original = original if isinstance(original, dict) else {}
        for key, item in value.items():
            here = path + (key,)
            if not path and key == STAMP:
                if not isinstance(item, str):
                    self.error(here, f"'{STAMP}' must be the fingerprint `build.py translations --stamp` writes")
            elif not path and key == GLOSSES:
                self.glosses(item, here)
            elif key not in spec:
                self.not_translatable(key, here, original)
            elif key not in original and here not in (("aliases",), ("short_title",)):
                # a language may have names English lacks, and need a short form of a longer title
                self.error(here, f"'{key}': the original ({original_path(self.doc)}) has no '{key}' here "
                                 "to translate")
            else:
                self.item(item, original.get(key), spec[key], here)

    def item(self, value, original, spec, path: tuple) -> None:
        if isinstance(spec, dict):
            if isinstance(value, dict):
                self.mapping(value, original, spec, path)
            else:
                self.error(path, f"'{path[-1]}' must be a mapping of 'key: value' lines, as in the original")
        elif isinstance(spec, Mirror):
            self.mirror(value, original, spec, path)
        else:
            spec.check(value, self, path)

    def mirror(self, value, original, spec: Mirror, path: tuple) -> None:
        name = path[-1]
        if not isinstance(value, list):
            self.error(path, f"'{name}' must be a list (lines starting with '- '), as in the original")
            return
        original = original if isinstance(original, list) else []
        if len(value) != len(original):
            if not self.behind:
                self.error(path, f"'{name}' has {len(value)} entr{'y' if len(value) == 1 else 'ies'}; the "
                                 f"original has {len(original)}: translate each, in the same order")
            return
        for i, (item, source) in enumerate(zip(value, original)):
            if item is None:   # '- ' alone: nothing translated in this entry
                continue
            if not isinstance(item, dict):
                self.error(path + (i,), f"each '{name}' entry must be a mapping (or {{}}), as in the original")
                continue
            self.mapping(item, source, spec.item, path + (i,))

    def not_translatable(self, key: str, path: tuple, original: dict) -> None:
        model = {"figures": FIGURE_TABLE, "site": SITE}.get(self.doc.kind) or KINDS[self.doc.kind]
        why = NOT_TRANSLATED.get((self.doc.kind, key)) or NOT_TRANSLATED.get((None, key))
        if key in original or (len(path) == 1 and key in model):
            because = why or "it is shared with the original, never copied"
            self.error(path, f"'{key}' is not translatable: {because}; remove it")
        else:
            allowed = [k for k in original if k in _spec_at(self.doc.kind, path)] or list(_spec_at(self.doc.kind, path))
            self.error(path, f"unknown key '{key}'{did_you_mean(key, allowed)}")

    def glosses(self, value, path: tuple) -> None:
        count = len(self.original.meta.get("citations") or [])
        if not isinstance(value, dict):
            self.error(path, f"'{GLOSSES}' must map a citation number to the quote's translation")
            return
        for key, text in value.items():
            number = _citation_number(key)
            if number is None or not 1 <= number <= count:
                self.error(path + (key,), f"'{GLOSSES}': '{key}' is not a citation number of the "
                                          f"original (it has {count} citation(s))")
            else:
                PROSE.check(text, self, path + (key,))

    def body(self, known: set) -> None:
        def error(offset: int, message: str) -> None:
            self.errors.append(ContentError(self.doc.path, self.doc.body_line + line_at(self.doc.body, offset),
                                            message))

        if not self.doc.body.strip():
            return  # not translated yet: the page shows the original's
        cites, original = _cite_numbers(self.doc.body), _cite_numbers(self.original.body)
        if cites != original and not self.behind:
            missing, extra = sorted(original - cites), sorted(cites - original)
            said = "; ".join(filter(None, [
                f"missing {', '.join(f'[cite:{n}]' for n in missing)}" if missing else "",
                f"not in the original: {', '.join(f'[cite:{n}]' for n in extra)}" if extra else ""]))
            self.errors.append(ContentError(self.doc.path, self.doc.body_line,
                                            f"the body's citation marks differ from the original's ({said}): "
                                            "keep every [cite:N] with the same numbers"))
        for match in WIKI_LINK.finditer(self.doc.body):
            kind, slug, _ = wiki_link(match)
            if (kind, slug) not in known:
                slugs = [s for k, s in known if k == kind]
                error(match.start(), f"link [[{kind}/{slug}]]: no such page{did_you_mean(slug, slugs)}; "
                                     "keep the original's link targets and translate only the label")


def _spec_at(kind: str, path: tuple) -> dict:
    spec = TRANSLATABLE[kind]
    for part in path[:-1]:
        if isinstance(part, int):
            continue
        spec = spec.get(part) if isinstance(spec, dict) else None
        spec = spec.item if isinstance(spec, Mirror) else spec
        if not isinstance(spec, dict):
            return {}
    return spec


def _citation_number(key) -> int | None:
    """A `glosses` key as the number it is (YAML keys are read as text)."""
    text = str(key)
    return int(text) if text.isdigit() else None


def _cite_numbers(body: str) -> set[int]:
    return {int(n) for n in CITE_MARK.findall(body)}


# --- overlay ------------------------------------------------------------------------

@dataclass
class Overlaid:
    """An original with its translation laid over it. `english` holds the
    paths of the translatable values that stay in the original's language
    (('summary',), ('presence', 0, 'text'), ('body',))."""
    doc: Document
    english: set = field(default_factory=set)
    glosses: dict = field(default_factory=dict)


def overlay(original: Document, translation: Document | None, behind: bool = False,
            title: str | None = None) -> Overlaid:
    """The original's document with the translation's values in place of its
    own; what the translation leaves out (or, when behind, no longer
    matches) stays in the original's language. `title`, if given, is the
    name to use when the translation gives none (a country's, from CLDR).
    A changed title keeps the original's as an alias, so search still finds
    it. The original is not changed."""
    meta = copy.deepcopy(original.meta)
    english: set = set()
    given = dict(translation.meta) if translation is not None else {}
    if title and not given.get("title"):
        given["title"] = title
    _lay(meta, given, TRANSLATABLE[original.kind], (), english)
    if original.kind in KINDS and meta.get("title") != original.meta.get("title"):
        meta["aliases"] = list(dict.fromkeys([*meta.get("aliases", []), original.meta["title"]]))
    body = original.body
    if original.kind in KINDS:
        translated = translation.body if translation is not None else ""
        if translated.strip() and (not behind or _cite_numbers(translated) == _cite_numbers(original.body)):
            body = translated
        else:
            english.add((BODY,))
    glosses = given.get(GLOSSES) if isinstance(given.get(GLOSSES), dict) else {}
    glosses = {_citation_number(key): text for key, text in glosses.items() if _citation_number(key)}
    doc = Document(original.kind, original.slug, original.path, meta, original.lines, body,
                   original.body_line if body is original.body else translation.body_line)
    return Overlaid(doc, english, glosses)


def _lay(meta: dict, given: dict, spec: dict, path: tuple, english: set) -> None:
    for key, kind in spec.items():
        if key in ("aliases", "short_title") and not path and given.get(key):
            meta.setdefault(key, [] if key == "aliases" else "")   # given where English has none
        if key not in meta:
            continue
        here = path + (key,)
        value = given.get(key) if isinstance(given, dict) else None
        if isinstance(kind, dict):
            if isinstance(meta[key], dict):
                _lay(meta[key], value if isinstance(value, dict) else {}, kind, here, english)
        elif isinstance(kind, Mirror):
            items = meta[key] if isinstance(meta[key], list) else []
            fits = isinstance(value, list) and len(value) == len(items)
            for i, item in enumerate(items):
                if isinstance(item, dict):
                    _lay(item, value[i] if fits and isinstance(value[i], dict) else {}, kind.item,
                         here + (i,), english)
        elif value is None or value == "" or value == []:
            english.add(here)
        elif key == "aliases":   # the translation's names first; the original's stay findable
            meta[key] = list(dict.fromkeys([*value, *meta[key]]))
        else:
            meta[key] = value


# --- the `translations` command ---------------------------------------------------

def expected_path(original: Document, lang: str) -> str:
    """Where the original's translation into `lang` goes: countries/peru.es.md."""
    stem, _, ext = original.path.rpartition(".")
    return f"{stem}.{lang}.{ext}"


def report(content: Content, languages: list[str]) -> list[str]:
    """Per language, each translatable file as current, behind, unstamped or missing."""
    found = {(s.doc.lang, s.doc.kind, s.doc.slug): s for s in statuses(content)}
    lines = []
    for lang in languages[1:]:
        rows = []
        for key, original in originals(content).items():
            status = found.get((lang, *key))
            if status is None:
                rows.append(("missing", expected_path(original, lang), ""))
            else:
                why = {"behind": f" (its original, {original.path}, changed since it was stamped)",
                       "unstamped": " (no translation_of: `--stamp` it once it is checked)"}.get(status.state, "")
                rows.append((status.state, status.doc.path, why))
        counts = {state: sum(r[0] == state for r in rows) for state in ("current", "behind", "unstamped", "missing")}
        lines.append(f"{lang}: " + ", ".join(f"{n} {state}" for state, n in counts.items())
                     + f" (of {len(rows)} files)")
        order = {"behind": 0, "unstamped": 1, "missing": 2, "current": 3}
        lines += [f"  {state:<9}  {path}{why}" for state, path, why in sorted(rows, key=lambda r: (order[r[0]], r[1]))]
    return lines


def behind_warnings(content: Content) -> list:
    """`check`'s warning for each translation behind its original, at its stamp."""
    from .editorial import EditorialWarning  # editorial reads validate, which reads this module
    return [EditorialWarning(s.doc.path, line_of(s.doc.lines, (STAMP,)), "translation-behind",
                             f"{s.original.path} changed since this translation was stamped: update the "
                             f"translation, then `build.py translations --stamp {s.doc.path}`")
            for s in statuses(content) if s.state == "behind"]


def stamp(status: Status) -> bool:
    """Write the original's fingerprint as the translation's `translation_of`;
    False when it already says so."""
    if status.stamp == status.current:
        return False
    path = Path(status.doc.path)
    lines = path.read_text(encoding="utf-8").split("\n")
    markdown = path.suffix == ".md"
    start = 1 if markdown else 0
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), len(lines)) \
        if markdown else len(lines)
    line = f'{STAMP}: "{status.current}"'   # quoted: a hash of digits alone would read as a number
    for i in range(start, end):
        if lines[i].startswith(f"{STAMP}:"):
            lines[i] = line
            break
    else:
        lines.insert(start, line)
    path.write_text("\n".join(lines), encoding="utf-8")
    return True
