"""Stage 3: one cross-linked graph, built once.

References become objects, backlinks and timelines are computed here, and
every citation gets its number on each page that shows it. Templates only
read from this graph.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pathlib import Path

from .dates import PartialDate
from .load import Content, Document
from .model import FIGURE, KINDS, Struct
from .reference import iso_country
from .syntax import CITE_MARK, wiki_targets

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
    root: Path | None = None       # the content folder, which site.yml's paths are relative to
    # views derived once per graph for the plan, by (name, entity): keyfacts.cite_partner_facts
    derived: dict = field(default_factory=dict, repr=False, compare=False)

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
    graph = Graph(site, by_kind, lookup, events, sorted(figures, key=_figure_order), disputes,
                  content.root)
    # A partner's key facts number the citations they draw from other pages
    # among its notes: done here, so that planning only reads the graph.
    from .keyfacts import cite_partner_facts   # (keyfacts reads this module)
    cite_partner_facts(graph)
    return graph


def _resolve(lookup: dict) -> dict:
    """Resolve every entity's fields and prose links; collect backlinks and disputes."""
    mentions: dict[Entity, set] = defaultdict(set)
    disputes: dict[str, Dispute] = {}
    for entity in lookup.values():
        entity.data = _Resolver(lookup, entity, mentions).fields(entity.doc.meta, KINDS[entity.kind])
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


def body_facts(body: str) -> tuple:
    """What the graph derives from a body: the pages it links (backlinks) and
    the order of its citation marks (which numbers the page's notes). A body
    edit that keeps these changes nothing but its own rendering."""
    return (frozenset(wiki_targets(body)), tuple(CITE_MARK.findall(body)))


def can_patch_body(entity: Entity, doc: Document) -> bool:
    """Whether the entity can take its document's new body in place: the
    edit leaves the graph as it was (same front matter, same body facts)."""
    return doc.meta == entity.doc.meta and body_facts(doc.body) == body_facts(entity.body)


def patch_body(entity: Entity, doc: Document) -> None:
    entity.doc, entity.body = doc, doc.body


class _Resolver:
    """What a field type's `resolve` is given (model.py): slugs become entities
    (mentions of the entity resolved, when there is one), cites become
    Citations, numbered among the entity's notes."""

    def __init__(self, lookup: dict, entity: Entity | None = None, mentions: dict | None = None):
        self.entity = entity
        self.lookup = lookup
        self.mentions = mentions
        self.refs: set = set()

    def fields(self, value: dict, fields: dict) -> dict:
        out = Struct(fields).resolve(value, self, ())
        out["_refs"] = self.refs
        return out

    def value(self, value, kind, path: tuple):
        return kind.resolve(value, self, path)

    def target(self, kind: str, slug: str) -> Entity:
        target = self.lookup[(kind, slug)]
        if self.entity is not None and target is not self.entity:
            self.refs.add(target)
            self.mentions[target].add(self.entity)
        return target

    def citation(self, value: dict, path: tuple) -> Citation:
        citation = Citation(self.lookup[("sources", value["source"])],
                            value["quote"].strip(), value.get("note", ""))
        if self.entity is not None:
            self.entity.notes.add(path[0], citation)
        return citation


def _figure(row: dict, table: Document, lookup: dict) -> Figure:
    """A figure table's row, resolved by the model; its notes go on the pages
    it is shown on (_attach_figures)."""
    return Figure(**FIGURE.resolve(row, _Resolver(lookup), ("figures",)), table=table.slug)
