"""Data downloads under data/: the whole graph as JSON, and CSV tables of
events, people's roles, figures and each partner country's key facts.

Each CSV's columns are defined once below, with a line of documentation that
the /data/ page shows. References are written as slugs (the page of slug s of
kind k is at k/s/), dates as in the content (dates.FORMS), lists joined
with "; "; a text cell a spreadsheet would take for a formula starts with
a ' (inert_cell). Rows follow a fixed order, so two builds
write the same bytes. Each table's rows come from the page plan (a table of
content reads plan.graph): the key facts are those the country pages show,
derived once by the plan (keyfacts.py), not derived again here.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from typing import Callable

from .dates import FORMS as DATE_FORMS, PartialDate
from .figures import figure_value
from .graph import Citation, Dispute, Entity, Figure, Graph
from .i18n import N_
from .model import KINDS
from .urls import Urls

FOLDER = "data/"
JSON_FILE = FOLDER + "graph.json"


@dataclass(frozen=True)
class Column:
    name: str
    doc: str
    value: Callable


@dataclass(frozen=True)
class Table:
    file: str
    title: str
    doc: str
    columns: tuple
    rows: Callable            # plan -> rows in output order


def _slug(entity) -> str:
    return entity.slug if entity is not None else ""


def _slugs(entities) -> str:
    return "; ".join(e.slug for e in entities)


def _date(date) -> str:
    return date.iso() if isinstance(date, PartialDate) else ""


def _sources(cites) -> str:
    return "; ".join(dict.fromkeys(c.source.slug for c in cites))


def _number(value) -> str:
    if value is None:
        return ""
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _day(day) -> str:
    return day.isoformat() if day else ""


EVENTS = Table("events.csv", N_("Events"), N_("One row per event, oldest first."), (
    Column("slug", N_("the event's page is events/SLUG/"), lambda e: e.slug),
    Column("title", N_("the event's name"), lambda e: e.title),
    Column("date", N_("when, at the precision the sources give"), lambda e: _date(e.date)),
    Column("start", N_("first day the date covers (YYYY-MM-DD)"), lambda e: _day(e.date.first_day())),
    Column("end", N_("last day the date covers (YYYY-MM-DD)"), lambda e: _day(e.date.last_day())),
    Column("date_inferred", N_("why the date is inferred, when it is"), lambda e: e.get("date_inferred", "")),
    Column("kind", N_("what sort of event (visit, consultations, ...)"), lambda e: e.subtype),
    Column("context", N_("'true' for context events outside the bilateral relations themselves"), lambda e: "true" if e.get("context") else ""),
    Column("place", N_("where, in words"), lambda e: e.get("place", "")),
    Column("countries", N_("slugs of the countries involved"), lambda e: _slugs(e.countries)),
    Column("people", N_("slugs of the people who took part"), lambda e: _slugs(p["person"] for p in e.get("people", []))),
    Column("organizations", N_("slugs of the organizations involved"), lambda e: _slugs(e.get("organizations", []))),
    Column("part_of", N_("slug of the larger event this belongs to"), lambda e: _slug(e.get("part_of"))),
    Column("summary", N_("one neutral sentence"), lambda e: e.get("summary", "")),
    Column("sources", N_("slugs of the source documents cited on the event's page"), lambda e: _sources(e.notes)),
), lambda plan: plan.graph.timeline)

ROLES = Table("roles.csv", N_("People's roles"), N_("One row per office a person held, by person then in the order the page lists them."), (
    Column("person", N_("the person's slug (page people/SLUG/)"), lambda r: r[0].slug),
    Column("name", N_("the person's name as the site writes it"), lambda r: r[0].title),
    Column("native_name", N_("the name in its own script and spelling"), lambda r: r[0].get("native_name", "")),
    Column("role", N_("the office"), lambda r: r[1]["title"]),
    Column("organization", N_("slug of the organization"), lambda r: _slug(r[1].get("organization"))),
    Column("country", N_("slug of the country"), lambda r: _slug(r[1].get("country"))),
    Column("start", N_("when the office began"), lambda r: _date(r[1].get("start"))),
    Column("end", N_("when it ended"), lambda r: _date(r[1].get("end"))),
    Column("as_of", N_("when a source attests the office"), lambda r: _date(r[1].get("as_of"))),
    Column("inferred", N_("why a date is inferred, when one is"), lambda r: "; ".join(
        r[1][f] for f in ("start_inferred", "end_inferred", "as_of_inferred") if r[1].get(f))),
    Column("sources", N_("slugs of the source documents cited"), lambda r: _sources(r[1]["cite"])),
), lambda plan: [(p, role) for p in sorted(plan.graph.by_kind["people"], key=lambda p: p.slug)
                 for role in p.roles])

FIGURES = Table("figures.csv", N_("Figures"), N_("One row per figure, by series, then period."), (
    Column("id", N_("the figure's id"), lambda f: f.id),
    Column("metric", N_("series key, e.g. trade-turnover"), lambda f: f.metric),
    Column("label", N_("what the number is, in words"), lambda f: f.label),
    Column("qualifier", N_("how exact the source says the value is: about, more than, less than, "
                        "at least; empty when it gives the value as exact"), lambda f: f.qualifier),
    Column("value", N_("the number as the source gives it"), lambda f: _number(f.value)),
    Column("unit", N_("unit of the value"), lambda f: f.unit),
    Column("change_pct", N_("growth the source states, in percent"), lambda f: _number(f.change_pct)),
    Column("period", N_("the period the number covers"), lambda f: _date(f.period)),
    Column("period_inferred", N_("why the period is inferred, when it is"), lambda f: f.period_inferred),
    Column("country", N_("slug of the country it describes"), lambda f: _slug(f.country)),
    Column("topics", N_("slugs of its topics"), lambda f: _slugs(f.topics)),
    Column("dispute", N_("id of the dispute it is one side of (see graph.json)"), lambda f: f.dispute.id if f.dispute else ""),
    Column("sources", N_("slugs of the source documents cited"), lambda f: _sources(f.cite)),
), lambda plan: plan.graph.figures)


# --- key facts: the box at the top of each partner country's page ------------------

NOT_STATED = "not stated in the sources"


@dataclass(frozen=True)
class KeyFactRow:
    """One line of a country's key-facts box: a fact of a row, or the row
    itself when the sources are silent (`fact` None)."""
    country: Entity
    row: object               # keyfacts.KeyFact
    fact: object = None       # keyfacts.Fact


def planned_key_facts(plan) -> list:
    """(country, its key-facts rows) as the plan made them for the country
    pages, by country slug."""
    found = [(page.context["page"], page.context["key_facts"]) for page in plan.pages
             if page.template == "country.html" and page.context.get("key_facts")
             and page.context["page"] is plan.graph.lookup.get(("countries", page.context["page"].slug))]
    # (the default language's pages: the others' boxes say the same in other words)
    return sorted(found, key=lambda item: item[0].slug)


def key_fact_rows(plan) -> list[KeyFactRow]:
    return [KeyFactRow(country, row, fact) for country, rows in planned_key_facts(plan)
            for row in rows for fact in (row.facts or (None,))]


def fact_text(fact) -> str:
    """A fact in words, as the box reads it: entities by their titles, dates
    at their precision, a figure with its qualifier and unit."""
    text = figure_value(fact.figure) if fact.figure is not None else ""
    for part in fact.parts:
        if isinstance(part, Entity):
            text += part.title
        elif isinstance(part, PartialDate):
            text += part.text()
        else:
            text += part
    return text


def fact_links(fact) -> list[str]:
    """The pages a fact links, as site-relative paths (kind/slug/)."""
    return list(dict.fromkeys(p.path for p in fact.parts if isinstance(p, Entity)))


def _quotes(cites) -> str:
    """One line per citation, 'source-slug: quote', its whitespace collapsed
    so a line break only ever separates two citations."""
    return "\n".join(f"{c.source.slug}: {' '.join(c.quote.split())}" for c in cites)


def _fact(value: Callable) -> Callable:
    """A column of the fact; empty on a row the sources are silent on."""
    return lambda r: value(r.fact) if r.fact is not None else ""


KEY_FACTS = Table("key-facts.csv", N_("Key facts"), N_("One row per fact of each partner country's key-facts box, "
                  "by country slug, then in the box's order; a row the sources are silent on is one line "
                  "whose status is 'not stated in the sources'."), (
    Column("country", N_("slug of the partner country (page countries/SLUG/)"), lambda r: r.country.slug),
    Column("label", N_("the box's row, e.g. 'Diplomatic relations established'"), lambda r: r.row.label),
    Column("value", N_("the fact in words, as the page shows it; empty when the sources are silent"),
           _fact(fact_text)),
    Column("status", N_("'cited' (the fact rests on the citations given), or 'not stated in the sources'"),
           lambda r: "cited" if r.fact is not None else NOT_STATED),
    Column("inferred", N_("why the fact's date is inferred, when it is"), _fact(lambda f: f.inferred)),
    Column("dispute", N_("id of the dispute where the sources disagree (see graph.json)"),
           _fact(lambda f: f.dispute.id if f.dispute else "")),
    Column("figure", N_("id of the figure the fact gives (see figures.csv)"),
           _fact(lambda f: f.figure.id if f.figure is not None else "")),
    Column("links", N_("the pages the fact names, as paths (people/SLUG/, events/SLUG/, ...)"),
           _fact(lambda f: "; ".join(fact_links(f)))),
    Column("sources", N_("slugs of the source documents cited"), _fact(lambda f: _sources(f.cite))),
    Column("quotes", N_("the quoted passages, one line per citation: the source's slug, a colon, the quote"),
           _fact(lambda f: _quotes(f.cite))),
), key_fact_rows)

TABLES = (EVENTS, ROLES, FIGURES, KEY_FACTS)


def csv_text(table: Table, plan) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")   # RFC 4180 line ends
    writer.writerow([c.name for c in table.columns])
    for row in table.rows(plan):
        writer.writerow([inert_cell(c.value(row)) for c in table.columns])
    return out.getvalue()


# A cell a spreadsheet would run as a formula ("=HYPERLINK(...)", "@SUM(...)",
# "-2+3" or one behind a tab or carriage return): OWASP's advice on CSV
# injection is to start it with a single quote, which the spreadsheet shows as
# text. A plain number ("-12", "-0.5") is no formula and stays a number.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def inert_cell(value: str) -> str:
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


# --- the whole graph as JSON ---------------------------------------------------

def jsonable(value):
    """A resolved content value back in content terms: entities as slugs,
    dates as text, citations as {source, quote, note}."""
    if isinstance(value, Entity):
        return value.slug
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, Citation):
        return {"source": value.source.slug, "quote": value.quote, **({"note": value.note} if value.note else {})}
    if isinstance(value, Dispute):
        return value.id
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items() if not k.startswith("_")}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def entity_record(entity: Entity, urls: Urls) -> dict:
    record = {"slug": entity.slug, "path": entity.path}
    if urls.has_site_url:
        record["url"] = urls.absolute(entity.path)
    record.update({name: jsonable(entity.data[name]) for name in KINDS[entity.kind]
                   if name in entity.data})
    record["body_markdown"] = entity.body.strip()
    return record


def figure_record(fig: Figure) -> dict:
    record = {"id": fig.id, "table": fig.table, "label": fig.label, "metric": fig.metric,
              "qualifier": fig.qualifier, "value": fig.value, "unit": fig.unit, "change_pct": fig.change_pct,
              "period": jsonable(fig.period), "period_inferred": fig.period_inferred,
              "country": jsonable(fig.country), "topics": jsonable(fig.topics),
              "dispute": jsonable(fig.dispute), "cite": jsonable(fig.cite)}
    return {k: v for k, v in record.items() if v not in (None, "", [])}


def key_facts_record(country: Entity, rows) -> dict:
    return {"country": country.slug, "rows": [
        {"label": row.label, "status": "cited" if row.facts else NOT_STATED,
         "facts": [{k: v for k, v in {
             "text": fact_text(f), "links": fact_links(f), "inferred": f.inferred,
             "dispute": jsonable(f.dispute), "figure": f.figure.id if f.figure is not None else None,
             "cite": jsonable(list(f.cite))}.items() if v not in (None, "", [])}
             for f in row.facts]}
        for row in rows]}


# The translated labels graph.json adds to each entity, as `title_es`, `summary_es`
# (only where the translation gives one: what stays English is not repeated).
TRANSLATED_KEYS = ("title", "summary")


def translated_labels(entity: Entity, others: dict) -> dict:
    labels = {}
    for lang, graph in others.items():
        local = graph.lookup[(entity.kind, entity.slug)]
        labels.update({f"{key}_{lang}": local.data[key] for key in TRANSLATED_KEYS
                       if key in local.data and (key,) not in local.english and local.data[key] != entity.data.get(key)})
    return labels


def graph_json(plan, urls: Urls) -> str:
    """The default language's graph, with the other languages' labels added."""
    graph = plan.graph
    others = {lang: g for lang, g in (plan.graphs or {}).items() if g is not graph}
    record = (lambda e: {**entity_record(e, urls), **translated_labels(e, others)}) if others else \
        (lambda e: entity_record(e, urls))
    data = {
        "site": {k: graph.site[k] for k in ("title", "description", "site_url", "language",
                                            "license", "license_url") if graph.site.get(k)},
        "note": "References are slugs: the page of slug S of kind K is at K/S/. "
                f"Dates keep their precision: {DATE_FORMS}.",
        "entities": {kind: [record(e) for e in sorted(graph.by_kind[kind], key=lambda e: e.slug)]
                     for kind in KINDS},
        "figures": [figure_record(f) for f in graph.figures],
        "disputes": [{"id": d.id, "on": d.owner.path, "summary": d.summary,
                      "claims": jsonable(d.claims), "figures": [f.id for f in d.figures]}
                     for d in sorted(graph.disputes.values(), key=lambda d: d.id)],
        "key_facts": [key_facts_record(country, rows) for country, rows in planned_key_facts(plan)],
    }
    # compact: without indent json uses its C encoder (3x faster on a large site)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def downloads(plan, urls: Urls) -> dict[str, str]:
    files = {JSON_FILE: graph_json(plan, urls)}
    files.update({FOLDER + t.file: csv_text(t, plan) for t in TABLES})
    return files
