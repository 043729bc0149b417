"""What the About page and the home page's scope line say about the
sources, derived from the source entries, and the site's "last updated"
date, derived from the content (never the clock: builds stay byte-identical)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from . import relations
from .graph import Graph
from .i18n import NP_, pgettext

# "five documents", "two of them op-eds": words for counts of documents
# (masculine where a language inflects them, as documento and artículo are)
COUNT = "count of documents"
# (pybabel reads the context only as a literal, hence repeated)
NUMBER_WORDS = (NP_("count of documents", "no"), NP_("count of documents", "one"),
                NP_("count of documents", "two"), NP_("count of documents", "three"),
                NP_("count of documents", "four"), NP_("count of documents", "five"),
                NP_("count of documents", "six"), NP_("count of documents", "seven"),
                NP_("count of documents", "eight"), NP_("count of documents", "nine"),
                NP_("count of documents", "ten"))


def number_word(n: int) -> str:
    return pgettext(COUNT, NUMBER_WORDS[n]) if 0 <= n < len(NUMBER_WORDS) else str(n)


@dataclass(frozen=True)
class SourcesSummary:
    sources: tuple            # oldest first
    kinds: tuple              # (kind, count), most common first
    first_year: int | None
    last_year: int | None
    all_hub_side: bool       # every source's standpoint names the hub (its media, or friendly to it)
    last_updated: object      # PartialDate: the newest source's date

    @property
    def last_updated_inferred(self) -> str:
        newest = [s for s in self.sources if s["date"] is self.last_updated]
        return newest[0].get("date_inferred", "") if newest else ""

    @property
    def count_words(self) -> str:
        return number_word(len(self.sources))

    def kind_count(self, kind: str) -> int:
        return dict(self.kinds).get(kind, 0)

    @property
    def op_eds_words(self) -> str:
        return number_word(self.kind_count("op-ed"))


def summary(graph: Graph) -> SourcesSummary:
    sources = sorted(graph.by_kind["sources"], key=lambda s: (s["date"].sort_key(), s.slug))
    kinds = Counter(s.subtype for s in sources)
    years = [s["date"].year for s in sources]
    hub = relations.hub(graph)
    side = hub is not None and all(hub.title.casefold() in s.get("standpoint", "").casefold() for s in sources)
    return SourcesSummary(tuple(sources), tuple(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
                          min(years) if years else None, max(years) if years else None,
                          bool(sources) and side, last_updated(graph))


def last_updated(graph: Graph):
    """The newest source's publication date: the content reports nothing
    later than its newest document. (Events are no guide: one dated only
    '2025' would read as 31 December.) Ties: the more precise date."""
    dates = [s["date"] for s in graph.by_kind["sources"]]
    if not dates:
        return None
    return max(dates, key=lambda d: (d.first_day() or d.last_day(), d.last_day()))
