"""Stage 2: check every document against the content model, collecting all errors.

Nothing here changes the content; the graph stage can trust what passes.
"""
from __future__ import annotations

import re
from collections import defaultdict

from .errors import ContentError, did_you_mean
from .load import SLUG, Content, Document
from .markup import nesting_problem
from .quotes import check_quotes
from .model import FILL_ME, FIGURE_TABLE, KINDS, SINGULAR, SITE, Struct, field_name
from .reference import iso_country
from .syntax import CITE_MARK, WIKI_LINK, first_forbidden, forbidden_character, line_at, wiki_link
from .worldmap import check_map_setting
from .yamlines import line_of

LANGUAGE_TAG = re.compile(r"^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$")
# Slugs and ids become folder and file names (and #fragments): well under
# the 255 bytes a file system allows, with room for what is added to them.
MAX_SLUG = 100


def validate(content: Content, checked: dict | None = None) -> list[ContentError]:
    """Every error in the content. `checked` keeps what each document's own
    checks found, from one call to the next: the live preview passes the
    same dict each time, so only edited documents are checked again (the
    checks across files always run)."""
    from . import languages  # it reads this module's rules: imported once it is loaded
    checker = _Checker()
    if content.site is not None:
        checker.struct(content.site, content.site.meta, SITE, ())
        checker.language_tag(content.site)
        checker.errors += languages.check_setting(content)
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
    checker.part_of_loops(content)
    checker.urls(content)
    return checker.errors + check_quotes(content) + check_map_setting(content) + _translation_errors(content)


def validate_bodies(content: Content, edited: list[tuple[Document, Document]],
                    checked: dict) -> list[ContentError]:
    """The errors in `content` when it differs from a load that validate()
    found clean only in the bodies of some documents: `edited`, as (before,
    after) pairs with equal front matter (the live preview's commonest edit).
    Their own checks run again, and the links in them are checked against
    the entities, which are unchanged; so are the translations, whose state
    follows their originals' text. Every other check reads front matter,
    site.yml, figures or source texts, none of which changed, so it would
    still find nothing. `checked` as for validate()."""
    checker = _Checker()
    for before, after in edited:
        checked.pop(id(before), None)
        found = checked[id(after)] = (after, *_own_findings(after))
        checker.errors += found[1]
        checker.refs += found[2]
    checker.references(content)
    return checker.errors + _translation_errors(content)


def _translation_errors(content: Content) -> list[ContentError]:
    from . import languages, translations  # they read this module's rules: imported once it is loaded
    site = content.site.meta if content.site is not None else None
    return translations.check(content, languages.site_languages(site))


def _own_findings(doc: Document) -> tuple[list, list]:
    """The errors and references found in one document on its own."""
    checker = _Checker()
    checker.struct(doc, doc.meta, KINDS[doc.kind], ())
    checker.body(doc)
    if len(doc.slug) > MAX_SLUG:
        checker.errors.append(ContentError(doc.path, 1, f"the file name {_too_long(doc.slug)}"))
    if doc.kind == "countries":
        checker.iso_code(doc)
    return checker.errors, checker.refs


class _Checker:
    def __init__(self):
        self.errors: list[ContentError] = []
        self.refs: list[tuple[Document, tuple, str, str]] = []  # doc, path, kind, slug

    def error(self, doc: Document, path: tuple, message: str) -> None:
        self.errors.append(ContentError(doc.path, line_of(doc.lines, path), message))

    # --- shape: each field type checks itself (model.py) ----------------------
    def struct(self, doc, value, fields: dict, path: tuple) -> None:
        Struct(fields).check(value, _InDocument(self, doc), path)

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
        """Links and citation marks, found as markup.py renders them: in the
        whole body, so a link broken across lines is checked too; and markup
        nested too deep to sanitize in reasonable time."""
        def error(offset: int, message: str) -> None:
            self.errors.append(ContentError(doc.path, doc.body_line + line_at(doc.body, offset), message))

        if (too_deep := nesting_problem(doc.body)) is not None:
            self.errors.append(ContentError(doc.path, doc.body_line + too_deep[0], too_deep[1]))
        cites = doc.meta.get("citations")
        count = len(cites) if isinstance(cites, list) else 0
        for match in CITE_MARK.finditer(doc.body):
            n = int(match.group(1))
            if not 1 <= n <= count:
                error(match.start(), f"[cite:{n}] points past the page's {count} citation(s)")
        for match in WIKI_LINK.finditer(doc.body):
            kind, slug, _ = wiki_link(match)
            line = doc.body_line + line_at(doc.body, match.start())
            if kind not in KINDS:
                error(match.start(), f"link [[{kind}/{slug}]]: unknown kind '{kind}'{did_you_mean(kind, KINDS)}")
            else:
                self.refs.append((doc, ("__body__", line), kind, slug))
        found = first_forbidden(doc.body)
        if found:
            error(found.start(), f"the text {forbidden_character(found.group())}")

    # --- across files ----------------------------------------------------------
    def part_of_loops(self, content: Content) -> None:
        """An event may not end up part of itself (a part of b, b part of a):
        every timeline and "latest" list climbs part_of to the top."""
        parent = {doc.slug: doc.meta.get("part_of") for doc in content.documents if doc.kind == "events"}
        for doc in content.documents:
            if doc.kind != "events":
                continue
            chain, slug = [doc.slug], parent.get(doc.slug)
            while isinstance(slug, str) and slug in parent and slug not in chain:
                chain.append(slug)
                slug = parent[slug]
            if slug == doc.slug:
                loop = ", which is part of ".join([*chain, doc.slug])
                self.error(doc, ("part_of",), f"'part_of' makes a loop: {loop}")

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
        elif len(entry["id"]) > MAX_SLUG:
            self.error(doc, path, f"{what} id {_too_long(entry['id'])}")
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
            if slug in known.get(kind, ()):
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
                elif len(old) > MAX_SLUG:
                    self.error(doc, path, f"redirect_from {_too_long(old)}")
                elif (doc.kind, old) in owners:
                    other = owners[(doc.kind, old)]
                    self.error(doc, path, f"/{doc.kind}/{old}/ is written twice: by this redirect "
                                          f"and by {other.path}")
                else:
                    owners[(doc.kind, old)] = doc


class _InDocument:
    """What a field type's check is given (model.py): the checker, bound to one document."""

    def __init__(self, checker: _Checker, doc: Document):
        self.checker, self.doc = checker, doc

    def error(self, path: tuple, message: str) -> None:
        self.checker.error(self.doc, path, message)

    def value(self, value, kind, path: tuple) -> None:
        if value == FILL_ME:  # left by `build.py new`: one clear message, not a type error
            self.error(path, f"fill in '{field_name(path)}': it still says {FILL_ME}")
        else:
            kind.check(value, self, path)

    def reference(self, path: tuple, kind: str, slug: str) -> None:
        self.checker.refs.append((self.doc, path, kind, slug))


def _too_long(slug: str) -> str:
    return (f"'{slug[:40]}…' is too long: {len(slug)} characters, and a name that becomes a "
            f"file name may have at most {MAX_SLUG}")


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _singular(kind: str) -> str:
    return SINGULAR.get(kind, kind)
