"""The timeline in a real browser (Playwright driving Debian's Chromium): the
script filters events in place, the URL records the filter, a reload restores
it, and screenshots at phone and desktop widths.

Screenshots go to a temporary folder, or to $SCREENSHOT_DIR when it is set.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from bilateral.pipeline import Project, build

from conftest import FIXTURE, local_page, needs_chromium, serve_folder

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser") / "site"
    build(Project(content=FIXTURE), out, "/")
    with serve_folder(out) as origin:
        yield origin


@pytest.fixture
def page(browser, server):   # only the local server is ever contacted
    with local_page(browser, server) as page:
        yield page


def visible_events(page) -> list[str]:
    return page.eval_on_selector_all(
        "[data-timeline-root] li.event:not([hidden]) .what > a", "els => els.map(a => a.textContent)")


def test_filter_hides_and_shows_events_and_the_url_follows(page, server):
    page.goto(f"{server}/timeline/")
    everything = visible_events(page)
    assert len(everything) == 4

    page.click("nav.filters summary:has-text('Country')")
    page.click("a[data-facet=country][data-value=mexico]")
    assert page.url == f"{server}/timeline/?country=mexico"
    assert visible_events(page) == ["Mammad Talibov's lecture at the Tecnológico de Monterrey"]
    assert page.is_hidden("#all-2020")                       # its year has no event left
    assert "Showing 1 of 4 events" in page.text_content("[data-filter-status]")

    page.click("a[data-facet=context]")                      # combine with a second filter
    assert page.url == f"{server}/timeline/?country=mexico&context=hide"

    page.reload()                                            # the URL restores the filter
    assert len(visible_events(page)) == 1

    page.click("a[data-facet=country][data-value=mexico]")   # a second click clears it
    assert page.url == f"{server}/timeline/?context=hide"
    assert len(visible_events(page)) == 3                    # the context event stays hidden
    page.go_back()
    assert len(visible_events(page)) == 1
    page.click("a[data-facet=all]")
    assert visible_events(page) == everything


def test_shared_filtered_url_opens_filtered(page, server):
    page.goto(f"{server}/timeline/?person=elnur-mammadov")
    assert len(visible_events(page)) == 2
    assert page.get_attribute("a[data-facet=person][data-value=elnur-mammadov]", "aria-current") == "true"


def test_without_javascript_filters_are_links_to_built_views(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/timeline/")
    page.click("nav.filters summary:has-text('Kind of event')")
    page.click("a[data-facet=kind][data-value=visit]")
    assert page.url == f"{server}/timeline/kind/visit/"
    assert page.eval_on_selector_all("#events li.event", "els => els.length") == 1
    context.close()


def test_sortable_matrix_updates_aria_sort(page, server):
    page.goto(f"{server}/countries/")
    page.click("table.overview th:has-text('Events') button")
    header = page.locator("table.overview th", has_text="Events")
    assert header.get_attribute("aria-sort") == "ascending"
    page.click("table.overview th:has-text('Events') button")
    assert header.get_attribute("aria-sort") == "descending"
    assert page.text_content("table.overview tbody tr:first-child th") == "Peru"


@pytest.mark.parametrize("width", [360, 1280])
def test_screenshots(browser, server, width, tmp_path):
    folder = Path(os.environ["SCREENSHOT_DIR"]) if os.environ.get("SCREENSHOT_DIR") else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    for name, rel in [("timeline", "timeline/?country=peru"), ("brazil", "countries/brazil/"),
                      ("countries", "countries/"), ("home", ""), ("person", "people/elnur-mammadov/")]:
        page.goto(f"{server}/{rel}")
        path = folder / f"{name}-{width}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 1000
        # nothing wider than the viewport: the page must not scroll sideways
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
    context.close()


def test_figures_fit_a_phone_with_their_sources_in_view(browser, server):
    """At 360 px each figure is a labelled card: no cell, the source note
    included, lies outside the screen (the table does not scroll sideways)."""
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(f"{server}/countries/brazil/")
    cells = page.eval_on_selector_all(
        "table.figures td", "tds => tds.map(td => [td.dataset.label, td.getBoundingClientRect().right])")
    context.close()
    assert {label for label, _ in cells} >= {"Figure", "Value", "Source"}
    assert [c for c in cells if c[1] > 360] == []
