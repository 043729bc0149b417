"""Citation previews on a phone (issue 16): at 360 px, tapping a citation mark
on Peru's page shows its quote where the reader is, Escape closes it, each
note links back to its marks, and every mark is a 24x24 px tap target."""
from __future__ import annotations

import functools
import http.server
import re
import threading

import pytest

from bilateral.citemarks import label, link_back
from bilateral.pipeline import Project, build

from conftest import REAL_CONTENT, needs_chromium


def test_marks_get_ids_in_reading_order_and_notes_link_back_to_each():
    html = ('<p>a<sup class="cite"><a href="#note-1">[1]</a></sup> b<sup class="cite"><a href="#note-2" '
            'rel="noopener noreferrer">[2]</a></sup> c<sup class="cite"><a href="#note-1">[1]</a></sup></p>'
            '<li id="note-1"><span class="backrefs" data-note="1"></span></li>'
            '<li id="note-2"><span class="backrefs" data-note="2"></span></li>'
            '<li id="note-3"><span class="backrefs" data-note="3"></span></li>')
    out = link_back(html)
    assert re.findall(r'id="(cite-[0-9-]+)"', out) == ["cite-1-1", "cite-2-1", "cite-1-2"]
    assert 'rel="noopener noreferrer"' in out
    assert re.findall(r'href="#(cite-1-\d)"[^>]*>(\w)</a>', out) == [("cite-1-1", "a"), ("cite-1-2", "b")]
    assert '<a href="#cite-2-1" aria-label="Back to where note 2 is cited">↩</a>' in out
    assert 'data-note="3"' not in out                       # a note cited nowhere gets no back-link


def test_back_link_labels_go_past_z():
    assert [label(k) for k in (1, 2, 26, 27, 28)] == ["a", "b", "z", "aa", "ab"]


def test_identical_quotes_from_one_source_are_one_note(real_site):
    html = real_site.read("countries/peru/index.html")
    notes = re.findall(r'<li id="note-\d+"><span class="note-body"><q class="note-quote">(.*?)</q> — '
                       r'<span class="note-source"><a href="([^"]+)"', html)
    assert notes and len(notes) == len(set(notes))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def peru(tmp_path_factory):
    if not (REAL_CONTENT / "site.yml").is_file():
        pytest.skip("the real content is not in this checkout")
    out = tmp_path_factory.mktemp("www") / "site"
    build(Project(content=REAL_CONTENT), out, "/")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/countries/peru/"
    server.shutdown()
    server.server_close()


def _phone(browser, **extra):
    return browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, **extra)


@pytest.mark.browser
@needs_chromium
def test_tapping_a_mark_shows_its_quote_without_scrolling_and_escape_closes(browser, peru):
    context = _phone(browser)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(peru)
    mark = page.locator('sup.cite a[href^="#note-"]').first
    mark.scroll_into_view_if_needed()
    before = page.evaluate("window.scrollY")
    note_id = mark.get_attribute("href")[1:]
    quote = page.locator(f"#{note_id} .note-quote").text_content()
    mark.tap()
    popover = page.locator("#cite-popover")
    popover.wait_for(state="visible", timeout=5000)
    assert page.evaluate("window.scrollY") == before                       # the page did not move
    assert quote in popover.inner_text()
    box = page.locator("#cite-popover .cite-popover-quote").bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= 740 and 0 <= box["x"] and box["x"] + box["width"] <= 360
    assert popover.locator('a[href^="/sources/"]').count() == 1            # the source's page
    assert popover.locator(f'a[href="#{note_id}"]').count() == 1          # the full note
    page.keyboard.press("Escape")
    assert popover.count() == 0
    assert page.evaluate("document.activeElement.getAttribute('href')") == f"#{note_id}"
    assert errors == []
    context.close()


@pytest.mark.browser
@needs_chromium
def test_keyboard_opens_the_preview_and_escape_returns_to_the_mark(browser, peru):
    page = browser.new_page()
    page.goto(peru)
    mark = page.locator('sup.cite a[href^="#note-"]').first
    mark.focus()
    page.keyboard.press("Enter")
    page.locator("#cite-popover").wait_for(state="visible", timeout=5000)
    assert page.evaluate("document.activeElement.id") == "cite-popover"
    page.keyboard.press("Escape")
    assert page.locator("#cite-popover").count() == 0
    assert page.evaluate("document.activeElement.id") == mark.get_attribute("id")
    page.close()


@pytest.mark.browser
@needs_chromium
def test_the_notes_back_link_returns_to_the_mark(browser, peru):
    context = _phone(browser)
    page = context.new_page()
    page.goto(peru + "#note-1")
    page.locator("#note-1 .backrefs a").first.tap()
    page.wait_for_url(re.compile(r"#cite-1-1$"))
    mark = page.locator("#cite-1-1")
    box = mark.bounding_box()
    assert box["y"] + box["height"] > 0 and box["y"] <= 740              # the mark is on screen
    context.close()


@pytest.mark.browser
@needs_chromium
def test_every_mark_is_a_24px_tap_target_at_360px(browser, peru):
    context = _phone(browser)
    page = context.new_page()
    page.goto(peru)
    sizes = page.eval_on_selector_all('sup.cite a, .backrefs a', """els => els.map(e => {
        const r = e.getBoundingClientRect(); return [e.textContent, r.width, r.height]; })""")
    assert sizes
    small = [s for s in sizes if s[1] < 24 or s[2] < 24]
    assert small == []
    context.close()


@pytest.mark.browser
@needs_chromium
def test_inferred_opens_its_reason_on_tap(browser, peru):
    context = _phone(browser)
    page = context.new_page()
    page.goto(peru)
    toggle = page.locator("button.inferred-toggle").first
    if toggle.count() == 0:
        pytest.skip("no inferred date on Peru's page")
    toggle.scroll_into_view_if_needed()
    toggle.tap()
    reason = page.locator("#cite-popover .cite-popover-reason")
    reason.wait_for(state="visible", timeout=5000)
    assert reason.inner_text().startswith("Inferred")
    context.close()


@pytest.mark.browser
@needs_chromium
def test_without_javascript_a_mark_is_a_link_to_its_note(browser, peru):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(peru)
    mark = page.locator('sup.cite a[href^="#note-"]').first
    target = mark.get_attribute("href")
    mark.click()
    page.wait_for_url(re.compile(re.escape(target) + "$"))
    assert page.locator("#cite-popover").count() == 0
    context.close()
