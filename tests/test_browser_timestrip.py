"""Issue 15, the timeline that shows time, on the real content in a real
browser (Playwright driving Debian's Chromium): a strip of years drawn at
build time, in which 2023-2025 dominates, each mark a link; filter counts
that follow the selection, choices that would give nothing marked, and an
empty selection that says so and offers to clear."""
from __future__ import annotations

import functools
import http.server
import re
import threading
from collections import Counter

import pytest

from conftest import REAL_CONTENT, local_page, needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium,
              pytest.mark.skipif(not (REAL_CONTENT / "site.yml").is_file(), reason="no real content")]


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(built_at_root):
    return built_at_root("real")


@pytest.fixture(scope="module")
def server(site):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def page(browser, server):   # only the local server is ever contacted
    with local_page(browser, server) as page:
        yield page


def strip_svg(html: str) -> str:
    return re.search(r'<svg viewBox="[^"]*" class="timestrip".*?</svg>', html, re.S).group(0)


def test_the_strip_comes_before_the_list_and_links_every_event(site):
    html = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert html.index('class="timestrip"') < html.index("data-timeline-root")
    svg = strip_svg(html)
    events = re.findall(r'<li class="event[^"]*"[^>]*>.*?<a href="(/events/[^"]+)"', html, re.S)
    marks = re.findall(r'<a href="(/events/[^"]+)" data-year="\d{4}" aria-label="[^"]+"><title>[^<]+</title><rect class="mark', svg)
    assert len(marks) == len(events) == 24 and set(marks) == set(events)
    # every country row's circle links to that country's view at that year
    assert ('href="/timeline/country/peru/#events-2025" data-country="peru" data-name="Peru" data-year="2025"'
            ' aria-label="Peru, 2025: 8 events"') in svg
    assert (site / "timeline" / "country" / "peru" / "index.html").read_text(encoding="utf-8").count('id="events-2025"') == 1
    caption = html[html.index('<figcaption id="strip-caption">'):]
    assert caption.startswith('<figcaption id="strip-caption">24 events by year (1995: 1, 2000: 1, 2020: 1, 2023: 5, 2024: 3, 2025: 13).')


def test_the_strip_spaces_years_by_time_so_2023_to_2025_dominates(site):
    svg = strip_svg((site / "timeline" / "index.html").read_text(encoding="utf-8"))
    xs = [float(x) for x in re.findall(r'<rect class="mark[^"]*" x="([\d.]+)"', svg)]
    columns = sorted(set(xs))
    gap_1995_2000, gap_2000_2020 = columns[1] - columns[0], columns[2] - columns[1]
    assert gap_2000_2020 == pytest.approx(4 * gap_1995_2000, rel=0.02)    # 20 years against 5
    per_column = Counter(xs)
    recent = sum(n for x, n in per_column.items() if x >= columns[-3])
    assert recent / len(xs) >= 0.8 and per_column[columns[-1]] == max(per_column.values())


def visible(page) -> int:
    """The events the selection shows: a larger event shown only as the
    context of a nested event that matches (li.as-context) is not one of them."""
    return page.eval_on_selector_all("[data-timeline-root] li.event:not([hidden]):not(.as-context)",
                                     "els => els.length")


def count_of(page, facet: str, value: str) -> int:
    return int(page.text_content(f"a[data-facet={facet}][data-value={value}] + .meta"))


def test_counts_follow_the_selection_and_empty_choices_are_marked(page, server):
    page.goto(f"{server}/timeline/?country=peru")
    assert visible(page) == 15
    page.click("nav.filters summary:has-text('Kind of event')")
    for value in page.eval_on_selector_all("a[data-facet=kind]", "els => els.map(a => a.dataset.value)"):
        expected = page.eval_on_selector_all(
            f"[data-timeline-root] li.event[data-country~=peru][data-kind~={value}]", "els => els.length")
        assert count_of(page, "kind", value) == expected, value
        marked = page.get_attribute(f"a[data-facet=kind][data-value={value}]", "class") or ""
        assert ("gives-none" in marked) == (expected == 0), value
    # hiding context events counts too: Peru's events that are not context
    expected = page.eval_on_selector_all(
        "[data-timeline-root] li.event[data-country~=peru][data-context=false]", "els => els.length")
    assert count_of(page, "context", "hide") == expected < 15


def test_an_empty_selection_says_so_and_offers_to_clear(page, server):
    page.goto(f"{server}/timeline/?country=mexico&kind=conflict")
    assert visible(page) == 0
    assert page.is_visible("[data-empty]") and "No events match this selection." in page.text_content("[data-empty]")
    assert page.text_content("[data-timeline-root] h2") == "Events matching the filter"
    page.click("[data-empty] button")
    assert page.url == f"{server}/timeline/"
    assert visible(page) == 24 and page.is_hidden("[data-empty]")
    assert page.text_content("[data-timeline-root] h2") == "All events"


def test_without_javascript_the_strip_is_there_and_its_marks_are_links(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/timeline/")
    page.click("svg.timestrip a[href='/timeline/country/brazil/#events-2025']")
    assert page.url == f"{server}/timeline/country/brazil/#events-2025"
    context.close()


def test_the_events_index_is_an_index_by_kind(site):
    html = (site / "events" / "index.html").read_text(encoding="utf-8")
    headings = re.findall(r'<h2 id="kind-([^"]+)">', html)
    assert headings == sorted(headings) and "visit" in headings and "conflict" in headings
    assert 'href="/timeline/kind/visit/"' in html


def test_the_overview_reads_as_labelled_cards_on_a_phone(browser, server):
    """At 360 px each country is a card: every cell shows its column's name
    beside its value, and nothing lies outside the screen."""
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(f"{server}/countries/")
    cells = page.eval_on_selector_all(
        "table.overview td", "tds => tds.map(td => [getComputedStyle(td, '::before').content, "
                             "td.getBoundingClientRect().right, getComputedStyle(td).display])")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # the header row is only for screen readers: each card labels its own values
    assert page.evaluate("document.querySelector('table.overview thead').getBoundingClientRect().height") <= 1
    context.close()
    assert {label for label, _, _ in cells} == {'"Azerbaijan in country"', '"Country in Azerbaijan"',
                                                '"Events on this site"', '"Latest event"', '"Latest trade figure"'}
    assert all(right <= 360 and display == "grid" for _, right, display in cells)


# --- sub-events nested under their visit, with the filters ---------------------------

VISIT_ROW = "[data-timeline-root] li.event:has(> .what > a[href='/events/elnur-mammadov-visit-to-peru-2025/'])"


def status(page) -> str:
    return page.text_content("[data-filter-status]")


def test_the_visit_is_one_row_with_its_six_related_events_folded(page, server):
    page.goto(f"{server}/timeline/")
    summary = page.locator(f"{VISIT_ROW} > details.parts > summary")
    assert summary.text_content() == "6 related events"
    meeting = page.locator(f"{VISIT_ROW} li.event", has_text="meets Elmer Schialer Salcedo")
    assert not meeting.is_visible()
    summary.click()
    assert meeting.is_visible() and "3–4 September 2025" in meeting.text_content()
    assert "Showing 24 of 24 events." in status(page)


def test_a_filter_shows_matching_sub_events_under_their_larger_event_as_context(page, server):
    page.goto(f"{server}/timeline/?kind=meeting")
    # four meetings match; the visit, no meeting, shows as their context and is not counted
    assert visible(page) == 4 and "Showing 4 of 24 events" in status(page)
    visit = page.locator(VISIT_ROW)
    assert "as-context" in visit.get_attribute("class")
    assert visit.locator("> .context-note").is_visible()
    assert page.locator(f"{VISIT_ROW} > details.parts").get_attribute("open") is not None
    assert page.text_content(f"{VISIT_ROW} > details.parts > summary") == "2 of 6 related events match"
    shown = page.eval_on_selector_all(f"{VISIT_ROW} li.event:not([hidden]) > .what > a", "els => els.length")
    assert shown == 2    # the lecture, the interviews and the consultations are hidden
    # clearing puts the row back as it was: closed, not context, its own words
    page.click("a[data-facet=all]")
    assert page.locator(f"{VISIT_ROW} > details.parts").get_attribute("open") is None
    assert "as-context" not in visit.get_attribute("class")
    assert not visit.locator("> .context-note").is_visible()
    assert page.text_content(f"{VISIT_ROW} > details.parts > summary") == "6 related events"


def test_a_matching_larger_event_keeps_its_parts_folded_and_counts_the_matches(page, server):
    page.goto(f"{server}/timeline/?person=elnur-mammadov")
    visit = page.locator(VISIT_ROW)
    assert "as-context" not in visit.get_attribute("class")
    assert page.locator(f"{VISIT_ROW} > details.parts").get_attribute("open") is None
    # the heritage outcome names no people: five of the six match
    assert page.text_content(f"{VISIT_ROW} > details.parts > summary") == "5 of 6 related events match"
    # a kind no part of the visit has: the visit's related events are not offered at all
    page.goto(f"{server}/timeline/?kind=visit")
    assert page.locator(f"{VISIT_ROW} > details.parts").is_hidden()
    assert visible(page) == 2


# --- the strip follows the filters ----------------------------------------------------

def strip_state(page) -> dict:
    return page.evaluate("""() => ({
        off: document.querySelectorAll('svg.timestrip a.off').length,
        marks: document.querySelectorAll('svg.timestrip a[data-year]:not([data-country])').length,
        cells: [...document.querySelectorAll('svg.timestrip a[data-country]')]
          .filter(a => getComputedStyle(a).display !== 'none')
          .map(a => a.getAttribute('aria-label')),
        status: document.querySelector('[data-strip-status]').hidden ? ''
                : document.querySelector('[data-strip-status]').textContent})""")


def test_the_strip_dims_what_the_filter_leaves_out_and_recounts_each_country(page, server):
    page.goto(f"{server}/timeline/")
    before = strip_state(page)
    assert before["off"] == 0 and before["status"] == "" and len(before["cells"]) > 10
    r_before = page.get_attribute("svg.timestrip a[data-country=peru][data-year='2025'] circle", "r")

    page.goto(f"{server}/timeline/?country=mexico")
    after = strip_state(page)
    assert after["marks"] - after["off"] == visible(page) == 1
    assert after["cells"] == ["Mexico, 2025: 1 event in the selection"]
    assert after["status"] == "In the selection: 1 of 24 events on the strip (2025: 1)."

    page.goto(f"{server}/timeline/?kind=meeting")
    after = strip_state(page)
    assert after["marks"] - after["off"] == visible(page) == 4
    assert "Peru, 2025: 2 events in the selection" in after["cells"]
    assert "2025: 2" in after["status"]
    r_meetings = float(page.get_attribute("svg.timestrip a[data-country=peru][data-year='2025'] circle", "r"))
    assert r_meetings < float(r_before)     # fewer events, a smaller circle on the same scale

    page.click("a[data-facet=all]")         # all events again: the strip as built
    assert strip_state(page) == before
    assert page.get_attribute("svg.timestrip a[data-country=peru][data-year='2025'] circle", "r") == r_before


def test_without_javascript_the_strip_shows_every_event(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/timeline/?kind=meeting")     # the query means nothing without the script
    assert page.eval_on_selector_all("svg.timestrip a.off, svg.timestrip a.gone", "els => els.length") == 0
    assert page.locator("[data-strip-status]").count() == 0
    # and the nested rows open without it
    page.click(f"{VISIT_ROW} > details.parts > summary")
    assert page.locator(f"{VISIT_ROW} li.event", has_text="meets Elmer Schialer Salcedo").is_visible()
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_in_a_filtered_state_or_with_the_rows_opened(browser, server, scheme):
    """What only the script shows (a larger event as context, its note, an
    opened list, dimmed marks, the strip's line) passes axe as the built page does."""
    from test_accessibility import axe_violations
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{server}/timeline/?kind=meeting")
    assert page.locator(f"{VISIT_ROW} > .context-note").is_visible()
    problems = {"filtered": axe_violations(page)}
    page.goto(f"{server}/countries/peru/")
    page.eval_on_selector_all("#timeline details.parts", "els => els.forEach(d => { d.open = true; })")
    problems["peru, opened"] = axe_violations(page)
    context.close()
    assert problems == {"filtered": [], "peru, opened": []}


def test_printing_shows_the_nested_events(browser, server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{server}/countries/peru/")
    page.emulate_media(media="print")
    meeting = "#timeline li.event:has(> .what > a[href='/events/mammadov-meeting-schialer-salcedo-2025/'])"
    assert page.locator(meeting).is_visible()
    page.emulate_media(media="screen")
    assert not page.locator(meeting).is_visible()      # on screen the list stays folded
    context.close()
