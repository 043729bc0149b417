"""'Latest' that is true (bilateral/latest.py): an event known only to have
happened by some date (an open range '../END') is never latest and sorts
apart, as background; context events are not news; a sub-event folds under
the event it is part of."""
from __future__ import annotations

import re

import pytest

from bilateral import latest
from bilateral.dates import parse_date
from bilateral.plan import Rows, plan_site
from bilateral.relations import overview



class Event:
    def __init__(self, slug, date, part_of=None, context=False):
        self.slug, self.title, self.date = slug, slug, parse_date(date)
        self.data = {"part_of": part_of, "context": context}

    def get(self, name, default=None):
        return self.data.get(name, default)

    def __getitem__(self, name):
        return self.data[name]


def test_an_open_range_is_never_latest_and_context_is_not_news():
    cop = Event("cop", "../2025-10")
    war = Event("war", "2025-09", context=True)
    visit = Event("visit", "2025-03")
    old = Event("old", "2020")
    assert [i.event.slug for i in latest.latest([old, visit, war, cop], 10)] == ["visit", "old"]


def test_newest_first_by_the_events_own_date():
    a, b, c = Event("a", "2024"), Event("b", "2025-01-05"), Event("c", "2024-12")
    assert [i.event.slug for i in latest.latest([a, b, c], 10)] == ["b", "c", "a"]
    assert [i.event.slug for i in latest.latest([a, b, c], 2)] == ["b", "c"]


def test_sub_events_fold_under_their_topmost_parent():
    visit = Event("visit", "2025-09-03/2025-09-04")
    talks = Event("talks", "2025-09-03/2025-09-04", part_of=visit)
    outcome = Event("outcome", "2025-09", part_of=talks)
    later = Event("later", "2025-10-01")
    items = latest.latest([visit, talks, outcome, later], 10)
    assert [i.event.slug for i in items] == ["later", "visit"]
    assert {p.slug for p in items[1].parts} == {"talks", "outcome"}
    # a part newer than everything else still brings its parent, once
    assert [i.event.slug for i in latest.latest([talks, visit], 10)] == ["visit"]


def test_a_dated_part_of_a_background_event_stands_alone():
    pandemic = Event("pandemic", "../2025-04", context=True)
    lockdown = Event("lockdown", "2021", part_of=pandemic)
    assert [i.event.slug for i in latest.latest([pandemic, lockdown], 10)] == ["lockdown"]


@pytest.fixture(scope="module")
def graph(real_graph):
    return real_graph


def test_the_home_page_lists_no_background_or_context_event(graph):
    home = next(p for p in plan_site(graph).pages if p.path == "")
    shown = [i.event for i in home.context["latest"]]
    shown += [p for i in home.context["latest"] for p in i.parts]
    assert shown and not [e.slug for e in shown if e.get("context") or latest.is_background(e)]
    assert not {"cop29", "covid-19-pandemic", "azerbaijan-brazil-joint-working-group-first-session"} & {e.slug for e in shown}
    visit = next(i for i in home.context["latest"] if i.event.slug == "elnur-mammadov-visit-to-peru-2025")
    assert "azerbaijan-peru-political-consultations-2025" in {p.slug for p in visit.parts}


def test_timelines_show_open_ranges_as_undated_background(graph):
    brazil = graph.get("countries", "brazil")
    rows = Rows(tuple(brazil.timeline), brazil)
    assert [r.event.slug for r in rows.background] == ["azerbaijan-brazil-joint-working-group-first-session"]
    assert all(r.event.date.start is not None for r in rows.dated)
    [row] = [r for r in overview(graph) if r.country is brazil]
    assert row.latest_event.slug != "azerbaijan-brazil-joint-working-group-first-session"


def test_the_built_home_page_folds_the_visit_and_the_timeline_has_a_background_group(real_site):
    site = real_site
    home = site.read("index.html")
    latest_section = re.search(r'<section aria-labelledby="latest-h">.*?</section>', home, re.S).group(0)
    assert "<details" in latest_section and "COP29" not in latest_section
    timeline = site.read("timeline/index.html")
    background = timeline[timeline.index('id="all-background"'):]
    assert "COP29" in background and "COVID-19" in background
    assert "COP29" not in timeline[:timeline.index('id="all-background"')].split('id="all-h"')[1]
