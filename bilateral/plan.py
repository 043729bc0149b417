"""The page plan: every page of the site, what it shows, and what it depends on.

The layer between the graph and the templates. Each family of pages (the
special pages, the index pages, the entity pages, the timeline and its
views) has one function here that makes its pages. A page is a path, a
template and a context that holds everything the page shows, already
derived: templates only format their context. The renderer, the sitemap,
the data page and the live preview all read this one plan.

Each page also says what it depends on, as tokens:

- `(kind, slug)`: an entity's front matter;
- `("body", kind, slug)`: an entity's Markdown body;
- `FIGURES`: the figure tables;
- `EVERYTHING`: every entity's front matter and every figure, for the pages
  that sum up the whole site (home, indexes, the timeline and its views).

An entity page's tokens are read off its context (`depends_on`): every
entity in it, each row of every timeline in it (the event, its countries and
its people, which the row names), every figure, and the page's own entity
with whatever its fields refer to and the sources of its notes. One walk
(`Shown`) reads a context for both this and the links a page already shows
above its "Mentioned in" list (backlinks.py). Bodies are
formatted by the templates' `body` filter, never derived into a context, so
an edit to a body that leaves the graph as it was needs no new plan.
site.yml and the templates are read by every page: a change to either
re-renders everything. The preview (incremental.py) re-renders exactly the
pages whose tokens an edit touches; tests/test_incremental.py checks, with
random edits, that this equals a full build.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from itertools import groupby

from . import (about, backlinks, charts, export, glance, i18n, keyfacts, latest, paginate, people as people_view,
               relations, search, searchnames, sourcefacts, spelling, timeline, timestrip, wayfinding)
from .graph import Citation, Entity, Figure, Graph, event_order
from .i18n import gettext as _
from .model import KINDS, SINGULAR
from .timeline import PartOf
from .urls import index_path, page_path, timeline_path
from .worldmap import map_model

FIGURES = ("figures",)
EVERYTHING = ("everything",)

LATEST_COUNT = 10   # rows of the home page's latest events

TEMPLATES = {kind: f"{singular}.html" for kind, singular in SINGULAR.items()}


class Page:
    """A page to make: its site-relative `path` ('' for home, 'people/x/',
    '404.html'), its `template`, its `context` and its dependency tokens
    (`deps`), and its `lang` once plan_languages has placed it.

    A page planned with `make` (the entity and timeline pages, most of a
    site) derives its context and tokens only when first asked: a build
    asks in the render workers, so planning them runs on every core, and
    never asks for tokens, which only the preview reads. `make()` returns
    (context, a function giving the tokens)."""

    def __init__(self, path: str, template: str, context: dict | None = None,
                 deps: frozenset = frozenset({EVERYTHING}), *, make=None, about: Entity | None = None):
        self.path, self.template, self.lang = path, template, None
        self.about = about if about is not None else (context or {}).get("page")   # the page's entity
        self._context, self._deps, self._make = context if context is not None else {}, deps, make
        self._words = i18n.current()   # a page planned later is worded as if planned now

    @property
    def context(self) -> dict:
        if self._make is not None:
            with i18n.language(self._words):
                context, self._deps = self._make()
            self._context = {**context, "lang": self.lang} if self.lang else context
            self._make = None
        return self._context

    @property
    def deps(self) -> frozenset:
        deps = self._deps
        if type(deps) is frozenset and self._make is None:   # known: the preview asks for every page's
            return deps
        self.context   # noqa: B018 (derives a page planned for later)
        if callable(self._deps):
            self._deps = self._deps()
        return self._deps

    def in_language(self, lang: str, prefix: str) -> None:
        """Place the page in its language: under the language's prefix, and
        derived (now or later) with that language's words."""
        self.lang, self.path, self._words = lang, prefix + self.path, lang
        if self._make is None:
            self._context["lang"] = lang

    def __repr__(self) -> str:
        return f"Page({self.path!r}, {self.template!r})"


@dataclass
class Plan:
    graph: Graph
    pages: list
    graphs: dict = field(default_factory=dict)   # {language: graph}, the default first (languages.py)
    _touched: object = field(default=None, repr=False, compare=False)

    @property
    def paths(self) -> list[str]:
        return [page.path for page in self.pages]

    def derive(self) -> Plan:
        """Every page's context and tokens derived now, in this process (the
        preview keeps them between edits)."""
        for page in self.pages:
            page.deps   # noqa: B018
        return self

    def touched(self, tokens: dict) -> list:
        """The pages a change can change (Touched), in plan order."""
        if self._touched is None:
            self._touched = Touched(self.pages)
        return self._touched.pages(tokens)


@dataclass(frozen=True)
class Rows:
    """A timeline as the page shows it: its events as rows (each names the
    event's countries and people, but `exclude`, the page's own entity);
    `filterable` rows carry facet data for static/timeline.js."""
    events: tuple
    exclude: Entity | None = None
    filterable: bool = False

    def __bool__(self) -> bool:
        return bool(self.events)

    # The larger events the rows name ("part of ..."), not being on this
    # timeline themselves: the page links them (see backlinks.py).
    named: tuple = field(init=False, compare=False)

    def __post_init__(self):
        # The rows as timeline.Entries, each sub-event under its larger event:
        # `dated`, grouped by year on the page (latest.py: an open range is no
        # date), and `background`, the undated ones shown apart. Attributes,
        # not fields: the context walkers (depends_on, backlinks) read each
        # event once, from `events`.
        dated = timeline.nest(latest.dated(self.events), self.exclude)
        background = timeline.nest(latest.background(self.events), self.exclude)
        object.__setattr__(self, "dated", dated)
        object.__setattr__(self, "background", background)
        object.__setattr__(self, "named", timeline.named(dated + background))
        # the dated rows by year, as the page heads them: (year, its rows), years ascending
        by_year = sorted(dated, key=lambda entry: entry.event.date.year)
        object.__setattr__(self, "years", tuple((year, tuple(group)) for year, group in
                                                groupby(by_year, key=lambda entry: entry.event.date.year)))


def plan_site(graph: Graph) -> Plan:
    views = timeline.views(graph)
    return Plan(graph, [*special_pages(graph), *index_pages(graph, views),
                        *entity_pages(graph), *timeline_pages(graph, views)])


# --- page families ---------------------------------------------------------------

def special_pages(graph: Graph) -> list[Page]:
    partners = relations.partners(graph)
    home = {"partners": partners,
            "others": [c for c in graph.by_kind["countries"] if not c.partner],
            "latest": latest.latest(graph.timeline, LATEST_COUNT),
            "world_map": map_model(graph), "sources": about.summary(graph), **_glance(graph)}
    data = {"tables": export.TABLES, "json_file": export.JSON_FILE}
    hub = relations.hub(graph)
    visits = {"hub": hub, "records": keyfacts.by_country(graph, hub) if hub else []}
    return [Page("", "home.html", home), Page("404.html", "404.html"),
            Page("visits/", "visits.html", visits),
            Page("about/", "about.html", {"sources": about.summary(graph)}),
            Page("search/", "search.html", {**searchnames.search_page(graph),
                                             "ranking": search.RANKING}), Page("data/", "data.html", data)]


def _glance(graph: Graph) -> dict:
    hub = relations.hub(graph)
    if hub is None:
        return {"brief": None, "numbers": [], "key_people": [], "start_here": glance.start_here(graph)}
    return {"brief": glance.brief(graph), "numbers": glance.key_numbers(graph, hub),
            "key_people": glance.key_people(graph, hub), "start_here": glance.start_here(graph)}


def index_pages(graph: Graph, views: dict) -> list[Page]:
    pages = []
    for kind in KINDS:
        context = {"kind": kind, "entries": graph.by_kind[kind], "pager": None}
        if kind == "countries":
            context.update(world_map=map_model(graph), overview=relations.overview(graph),
                           presence_categories=relations.categories(graph))
        if kind == "people":
            context.update(people_view.index(graph))
        if kind == "events":   # an index by kind; the timeline is the list by date
            context["entries"] = latest.dated(graph.timeline) + latest.background(graph.timeline)
            context["by_kind"] = views["kind"]
            context["kind_lists"] = {v.value: paginate.bound(v.events, paginate.LIST_ENTRIES, v.link)
                                     for v in views["kind"]}   # (shown, cut) each: the long ones cut
        if kind == "people":
            pages += people_pages(context)
            continue
        pages.append(Page(f"{kind}/", "index.html", context))
    return pages


def people_pages(context: dict) -> list[Page]:
    """The people index: one page, or, with more people than an index lists
    (paginate.LIST_ENTRIES), pages of that many by surname, each grouping
    its own people by country; the first at 'people/'."""
    everyone = context["entries"]
    size = paginate.LIST_ENTRIES
    if len(everyone) <= size:
        return [Page("people/", "index.html", context)]
    chunks = [everyone[i:i + size] for i in range(0, len(everyone), size)]
    paths = [index_path("people", n) for n in range(1, len(chunks) + 1)]
    links = tuple(paginate.PageLink(f"{n}", path, len(chunk))
                  for n, (chunk, path) in enumerate(zip(chunks, paths), 1))
    pages = []
    for n, (chunk, path) in enumerate(zip(chunks, paths)):
        mine = set(chunk)
        by_country = [(c, [p for p in ps if p in mine]) for c, ps in context["by_country"]]
        pages.append(Page(path, "index.html", {
            **context, "entries": chunk, "by_country": [(c, ps) for c, ps in by_country if ps],
            "unplaced": [p for p in context["unplaced"] if p in mine],
            "pager": paginate.Pager(links, n, "people")}))
    return pages


def timeline_pages(graph: Graph, views: dict) -> list[Page]:
    """The site timeline and each pre-built view, each split into pages
    when long (paginate.py): the strip on the first page only, its marks
    leading to the page that holds their year."""
    centre = relations.hub(graph)
    countries = [c for c in graph.by_kind["countries"] if c is not centre]
    unlisted = frozenset(facet for facet, values in views.items() if len(values) > paginate.FACET_VALUES)
    splits = {(view.facet, view.value): paginate.split(view.events)
              for facet_views in views.values() for view in facet_views if view.prebuilt}
    by_country = {value: paginate.year_pages(parts, facet, value)
                  for (facet, value), parts in splits.items() if facet == "country" and len(parts) > 1}

    def strip(events, parts, facet=None, value=None, rows=()):
        if len(parts) == 1:
            return timestrip.strip(events, rows)
        return timestrip.strip_by_year(events, rows, paginate.year_pages(parts, facet, value), by_country)

    def family(view, events, filterable, rows=()) -> list[Page]:
        facet, value = (view.facet, view.value or None) if view else (None, None)
        parts = splits[(view.facet, view.value)] if view else paginate.split(events)
        paths = paginate.paths(parts, facet, value)
        def make(part, pager, first):
            return ({"view": view, "facets": views, "unlisted": unlisted,
                     "rows": Rows(part.events, filterable=filterable), "pager": pager,
                     "strip": strip(events, parts, facet, value, rows) if first else None},
                    frozenset({EVERYTHING}))
        return [Page(path, "timeline.html", make=lambda part=part, pager=pager, first=i == 0: make(part, pager, first))
                for i, (part, path, pager) in enumerate(zip(parts, paths, paginate.pagers(parts, facet, value)))]

    pages = family(None, graph.timeline, True, countries)
    for facet_views in views.values():
        for view in facet_views:
            if view.prebuilt:
                pages += family(view, view.events, False)
    return pages


def bounded_rows(entity: Entity, facet: str) -> dict:
    """An entity page's timeline: every event, or only the latest when there
    are too many to list (paginate.py), with `more` leading to the entity's
    full timeline view (None when the page lists every event)."""
    shown, more = paginate.bound(entity.timeline, paginate.ENTITY_EVENTS, timeline_path(facet, entity.slug))
    return {"rows": Rows(shown, entity), "more": more}


def entity_pages(graph: Graph) -> list[Page]:
    pages = []
    for kind in KINDS:
        for entity in graph.by_kind[kind]:
            pages.append(Page(entity.path, TEMPLATES[kind], about=entity,
                              make=lambda entity=entity: entity_context(graph, entity)))
            for old in entity.get("redirect_from", []):
                pages.append(Page(page_path(kind, old), "redirect.html", {"page": entity},
                                  frozenset({token(entity)})))
    return pages


def entity_context(graph: Graph, entity: Entity) -> tuple[dict, object]:
    """What an entity's page shows, and a function giving its tokens."""
    context = {"page": entity, "other_names": other_names(entity),
               "search_names": spelling.of_graph(graph).search_names(entity),
               "breadcrumbs": wayfinding.breadcrumbs(entity), **CONTEXTS[entity.kind](graph, entity)}
    # only the mentions the page does not already link above, by kind
    shown = Shown().walk(context, [name for name in context if name not in backlinks.NOT_ABOVE])
    context["backlinks"] = backlinks.grouped(graph, entity, shown.links(), context["backlinks"])

    def deps() -> frozenset:
        found = depends_on(context, shown)
        if "overview" in context:   # the hub's overview resolves every partner's presence from
            found |= {EVERYTHING}   # all people's offices and countries' entries: site-wide
        return found
    return context, deps


# --- what each kind of entity page shows -------------------------------------------

def _country(graph: Graph, country: Entity) -> dict:
    hub = relations.hub(graph)
    people = _mentioning(country, "people")
    orgs = _mentioning(country, "organizations")
    listed = set(people) | set(orgs) | set(country.timeline)
    context = {"is_hub": country is hub, "presence": [], "people": people, "orgs": orgs,
               "figures": country.figures, "charts": charts.series(country.figures),
               **bounded_rows(country, "country"),
               "backlinks": [e for e in country.mentioned_in if e not in listed]}
    if country is hub:
        context["overview"] = relations.overview(graph)
    elif hub is not None:
        context["hub"] = hub
        context["presence"] = [
            (_("%(sender)s in %(host)s") % {"sender": hub.title, "host": country.title},
             relations.presence_in(country, relations.HUB_IN_COUNTRY)),
            (_("%(sender)s in %(host)s") % {"sender": country.title, "host": hub.title},
             relations.presence_in(country, relations.COUNTRY_IN_HUB))]
        if country.partner:
            context.update(_partner(graph, hub, country))
    return context


def _partner(graph: Graph, hub: Entity, country: Entity) -> dict:
    """A partner country's key facts, envoys, visits and mechanisms (keyfacts.py),
    their citations numbered among the page's notes in the graph stage."""
    return dict(keyfacts.partner_facts_of(graph, country))


def _person(graph: Graph, person: Entity) -> dict:
    return {"roles": [RoleRow(role, role_period(role)) for role in roles_by_time(person.roles)],
            **bounded_rows(person, "person"), "backlinks": person.mentioned_in}


def _event(graph: Graph, event: Entity) -> dict:
    return {"parts": Rows(tuple(descendants(event)), event), "backlinks": event.mentioned_in}


def descendants(event: Entity) -> list:
    """The events that are part of this one, at any depth, in timeline order."""
    found, todo = {}, list(event.children)
    while todo:
        part = todo.pop()
        if part not in found and part is not event:
            found[part] = None
            todo += part.children
    return sorted(found, key=event_order)


def _organization(graph: Graph, org: Entity) -> dict:
    return {"people": _mentioning(org, "people"), **bounded_rows(org, "organization"),
            "backlinks": org.mentioned_in}


def _topic(graph: Graph, topic: Entity) -> dict:
    return {"figures": topic.figures, "charts": charts.series(topic.figures),
            **bounded_rows(topic, "topic"), "backlinks": topic.mentioned_in}


def _source(graph: Graph, source: Entity) -> dict:
    return {"facts": sourcefacts.source_facts(source), **bounded_passages(backlinks.passages(graph, source)),
            "backlinks": source.mentioned_in}


def bounded_passages(passages) -> dict:
    """A source's passages, each naming at most paginate.LIST_ENTRIES of the
    pages citing it (`cited`: how many cite each); `citing` keeps every
    passage whole, as the page depends on all of them (their count)."""
    size = paginate.LIST_ENTRIES
    if all(len(p.pages) <= size for p in passages):
        return {"passages": passages, "cited": [len(p.pages) for p in passages], "citing": ()}
    return {"passages": [dataclasses.replace(p, pages=p.pages[:size]) for p in passages],
            "cited": [len(p.pages) for p in passages], "citing": tuple(passages)}


CONTEXTS = {"countries": _country, "people": _person, "events": _event,
            "organizations": _organization, "topics": _topic, "sources": _source}


def other_names(entity: Entity) -> list[str]:
    """Its aliases, but its title and native spelling: the native spelling is
    shown once, even when editors also list it as an alias."""
    return [a for a in entity.get("aliases", []) if a not in (entity.title, entity.get("native_name"))]


def _mentioning(entity: Entity, kind: str) -> list[Entity]:
    return [e for e in entity.mentioned_in if e.kind == kind]


@dataclass(frozen=True)
class Period:
    """When an office was held, as its sources date it: `shape` is 'span'
    (start and end), 'since' (start only), 'until' (end only), 'as-of' (a
    source attests it then) or 'undated'; `inferred` is why a date is inferred."""
    shape: str
    start: object = None
    end: object = None
    inferred: str = ""


@dataclass(frozen=True)
class RoleRow:
    role: dict
    period: Period


def role_period(role: dict) -> Period:
    start, end, as_of = role.get("start"), role.get("end"), role.get("as_of")
    inferred = role.get("start_inferred") or role.get("end_inferred") or role.get("as_of_inferred") or ""
    if start and end:
        return Period("span", start, end, inferred)
    if start:
        return Period("since", start, None, inferred)
    if end:
        return Period("until", None, end, inferred)
    if as_of:
        return Period("as-of", as_of, None, inferred)
    return Period("undated", inferred=inferred)


def roles_by_time(roles: list) -> list:
    """Offices in the order they were held: by start, else by when a source
    attests them; undated offices last, in the order the content lists them."""
    def key(role):
        date = role.get("start") or role.get("as_of") or role.get("end")
        return (0, date.sort_key()) if date else (1, ())
    return sorted(roles, key=key)


# --- dependencies --------------------------------------------------------------------

def token(entity: Entity) -> tuple:
    return (entity.kind, entity.slug)


def body_token(entity: Entity) -> tuple:
    return ("body", entity.kind, entity.slug)


def depends_on(context: dict, shown: Shown | None = None) -> frozenset:
    """The tokens of everything an entity page's context holds; `shown`: what
    some of its entries were already found to show (the rest are walked here)."""
    page = context["page"]
    shown = (shown or Shown()).walk(context, [name for name in context if name != "page"])
    entities = {page, *page.data.get("_refs", ()), *(c.source for c in page.notes), *shown.entities, *shown.rows,
                *shown.named}
    for event in shown.rows:
        entities.update(row_names(event))
    found = {token(e) for e in entities}   # each entity once: a page's rows name the same ones often
    found.add(body_token(page))
    if page.figures or shown.figures:
        found.add(FIGURES)
    return frozenset(found)


@dataclass
class Shown:
    """What a page's context shows, read in one walk: the entities it names
    (a citation names its source), the events it lists as timeline rows, and
    whether it shows a figure (whose row links no page). depends_on and
    backlinks.linked_above both read this; `walked`: the context's entries
    read so far."""
    entities: set = field(default_factory=set)
    rows: set = field(default_factory=set)
    figures: bool = False
    named: set = field(default_factory=set)   # larger events a row names ("part of ..."): linked alone
    walked: set = field(default_factory=set)

    def walk(self, context: dict, names) -> "Shown":
        for name in names:
            if name not in self.walked:
                self.walked.add(name)
                _collect(context[name], self)
        return self

    def links(self) -> set:
        """Every entity shown as a link: a timeline row, and any event named,
        also links its event's countries and people."""
        found = self.entities | self.rows
        for event in [e for e in found if e.kind == "events"]:
            found.update(row_names(event))
        return found | self.named


def row_names(event: Entity) -> list:
    """The countries and people a timeline row of this event names."""
    return [*event.get("countries", ()), *(p["person"] for p in event.get("people", ()))]


def _collect(value, shown: Shown) -> None:
    how = _HOW.get(type(value)) or _how(type(value))
    if how is _SKIP:
        return
    if how is Entity:
        shown.entities.add(value)
    elif how is Rows:
        shown.rows.update(value.events)
        shown.named.update(p.event for p in value.named)   # rows that say "part of <event>"
        if value.exclude is not None:
            shown.entities.add(value.exclude)
    elif how is Figure:   # a figure's row links no page (and its dispute refers back to it)
        shown.figures = True
    elif how is PartOf:
        shown.named.add(value.event)
    elif how is Citation:
        shown.entities.add(value.source)
    elif how is dict:
        for item in value.values():
            _collect(item, shown)
    elif how is list:
        for item in value:
            _collect(item, shown)
    else:   # a dataclass: its fields' names
        for name in how:
            _collect(getattr(value, name), shown)


# How _collect reads a value of each type, decided once per type: contexts
# hold hundreds of thousands of values, most of them strings and dates.
_SKIP = object()
_HOW: dict = {}


def _how(kind: type):
    for known in (Entity, Rows, Figure, Citation, PartOf):
        if issubclass(kind, known):
            return _HOW.setdefault(kind, known)
    if issubclass(kind, dict):
        how = dict
    elif issubclass(kind, (list, tuple, set, frozenset)):
        how = list
    elif dataclasses.is_dataclass(kind):
        how = tuple(f.name for f in dataclasses.fields(kind))
    else:
        how = _SKIP
    return _HOW.setdefault(kind, how)


class Touched:
    """Which pages of a plan a change can change, looked up by token rather
    than by asking each page (the preview asks on every edit, and most
    pages depend on a few entities): `pages(tokens)` is the same as every
    page for which `affected(page, tokens[page.lang])` holds, in plan order."""

    def __init__(self, pages: list):
        self.pages_in_order = pages
        self.everything: list[int] = []                 # pages that sum up the site
        self.by_token: dict[tuple, list[int]] = {}      # (language, token) -> pages
        for i, page in enumerate(pages):
            if EVERYTHING in page.deps:
                self.everything.append(i)
            else:
                for token_ in page.deps:
                    self.by_token.setdefault((page.lang, token_), []).append(i)

    def pages(self, tokens: dict) -> list:
        """`tokens`: {language: the tokens that changed for its pages}."""
        hit = set()
        for lang, changed in tokens.items():
            for token_ in changed:
                hit.update(self.by_token.get((lang, token_), ()))
            hit.update(i for i in self.everything   # (the rule for them is affected()'s)
                       if self.pages_in_order[i].lang == lang and affected(self.pages_in_order[i], changed))
        return [self.pages_in_order[i] for i in sorted(hit)]


def affected(page: Page, tokens: set) -> bool:
    """Whether a change to these tokens can change the page."""
    deps = page.deps
    if EVERYTHING in deps:
        return any(t[0] != "body" for t in tokens)
    return not deps.isdisjoint(tokens)
