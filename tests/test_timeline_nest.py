"""Sub-events nest under their larger event on every timeline (issues 14
and 15): timeline.nest, derived once in the plan (plan.Rows), formatted by
render.TimelineRows. A sub-event whose larger event is not on the timeline
is a row of its own that says what it is part of."""
from __future__ import annotations

import re

import pytest

from bilateral import backlinks, timeline
from bilateral.dates import parse_date
from bilateral.plan import Rows, Shown, depends_on, plan_site, token

from conftest import errors_for

VISIT = "elnur-mammadov-visit-to-peru-2025"
TALKS = "azerbaijan-peru-political-consultations-2025"
HERITAGE = "azerbaijan-peru-heritage-cooperation-agreement-2025"
MEETING = "mammadov-meeting-schialer-salcedo-2025"


class Event:
    """Just what nest reads of an event."""
    def __init__(self, slug, part_of=None):
        self.slug, self.data = slug, {"part_of": part_of}

    def get(self, name, default=None):
        return self.data.get(name, default)

    def __repr__(self):
        return self.slug


@pytest.fixture(scope="module")
def graph(real_graph):
    return real_graph


@pytest.fixture(scope="module")
def plan(graph):
    return plan_site(graph)


@pytest.fixture(scope="module")
def site(real_site):
    return real_site


def page(plan, path):
    return next(p for p in plan.pages if p.path == path)


def flatten(entries) -> list:
    return [e.event for entry in entries for e in (entry, *walk(entry.parts))]


def walk(entries):
    for entry in entries:
        yield entry
        yield from walk(entry.parts)


def slugs(entries) -> list[str]:
    return [e.event.slug for e in entries]


# --- the rule --------------------------------------------------------------------

def test_sub_events_nest_under_the_nearest_larger_event_on_the_timeline():
    visit = Event("visit")
    talks, lecture = Event("talks", visit), Event("lecture", visit)
    outcome = Event("outcome", talks)
    later = Event("later")
    entries = timeline.nest([outcome, visit, talks, later, lecture])
    assert slugs(entries) == ["visit", "later"]
    (v, _) = entries
    assert slugs(v.parts) == ["talks", "lecture"] and slugs(v.parts[0].parts) == ["outcome"]
    assert v.related == 3 and v.parts[0].related == 1
    assert all(e.part_of is None for e in walk(entries))   # every larger event is a row here


def test_a_sub_event_without_its_larger_event_names_it():
    visit = Event("visit")
    talks = Event("talks", visit)
    outcome = Event("outcome", talks)
    # the visit is missing: talks stands alone, naming it; outcome stays under talks
    (entry,) = timeline.nest([talks, outcome])
    assert entry.part_of.event is visit and slugs(entry.parts) == ["outcome"]
    # the middle is missing: outcome nests under the visit and names its own larger event
    (entry,) = timeline.nest([visit, outcome])
    assert slugs(entry.parts) == ["outcome"] and entry.parts[0].part_of.event is talks
    # on the larger event's own page its parts name nothing: the page is that event
    assert [e.part_of for e in timeline.nest([talks], page=visit)] == [None]


def test_a_loop_of_part_of_loses_no_event():
    a, b = Event("a"), Event("b")
    a.data["part_of"], b.data["part_of"] = b, a
    assert sorted(slugs(timeline.nest([a, b]))) == ["a", "b"]


def test_a_part_of_loop_is_a_located_error(site_dir):
    """Content can say a is part of b and b part of a: `check` says where,
    instead of the build climbing part_of for ever."""
    visit = site_dir / "events" / "mammadov-visit-to-peru.md"
    visit.write_text(visit.read_text().replace("kind: visit\n", "kind: visit\npart_of: lima-consultations\n"))
    errors = errors_for(site_dir)
    assert [e.replace(f"{site_dir}/", "") for e in errors if "loop" in e] == [
        "events/lima-consultations.md:14: 'part_of' makes a loop: lima-consultations, which is part of "
        "mammadov-visit-to-peru, which is part of lima-consultations",
        "events/mammadov-visit-to-peru.md:5: 'part_of' makes a loop: mammadov-visit-to-peru, which is part of "
        "lima-consultations, which is part of mammadov-visit-to-peru"]


def test_background_and_dated_events_nest_apart():
    """An undated (../END) larger event is shown apart, in Background: a dated
    part of it stays in its year and names it."""
    class Dated(Event):
        def __init__(self, slug, date, part_of=None):
            super().__init__(slug, part_of)
            self.date = parse_date(date)
    pandemic = Dated("pandemic", "../2025-04")
    lockdown = Dated("lockdown", "2021", pandemic)
    rows = Rows((lockdown, pandemic))
    assert slugs(rows.dated) == ["lockdown"] and rows.dated[0].part_of.event is pandemic
    assert slugs(rows.background) == ["pandemic"] and rows.background[0].parts == ()


# --- the plan ----------------------------------------------------------------------

def test_the_site_timeline_holds_every_event_once_and_one_row_for_the_visit(graph, plan):
    rows = page(plan, "timeline/").context["rows"]
    assert sorted(e.slug for e in flatten(rows.dated + rows.background)) == sorted(e.slug for e in graph.timeline)
    (visit,) = [e for e in rows.dated if e.event.slug == VISIT]
    assert visit.related == 6
    assert TALKS in slugs(visit.parts)
    talks = next(p for p in visit.parts if p.event.slug == TALKS)
    assert slugs(talks.parts) == [HERITAGE]
    assert not {VISIT, TALKS, HERITAGE, MEETING} - {e.slug for e in flatten([visit])}


def test_peru_page_and_its_view_nest_the_visit(plan):
    for path in ("countries/peru/", "timeline/country/peru/"):
        rows = page(plan, path).context["rows"]
        (visit,) = [e for e in rows.dated if e.event.slug == VISIT]
        assert visit.related == 6, path
        assert MEETING not in slugs(rows.dated), path


def test_a_person_at_one_meeting_sees_it_as_part_of_the_visit(graph, plan):
    context = page(plan, "people/elmer-schialer-salcedo/").context
    (meeting,) = [e for e in context["rows"].dated if e.event.slug == MEETING]
    assert meeting.part_of.event.slug == VISIT and meeting.parts == ()
    # the row links the visit: the page depends on it and counts it as linked
    visit = graph.get("events", VISIT)
    assert token(visit) in depends_on(context)
    shown = Shown().walk(context, [name for name in context if name not in backlinks.NOT_ABOVE])
    assert visit in backlinks.linked_above(graph, context["page"], shown.links())


def test_the_part_of_link_counts_as_a_link_to_the_event_alone(graph):
    visit = graph.get("events", VISIT)
    shown = Shown().walk({"part_of": timeline.PartOf(visit)}, ["part_of"])
    assert shown.links() == {visit}     # not its countries and people, which the row does not link


def test_a_filtered_view_without_the_visit_names_it(plan):
    rows = page(plan, "timeline/kind/meeting/").context["rows"]
    named = {e.event.slug: e.part_of.event.slug for e in rows.dated if e.part_of}
    assert named[MEETING] == VISIT


def test_the_visit_page_lists_its_parts_at_every_depth(plan):
    rows = page(plan, f"events/{VISIT}/").context["parts"]
    assert TALKS in slugs(rows.dated) and HERITAGE not in slugs(rows.dated)
    talks = next(e for e in rows.dated if e.event.slug == TALKS)
    assert slugs(talks.parts) == [HERITAGE]
    assert all(e.part_of is None for e in walk(rows.dated))   # all parts of this page's event


# --- the pages --------------------------------------------------------------------

def row(html: str, slug: str) -> str:
    """The <li> of an event's row, up to the first row it nests or its end."""
    start = html.index(f'<span class="what"><a href="/events/{slug}/">')
    start = html.rindex('<li class="event', 0, start)
    return html[start:html.index("</li>", start)]


def test_the_built_timelines_nest_the_visit_in_a_closed_details(site):
    for rel in ("timeline/index.html", "countries/peru/index.html", "timeline/country/peru/index.html"):
        html = site.read(rel)
        visit = row(html, VISIT)
        assert '<details class="parts"><summary>6 related events</summary><ol class="parts">' in visit, rel
        # each sub-event is a row of its own inside it: a link, with its date
        nested = visit[visit.index("<details"):]
        assert f'<a href="/events/{MEETING}/">' in nested and '<time datetime="2025-09-03">' in nested, rel
        assert html.count(f'<span class="what"><a href="/events/{MEETING}/">') == 1, rel


def test_the_built_person_page_says_part_of(site):
    html = site.read("people/elmer-schialer-salcedo/index.html")
    meeting = row(html, MEETING)
    assert re.search(rf'<span class="part-of">Part of <a href="/events/{VISIT}/">[^<]+</a></span>', meeting)
    assert "<details" not in meeting
