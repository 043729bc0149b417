"""The timeline's strip: events placed on a scale of years, so gaps and
bursts show (1995, 2000 and 2020 stand alone; 2023-2025 hold most events),
drawn at build time as SVG by templates/timestrip.html.

Two parts: one mark per event, stacked in its year's column, each a link to
the event; and, on the site timeline, one row per country with events, a
circle per year whose area grows with the number of that country's events
that year, each a link to the country's view of the timeline at that year.
The SVG's text equivalent is `summary` (and the list below it).
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from .i18n import gettext as _
from .i18n import ngettext
from .urls import timeline_path

WIDTH = 480
LEFT, RIGHT = 86, 12           # room for the country names; the last year's column
MARK, GAP = 10, 2              # an event's square, and the space between stacked squares
AXIS = 28                      # the year labels under the marks
ROW = 22                       # a country's row
MIN_R = 2.5                    # the smallest circle, still a target to see
TICK_EVERY = 5                 # a labelled tick every five years, and at the first and last


@dataclass(frozen=True)
class Mark:
    event: object
    x: float
    y: float


@dataclass(frozen=True)
class Cell:
    year: int
    count: int
    x: float
    r: float
    path: str                  # the country's timeline view, at the year's heading


@dataclass(frozen=True)
class Row:
    country: object
    y: float
    cells: tuple


@dataclass
class Strip:
    width: int
    height: float
    axis_y: float
    first: int
    last: int
    ticks: list                # (year, x)
    marks: list                # Mark, one per event
    rows: list = field(default_factory=list)   # Row, one per country with events
    summary: str = ""
    unit: float = 0.0          # a circle's radius is max(MIN_R, unit * sqrt(count)): static/timeline.js
                               # redraws the circles on this scale for the events a filter keeps
    columns: list = field(default_factory=list)   # Column, one per year, instead of marks (strip_by_year)


@dataclass(frozen=True)
class Column:
    """A year of a timeline split into pages: a bar as tall as its events
    (the tallest COLUMN), a link to the page holding that year."""
    year: int
    count: int
    x: float
    y: float
    height: float
    path: str


COLUMN = 80                    # the tallest column of a strip by year


def strip(events, countries=(), view_id: str = "events") -> Strip | None:
    """The strip for these events (in timeline order); `countries` adds a row
    for each of them that has events. None for a timeline without dated events."""
    events = [e for e in events if e.date is not None]
    if not events:
        return None
    years = [e.date.year for e in events]
    first, last = min(years), max(years)
    span = max(last - first, 1)
    column = (WIDTH - LEFT - RIGHT) / (span + 1)

    def x(year: int) -> float:
        return round(LEFT + (year - first) * column + column / 2, 1)

    per_year = Counter(years)
    tallest = max(per_year.values())
    base = tallest * (MARK + GAP) + 4               # the marks' baseline
    marks, stacked = [], Counter()
    for event in events:
        year = event.date.year
        stacked[year] += 1
        marks.append(Mark(event, round(x(year) - MARK / 2, 1), base - stacked[year] * (MARK + GAP)))
    rows, unit = _rows(events, countries, x, base + AXIS, first, column)
    height = base + AXIS + len(rows) * ROW + (6 if rows else 0)
    ticks = [(year, x(year)) for year in range(first, last + 1)
             if year in (first, last) or (year % TICK_EVERY == 0 and last - year >= 2 and year - first >= 2)]
    return Strip(WIDTH, height, base, first, last, ticks, marks, rows, _summary(per_year, rows), unit)


def strip_by_year(events, countries, year_paths: dict, country_paths: dict) -> Strip | None:
    """The strip of a timeline split into pages (paginate.py): a column per
    year, not a mark per event (thousands of them would outweigh the page),
    each linking the page that holds its year (`year_paths`, {year: path});
    a country's circle links its view's page of that year (`country_paths`,
    {slug: {year: path}}, for the views that are split)."""
    events = [e for e in events if e.date is not None]
    if not events:
        return None
    per_year = Counter(e.date.year for e in events)
    first, last = min(per_year), max(per_year)
    column = (WIDTH - LEFT - RIGHT) / (max(last - first, 1) + 1)

    def x(year: int) -> float:
        return round(LEFT + (year - first) * column + column / 2, 1)

    tallest, base = max(per_year.values()), COLUMN + 4
    columns = []
    for year, n in sorted(per_year.items()):
        height = round(max(2.0, COLUMN * n / tallest), 1)
        columns.append(Column(year, n, round(x(year) - MARK / 2, 1), round(base - height, 1), height,
                              year_paths[year]))

    def locate(country, year: int) -> str:
        paths = country_paths.get(country.slug)
        return paths[year] if paths else timeline_path("country", country.slug) + f"#events-{year}"
    rows, unit = _rows(events, countries, x, base + AXIS, first, column, locate)
    height = base + AXIS + len(rows) * ROW + (6 if rows else 0)
    ticks = [(year, x(year)) for year in range(first, last + 1)
             if year in (first, last) or (year % TICK_EVERY == 0 and last - year >= 2 and year - first >= 2)]
    return Strip(WIDTH, height, base, first, last, ticks, [], rows, _summary(per_year, rows), unit, columns)


def _rows(events, countries, x, top: float, first: int, column: float, locate=None) -> tuple[list, float]:
    """One row per country with events, and the circles' scale: one for all
    rows, so a row's circle compares with every other."""
    tallies = [(country, Counter(e.date.year for e in events if country in e.get("countries", [])))
               for country in countries]
    tallies = [(country, counts) for country, counts in tallies if counts]
    most = max((n for _, counts in tallies for n in counts.values()), default=0)
    unit = min(column / 2 - 1, ROW / 2 - 1) / math.sqrt(most) if most else 0.0
    rows = []
    for country, counts in tallies:
        y = top + len(rows) * ROW + ROW / 2
        cells = tuple(Cell(year, n, x(year), round(max(MIN_R, unit * math.sqrt(n)), 1),
                           locate(country, year) if locate else
                           timeline_path("country", country.slug) + f"#events-{year}")
                      for year, n in sorted(counts.items()))
        rows.append(Row(country, y, cells))
    return rows, round(unit, 4)


def _summary(per_year: Counter, rows: list) -> str:
    total = sum(per_year.values())
    years = ", ".join(f"{year}: {n}" for year, n in sorted(per_year.items()))
    text = ngettext("%(num)s event by year (%(years)s).", "%(num)s events by year (%(years)s).", total) % {
        "num": total, "years": years}
    if rows:
        text += " " + _("By country:") + " " + "; ".join(
            f"{row.country.title} " + ", ".join(f"{c.year}: {c.count}" for c in row.cells) for row in rows) + "."
    return text
