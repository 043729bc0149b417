"""Moving around a long page on a phone (issue 16): a compact header, no
sideways scrolling, breadcrumbs, "On this page", reference sections closed on
phones and open on wide screens, print without the site's furniture, and
"Cite this page" completed in the browser."""
from __future__ import annotations

import datetime
import functools
import http.server
import re
import threading

import pytest

from bilateral.pipeline import Project, build
from bilateral.wayfinding import MIN_SECTIONS, on_this_page

from conftest import REAL_CONTENT, needs_chromium


def test_on_this_page_lists_the_sections_of_a_long_page_only():
    sections = "".join(f'<section><h2 id="s{i}-h">Part {i} <span class="count">(3)</span></h2></section>'
                       for i in range(MIN_SECTIONS))
    page = f"<main><article><h1>Peru</h1>{sections}</article></main>"
    out = on_this_page(page)
    assert out.index("</h1>") < out.index('class="on-this-page"') < out.index('id="s0-h"')
    assert re.findall(r'<li><a href="#(s\d-h)">([^<]*)</a>', out) == [(f"s{i}-h", f"Part {i}") for i in range(MIN_SECTIONS)]
    short = f"<main><h1>Peru</h1>{sections.split('</section>')[0]}</section></main>"
    assert on_this_page(short) == short


def test_on_this_page_comes_after_the_lead_that_answers_first():
    """On a phone 13 links fill the first screen: the page's lead paragraph,
    its answer, comes before them; a lead inside a section does not count."""
    sections = "".join(f'<section><h2 id="s{i}-h">Part {i}</h2><p class="lead">x</p></section>'
                       for i in range(MIN_SECTIONS))
    page = f'<main><article><h1>Peru</h1><p class="reference">PE</p><p class="lead">The answer.</p>{sections}</article></main>'
    out = on_this_page(page)
    assert out.index("The answer.</p>") < out.index('class="on-this-page"') < out.index('id="s0-h"')
    without = page.replace('<p class="lead">The answer.</p>', "")
    out = on_this_page(without)
    assert out.index("</h1>") < out.index('class="on-this-page"') < out.index('class="reference"')


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if not (REAL_CONTENT / "site.yml").is_file():
        pytest.skip("the real content is not in this checkout")
    out = tmp_path_factory.mktemp("www") / "site"
    build(Project(content=REAL_CONTENT), out, "/")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/", out
    server.shutdown()
    server.server_close()


def _phone(browser):
    return browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)


PAGES = ["", "countries/peru/", "people/elnur-mammadov/", "events/cop29/",
         "sources/talibov-monterrey-lecture-op-ed/", "search/?q=Peru", "timeline/", "countries/"]


@pytest.mark.browser
@needs_chromium
def test_phone_header_is_compact_and_nothing_scrolls_sideways(browser, site):
    origin, _ = site
    context = _phone(browser)
    page = context.new_page()
    for path in PAGES:
        page.goto(origin + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
        assert page.locator(".site-header").bounding_box()["height"] <= 120, path
    context.close()


@pytest.mark.browser
@needs_chromium
def test_breadcrumbs_and_on_this_page(browser, site):
    origin, _ = site
    page = browser.new_page()
    page.goto(origin + "countries/peru/")
    crumbs = page.locator("nav.breadcrumbs li")
    assert crumbs.all_inner_texts() == ["Countries", "Peru"]
    assert page.locator("nav.breadcrumbs a").get_attribute("href") == "/countries/"
    toc = page.locator("nav.on-this-page a")
    assert toc.count() >= MIN_SECTIONS
    for href in toc.evaluate_all("els => els.map(e => e.getAttribute('href'))"):
        assert page.locator(href).count() == 1, href
    page.close()


@pytest.mark.browser
@needs_chromium
def test_reference_sections_closed_on_phones_open_on_wide_screens(browser, site):
    origin, _ = site
    context = _phone(browser)
    page = context.new_page()
    page.goto(origin + "countries/peru/")
    assert page.locator("section.notes details.reference").evaluate("d => d.open") is False
    page.goto(origin + "countries/peru/#note-2")                 # a link into it opens it
    assert page.locator("section.notes details.reference").evaluate("d => d.open") is True
    assert page.locator("#note-2").is_visible()
    context.close()
    wide = browser.new_page(viewport={"width": 1280, "height": 800})
    wide.goto(origin + "countries/peru/")
    assert wide.locator("section.notes details.reference").evaluate("d => d.open") is True
    wide.close()


@pytest.mark.browser
@needs_chromium
def test_print_leaves_out_header_search_and_backlinks(browser, site):
    origin, _ = site
    page = browser.new_page()
    page.goto(origin + "people/elnur-mammadov/")
    page.emulate_media(media="print")
    for selector in [".site-header", ".site-search", "section.mentioned", ".breadcrumbs", ".backrefs"]:
        if page.locator(selector).count():
            assert page.locator(selector).first.evaluate("e => getComputedStyle(e).display") == "none", selector
    page.close()


@pytest.mark.browser
@needs_chromium
def test_cite_this_page_gives_the_address_and_access_date_and_copies(browser, site):
    origin, out = site
    built = (out / "countries" / "peru" / "index.html").read_text(encoding="utf-8")
    assert "Accessed" not in built                       # the built page carries no date
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(origin + "countries/peru/")
    text = page.locator("#cite-this-text").inner_text()
    today = datetime.date.today()
    assert f"{origin}countries/peru/" in text
    assert text.endswith(f"Accessed {today.day} {today:%B} {today.year}.")
    page.locator("#cite-this-copy").click()
    page.locator("#cite-this-status").filter(has_text="Copied").wait_for(timeout=5000)
    assert page.evaluate("navigator.clipboard.readText()") == text
    context.close()
