"""Search in a real browser: Pagefind's index and UI, served from 127.0.0.1,
at / and under a sub-path, under a strict Content-Security-Policy."""
from __future__ import annotations

import re

import pytest

from bilateral.pipeline import Project, build

from conftest import FIXTURE, needs_chromium, serve_folder

pytestmark = [pytest.mark.browser, needs_chromium]

# The strictest policy the search page works under: the site's own files only.
# Pagefind runs WebAssembly ('wasm-unsafe-eval'); its CSS draws the search icon
# as a data: SVG (img-src data:).
CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:"


@pytest.fixture(scope="module", params=["/", "/az-latam/"], ids=["root", "subpath"])
def served(request, tmp_path_factory):
    """The fixture site built for a base path, served from a local server."""
    base = request.param
    docroot = tmp_path_factory.mktemp("www")
    build(Project(content=FIXTURE), docroot / base.strip("/") if base != "/" else docroot / "site", base)
    root = docroot / "site" if base == "/" else docroot
    with serve_folder(root, {"Content-Security-Policy": CSP}) as origin:
        yield origin, base


@pytest.mark.parametrize("query", ["Mammadov", "Məmmədov"])
def test_search_finds_the_person_by_either_spelling(browser, served, query):
    origin, base = served
    page = browser.new_page()
    violations, requests = [], []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{origin}{base}search/?q={query}")
    link = page.locator(".search-result-link", has_text=re.compile(r"^\s*Elnur Mammadov\s*$"))
    link.first.wait_for(timeout=15000)
    assert link.first.get_attribute("href") == f"{base}people/elnur-mammadov/"
    result = page.locator(".search-result", has=link.first)
    assert "Person" in result.text_content()        # the result says what kind of page it is
    assert page.locator("#search-fallback").is_hidden()
    assert violations == []
    assert all(url.startswith(origin) for url in requests)
    page.close()


def test_header_form_leads_to_results(browser, served):
    origin, base = served
    page = browser.new_page()
    page.goto(f"{origin}{base}countries/peru/")
    page.fill("#site-search-q", "Lima")
    page.press("#site-search-q", "Enter")
    page.locator(".search-result-link").first.wait_for(timeout=15000)
    assert page.url.startswith(f"{origin}{base}search/?q=Lima")
    assert page.input_value("#site-search-q") == "Lima"     # the header's box keeps the query
    page.close()


def test_without_javascript_the_search_page_says_so(browser, served):
    origin, base = served
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{origin}{base}search/")
    fallback = page.locator("#search-fallback")
    assert fallback.is_visible()
    assert "needs JavaScript" in fallback.inner_text()
    assert fallback.locator(f'a[href="{base}people/"]').count() == 1
    context.close()
