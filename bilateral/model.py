"""The content model: every kind's fields, defined once, and what each field type does.

A field type is one class here. It checks a value (`check`), describes
itself as JSON Schema (`schema`), as a `build.py new` placeholder and comment
(`placeholder`, `hint`), as a cell of docs/content-model.md (`doc_type`),
finds the citations inside a value (`citations`) and resolves a checked value
into what the graph holds (`resolve`). validate.py, schema.py, scaffold.py,
quotes.py, graph.py and docs.py only call these methods, so a new field type
is one new class.

`check` and `resolve` are given the stage's context, which provides:
- checking: `error(path, message)`, `value(value, type, path)` (check a
  nested value) and `reference(path, kind, slug)` (a slug to look up once
  every file is read);
- resolving: `value(value, type, path)`, `target(kind, slug)` (an entity) and
  `citation(mapping, path)` (a graph Citation, numbered on the page).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from .dates import parse_date
from .errors import did_you_mean
from .syntax import forbidden_character


# What `build.py new` writes for a required field; `check` reports it until replaced.
FILL_ME = "FILL-ME"

# The largest number a figure may hold: beyond it a value is a typo or a unit
# mistake, and templates and charts could not show it sensibly.
MAX_NUMBER = 1e15

# A quote is there to be found in its document: a word or two matches anywhere.
MIN_QUOTE_WORDS = 3


# The date forms dates.py accepts, for the JSON Schema: YYYY, YYYY-MM,
# YYYY-MM-DD, START/END of those, or the open range ../END ("by END").
_POINT = r"\d{4}(-\d{2}(-\d{2})?)?"
# Spaces around the parts are allowed, as parse_date strips them.
DATE_PATTERN = rf"^\s*({_POINT}(\s*/\s*{_POINT})?|\.\./\s*{_POINT})\s*$"


# --- field types --------------------------------------------------------------

class FieldType:
    """The defaults: a scalar that holds no citation and resolves to itself."""

    # May a list hold this value twice? Only a citation: it is numbered once.
    may_repeat = False

    def check(self, value, ctx, path: tuple) -> None:
        raise NotImplementedError

    def schema(self, defs: dict) -> dict:
        raise NotImplementedError

    def doc_type(self) -> str:
        """The value column of the field's row in docs/content-model.md."""
        raise NotImplementedError

    def placeholder(self) -> str:
        """What `build.py new` writes for a required field of this type."""
        return FILL_ME

    def hint(self) -> str:
        """How to write a value, for the comment `build.py new` writes."""
        return ""

    def scaffold_notes(self) -> list[str]:
        return [self.hint()] if self.hint() else []

    def entry_fields(self) -> dict | None:
        """The fields of each entry, for a list of mappings (`build.py new` nests them)."""
        return None

    def block(self) -> "Struct | None":
        """The mapping this value is, or is a list of (docs/content-model.md documents it)."""
        return None

    def citations(self, value, path: tuple):
        """(path, mapping) of every citation in value."""
        return iter(())

    def resolve(self, value, ctx, path: tuple):
        return value.strip() if isinstance(value, str) else value

    def absent(self):
        """What the graph holds for a missing value (None: nothing)."""
        return None


@dataclass(frozen=True)
class Text(FieldType):
    """A string; `one_line` forbids line breaks, `min_words` asks for that many words."""
    one_line: bool = False
    min_words: int = 0

    def check(self, value, ctx, path):
        if not isinstance(value, str):
            ctx.error(path, f"'{field_name(path)}' must be text, not {describe(value)} (put it in quotes)")
            return
        text = value.strip()
        if self.one_line and "\n" in text:
            ctx.error(path, f"'{field_name(path)}' must be a single line")
        elif forbidden_character(value):
            ctx.error(path, f"'{field_name(path)}' {forbidden_character(value)}")
        elif not text:
            ctx.error(path, f"'{field_name(path)}' is blank: write a value, or delete the line")
        elif self.min_words and len(text.split()) < self.min_words:
            ctx.error(path, f"'{field_name(path)}' has {len(text.split())} word(s): write at least "
                            f"{self.min_words}, so that a reader can find the passage")

    def schema(self, defs):
        return {"type": "string", "pattern": r"^[^\n]*$"} if self.one_line else {"type": "string"}

    def placeholder(self):
        return f'"{FILL_ME}"'  # quoted, so what replaces it stays a string

    def doc_type(self):
        words = f", at least {self.min_words} words" if self.min_words else ""
        return ("one line of text" if self.one_line else "text") + words


@dataclass(frozen=True)
class Pattern(Text):
    """A regular expression (Python's `re`), on one line: one that does not
    compile is refused here, not when a build first applies it."""
    one_line: bool = True

    def check(self, value, ctx, path):
        super().check(value, ctx, path)
        if isinstance(value, str):
            try:
                re.compile(value)
            except re.error as exc:
                ctx.error(path, f"not a regular expression: {exc}")

    def schema(self, defs):
        return {**super().schema(defs), "format": "regex"}

    def doc_type(self):
        return "a regular expression (Python's), on one line"


@dataclass(frozen=True)
class Url(FieldType):
    """An absolute http(s) URL: pages link to it, so no other scheme may pass."""

    def check(self, value, ctx, path):
        if not isinstance(value, str) or not _is_web_url(value):
            ctx.error(path, f"'{field_name(path)}' must be a full http:// or https:// address, "
                            f"not {describe(value)}")

    def schema(self, defs):
        return {"type": "string", "format": "uri", "pattern": r"^https?://[^\s/]+\S*$"}

    def doc_type(self):
        return "a full `http://` or `https://` address"


@dataclass(frozen=True)
class Number(FieldType):
    """A finite number no larger than MAX_NUMBER either way."""

    def check(self, value, ctx, path):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            ctx.error(path, f"'{field_name(path)}' must be a number, not {describe(value)}")
        elif isinstance(value, float) and not math.isfinite(value):
            ctx.error(path, f"'{field_name(path)}' must be a finite number, not {value}: "
                            "JSON and charts cannot carry it")
        elif abs(value) > MAX_NUMBER:
            ctx.error(path, f"'{field_name(path)}' is too large: a number may be at most {MAX_NUMBER:.0e} either "
                            "way; give it in a larger unit (e.g. USD billion)")

    def schema(self, defs):
        return {"type": "number"}

    def hint(self):
        return "a number"

    def doc_type(self):
        return "a number"


@dataclass(frozen=True)
class Bool(FieldType):
    def check(self, value, ctx, path):
        if not isinstance(value, bool):
            ctx.error(path, f"'{field_name(path)}' must be true or false, not {describe(value)}")

    def schema(self, defs):
        return {"type": "boolean"}

    def hint(self):
        return "true or false"

    def doc_type(self):
        return "`true` or `false`"


@dataclass(frozen=True)
class Date(FieldType):
    """A date with precision, in any of dates.FORMS."""

    def check(self, value, ctx, path):
        try:
            parse_date(value)
        except ValueError as exc:
            ctx.error(path, f"bad date in '{field_name(path)}': {exc}")

    def schema(self, defs):
        # YAML reads an unquoted year as a number, which check accepts too.
        return {"type": ["string", "integer"], "pattern": DATE_PATTERN}

    def placeholder(self):
        return f'"{FILL_ME}"'

    def hint(self):
        return 'a date in quotes: "YYYY", "YYYY-MM", "YYYY-MM-DD", "START/END" or "../END" (by END)'

    def doc_type(self):
        return "a date (see Dates)"

    def resolve(self, value, ctx, path):
        return parse_date(value)


@dataclass(frozen=True)
class Choice(FieldType):
    values: tuple

    def check(self, value, ctx, path):
        if value not in self.values:
            ctx.error(path, f"'{field_name(path)}' must be one of {', '.join(self.values)}; "
                            f"got '{value}'{did_you_mean(value, self.values)}")

    def schema(self, defs):
        return {"enum": list(self.values)}

    def hint(self):
        return "one of " + ", ".join(self.values)

    def doc_type(self):
        return "one of " + ", ".join(f"`{v}`" for v in self.values)


@dataclass(frozen=True)
class Ref(FieldType):
    """The slug of an entity of `kind` (or a dispute id when kind is 'dispute')."""
    kind: str

    def check(self, value, ctx, path):
        if not isinstance(value, str):
            ctx.error(path, f"'{field_name(path)}' must be a slug, not {describe(value)}")
        else:
            ctx.reference(path, self.kind, value)

    def schema(self, defs):
        from .load import SLUG  # load reads the model: import it late
        return {"type": "string"} if self.kind == "dispute" else {"type": "string", "pattern": SLUG.pattern}

    def hint(self):
        return "a dispute id" if self.kind == "dispute" else f"a file name in content/{self.kind}/ without .md"

    def doc_type(self):
        return "a dispute id" if self.kind == "dispute" else f"{_a(SINGULAR[self.kind])} slug"

    def resolve(self, value, ctx, path):
        if self.kind == "dispute":
            return value  # resolved once every dispute is known
        return ctx.target(self.kind, value)


@dataclass(frozen=True)
class ListOf(FieldType):
    item: object
    min_items: int = 0

    def check(self, value, ctx, path):
        if not isinstance(value, list):
            ctx.error(path, f"'{field_name(path)}' must be a list (lines starting with '- ')")
            return
        if len(value) < self.min_items:
            ctx.error(path, f"'{field_name(path)}' needs at least {self.min_items} entr"
                            f"{'y' if self.min_items == 1 else 'ies'}")
        _check_items(value, self.item, ctx, path)

    def schema(self, defs):
        schema = {"type": "array", "items": self.item.schema(defs)}
        if self.min_items:
            schema["minItems"] = self.min_items
        return schema

    def placeholder(self):
        return f"[{self.item.placeholder()}]"

    def scaffold_notes(self):
        at_least = f" of at least {self.min_items}" if self.min_items else ""
        return ([self.item.hint()] if self.item.hint() else []) + ["a list" + at_least]

    def entry_fields(self):
        return self.item.fields if self.item.block() is self.item else None

    def block(self):
        return self.item.block()

    def doc_type(self):
        at_least = f" of at least {self.min_items}" if self.min_items else ""
        return f"a list{at_least}, each {self.item.doc_type()}"

    def citations(self, value, path):
        if isinstance(value, list):
            for i, item in enumerate(value):
                yield from self.item.citations(item, path + (i,))

    def resolve(self, value, ctx, path):
        return [ctx.value(item, self.item, path + (i,)) for i, item in enumerate(value)]

    def absent(self):
        return []  # absent lists read as empty, so templates need no guards


@dataclass(frozen=True)
class OneOrList(FieldType):
    """One item, or a list of them (used for `cite`); the graph always holds a list."""
    item: object

    def check(self, value, ctx, path):
        if not isinstance(value, list):
            ctx.value(value, self.item, path)
            return
        if not value:
            ctx.error(path, f"'{field_name(path)}' needs at least one entry")
        _check_items(value, self.item, ctx, path)

    def schema(self, defs):
        item = self.item.schema(defs)
        return {"anyOf": [item, {"type": "array", "items": item, "minItems": 1}]}

    def scaffold_notes(self):
        return [self.item.hint()] if self.item.hint() else []

    def entry_fields(self):
        return self.item.fields if self.item.block() is self.item else None

    def block(self):
        return self.item.block()

    def doc_type(self):
        return f"{self.item.doc_type()}, or a list of them"

    def citations(self, value, path):
        if isinstance(value, list):
            for i, item in enumerate(value):
                yield from self.item.citations(item, path + (i,))
        else:
            yield from self.item.citations(value, path)

    def resolve(self, value, ctx, path):
        items = value if isinstance(value, list) else [value]
        return [ctx.value(item, self.item, path) for item in items]


@dataclass(frozen=True)
class Struct(FieldType):
    """A mapping of named fields. `name` titles it in the documentation; a
    `shared` one is written once in each JSON Schema, under $defs."""
    fields: dict
    name: str = ""
    shared: bool = False

    def check(self, value, ctx, path):
        if not isinstance(value, dict):
            ctx.error(path, f"expected a mapping of 'key: value' lines in {_where(path)}")
            return
        for key in value:
            if key not in self.fields:
                ctx.error(path + (key,), f"unknown key '{key}'{did_you_mean(key, self.fields)}")
        for name, spec in self.fields.items():
            if _missing(value.get(name)):
                if spec.required:
                    ctx.error(path, f"missing required field '{name}' in {_where(path)}")
                continue
            ctx.value(value[name], spec.type, path + (name,))

    def schema(self, defs):
        if not self.shared:
            return self._object(defs)
        if self.name not in defs:
            defs[self.name] = {}  # reserve the name first: blocks may nest
            defs[self.name] = self._object(defs)
        return {"$ref": f"#/$defs/{self.name}"}

    def _object(self, defs):
        return {
            "type": "object",
            "properties": {name: spec.schema(defs) for name, spec in self.fields.items()},
            "required": [name for name, spec in self.fields.items() if spec.required],
            "additionalProperties": False,
        }

    def block(self):
        return self

    def doc_type(self):
        return f"{_a(self.name)} (see {self.name.capitalize()})" if self.name else "a mapping"

    def citations(self, value, path=()):
        if isinstance(value, dict):
            for name, spec in self.fields.items():
                if name in value:
                    yield from spec.type.citations(value[name], path + (name,))

    def resolve(self, value, ctx, path):
        out = {}
        for name, spec in self.fields.items():
            if _missing(value.get(name)):
                if spec.type.absent() is not None:
                    out[name] = spec.type.absent()
                continue
            out[name] = ctx.value(value[name], spec.type, path + (name,))
        return out


@dataclass(frozen=True)
class Cited(Struct):
    """The citation block: a Struct the quote check and the graph's notes look for."""

    may_repeat = True  # reused with a YAML alias, it is still one note

    def citations(self, value, path=()):
        if isinstance(value, dict):
            yield path, value

    def resolve(self, value, ctx, path):
        return ctx.citation(value, path)


@dataclass(frozen=True)
class Rewrite(Struct):
    """A search-and-replace rule, `pattern` (a Pattern) and `replacement`:
    the replacement may name only groups its pattern has (`\\1`)."""

    def check(self, value, ctx, path):
        super().check(value, ctx, path)
        if not isinstance(value, dict) or not isinstance(value.get("replacement"), str):
            return
        try:
            pattern = re.compile(value["pattern"])
        except (re.error, TypeError):   # the pattern's own check reports it
            return
        try:
            pattern.sub(value["replacement"], "")
        except (re.error, IndexError) as exc:
            ctx.error(path + ("replacement",), f"not a replacement for its pattern: {exc}")


@dataclass(frozen=True)
class Field:
    type: FieldType
    required: bool = False
    doc: str = ""
    example: object = None
    more: str = ""  # said only in docs/content-model.md, after `doc`

    def schema(self, defs: dict) -> dict:
        schema = self.type.schema(defs)
        if self.doc:
            schema = {"description": self.doc, **schema}
        if self.example is not None:
            schema["examples"] = [self.example]
        return schema


def _where(path: tuple) -> str:
    return f"'{path[-2]}' entry" if len(path) >= 2 and isinstance(path[-1], int) else "front matter"


def _missing(value) -> bool:
    return value is None or value == ""


def _check_items(items: list, item_type: FieldType, ctx, path: tuple) -> None:
    """Check each entry, and that none repeats an earlier one (a repeat would
    list a country twice and give two page elements one id)."""
    for i, item in enumerate(items):
        ctx.value(item, item_type, path + (i,))
    if item_type.may_repeat or _all_different(items):
        return
    seen = set()
    for i, item in enumerate(items):
        key = _frozen(item)
        if key in seen:
            shown = f"'{item}'" if isinstance(item, str) else "the same entry"
            ctx.error(path + (i,), f"'{field_name(path)}' lists {shown} twice: remove the repeat")
        seen.add(key)


def _all_different(items: list) -> bool:
    """A quick answer for the usual list of distinct slugs or names."""
    return all(type(item) is str for item in items) and len(set(items)) == len(items)


def _frozen(value):
    """A hashable stand-in for a YAML value, equal for equal values."""
    if isinstance(value, dict):
        return frozenset((k, _frozen(v)) for k, v in value.items())
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return (type(value).__name__, value)  # 1 and true and 1.0 are different entries


def _a(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def field_name(path: tuple) -> str:
    return next((p for p in reversed(path) if isinstance(p, str)), "value")


def describe(value) -> str:
    """A value as an error message shows it."""
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


# --- shared building blocks ----------------------------------------------------

CITATION = Cited({
    "source": Field(Ref("sources"), True, "slug of the source document", "report-interview-peru-ambassador"),
    "quote": Field(Text(min_words=MIN_QUOTE_WORDS), True, "a short quote, copied exactly from the document"),
    "note": Field(Text(one_line=True), False, "what the quote supports, if not obvious"),
}, name="citation", shared=True)
CITE = OneOrList(CITATION)

CLAIM = Struct({
    "text": Field(Text(), True, "the claim, in the site's neutral words"),
    "cite": Field(CITE, True, "where the claim comes from"),
}, name="claim", shared=True)

DISPUTE = Struct({
    "id": Field(Text(one_line=True), True, "unique id across the site, used by `dispute:` fields"),
    "summary": Field(Text(), True, "one sentence on what differs"),
    "claims": Field(ListOf(CLAIM, min_items=2), True, "the claims that disagree, each cited"),
}, name="dispute", shared=True)

# The editorial warnings `check` lists (editorial.py); `acknowledge` names them.
WARNINGS = ("no-source-text", "long-quote", "quoted-share", "asserting-word")

SLUG_LIST = {kind: ListOf(Ref(kind)) for kind in
             ("countries", "people", "organizations", "events", "sources", "topics")}

COMMON = {
    "title": Field(Text(one_line=True), True, "display name",
                   more="for a person, the spelling most common in English sources"),
    "short_title": Field(Text(one_line=True), False, "a shorter name for the browser tab, link previews and lists, when the title is long",
                         more="when `title` would make a `<title>` over 70 characters; the page heading keeps `title`"),
    "summary": Field(Text(one_line=True), False, "one neutral sentence for lists and the page description"),
    "aliases": Field(ListOf(Text(one_line=True)), False, "other names and spellings the sources use",
                     more="all are searchable"),
    "citations": Field(ListOf(CITATION), False, "citations for the page's prose; `[cite:N]` in the body shows the Nth"),
    "disputes": Field(ListOf(DISPUTE), False, "claims that sources disagree on"),
    "topics": Field(SLUG_LIST["topics"], False, "topic slugs"),
    "redirect_from": Field(ListOf(Text(one_line=True)), False, "former slugs; their URLs redirect here"),
    "acknowledge": Field(ListOf(Struct({"warning": Field(Choice(WARNINGS), True, "the warning's name, as `check` lists it", "asserting-word"), "about": Field(Text(one_line=True), False, "the word, or the start of the quote, it is about; without it, every such warning in this file"), "reason": Field(Text(), True, "why the text is right as it is")})), False, "editorial warnings of `check` that an editor has looked at and accepts, each with a reason"),
}


def _kind(required_citations: bool = False, **fields) -> dict:
    spec = dict(COMMON)
    if required_citations:
        spec["citations"] = Field(ListOf(CITATION, min_items=1), True, COMMON["citations"].doc)
    spec.update(fields)
    return spec


PRESENCE = Struct({
    "direction": Field(Choice(("hub-in-country", "country-in-hub")), True,
                       "whose mission, where",
                       more="the hub is site.yml's `hub`: `hub-in-country` is its mission in this "
                            "country, `country-in-hub` this country's mission in the hub"),
    "status": Field(Choice(("resident", "non-resident", "planned", "none", "reported")), True,
                    "resident embassy, non-resident accreditation, ..."),
    "text": Field(Text(), True, "what the source says, in neutral words"),
    "cite": Field(CITE, True, "where it comes from"),
    "dispute": Field(Ref("dispute"), False, "dispute id, when this is one side of one"),
}, name="presence entry")

ROLE = Struct({
    "title": Field(Text(one_line=True), True, "the office", "Deputy Minister of Foreign Affairs"),
    "organization": Field(Ref("organizations"), False, "organization slug"),
    "country": Field(Ref("countries"), False, "country slug"),
    "start": Field(Date(), False, "when the office began"),
    "start_inferred": Field(Text(one_line=True), False, "why `start` is inferred"),
    "end": Field(Date(), False, "when it ended"),
    "end_inferred": Field(Text(one_line=True), False, "why `end` is inferred"),
    "as_of": Field(Date(), False, "when the source attests the office"),
    "as_of_inferred": Field(Text(one_line=True), False, "why `as_of` is inferred"),
    "cite": Field(CITE, True, "where the site learned it"),
}, name="role")

PARTICIPANT = Struct({
    "person": Field(Ref("people"), True, "person slug"),
    "role": Field(Text(one_line=True), False, "what they did at this event"),
}, name="participant")

EVENT_KINDS = ("visit", "consultations", "meeting", "lecture", "credentials", "interview",
               "working-group", "commemoration", "agreement", "purchase", "summit",
               "conflict", "inauguration", "statement", "reported-outcome",
               "establishment-of-relations", "other")

ORG_KINDS = ("multilateral", "grouping", "company", "media", "university", "parliament",
             "friendship-group", "ministry", "government", "corridor", "port", "project",
             "other")

KINDS: dict[str, dict] = {
    "countries": _kind(
        iso_code=Field(Text(one_line=True), True, "ISO 3166-1 alpha-2 code", "PE",
                       more="the official name shown comes from the ISO 3166 tables (pycountry)"),
        region=Field(Text(one_line=True), False, "UN M49 region", "South America",
                     more="the geoscheme's names: `Central America`, `Caribbean`, `North America`, "
                          "`Western Asia`, ..."),
        capital=Field(Text(one_line=True), False, "capital city, where a source names it"),
        partner=Field(Bool(), False, "false for the hub and for third countries; default true",
                      more="third countries are those outside the region (Türkiye, China, Spain)"),
        presence=Field(ListOf(PRESENCE), False, "diplomatic presence, both directions"),
    ),
    "people": _kind(
        native_name=Field(Text(one_line=True), False, "name in its own script and spelling",
                          more="for example `Elnur Məmmədov`, `Félix Denegrí`"),
        countries=Field(SLUG_LIST["countries"], False, "countries the person serves or represents"),
        roles=Field(ListOf(ROLE), False, "offices held, each with dates and a citation",
                    more="a person the sources name without an office has only `citations`"),
    ),
    "organizations": _kind(
        required_citations=True,
        kind=Field(Choice(ORG_KINDS), True, "what sort of body"),
        native_name=Field(Text(one_line=True), False, "name in its own language"),
        countries=Field(SLUG_LIST["countries"], False, "countries it belongs to"),
    ),
    "events": _kind(
        required_citations=True,
        date=Field(Date(), True, "when, at its precision", "2025-09-03/2025-09-04"),
        date_inferred=Field(Text(one_line=True), False, "why the date is inferred, when it is"),
        kind=Field(Choice(EVENT_KINDS), True, "what sort of event"),
        context=Field(Bool(), False, "true for context events that timelines can hide",
                      more="for example wars, summits, port openings"),
        place=Field(Text(one_line=True), False, "where, in words", "Lima",
                    more="the only source of the event's schema.org `location`"),
        countries=Field(ListOf(Ref("countries"), min_items=1), True, "countries involved"),
        people=Field(ListOf(PARTICIPANT), False, "who took part, and as what"),
        organizations=Field(SLUG_LIST["organizations"], False, "organizations involved"),
        organizers=Field(SLUG_LIST["organizations"], False, "organizations a source names as organizing or hosting it",
                         more="the only source of the event's schema.org `organizer` (being involved is not organizing)"),
        part_of=Field(Ref("events"), False, "the larger event this belongs to",
                      more="for example a meeting during a visit"),
    ),
    "sources": _kind(
        file=Field(Text(one_line=True), True, "the document's original file name in the source collection",
                   more="a plain name, never a path, for example `002_68093400c9ee64a5.txt`; the text itself sits beside the entry as `sources/<slug>.txt`"),
        headline=Field(Text(one_line=True), False, "the document's own headline, as its text gives it",
                       more="left out when the text has none; the source page then says so"),
        publisher=Field(Text(one_line=True), False, "publisher or outlet"),
        author=Field(Text(one_line=True), False, "author or byline"),
        date=Field(Date(), True, "publication date"),
        date_inferred=Field(Text(one_line=True), False, "why the date is inferred, when it is"),
        kind=Field(Choice(("news-report", "op-ed", "interview", "press-release")), True,
                   "what sort of document"),
        language=Field(Text(one_line=True), True, "BCP 47 language code", "en"),
        standpoint=Field(Text(one_line=True), True, "one line on the document's standpoint"),
        url=Field(Url(), False, "where it was published"),
    ),
    "topics": _kind(),
}

FIGURE = Struct({
    "id": Field(Text(one_line=True), True, "unique id across the site"),
    "label": Field(Text(one_line=True), True, "what the number is, in words"),
    "metric": Field(Text(one_line=True), True, "series key, e.g. trade-turnover",
                    more="rows with the same `metric` and `country` form a chart series "
                         "(`exports`, `gdp`, `distance`, `years-of-relations`)"),
    "value": Field(Number(), True, "the number as the source gives it"),
    "unit": Field(Text(one_line=True), True, "USD million, km, years, ..."),
    "qualifier": Field(Choice(("about", "more than", "less than", "at least")), False,
                       "how exact the source says the value is"),
    "change_pct": Field(Number(), False, "growth the source states, in percent"),
    "period": Field(Date(), False, "the period the number covers"),
    "period_inferred": Field(Text(one_line=True), False, "why the period is inferred"),
    "country": Field(Ref("countries"), False, "the country it describes"),
    "topics": Field(SLUG_LIST["topics"], False, "topic slugs"),
    "cite": Field(CITE, True, "where the number comes from"),
    "dispute": Field(Ref("dispute"), False, "dispute id, when the figure is one side of one"),
}, name="figure", shared=True)

FIGURE_TABLE = {"figures": Field(ListOf(FIGURE, min_items=1), True, "the table's rows")}

SITE = {
    "title": Field(Text(one_line=True), True, "site title"),
    "description": Field(Text(), True, "what the site is, for the home page and metadata"),
    "site_url": Field(Url(), False, "absolute URL the site is published at"),
    "language": Field(Text(one_line=True), False, "BCP 47 language code of the site"),
    "languages": Field(ListOf(Text(one_line=True), min_items=1), False,
                       "the languages the site is published in, the default (at the root) first",
                       ["en", "es", "pt"],
                       more="the others are published under `/<code>/`, from translation files beside "
                            "the English ones (CONTRIBUTING.md); without it, only `language`"),
    "license": Field(Text(one_line=True), False, "licence of the site's own text and data, by name", "CC BY 4.0"),
    "license_url": Field(Url(), False, "where that licence is published", "https://creativecommons.org/licenses/by/4.0/"),
    "hub": Field(Ref("countries"), False,
                 "slug of the country every other one relates to (its page shows the overview)"),
    "brief": Field(Ref("topics"), False,
                   "slug of the topic page whose cited text opens the home page: the relationship in brief",
                   "relations-in-brief"),
    "map": Field(Struct({
        "title": Field(Text(one_line=True), True, "the region the map shows, in words"),
        "shapes": Field(Text(one_line=True), True,
                        "the shapes file, relative to the content folder (scripts/make_map_shapes.py makes it)"),
        "countries": Field(ListOf(Text(one_line=True)), True, "ISO 3166 codes drawn as linkable shapes"),
        "extent": Field(Struct({side: Field(Number(), True, f"{side} edge, in degrees")
                                for side in ("west", "east", "north", "south")}), True,
                        "the map's window"),
        "insets": Field(ListOf(Text(one_line=True)), False, "ISO codes drawn in a box of their own, not to scale"),
    }), False, "the map of the partner region on the home and countries pages"),
    "spelling_rules": Field(ListOf(Rewrite({
        "pattern": Field(Pattern(), True, "matched case-sensitively in each word of a name"),
        "replacement": Field(Text(one_line=True), True, "what a match becomes (`\\1` for its first group)"),
        "why": Field(Text(one_line=True), True, "the correspondence the rule follows, for the next editor"),
    })), False, "the other spellings of names that search should find: each rule, in order, adds the "
                "spelling it makes of each word of every name (and of the spellings earlier rules made)",
        more="variants go to the search index only and are never shown; accents are always also dropped "
             "(José -> Jose)"),
}

# Singular names, for URLs' readers and for `build.py new KIND`.
SINGULAR = {"countries": "country", "people": "person", "organizations": "organization",
            "events": "event", "sources": "source", "topics": "topic"}
KIND_TITLES = {"countries": "Countries", "people": "People", "organizations": "Organizations",
               "events": "Events", "sources": "Sources", "topics": "Topics"}
