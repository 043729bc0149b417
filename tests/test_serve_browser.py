"""In a real browser: a page open in `build.py serve` reloads itself after an edit,
shows the error page while the content is broken, and comes back once fixed."""
from __future__ import annotations

import re

import pytest

from conftest import CHROMIUM, CHROMIUM_ARGS
from test_serve import EVENT, OLD_TITLE, server  # noqa: F401 (the server fixture)

pytestmark = pytest.mark.browser

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture
def page():
    if CHROMIUM is None:
        pytest.skip("no Chromium or Chrome found (set CHROMIUM to its path)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser.new_page()
        browser.close()


def test_open_page_follows_edits_without_a_manual_reload(server, page):  # noqa: F811
    base, site_dir, _ = server
    page.goto(base + "/events/lima-consultations/")
    assert OLD_TITLE in page.title()
    event = site_dir / EVENT
    original = event.read_text()

    def title_becomes(text: str) -> None:
        # expect() polls from Playwright's own world: the pages' Content-Security-Policy
        # forbids the eval that wait_for_function("...") would need.
        sync_api.expect(page).to_have_title(re.compile(re.escape(text)), timeout=5000)

    event.write_text(original.replace(OLD_TITLE, "Retitled in the browser"))
    title_becomes("Retitled in the browser")

    event.write_text(original.replace("kind: consultations", "kind: consultation"))
    title_becomes("content problem")
    assert "did you mean 'consultations'?" in page.inner_text("body")

    event.write_text(original)
    title_becomes(OLD_TITLE)
