"""Issue 21 in Chromium: a search page past paginate.SEARCH_NAMES fetches
its names file (searchnames.py) from its own site, under the site's strict
Content-Security-Policy and a sub-path, and ranks and suggests from it as it
does from the inline list; without JavaScript it is the page it always was."""
from __future__ import annotations

import re

import pytest

from bilateral import paginate
from bilateral.pipeline import Project, build

from conftest import FIXTURE, local_page, needs_chromium, serve_folder

pytestmark = [pytest.mark.browser, needs_chromium]

BASE = "/repo/"
# the site's own policy (render.CONTENT_SECURITY_POLICY: no connect-src, so
# fetch() falls back to default-src 'self'), plus the WebAssembly Pagefind runs
CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The fixture site, its names past the (lowered) threshold, served under /repo/."""
    docroot = tmp_path_factory.mktemp("www")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paginate, "SEARCH_NAMES", 5)
        build(Project(content=FIXTURE), docroot / BASE.strip("/"), BASE)
    page = (docroot / "repo" / "search" / "index.html").read_text(encoding="utf-8")
    assert "<datalist" not in page and (docroot / "repo" / "search" / "names.json").is_file()
    with serve_folder(docroot, {"Content-Security-Policy": CSP}) as origin:
        yield origin


def watch(page) -> dict:
    """What the page requests, and any Content-Security-Policy complaint."""
    seen = {"requests": [], "csp": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("console", lambda m: seen["csp"].append(m.text) if "Content Security Policy" in m.text else None)
    return seen


@pytest.mark.parametrize("query, path", [("Azerbaijan", "countries/azerbaijan/"),
                                         ("Mammadov", "people/elnur-mammadov/")])
def test_a_name_ranks_its_page_first_from_the_fetched_list(browser, served, query, path):
    with local_page(browser, served) as page:
        seen = watch(page)
        page.goto(f"{served}{BASE}search/?q={query}")
        first = page.locator(".search-result-link").first
        first.wait_for(timeout=15000)
        assert first.get_attribute("href") == BASE + path
        assert f"{served}{BASE}search/names.json" in seen["requests"]
        assert all(url.startswith(served) for url in seen["requests"])
        assert seen["csp"] == []
        # the fetched names fill a <datalist> the boxes complete from, as the inline one did
        assert page.get_attribute("#search-q", "list") == "search-names"
        assert "Elnur Mammadov" in page.eval_on_selector_all("#search-names option", "os => os.map(o => o.value)")


def test_a_misspelt_name_suggests_the_nearest_from_the_fetched_list(browser, served):
    with local_page(browser, served) as page:
        page.goto(f"{served}{BASE}search/?q=Talibof")
        suggestion = page.locator("#search-status a")
        suggestion.first.wait_for(timeout=15000)
        assert suggestion.first.inner_text() == "Mammad Talibov"
        assert suggestion.first.get_attribute("href") == f"{BASE}people/mammad-talibov/"


def test_without_the_file_search_still_runs_but_neither_ranks_nor_suggests(browser, served):
    """The ranking and the suggestion above came from the file: blocked, the
    page still searches, but Pagefind alone ranks an event that mentions
    Azerbaijan above the country, and a misspelling finds no suggestion."""
    with local_page(browser, served) as page:
        page.route("**/names.json", lambda route: route.abort())
        page.goto(f"{served}{BASE}search/?q=Azerbaijan")
        first = page.locator(".search-result-link").first
        first.wait_for(timeout=15000)
        assert first.get_attribute("href") != f"{BASE}countries/azerbaijan/"
        page.goto(f"{served}{BASE}search/?q=Talibof")
        page.wait_for_function("() => /No page matches/.test(document.getElementById('search-status').textContent)",
                               timeout=15000)
        assert page.locator("#search-status a").count() == 0


def test_without_javascript_the_form_still_submits(browser, served):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served}{BASE}search/")
    assert page.locator("#search-fallback").is_visible()
    page.fill("#search-q", "Peru")
    page.press("#search-q", "Enter")
    page.wait_for_url(re.compile(re.escape(f"{served}{BASE}search/?q=Peru")))
    assert page.locator("#search-fallback").is_visible()
    context.close()
