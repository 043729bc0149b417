"""Search finds a person first, by any spelling (issue 16): the spelling rule
table, and ranks asked of Pagefind in Chromium on the real content, at / and
under a sub-path."""
from __future__ import annotations

import functools
import http.server
import json
import re
import threading

import pytest

from bilateral import spelling
from bilateral.pipeline import Project, build

from conftest import REAL_CONTENT, needs_chromium


def test_variants_follow_the_sites_romanization_rules(real_graph):
    """The real site's rule table (site.yml `spelling_rules`)."""
    rules = spelling.of_graph(real_graph)
    assert rules.variants(["Elnur Mammadov", "Elnur Məmmədov"]) == ["Mamedov", "Mamadov", "Memmedov"]
    assert {"Aliev", "Heyder", "Geydar"} <= set(rules.variants(["Heydar Aliyev", "Heydər Əliyev"]))
    assert rules.variants(["José Enrique Jeri"]) == ["Jose"]
    assert rules.variants(["Peru"]) == []          # nothing to vary: nothing added


def test_without_rules_only_accents_are_dropped():
    """The engine itself knows no romanization: the site's rules are all."""
    assert spelling.Spelling(()).variants(["Elnur Məmmədov", "José Jeri", "Heydar Aliyev"]) == ["Jose"]


def test_later_rules_apply_to_earlier_rules_spellings():
    rules = spelling.Spelling((spelling.Rule("ə", "a", "one"), spelling.Rule("^Mammad", "Mamed", "two")))
    assert rules.spellings("Məmmədov") == ("Məmmədov", "Mammadov", "Mamedov")


def test_variants_are_never_shown(real_site):
    """A variant is in the page only inside the hidden, unindexed names element."""
    html = real_site.read("people/elnur-mammadov/index.html")
    hidden = re.search(r'<p hidden data-pagefind-ignore data-pagefind-meta="names">([^<]*)</p>', html)
    assert hidden and "Mamedov" in hidden.group(1)
    assert html.count("Mamedov") == 1


QUERIES = {
    "Mammadov": "people/elnur-mammadov/", "Məmmədov": "people/elnur-mammadov/",
    "Mamedov": "people/elnur-mammadov/", "Talibov": "people/mammad-talibov/",
    "Heydar Aliyev": "people/heydar-aliyev/", "Alckmin": "people/geraldo-alckmin/",
    "Peru": "countries/peru/", "Brazil": "countries/brazil/",
}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module", params=["/", "/az-latam/"], ids=["root", "subpath"])
def served_real(request, tmp_path_factory):
    if not (REAL_CONTENT / "site.yml").is_file():
        pytest.skip("the real content is not in this checkout")
    base = request.param
    docroot = tmp_path_factory.mktemp("www")
    out = docroot / (base.strip("/") or "site")
    build(Project(content=REAL_CONTENT), out, base)
    root = out if base == "/" else docroot
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", base
    server.shutdown()
    server.server_close()


PERSONS = [q for q, path in QUERIES.items() if path.startswith("people/")] + ["Brazil"]


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("query", PERSONS)
def test_pagefind_ranks_the_named_page_first(browser, served_real, query):
    """Pagefind's own API, with the ranking options the search page carries
    (the `names` metadata weighted), puts the page of that name first."""
    origin, base = served_real
    page = browser.new_page()
    page.goto(f"{origin}{base}search/")
    ranking = json.loads(page.locator("#search").get_attribute("data-ranking"))
    urls = page.evaluate("""async ([bundle, base, ranking, q]) => {
        const pf = await import(bundle + "pagefind.js");
        await pf.options({baseUrl: base, ranking});
        const r = await pf.search(q);
        return Promise.all(r.results.slice(0, 3).map(x => x.data().then(d => d.url)));
    }""", [f"{base}pagefind/", base, ranking, query])
    assert urls[0] == base + QUERIES[query], urls
    page.close()


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("query", list(QUERIES))
def test_search_page_lists_the_named_page_first(browser, served_real, query):
    """What a reader sees: the search page (Pagefind's API, then the pages the
    query names) lists the entity first, and the header box keeps the query."""
    origin, base = served_real
    page = browser.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{origin}{base}search/?q={query}")
    first = page.locator(".search-result-link").first
    first.wait_for(timeout=15000)
    assert first.get_attribute("href") == base + QUERIES[query]
    assert page.input_value("#site-search-q") == query
    assert errors == []
    page.close()


@pytest.mark.browser
@needs_chromium
def test_no_result_suggests_the_nearest_name(browser, served_real):
    origin, base = served_real
    page = browser.new_page()
    page.goto(f"{origin}{base}search/?q=Talibof")
    suggestion = page.locator("#search-status a")
    suggestion.first.wait_for(timeout=15000)
    assert suggestion.first.inner_text() == "Mammad Talibov"
    assert suggestion.first.get_attribute("href") == f"{base}people/mammad-talibov/"
    page.close()


@pytest.mark.browser
@needs_chromium
def test_excerpts_do_not_run_labels_into_values(browser, served_real):
    origin, base = served_real
    page = browser.new_page()
    page.goto(f"{origin}{base}search/?q=Talibov")
    page.locator(".search-excerpt").first.wait_for(timeout=15000)
    text = " ".join(page.locator(".search-excerpt").all_inner_texts())
    assert not re.search(r"\b(Date|Kind|Place|Countries|Publisher|Language)[0-9A-Z]", text), text
    page.close()
