"""Filtering a timeline split into pages, in a real browser (Playwright
driving Debian's Chromium): a filter set on any page covers every page's
events, the query string records it as on a timeline of one page, and
clearing it gives back the page as built. Screenshots of a split timeline at
phone and desktop widths go to $SCREENSHOT_DIR when it is set."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import local_page, needs_chromium, serve_folder
from test_paginate import LOW, corpus, site  # noqa: F401  (fixtures: the corpus built with low limits)

pytestmark = [pytest.mark.browser, pytest.mark.slow, needs_chromium]


@pytest.fixture(scope="module")
def server(site):  # noqa: F811
    with serve_folder(site) as origin:
        yield origin


@pytest.fixture
def page(browser, server):   # only the local server is ever contacted
    with local_page(browser, server) as page:
        yield page


def visible(page) -> list[str]:
    return page.eval_on_selector_all(
        "[data-timeline-root] li.event:not([hidden]) .what > a",
        "els => els.filter(a => a.offsetParent !== null).map(a => a.getAttribute('href'))")


def wait_for_rows(page, count: int) -> None:
    """Until the other pages are in and `count` events show (polled from
    here: the page's CSP forbids the string evaluation wait_for_function uses)."""
    for _ in range(200):
        if len(visible(page)) == count:
            return
        page.wait_for_timeout(50)
    assert len(visible(page)) == count


def slugs(events) -> list[str]:
    return sorted(f"/events/{e['slug']}/" for e in events)


def test_a_filter_on_one_page_covers_every_page_and_the_url_records_it(page, server, corpus):  # noqa: F811
    page.goto(f"{server}/timeline/2010/")
    own = visible(page)
    assert 0 < len(own) <= LOW["PAGE_EVENTS"]

    page.click("nav.filters summary:has-text('Country')")
    page.click("a[data-facet=country][data-value=peru]")
    assert page.url == f"{server}/timeline/2010/?country=peru"
    peru = [e for e in corpus.events if "peru" in e["countries"]]
    wait_for_rows(page, len(peru))
    assert sorted(visible(page)) == slugs(peru)
    assert f"Showing {len(peru)} of {len(corpus.events)} events" in page.text_content("[data-filter-status]")
    assert page.is_hidden("nav.pager")                       # the selection spans the pages

    page.click("nav.filters summary:has-text('Kind of event')")
    page.click("a[data-facet=kind][data-value=visit]")       # filters combine across the split
    assert page.url == f"{server}/timeline/2010/?country=peru&kind=visit"
    both = [e for e in peru if e["kind"] == "visit"]
    assert sorted(visible(page)) == slugs(both)
    kinds = page.text_content("a[data-facet=kind][data-value=meeting] + .meta")
    assert kinds == str(sum(e["kind"] == "meeting" for e in peru))   # counts follow the selection

    page.click("a[data-facet=all]")                          # cleared: the page as built
    assert page.url == f"{server}/timeline/2010/"
    assert visible(page) == own
    assert page.is_visible("nav.pager")
    assert page.text_content("a[data-facet=kind][data-value=meeting] + .meta") == str(
        sum(e["kind"] == "meeting" for e in corpus.events))   # the whole timeline's, not the page's


def test_a_shared_filtered_address_opens_filtered_across_the_split(page, server, corpus):  # noqa: F811
    page.goto(f"{server}/timeline/?country=chile&context=hide")
    chile = [e for e in corpus.events if "chile" in e["countries"]]
    wait_for_rows(page, len(chile))
    assert sorted(visible(page)) == slugs(chile)
    page.click("a[data-facet=country][data-value=chile]")    # a second click clears it
    assert page.url == f"{server}/timeline/?context=hide"


def test_an_empty_selection_says_so_across_the_split(page, server):
    page.goto(f"{server}/timeline/2005/?country=peru&kind=no-such-kind")
    page.wait_for_selector("[data-empty]:not([hidden])")
    assert visible(page) == []


@pytest.mark.parametrize("width", [360, 1280])
def test_screenshots_of_a_split_timeline(browser, server, width):
    folder = os.environ.get("SCREENSHOT_DIR")
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for name, path in (("first", "timeline/"), ("year", "timeline/2010/")):
        page.goto(f"{server}/{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways at {width}px"
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(folder) / f"timeline-{name}-{width}.png"), full_page=True)
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_on_the_split_and_cut_pages(browser, server, scheme):
    from test_accessibility import axe_violations
    from test_paginate import SPLIT_PAGES
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    problems = {}
    for path in SPLIT_PAGES:
        page.goto(f"{server}/{path}")
        found = axe_violations(page)
        if found:
            problems[path] = found
    context.close()
    assert problems == {}
