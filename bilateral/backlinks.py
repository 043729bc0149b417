"""Backlinks that add something (issue 16): "Mentioned in" lists only the
pages that mention this one and that the page does not already link above,
grouped by kind with counts; a source page lists each passage the site
quotes from it, with the pages that cite that passage.

Both are planned (plan.py calls them with what the page's context shows),
so the templates only format them and plan.depends_on sees every entity
they show.
"""
from __future__ import annotations

from dataclasses import dataclass

from .graph import Entity, Graph
from .model import KINDS
from .syntax import wiki_targets
from .timeline import PartOf

# Context entries that are not links shown above the "Mentioned in" list.
# (`hub` names a section's heading in words; figures and charts link no page.)
NOT_ABOVE = frozenset({"page", "backlinks", "search_names", "breadcrumbs", "other_names",
                       "hub", "figures", "charts"})


@dataclass(frozen=True)
class Group:
    kind: str
    entities: tuple


@dataclass(frozen=True)
class Passage:
    quote: str
    source: Entity
    pages: tuple     # the pages citing it, by kind then title


def linked_above(graph: Graph, page: Entity, shown: set) -> set:
    """Every entity the page links before its "Mentioned in" list: what its
    fields refer to, its prose links, its notes' sources, and `shown`, every
    entity its planned sections link (plan.Shown.links: timeline rows with
    their countries and people, people, organizations, the pages citing a
    source...), read from its context but for the entries in NOT_ABOVE."""
    found = {page, *page.data.get("_refs", ())}
    found |= {graph.lookup[t] for t in wiki_targets(page.body) if t in graph.lookup}
    found |= {c.source for c in page.notes}
    return found | shown


def grouped(graph: Graph, page: Entity, shown: set, candidates) -> tuple:
    """The candidates the page does not link above, by kind (in the site's
    order of kinds), each group in the candidates' order."""
    above = linked_above(graph, page, shown)
    rest = [e for e in candidates if e not in above]
    return tuple(Group(kind, tuple(e for e in rest if e.kind == kind))
                 for kind in KINDS if any(e.kind == kind for e in rest))


def passages(graph: Graph, source: Entity) -> tuple:
    """Each distinct passage quoted from this source, with the pages citing
    it, in the order the site's pages first cite them (kinds, then titles)."""
    pages: dict[str, list] = {}
    for entity in graph.entities():
        for citation in entity.notes:
            if citation.source is source:
                users = pages.setdefault(citation.quote, [])
                if entity not in users:
                    users.append(entity)
    return tuple(Passage(quote, source, tuple(users)) for quote, users in pages.items())
