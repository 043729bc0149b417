"""The content model: every kind's fields, defined once.

The validator, the JSON Schemas and `build.py new` all read these specs, so a
field added here is checked, documented in the schema and scaffolded at once.
"""
from __future__ import annotations

from dataclasses import dataclass


# What `build.py new` writes for a required field; `check` reports it until replaced.
FILL_ME = "FILL-ME"


# --- field types --------------------------------------------------------------

@dataclass(frozen=True)
class Text:
    """A string; `one_line` forbids line breaks."""
    one_line: bool = False


@dataclass(frozen=True)
class Url:
    """An absolute http(s) URL: pages link to it, so no other scheme may pass."""


@dataclass(frozen=True)
class Number:
    pass


@dataclass(frozen=True)
class Bool:
    pass


@dataclass(frozen=True)
class Date:
    """A date with precision, in any of dates.FORMS."""


@dataclass(frozen=True)
class Choice:
    values: tuple


@dataclass(frozen=True)
class Ref:
    """The slug of an entity of `kind` (or a dispute id when kind is 'dispute')."""
    kind: str


@dataclass(frozen=True)
class ListOf:
    item: object
    min_items: int = 0


@dataclass(frozen=True)
class OneOrList:
    """One item, or a list of them (used for `cite`)."""
    item: object


@dataclass(frozen=True)
class Struct:
    fields: dict


@dataclass(frozen=True)
class Field:
    type: object
    required: bool = False
    doc: str = ""
    example: object = None


# --- shared building blocks ----------------------------------------------------

CITATION = Struct({
    "source": Field(Ref("sources"), True, "slug of the source document", "report-interview-peru-ambassador"),
    "quote": Field(Text(), True, "a short quote, copied exactly from the document"),
    "note": Field(Text(one_line=True), False, "what the quote supports, if not obvious"),
})
CITE = OneOrList(CITATION)

CLAIM = Struct({
    "text": Field(Text(), True, "the claim, in the site's neutral words"),
    "cite": Field(CITE, True, "where the claim comes from"),
})

DISPUTE = Struct({
    "id": Field(Text(one_line=True), True, "unique id across the site, used by `dispute:` fields"),
    "summary": Field(Text(), True, "one sentence on what differs"),
    "claims": Field(ListOf(CLAIM, min_items=2), True, "the claims that disagree, each cited"),
})

# The editorial warnings `check` lists (editorial.py); `acknowledge` names them.
WARNINGS = ("no-source-text", "long-quote", "quoted-share", "asserting-word")

SLUG_LIST = {kind: ListOf(Ref(kind)) for kind in
             ("countries", "people", "organizations", "events", "sources", "topics")}

COMMON = {
    "title": Field(Text(one_line=True), True, "display name"),
    "short_title": Field(Text(one_line=True), False, "a shorter name for the browser tab, link previews and lists, when the title is long (the page heading keeps the title)"),
    "summary": Field(Text(one_line=True), False, "one neutral sentence for lists and the page description"),
    "aliases": Field(ListOf(Text(one_line=True)), False, "other names and spellings the sources use"),
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
    "direction": Field(Choice(("azerbaijan-in-country", "country-in-azerbaijan")), True,
                       "whose mission, where"),
    "status": Field(Choice(("resident", "non-resident", "planned", "none", "reported")), True,
                    "resident embassy, non-resident accreditation, ..."),
    "text": Field(Text(), True, "what the source says, in neutral words"),
    "cite": Field(CITE, True, "where it comes from"),
    "dispute": Field(Ref("dispute"), False, "dispute id, when this is one side of one"),
})

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
})

PARTICIPANT = Struct({
    "person": Field(Ref("people"), True, "person slug"),
    "role": Field(Text(one_line=True), False, "what they did at this event"),
})

EVENT_KINDS = ("visit", "consultations", "meeting", "lecture", "credentials", "interview",
               "working-group", "commemoration", "agreement", "purchase", "summit",
               "conflict", "inauguration", "statement", "reported-outcome", "other")

ORG_KINDS = ("multilateral", "grouping", "company", "media", "university", "parliament",
             "friendship-group", "ministry", "government", "corridor", "port", "project",
             "other")

KINDS: dict[str, dict] = {
    "countries": _kind(
        iso_code=Field(Text(one_line=True), True, "ISO 3166-1 alpha-2 code", "PE"),
        region=Field(Text(one_line=True), False, "UN M49 region", "South America"),
        capital=Field(Text(one_line=True), False, "capital city, where a source names it"),
        partner=Field(Bool(), False, "false for Azerbaijan and third countries; default true"),
        presence=Field(ListOf(PRESENCE), False, "diplomatic presence, both directions"),
    ),
    "people": _kind(
        native_name=Field(Text(one_line=True), False, "name in its own script and spelling"),
        countries=Field(SLUG_LIST["countries"], False, "countries the person serves or represents"),
        roles=Field(ListOf(ROLE), False, "offices held, each with dates and a citation"),
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
        context=Field(Bool(), False, "true for context events that timelines can hide"),
        place=Field(Text(one_line=True), False, "where, in words", "Lima"),
        countries=Field(ListOf(Ref("countries"), min_items=1), True, "countries involved"),
        people=Field(ListOf(PARTICIPANT), False, "who took part, and as what"),
        organizations=Field(SLUG_LIST["organizations"], False, "organizations involved"),
        organizers=Field(SLUG_LIST["organizations"], False, "organizations a source names as organizing or hosting it"),
        part_of=Field(Ref("events"), False, "the larger event this belongs to"),
    ),
    "sources": _kind(
        file=Field(Text(one_line=True), True, "file name in the source collection"),
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
    "metric": Field(Text(one_line=True), True, "series key, e.g. trade-turnover"),
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
})

FIGURE_TABLE = {"figures": Field(ListOf(FIGURE, min_items=1), True, "the table's rows")}

SITE = {
    "title": Field(Text(one_line=True), True, "site title"),
    "description": Field(Text(), True, "what the site is, for the home page and metadata"),
    "site_url": Field(Url(), False, "absolute URL the site is published at"),
    "language": Field(Text(one_line=True), False, "BCP 47 language code of the site"),
    "license": Field(Text(one_line=True), False, "licence of the site's own text and data, by name", "CC BY 4.0"),
    "license_url": Field(Url(), False, "where that licence is published", "https://creativecommons.org/licenses/by/4.0/"),
    "hub": Field(Ref("countries"), False,
                 "slug of the country every other one relates to (its page shows the overview)", "azerbaijan"),
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
}

# Singular names, for URLs' readers and for `build.py new KIND`.
SINGULAR = {"countries": "country", "people": "person", "organizations": "organization",
            "events": "event", "sources": "source", "topics": "topic"}
KIND_TITLES = {"countries": "Countries", "people": "People", "organizations": "Organizations",
               "events": "Events", "sources": "Sources", "topics": "Topics"}
