"""Dates with their precision: a day, a month, a year, or a range of those.

One parser and one formatter, so every page shows a date the same way.
English keeps its own forms below; every other language formats with
Babel's CLDR data for the current language (i18n.py), at the same precision.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton

from . import i18n

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]

_PART = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


# Every form a content date may take, as messages and documentation name them.
FORMS = "YYYY, YYYY-MM, YYYY-MM-DD, START/END (a range) or ../END (by END)"


@dataclass(frozen=True)
class Point:
    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        if self.day:
            return self.first_day()
        if self.month:  # (not "first of next month minus a day": December 9999 has no next month)
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, 12, 31)

    def iso(self) -> str:
        out = f"{self.year:04d}"
        if self.month:
            out += f"-{self.month:02d}"
        if self.day:
            out += f"-{self.day:02d}"
        return out

    def text(self) -> str:
        if i18n.current() != "en":
            return _local_point(self, i18n.babel_locale())
        if self.day:
            return f"{self.day} {MONTHS[self.month - 1]} {self.year}"
        if self.month:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return str(self.year)


@dataclass(frozen=True)
class PartialDate:
    """A point, a range START/END, or an open range ../END ("by END"), for
    things a source shows had happened by its date but does not date."""
    start: Point | None
    end: Point | None = None  # set only for ranges

    @property
    def anchor(self) -> Point:
        """The point that places this date on a timeline."""
        return self.start or self.end

    @property
    def precision(self) -> str:
        if self.start is None:
            return "before"
        return "range" if self.end else self.start.precision

    @property
    def year(self) -> int:
        return self.anchor.year

    def first_day(self):
        """The first day the date covers; None when only its end is known."""
        return self.start.first_day() if self.start else None

    def last_day(self):
        return (self.end or self.start).last_day()

    def sort_key(self) -> tuple:
        """Chronological order; a vaguer date sorts before a precise one it contains."""
        return (self.anchor.first_day(), self.last_day())

    def iso(self) -> str:
        if self.start is None:
            return f"../{self.end.iso()}"
        return self.start.iso() + (f"/{self.end.iso()}" if self.end else "")

    def __str__(self) -> str:
        return self.text()

    def text(self) -> str:
        a, b = self.start, self.end
        if i18n.current() != "en":
            return _local_date(a, b, i18n.current())
        if a is None:
            return f"by {b.text()}"
        if not b:
            return a.text()
        if a.precision == b.precision == "day" and (a.year, a.month) == (b.year, b.month):
            return f"{a.day}–{b.day} {MONTHS[a.month - 1]} {a.year}"
        if a.precision == b.precision == "year":
            return f"{a.year}–{b.year}"
        if a.precision == b.precision == "month" and a.year == b.year:
            return f"{MONTHS[a.month - 1]}–{MONTHS[b.month - 1]} {a.year}"
        return f"{a.text()} – {b.text()}"


# --- other languages: CLDR's forms, through Babel ---------------------------------------

@lru_cache(maxsize=4096)   # a date shows on every timeline that lists it
def _local_point(p: Point, locale: str) -> str:
    """'3 de septiembre de 2025', 'septiembre de 2025', '2025'."""
    if p.day:
        return format_date(p.first_day(), "long", locale=locale)
    if p.month:
        return format_skeleton("yMMMM", p.first_day(), locale=locale)
    return format_skeleton("y", p.first_day(), locale=locale)


def _local_date(a: Point | None, b: Point | None, language: str) -> str:
    locale = i18n.babel_locale(language)
    if a is None:
        # "known only to have happened by then": a day takes another
        # preposition than a month or a year in Spanish ("a más tardar el 3 de…",
        # "a más tardar en 2025"), hence two messages
        by = (i18n.pgettext("by a day", "by %(date)s") if b.day
              else i18n.pgettext("by a month or year", "by %(date)s"))
        return by % {"date": _local_point(b, locale)}
    if not b:
        return _local_point(a, locale)
    if a.precision == b.precision == "day" and (a.year, a.month) == (b.year, b.month):
        return _day_range(a, b, locale)
    if a.precision == b.precision == "year":
        return format_interval(a.first_day(), b.first_day(), "y", locale=locale)
    if a.precision == b.precision == "month" and a.year == b.year:
        return format_interval(a.first_day(), b.first_day(), "yMMMM", locale=locale)
    return f"{_local_point(a, locale)} – {_local_point(b, locale)}"


_QUOTED = re.compile(r"('[^']*')")


def _day_range(a: Point, b: Point, locale: str) -> str:
    """'3–4 de septiembre de 2025': the locale's long date with its day field
    a range. (CLDR's own interval abbreviates the month in Portuguese.)"""
    pattern = Locale.parse(locale).date_formats["long"].pattern
    days = f"'{a.day}–{b.day}'"
    # replace the day field outside the pattern's quoted literals ('de')
    pattern = "".join(part if part.startswith("'") else re.sub(r"d+", days, part)
                      for part in _QUOTED.split(pattern))
    return format_date(a.first_day(), pattern, locale=locale)


def _point(text: str) -> Point:
    m = _PART.match(text)
    if not m:
        raise ValueError(f"'{text}' is not a date: use {FORMS}")
    year, month, day = (int(g) if g else None for g in m.groups())
    if year < 1:  # the calendar (and Python's dates) start at year 1
        raise ValueError(f"'{text}' is not a date: there is no year 0")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"'{text}' is not a date: month {month} does not exist")
    if day is not None:
        try:
            dt.date(year, month, day)
        except ValueError:
            raise ValueError(f"'{text}' is not a date: day {day} does not exist in that month") from None
    return Point(year, month, day)


def parse_date(value) -> PartialDate:
    """Parse a content date. Accepts what YAML may hand over unquoted (int, date)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return PartialDate(Point(value.year, value.month, value.day))
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"{value!r} is not a date: use {FORMS}")
    text = str(value).strip()
    if text.startswith("../"):
        return PartialDate(None, _point(text[3:].strip()))
    if "/" in text:
        left, _, right = text.partition("/")
        start, end = _point(left.strip()), _point(right.strip())
        if end.last_day() < start.first_day():
            raise ValueError(f"'{text}' is not a date range: it ends before it starts")
        return PartialDate(start, end)
    return PartialDate(_point(text))
