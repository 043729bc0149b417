"""The timeline's filters: one pre-built page per filter value, so filtering
works as plain links without JavaScript (static/timeline.js filters the
full timeline in place when it can).

Facets: country, person, topic, event kind, and "no-context" (context events
hidden). A value gets a view only when at least one event matches it.
A person's filter links to their own page's timeline instead: a view would
repeat that page, and there are as many as there are people.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

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
        """Whether the view is a page of its own (see the module's doc)."""
        return self.facet != "person"

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
    kinds = sorted({e.subtype for e in graph.timeline})
    out["kind"] = [TimelineView("kind", k, kind_label(k),
                                [e for e in graph.timeline if e.subtype == k]) for k in kinds]
    out[NO_CONTEXT] = [TimelineView(NO_CONTEXT, "", _("Context events hidden"),
                                    [e for e in graph.timeline if not e.get("context")])]
    return out
