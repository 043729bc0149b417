import datetime as dt

import pytest

from bilateral.dates import parse_date


@pytest.mark.parametrize("text, precision, shown", [
    ("2025", "year", "2025"),
    ("2023-05", "month", "May 2023"),
    ("2025-10-03", "day", "3 October 2025"),
    ("2025-09-03/2025-09-04", "range", "3–4 September 2025"),
    ("2025-01/2025-07", "range", "January–July 2025"),
    ("2024/2025", "range", "2024–2025"),
    ("2024-12-30/2025-01-02", "range", "30 December 2024 – 2 January 2025"),
    ("../2025-10", "before", "by October 2025"),
])
def test_precision_and_display(text, precision, shown):
    date = parse_date(text)
    assert date.precision == precision
    assert date.text() == shown
    assert date.iso() == text


def test_yaml_native_values_are_accepted():
    assert parse_date(2025).text() == "2025"
    assert parse_date(dt.date(2025, 9, 3)).precision == "day"


@pytest.mark.parametrize("text, why", [
    ("2025-13-45", "month 13 does not exist"),
    ("2025-02-30", "day 30 does not exist"),
    ("Sept 2025", "is not a date"),
    ("2025-09/2025-01", "ends before it starts"),
    ("", "is not a date"),
    ("0000", "there is no year 0"),
    ("0000-01-01/2025", "there is no year 0"),
])
def test_impossible_dates_are_refused(text, why):
    with pytest.raises(ValueError, match=why):
        parse_date(text)


def test_sort_puts_vaguer_dates_first_then_by_start():
    dates = [parse_date(t) for t in ["2025-09-03", "2025", "2025-09", "2024-12-31", "2025-09-03/2025-09-04"]]
    ordered = [d.iso() for d in sorted(dates, key=lambda d: d.sort_key())]
    assert ordered == ["2024-12-31", "2025", "2025-09", "2025-09-03", "2025-09-03/2025-09-04"]


def test_the_calendars_edges_are_dates():
    """Found by fuzzing: December 9999 has no next month to count back from."""
    last = parse_date("9999-12")
    assert last.sort_key() == (dt.date(9999, 12, 1), dt.date(9999, 12, 31))
    assert parse_date("0001/9999").sort_key() == (dt.date(1, 1, 1), dt.date(9999, 12, 31))
    assert parse_date("2024-02").sort_key()[1] == dt.date(2024, 2, 29)
