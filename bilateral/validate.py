"""Stage 2: check every document against the content model, collecting all errors.

Nothing here changes the content; the graph stage can trust what passes.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit
from collections import defaultdict

from .dates import parse_date
from .errors import ContentError, did_you_mean
from .load import SLUG, Content, Document
from .quotes import check_quotes
from .model import (FILL_ME, FIGURE_TABLE, KINDS, SINGULAR, SITE, Bool, Choice, Date, ListOf, Number,
                    OneOrList, Ref, Struct, Text, Url)
from .reference import iso_country
from .yamlines import line_of

CITE_MARK = re.compile(r"\[cite:(\d+)\]")
LANGUAGE_TAG = re.compile(r"^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$")
WIKI_LINK = re.compile(r"\[\[([a-z]+)/([^\]|]+)(?:\|([^\]]+))?\]\]")


def validate(content: Content, checked: dict | None = None) -> list[ContentError]:
    """Every error in the content. `checked` keeps what each document's own
    checks found, from one call to the next: the live preview passes the
    same dict each time, so only edited documents are checked again (the
    checks across files always run)."""
    checker = _Checker()
    if content.site is not None:
        checker.struct(content.site, content.site.meta, SITE, ())
        checker.language_tag(content.site)
    found = {}
    for doc in content.documents:
        known = checked.get(id(doc)) if checked is not None else None
        if known is None or known[0] is not doc:  # ids are reused once a document is gone
            known = (doc, *_own_findings(doc))
        found[id(doc)] = known
        checker.errors += known[1]
        checker.refs += known[2]
    if checked is not None:
        checked.clear()
        checked.update(found)
    for table in content.tables:
        checker.struct(table, table.meta, FIGURE_TABLE, ())
    checker.unique_ids(content)
    checker.references(content)
    checker.urls(content)
    return checker.errors + check_quotes(content)


def _own_findings(doc: Document) -> tuple[list, list]:
    """The errors and references found in one document on its own."""
    checker = _Checker()
    checker.struct(doc, doc.meta, KINDS[doc.kind], ())
    checker.body(doc)
    if doc.kind == "countries":
        checker.iso_code(doc)
    return checker.errors, checker.refs


class _Checker:
    def __init__(self):
        self.errors: list[ContentError] = []
        self.refs: list[tuple[Document, tuple, str, str]] = []  # doc, path, kind, slug

    def error(self, doc: Document, path: tuple, message: str) -> None:
        self.errors.append(ContentError(doc.path, line_of(doc.lines, path), message))

    # --- shape -------------------------------------------------------------
    def struct(self, doc, value, fields: dict, path: tuple) -> None:
        where = f"'{path[-2]}' entry" if len(path) >= 2 and isinstance(path[-1], int) else "front matter"
        if not isinstance(value, dict):
            self.error(doc, path, f"expected a mapping of 'key: value' lines in {where}")
            return
        for key in value:
            if key not in fields:
                self.error(doc, path + (key,), f"unknown key '{key}'{did_you_mean(key, fields)}")
        for name, spec in fields.items():
            if name not in value or value[name] is None or value[name] == "":
                if spec.required:
                    self.error(doc, path, f"missing required field '{name}' in {where}")
                continue
            self.value(doc, value[name], spec.type, path + (name,))

    def value(self, doc, value, kind, path: tuple) -> None:
        name = next((p for p in reversed(path) if isinstance(p, str)), "value")
        if value == FILL_ME:  # left by `build.py new`: one clear message, not a type error
            self.error(doc, path, f"fill in '{name}': it still says {FILL_ME}")
        elif isinstance(kind, Struct):
            self.struct(doc, value, kind.fields, path)
        elif isinstance(kind, OneOrList):
            items = value if isinstance(value, list) else [value]
            if isinstance(value, list) and not value:
                self.error(doc, path, f"'{name}' needs at least one entry")
            for i, item in enumerate(items):
                self.value(doc, item, kind.item, path + (i,) if isinstance(value, list) else path)
        elif isinstance(kind, ListOf):
            if not isinstance(value, list):
                self.error(doc, path, f"'{name}' must be a list (lines starting with '- ')")
                return
            if len(value) < kind.min_items:
                self.error(doc, path, f"'{name}' needs at least {kind.min_items} entr"
                                      f"{'y' if kind.min_items == 1 else 'ies'}")
            for i, item in enumerate(value):
                self.value(doc, item, kind.item, path + (i,))
        elif isinstance(kind, Text):
            if not isinstance(value, str):
                self.error(doc, path, f"'{name}' must be text, not {_describe(value)}"
                                      " (put it in quotes)")
            elif kind.one_line and "\n" in value.strip():
                self.error(doc, path, f"'{name}' must be a single line")
        elif isinstance(kind, Url):
            if not isinstance(value, str) or not _is_web_url(value):
                self.error(doc, path, f"'{name}' must be a full http:// or https:// address, "
                                      f"not {_describe(value)}")
        elif isinstance(kind, Number):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                self.error(doc, path, f"'{name}' must be a number, not {_describe(value)}")
        elif isinstance(kind, Bool):
            if not isinstance(value, bool):
                self.error(doc, path, f"'{name}' must be true or false, not {_describe(value)}")
        elif isinstance(kind, Date):
            try:
                parse_date(value)
            except ValueError as exc:
                self.error(doc, path, f"bad date in '{name}': {exc}")
        elif isinstance(kind, Choice):
            if value not in kind.values:
                self.error(doc, path, f"'{name}' must be one of {', '.join(kind.values)}; "
                                      f"got '{value}'{did_you_mean(value, kind.values)}")
        elif isinstance(kind, Ref):
            if not isinstance(value, str):
                self.error(doc, path, f"'{name}' must be a slug, not {_describe(value)}")
            else:
                self.refs.append((doc, path, kind.kind, value))
        else:  # pragma: no cover - a model bug, not a content error
            raise TypeError(f"unknown field type {kind!r}")

    def iso_code(self, doc: Document) -> None:
        code = doc.meta.get("iso_code")
        if isinstance(code, str) and code != FILL_ME and iso_country(code) is None:
            self.error(doc, ("iso_code",), f"'{code}' is not an ISO 3166-1 alpha-2 country code")

    def language_tag(self, doc: Document) -> None:
        """The site's language becomes <html lang>, which must be a BCP 47 tag."""
        tag = doc.meta.get("language")
        if isinstance(tag, str) and not LANGUAGE_TAG.fullmatch(tag):
            self.error(doc, ("language",), f"'{tag}' is not a BCP 47 language tag (e.g. en, es, pt-BR)")

    # --- body ----------------------------------------------------------------
    def body(self, doc: Document) -> None:
        from .markup import nesting_problem  # here: markup imports this module
        if (too_deep := nesting_problem(doc.body)) is not None:
            self.errors.append(ContentError(doc.path, doc.body_line + too_deep[0], too_deep[1]))
        cites = doc.meta.get("citations")
        count = len(cites) if isinstance(cites, list) else 0
        for offset, text in enumerate(doc.body.split("\n")):
            line = doc.body_line + offset
            for match in CITE_MARK.finditer(text):
                n = int(match.group(1))
                if not 1 <= n <= count:
                    self.errors.append(ContentError(
                        doc.path, line, f"[cite:{n}] points past the page's {count} citation(s)"))
            for match in WIKI_LINK.finditer(text):
                kind, slug = match.group(1), match.group(2).strip()
                if kind not in KINDS:
                    self.errors.append(ContentError(
                        doc.path, line, f"link [[{kind}/{slug}]]: unknown kind '{kind}'"
                                        f"{did_you_mean(kind, KINDS)}"))
                else:
                    self.refs.append((doc, ("__body__", line), kind, slug))

    # --- across files ----------------------------------------------------------
    def unique_ids(self, content: Content) -> None:
        """Dispute and figure ids are site-wide names, so each may be used once."""
        seen: dict[tuple, Document] = {}
        for doc in content.documents:
            for i, dispute in enumerate(_list(doc.meta.get("disputes"))):
                self._claim_id(seen, "dispute", doc, dispute, ("disputes", i, "id"))
        for table in content.tables:
            for i, row in enumerate(_list(table.meta.get("figures"))):
                self._claim_id(seen, "figure", table, row, ("figures", i, "id"))

    def _claim_id(self, seen, what, doc, entry, path) -> None:
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            return
        key = (what, entry["id"])
        if not SLUG.fullmatch(entry["id"]):  # it becomes an HTML id and a #fragment
            self.error(doc, path, f"{what} id '{entry['id']}' is not a valid slug: use lower-case "
                                  "ASCII letters, digits and single hyphens")
        elif key in seen:
            self.error(doc, path, f"duplicate {what} id '{entry['id']}' (also in {seen[key].path})")
        else:
            seen[key] = doc

    def references(self, content: Content) -> None:
        known = defaultdict(set)
        for doc in content.documents:
            known[doc.kind].add(doc.slug)
        for doc in content.documents:
            for dispute in _list(doc.meta.get("disputes")):
                if isinstance(dispute, dict) and isinstance(dispute.get("id"), str):
                    known["dispute"].add(dispute["id"])
        for doc, path, kind, slug in self.refs:
            if slug in known[kind]:
                continue
            what = "dispute id" if kind == "dispute" else _singular(kind)
            message = f"unknown {what} '{slug}'{did_you_mean(slug, known[kind])}"
            if path and path[0] == "__body__":
                self.errors.append(ContentError(doc.path, path[1], message))
            else:
                self.error(doc, path, message)

    def urls(self, content: Content) -> None:
        """Two files may not claim one URL, and no slug may leave its folder."""
        owners: dict[tuple, Document] = {}
        for doc in content.documents:
            owners[(doc.kind, doc.slug)] = doc
        for doc in content.documents:
            for i, old in enumerate(_list(doc.meta.get("redirect_from"))):
                if not isinstance(old, str):
                    continue
                path = ("redirect_from", i)
                if not SLUG.fullmatch(old):
                    self.error(doc, path, f"redirect_from '{old}' is not a valid slug")
                elif (doc.kind, old) in owners:
                    other = owners[(doc.kind, old)]
                    self.error(doc, path, f"/{doc.kind}/{old}/ is written twice: by this redirect "
                                          f"and by {other.path}")
                else:
                    owners[(doc.kind, old)] = doc


def _is_web_url(text: str) -> bool:
    """http(s) with a host, and no whitespace or control character a browser
    would silently drop (which is how a scheme check gets fooled)."""
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. an unclosed [IPv6] host
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _singular(kind: str) -> str:
    return SINGULAR.get(kind, kind)


def _describe(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing"
    return f"'{value}'"
