"""Long lists split into pages, so that no page grows with the site.

A timeline of more than `PAGE_EVENTS` events is split by year, oldest
first, the undated (background) events last; a year with more than
`PAGE_EVENTS` events is split further into chunks of that many. Each page
has a stable path under the timeline's own (`urls.timeline_path`):
'timeline/2024/', 'timeline/2024/2/' (the year's second chunk),
'timeline/undated/'; the first page keeps the timeline's own path
('timeline/'), so links made before the split still work. A timeline no
longer than `PAGE_EVENTS` is one page, exactly as before.

Other long lists are bounded instead: an entity page lists at most
`ENTITY_EVENTS` events in full, else its `LATEST` latest and links its full
timeline (`Bounded`); an index lists at most `LIST_ENTRIES` entries of a
group the same way; a filter facet of more than `FACET_VALUES` values is
not listed value by value; the feed lists the newest `FEED_ENTRIES` events.
The search page lists every named entity's names inline (a <datalist>) up
to `SEARCH_NAMES` of them; past that the list is a JSON file
static/search.js fetches (searchnames.py).

The limits are module settings, read when the plan is made, so tests can
lower them (the real site is far below every one).
"""
from __future__ import annotations

from dataclasses import dataclass

from . import latest
from .i18n import gettext as _
from .urls import timeline_path

PAGE_EVENTS = 400     # the most events one timeline page holds
ENTITY_EVENTS = 100   # the most events an entity page lists in full ...
LATEST = 50           # ... else it lists its latest this many
ENTITY_PEOPLE = 100   # the most key people a country page lists in full
LIST_ENTRIES = 500    # the most entries an index lists in one group
FACET_VALUES = 200    # the most values a filter facet lists as links
FEED_ENTRIES = 100    # the most entries a feed lists, the newest: a reader polls it whole
# The most named entities the search page lists inline. Each costs the page
# about 150 bytes (146 on average in the 16,000-event benchmark, more with
# aliases and spelling variants), so 1,000 keep the list near 150 KB, under a
# third of issue 21's 500 KB a page; the real site has about 100.
SEARCH_NAMES = 1000


@dataclass(frozen=True)
class Part:
    """One page of a split timeline: `key` is its path below the timeline's
    ('' for the first page, '2024', '2024/2', 'undated'), `year` its year
    (None for the undated page), `chunk` its number within the year (1, 2, ...)."""
    key: str
    year: int | None
    chunk: int
    events: tuple

    @property
    def label(self) -> str:
        name = str(self.year) if self.year is not None else _("Undated")
        return name if self.chunk == 1 else _("%(year)s (%(part)s)") % {"year": name, "part": self.chunk}


def split(events, size: int | None = None) -> list[Part]:
    """The pages of a timeline (events in timeline order): one page when
    there are at most `size` (PAGE_EVENTS); else a page per year, each year
    in chunks of at most `size`, the undated last; the first page's key is ''."""
    size = size or PAGE_EVENTS
    events = tuple(events)
    if len(events) <= size:
        return [Part("", None, 1, events)]
    years: dict = {}
    for event in latest.dated(events):
        years.setdefault(event.date.year, []).append(event)
    groups = [(year, years[year]) for year in sorted(years)]
    undated = latest.background(events)
    if undated:
        groups.append((None, undated))
    parts = []
    for year, group in groups:
        name = str(year) if year is not None else "undated"
        for start in range(0, len(group), size):
            chunk = start // size + 1
            key = name if chunk == 1 else f"{name}/{chunk}"
            parts.append(Part(key, year, chunk, tuple(group[start:start + size])))
    parts[0] = Part("", parts[0].year, parts[0].chunk, parts[0].events)
    return parts


@dataclass(frozen=True)
class PageLink:
    label: str
    path: str             # site-relative
    count: int            # events on that page


@dataclass(frozen=True)
class Pager:
    """Where a page of a split timeline sits among its pages: every page (as
    PageLink, in order), this one's index, and its neighbours."""
    pages: tuple
    index: int
    unit: str = "events"  # what the pages list: 'events', or 'people' (the people index)

    @property
    def current(self) -> PageLink:
        return self.pages[self.index]

    @property
    def previous(self) -> PageLink | None:
        return self.pages[self.index - 1] if self.index > 0 else None

    @property
    def next(self) -> PageLink | None:
        return self.pages[self.index + 1] if self.index + 1 < len(self.pages) else None

    @property
    def total(self) -> int:
        return sum(page.count for page in self.pages)


def paths(parts: list[Part], facet: str | None = None, value: str | None = None) -> list[str]:
    """Each part's site-relative path, under the timeline (or view) it splits."""
    return [timeline_path(facet, value, part.key or None) for part in parts]


def pagers(parts: list[Part], facet: str | None = None, value: str | None = None) -> list[Pager | None]:
    """A Pager for each part; None for a timeline that is one page."""
    if len(parts) == 1:
        return [None]
    links = tuple(PageLink(part.label, path, len(part.events))
                  for part, path in zip(parts, paths(parts, facet, value)))
    return [Pager(links, i) for i in range(len(parts))]


def year_pages(parts: list[Part], facet: str | None = None, value: str | None = None) -> dict:
    """{year: path of the first page holding it} of a split timeline."""
    found: dict = {}
    for part, path in zip(parts, paths(parts, facet, value)):
        if part.year is not None:
            found.setdefault(part.year, path)
    return found


@dataclass(frozen=True)
class Bounded:
    """A list cut to its latest entries: the page shows `shown` of `total`
    and links `path` (site-relative) for the rest. `events` holds every
    entry, so that the page depends on each (its count, and which are the
    latest, change with any of them)."""
    events: tuple
    shown: int
    path: str

    @property
    def total(self) -> int:
        return len(self.events)


def latest_events(events, limit: int, count: int) -> tuple:
    """The `count` latest dated events, in timeline order, when there are more
    than `limit`; else all of them."""
    events = tuple(events)
    if len(events) <= limit:
        return events
    return tuple(latest.dated(events)[-count:])


def bound(events, limit: int, path: str) -> tuple[tuple, Bounded | None]:
    """The events a list shows (all, or the LATEST when there are more than
    `limit`), and, when cut, the Bounded that says so and links `path`."""
    shown = latest_events(events, limit, LATEST)
    if len(shown) == len(events):
        return shown, None
    return shown, Bounded(tuple(events), len(shown), path)
