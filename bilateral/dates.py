"""Dates with their precision: a day, a month, a year, or a range of those.

One parser and one formatter, so every page shows a date the same way.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

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
