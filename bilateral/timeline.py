"""The timeline's filters: one pre-built page per filter value, so filtering
works as plain links without JavaScript (static/timeline.js filters the
full timeline in place when it can).

Facets: country, person, topic, event kind, and "no-context" (context events
hidden). A value gets a view only when at least one event matches it.
A person's filter links to their own page's timeline instead: a view would
repeat that page, and there are as many as there are people.

Every timeline nests sub-events (`part_of`) under their larger event
(`nest`), so one visit is one row with its meetings inside it, not six rows
of ten. A sub-event whose larger event is not on the timeline (a filtered
view, a person who attended one meeting of a visit) is a row of its own that
names the event it is part of.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import paginate
from .i18n import gettext as _
from .urls import page_path, timeline_path

if TYPE_CHECKING:  # the plan computes the views (plan.timeline_pages) from this module
    from .graph import Entity, Graph

NO_CONTEXT = "no-context"
ENTITY_FACETS = {"country": "countries", "person": "people", "topic": "topics"}


@dataclass
class TimelineView:
    facet: str            # 'country', 'person', 'topic', 'kind' or 'no-context'
    value: str            # slug or event kind; '' for no-context
    label: str
    events: list

    @property
    def prebuilt(self) -> bool:
        """Whether the view is a page of its own (see the module's doc); a
        person's is too when their page cannot list all their events."""
        return self.facet != "person" or len(self.events) > paginate.ENTITY_EVENTS

    @property
    def path(self) -> str:
        return timeline_path(self.facet, self.value or None)

    @property
    def link(self) -> str:
        """Where the filter leads without JavaScript (a site-relative path)."""
        return self.path if self.prebuilt else page_path("people", self.value) + "#timeline"


def kind_label(kind: str) -> str:
    """'Working group', in the current language (labels.KIND_LABELS lists them)."""
    return _(kind.replace("-", " ").capitalize())


def facet_values(event: Entity) -> dict[str, list[str]]:
    """The values an event has for each facet; the page's data-* attributes
    and the pre-built views both come from here, so they always agree."""
    return {
        "country": [c.slug for c in event.get("countries", [])],
        "person": [p["person"].slug for p in event.get("people", [])],
        "topic": [t.slug for t in event.get("topics", [])],
        "kind": [event.subtype],
    }


def views(graph: Graph) -> dict[str, list[TimelineView]]:
    """Every filtered view, by facet, each facet's values in display order."""
    out: dict[str, list[TimelineView]] = {}
    for facet, kind in ENTITY_FACETS.items():
        out[facet] = [TimelineView(facet, e.slug, e.title, e.timeline)
                      for e in graph.by_kind[kind] if e.timeline]
    # an organization's view only stands in for its page's timeline when that
    # is too long to list (paginate.py); it is no filter of the site timeline
    out["organization"] = [TimelineView("organization", o.slug, o.title, o.timeline)
                           for o in graph.by_kind["organizations"] if len(o.timeline) > paginate.ENTITY_EVENTS]
    kinds = sorted({e.subtype for e in graph.timeline})
    out["kind"] = [TimelineView("kind", k, kind_label(k),
                                [e for e in graph.timeline if e.subtype == k]) for k in kinds]
    out[NO_CONTEXT] = [TimelineView(NO_CONTEXT, "", _("Context events hidden"),
                                    [e for e in graph.timeline if not e.get("context")])]
    return out


# --- sub-events nested under their larger event ------------------------------------

@dataclass(frozen=True)
class PartOf:
    """The larger event a row names ("part of ..."): a link to that event
    alone (backlinks.py counts it linked, not its countries and people)."""
    event: Entity


@dataclass(frozen=True)
class Entry:
    """A row of a timeline: its event, the sub-events nested under it (Entries,
    in timeline order) and, when the event's larger event is not on this
    timeline (nor the page's own), that event, which the row names."""
    event: Entity
    parts: tuple = ()
    part_of: PartOf | None = None

    @property
    def related(self) -> int:
        """How many events are nested under this one, at any depth."""
        return sum(1 + part.related for part in self.parts)


def nest(events, page: Entity | None = None) -> tuple:
    """The events (in timeline order) as Entries: each sub-event under its
    nearest larger event on the same timeline, in the order the timeline
    gives; the rest at the top, in that order. `page` is the page's own
    entity: a part of it names no larger event (its page is that event)."""
    if not any(event.get("part_of") is not None for event in events):
        return tuple(Entry(event) for event in events)   # nothing to nest or name: most timelines
    present = set(events)
    anchors = {event: _anchor(event, present) for event in events}
    under: dict = defaultdict(list)
    for event in events:
        under[anchors[event]].append(event)

    def entry(event) -> Entry:
        parent = event.get("part_of")
        names_it = parent is not None and parent not in present and parent is not page
        return Entry(event, tuple(entry(e) for e in under.get(event, ())), PartOf(parent) if names_it else None)
    return tuple(entry(event) for event in under[None])


def named(entries) -> tuple:
    """The larger events these rows name, as PartOf, at any depth."""
    found = []
    for entry in entries:
        if entry.part_of is not None:
            found.append(entry.part_of)
        found += named(entry.parts)
    return tuple(found)


def _anchor(event, present: set):
    """The nearest larger event of `event` on the timeline, or None. `check`
    rejects a part_of loop (validate.py); should one get here, its events
    stand alone rather than vanish from the timeline."""
    chain, parent = [event], event.get("part_of")
    while parent is not None:
        if parent in chain:
            return None
        chain.append(parent)
        parent = parent.get("part_of")
    return next((e for e in chain[1:] if e in present), None)
