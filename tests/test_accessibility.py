"""Accessibility in a real browser (Debian's Chromium, driven by Playwright):
zero axe-core violations on every kind of page the build wrote, in light and
dark colour schemes, and a keyboard path in through the skip link."""
from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from bilateral import i18n
from conftest import html_pages, serve_folder, site_contents

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(built_at_root):
    """serve(name) -> http://127.0.0.1:PORT/ serving that built site."""
    with contextlib.ExitStack() as servers:
        origins = {}

        def serve(name: str) -> str:
            if name not in origins:
                origins[name] = servers.enter_context(serve_folder(built_at_root(name)))
            return origins[name] + "/"
        yield serve


def page_url(root: Path, page: Path) -> str:
    rel = page.relative_to(root).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def is_redirect(page: Path) -> bool:
    return 'http-equiv="refresh"' in page.read_text(encoding="utf-8")


def page_kinds(root: Path) -> dict[str, str]:
    """One page per kind of page, found by crawling the output: its first path
    segment and depth ('countries/' index vs 'countries/x/' entry). The largest
    page of each kind is taken, as it exercises the most of its template."""
    chosen: dict[str, Path] = {}
    for page in html_pages(root):
        if is_redirect(page):
            continue
        parts = page_url(root, page).rstrip("/").split("/")
        kind = f"{parts[0] or 'home'}/{'entry' if len(parts) > 1 else 'index'}"
        if kind not in chosen or page.stat().st_size > chosen[kind].stat().st_size:
            chosen[kind] = page
    return {kind: page_url(root, page) for kind, page in sorted(chosen.items())}


def axe_violations(page) -> list[str]:
    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(" ".join(n["target"]) for n in v["nodes"][:3])
            for v in results.response["violations"]]


# The kinds of page every site has; the crawl adds any others the build writes.
EXPECTED_KINDS = {"home/index", "404.html/index", "timeline/index", "countries/index",
                  "countries/entry", "people/entry", "events/entry", "organizations/entry",
                  "topics/entry", "sources/entry"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("site", site_contents())
def test_no_axe_violations_on_any_kind_of_page(browser, served, built_at_root, site, scheme):
    root = built_at_root(site)
    kinds = page_kinds(root)
    assert EXPECTED_KINDS <= set(kinds), kinds
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    problems = {}
    for kind, rel in kinds.items():
        page.goto(served(site) + rel)
        found = axe_violations(page)
        if found:
            problems[rel] = found
    context.close()
    assert problems == {}


def test_axe_sees_violations_when_there_are_some(browser, tmp_path):
    """The check above would notice a real problem."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html><head><title>x</title></head><body>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><a href="/"></a></body></html>')
    page = browser.new_page()
    page.goto((tmp_path / "index.html").as_uri())
    ids = {v.split(" ")[0] for v in axe_violations(page)}
    page.close()
    assert {"image-alt", "link-name", "html-has-lang"} <= ids


@pytest.mark.parametrize("site", site_contents())
def test_keyboard_reaches_main_through_the_skip_link(browser, served, built_at_root, site):
    root = built_at_root(site)
    page = browser.new_page()
    for rel in page_kinds(root).values():
        page.goto(served(site) + rel)
        page.keyboard.press("Tab")
        first = page.evaluate("""() => { const a = document.activeElement, s = getComputedStyle(a);
            return {href: a.getAttribute('href'), text: a.textContent.trim(),
                    outline: s.outlineStyle, width: parseFloat(s.outlineWidth),
                    left: a.getBoundingClientRect().left, lang: document.documentElement.lang}; }""")
        with i18n.language(first["lang"]):   # the link speaks the page's language
            assert first["href"] == "#main" and first["text"] == i18n.gettext("Skip to content"), rel
        assert first["outline"] != "none" and first["width"] > 0, rel   # focus is visible
        assert first["left"] >= 0, rel                                   # and on screen
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main", rel
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('main')"), rel
    page.close()


def test_every_focus_stop_shows_its_focus(browser, served, built_at_root):
    page = browser.new_page()
    page.goto(served("fixture") + "events/lima-consultations/")
    seen = []
    for _ in range(300):
        page.keyboard.press("Tab")
        state = page.evaluate("""() => { const a = document.activeElement, s = getComputedStyle(a);
            return {tag: a.tagName, text: (a.textContent || a.name || '').trim().slice(0, 40),
                    outline: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }""")
        if state["tag"] == "BODY":
            break
        assert state["outline"] != "none" and state["width"] > 0, state
        seen.append(state["text"])
    page.close()
    assert len(seen) > 10 and seen[0] == "Skip to content"
