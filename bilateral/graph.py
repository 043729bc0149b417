"""Stage 3: one cross-linked graph, built once.

References become objects, backlinks and timelines are computed here, and
every citation gets its number on each page that shows it. Templates only
read from this graph.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from . import timeline
from .dates import PartialDate, parse_date
from .load import Content, Document
from .model import (KINDS, CITATION, Date, ListOf, OneOrList, Ref, Struct)
from .reference import iso_country
from .validate import CITE_MARK, WIKI_LINK

# The order numbered notes follow on a page: prose first, then the sections
# in the order the templates show them.
NOTE_SECTIONS = ("body", "citations", "presence", "roles", "figures", "disputes")


@dataclass(frozen=True)
class Citation:
    source: "Entity"
    quote: str
    note: str = ""


class Notes:
    """A page's numbered citations; one number per distinct (source, quote)."""

    def __init__(self):
        self._pending: list[tuple[int, Citation]] = []
        self.items: list[Citation] = []
        self._numbers: dict[tuple, int] = {}

    def add(self, section: str, citation: Citation) -> None:
        rank = NOTE_SECTIONS.index(section) if section in NOTE_SECTIONS else len(NOTE_SECTIONS)
        self._pending.append((rank, citation))

    def finish(self) -> None:
        for _, citation in sorted(self._pending, key=lambda p: p[0]):  # stable within a section
            key = (citation.source.slug, citation.quote)
            if key not in self._numbers:
                self.items.append(citation)
                self._numbers[key] = len(self.items)
        self._pending = []

    def number(self, citation: Citation) -> int:
        return self._numbers[(citation.source.slug, citation.quote)]

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)


class Entity:
    """A page-making entity. Fields read like attributes: `event.countries`."""

    def __init__(self, doc: Document):
        self.kind = doc.kind
        self.slug = doc.slug
        self.doc = doc
        self.body = doc.body
        self.data: dict = {}
        self.notes = Notes()
        self.mentioned_in: list[Entity] = []   # entities whose fields or prose refer here
        self.cited_by: list[Entity] = []       # sources: pages that cite this document
        self.timeline: list[Entity] = []       # events among mentioned_in, by date
        self.figures: list[Figure] = []
        self.children: list[Entity] = []       # events: the events that are part of this one

    @property
    def title(self) -> str:
        return self.data.get("title", self.slug)

    @property
    def subtype(self) -> str:
        """The `kind` field (event kind, organization kind, source kind): `entity.kind`
        is the entity's folder, so templates read this instead."""
        return self.data.get("kind", "")

    @property
    def path(self) -> str:
        return f"{self.kind}/{self.slug}/"

    def __getattr__(self, name):
        try:
            return self.__dict__["data"][name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, name):
        return self.data[name]

    def get(self, name, default=None):
        return self.data.get(name, default)

    def __repr__(self) -> str:
        return f"<{self.kind}/{self.slug}>"


@dataclass
class Figure:
    id: str
    label: str
    metric: str
    value: float
    unit: str
    cite: list
    change_pct: float | None = None
    qualifier: str = ""
    period: PartialDate | None = None
    period_inferred: str = ""
    country: Entity | None = None
    topics: list = field(default_factory=list)
    dispute: "Dispute | None" = None
    table: str = ""


@dataclass
class Dispute:
    id: str
    summary: str
    claims: list          # dicts: text, cite (list of Citation)
    owner: Entity
    figures: list = field(default_factory=list)


@dataclass
class Graph:
    site: dict
    by_kind: dict                  # kind -> entities sorted by title
    lookup: dict                   # (kind, slug) -> entity
    timeline: list                 # every event, chronological
    figures: list
    disputes: dict                 # id -> Dispute
    timeline_views: dict = field(default_factory=dict)  # facet -> its filtered views (timeline.views)

    def get(self, kind: str, slug: str) -> Entity:
        return self.lookup[(kind, slug)]

    def entities(self):
        for kind in KINDS:
            yield from self.by_kind.get(kind, [])


def sort_title(entity: Entity) -> tuple:
    return (entity.title.casefold(), entity.slug)


KIND_ORDER = {kind: i for i, kind in enumerate(KINDS)}


def kind_then_title(entity: Entity) -> tuple:
    return (KIND_ORDER[entity.kind], sort_title(entity))


def event_order(event: Entity) -> tuple:
    return (event.data["date"].sort_key(), event.title.casefold(), event.slug)


def build_graph(content: Content) -> Graph:
    """Build the graph from validated content (validate first: this trusts it)."""
    lookup = {(doc.kind, doc.slug): Entity(doc) for doc in content.documents}
    disputes = _resolve(lookup)
    figures = _attach_figures(content, lookup, disputes)
    events = sorted((e for e in lookup.values() if e.kind == "events"), key=event_order)
    _link_timelines(lookup, events)
    by_kind = {kind: sorted((e for e in lookup.values() if e.kind == kind), key=sort_title)
               for kind in KINDS}
    for country in by_kind["countries"]:
        country.data["iso"] = iso_country(country.data["iso_code"])
        country.data.setdefault("partner", True)
    site = dict(content.site.meta) if content.site else {}
    graph = Graph(site, by_kind, lookup, events, sorted(figures, key=_figure_order), disputes)
    graph.timeline_views = timeline.views(graph)
    return graph


def _resolve(lookup: dict) -> dict:
    """Resolve every entity's fields and prose links; collect backlinks and disputes."""
    mentions: dict[Entity, set] = defaultdict(set)
    disputes: dict[str, Dispute] = {}
    for entity in lookup.values():
        resolver = _Resolver(entity, lookup, mentions)
        entity.data = resolver.struct(entity.doc.meta, KINDS[entity.kind], ())
        for match in CITE_MARK.finditer(entity.body):  # prose notes number in reading order
            entity.notes.add("body", entity.data["citations"][int(match.group(1)) - 1])
        for slug_kind, slug in wiki_targets(entity.body):
            target = lookup.get((slug_kind, slug))
            if target is not None and target is not entity:
                mentions[target].add(entity)
        for raw in entity.data.get("disputes", []):
            disputes[raw["id"]] = Dispute(raw["id"], raw["summary"], raw["claims"], entity)
    for entity, sources in mentions.items():
        entity.mentioned_in = sorted(sources, key=kind_then_title)
    for entity in lookup.values():
        for raw in entity.data.get("presence", []):
            if raw.get("dispute"):
                raw["dispute"] = disputes[raw["dispute"]]
    return disputes


def _attach_figures(content: Content, lookup: dict, disputes: dict) -> list:
    """Figures from the data tables, on the pages of their country and topics."""
    figures = [_figure(row, table, lookup) for table in content.tables
               for row in table.meta["figures"]]
    for fig in figures:
        fig.dispute = disputes.get(fig.dispute) if fig.dispute else None
        if fig.dispute:
            fig.dispute.figures.append(fig)
        for page in filter(None, [fig.country, *fig.topics]):
            page.figures.append(fig)
            for citation in fig.cite:
                page.notes.add("figures", citation)
    return figures


def _link_timelines(lookup: dict, events: list) -> None:
    """Timelines, sub-events, numbered notes and the pages citing each source."""
    # Each event files itself under what it refers to, in chronological order:
    # one pass over the events, not a scan of all events per entity.
    timelines: dict[Entity, list] = defaultdict(list)
    for event in events:
        for target in event.data.get("_refs", ()):
            timelines[target].append(event)
        parent = event.data.get("part_of")
        if parent is not None:
            parent.children.append(event)
    for entity in lookup.values():
        entity.timeline = timelines.get(entity, [])
        entity.figures.sort(key=_figure_order)
        entity.notes.finish()
        for citation in entity.notes:
            citation.source.cited_by.append(entity)
    for entity in lookup.values():
        entity.cited_by = sorted(set(entity.cited_by), key=kind_then_title)


def _figure_order(fig: Figure) -> tuple:
    """By metric, then period; a figure without a period follows the dated
    ones of its metric (a date and no date cannot be compared)."""
    undated = fig.period is None
    return (fig.metric, undated, () if undated else fig.period.sort_key(), fig.id)


def wiki_targets(body: str):
    for match in WIKI_LINK.finditer(body):
        yield match.group(1), match.group(2).strip()


class _Resolver:
    """Walks one entity's fields by the model, turning slugs into entities,
    dates into PartialDates and cites into Citations (registered as notes)."""

    def __init__(self, entity: Entity, lookup: dict, mentions: dict):
        self.entity = entity
        self.lookup = lookup
        self.mentions = mentions
        self.refs: set = set()

    def struct(self, value: dict, fields: dict, path: tuple) -> dict:
        out = {}
        for name, spec in fields.items():
            if value.get(name) in (None, ""):
                if isinstance(spec.type, ListOf):
                    out[name] = []  # absent lists read as empty, so templates need no guards
                continue
            out[name] = self.value(value[name], spec.type, path + (name,))
        if not path:
            out["_refs"] = self.refs
        return out

    def value(self, value, kind, path):
        if kind == CITATION:
            citation = Citation(self.lookup[("sources", value["source"])],
                                value["quote"].strip(), value.get("note", ""))
            self.entity.notes.add(path[0], citation)
            return citation
        if isinstance(kind, Struct):
            return self.struct(value, kind.fields, path)
        if isinstance(kind, OneOrList):
            items = value if isinstance(value, list) else [value]
            return [self.value(item, kind.item, path) for item in items]
        if isinstance(kind, ListOf):
            return [self.value(item, kind.item, path + (i,)) for i, item in enumerate(value)]
        if isinstance(kind, Date):
            return parse_date(value)
        if isinstance(kind, Ref):
            if kind.kind == "dispute":
                return value  # resolved once every dispute is known
            target = self.lookup[(kind.kind, value)]
            if target is not self.entity:
                self.refs.add(target)
                self.mentions[target].add(self.entity)
            return target
        return value.strip() if isinstance(value, str) else value


def _figure(row: dict, table: Document, lookup: dict) -> Figure:
    def cite(c):
        return Citation(lookup[("sources", c["source"])], c["quote"].strip(), c.get("note", ""))

    cites = row["cite"] if isinstance(row["cite"], list) else [row["cite"]]
    return Figure(
        id=row["id"], label=row["label"], metric=row["metric"], value=row["value"],
        unit=row["unit"], cite=[cite(c) for c in cites], change_pct=row.get("change_pct"),
        qualifier=row.get("qualifier", ""),
        period=parse_date(row["period"]) if row.get("period") else None,
        period_inferred=row.get("period_inferred", ""),
        country=lookup[("countries", row["country"])] if row.get("country") else None,
        topics=[lookup[("topics", t)] for t in row.get("topics", [])],
        dispute=row.get("dispute"), table=table.slug,
    )
