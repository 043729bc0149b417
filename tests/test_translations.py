"""Issue 19's engine: languages, translation files, fingerprints, the
localized graphs, language-prefixed URLs and the pages and feeds of each language."""
from __future__ import annotations

import re

import feedparser
import pytest

from bilateral import translations
from bilateral.languages import build_graphs, plan_languages
from bilateral.pipeline import Project, build, load_checked
from bilateral.urls import Urls
from conftest import (ROOT, RenderedSite, copy_fixture, errors_for, needs_chromium, run_cli, serve_folder,
                      without_search_index, write)


@pytest.fixture
def site_dir(reused_site_dir):
    """These tests edit the content and read it back: the session's one
    reused copy (conftest.reused_site_dir) instead of a new copy each."""
    return reused_site_dir


EVENT_ES = """---
title: Primeras consultas políticas entre Azerbaiyán y Perú
place: Lima
people:
  - role: encabezó la parte azerbaiyana
  - {}
glosses:
  1: "la primera ronda de consultas políticas"
---
La primera ronda de consultas.[cite:1] Con [[countries/peru|Perú]].
"""


def _languages(site, langs: str = "[en, es, pt]") -> None:
    text = (site / "site.yml").read_text(encoding="utf-8")
    (site / "site.yml").write_text(text.replace("language: en\n", f"language: en\nlanguages: {langs}\n"),
                                   encoding="utf-8")


@pytest.fixture
def site(site_dir):
    _languages(site_dir)
    return site_dir


# --- the setting --------------------------------------------------------------------

def test_a_bad_languages_setting_is_a_located_error(site_dir):
    _languages(site_dir, "[en, 'e s', xx]")
    errors = errors_for(site_dir)
    assert any(re.search(r"site\.yml:\d+: 'languages': 'e s' is not a BCP 47", e) for e in errors), errors
    assert any("CLDR (Babel) knows no language 'xx'" in e for e in errors), errors


def test_languages_begin_with_the_default_language(site_dir):
    _languages(site_dir, "[es, en]")
    assert any("must begin with the site's default language, 'language: en'" in e for e in errors_for(site_dir))


def test_a_site_without_the_setting_has_one_language(site_dir):
    graphs = build_graphs(load_checked(site_dir))
    assert list(graphs) == ["en"]


# --- the files ----------------------------------------------------------------------

def test_translation_files_are_not_entities(site):
    write(site, "events/lima-consultations.es.md", EVENT_ES)
    write(site, "figures/trade.es.yml", "figures:\n  - label: Años de relaciones\n  - {}\n  - {}\n")
    write(site, "site.es.yml", "title: Sitio de prueba\n")
    content = load_checked(site)
    assert not any("." in doc.slug for doc in content.documents + content.tables)
    assert sorted((d.kind, d.slug, d.lang) for d in content.translations) == [
        ("events", "lima-consultations", "es"), ("figures", "trade", "es"), ("site", "site", "es")]


@pytest.mark.parametrize("text, expected", [
    ("---\ndate: '2025'\n---\n", r"lima-consultations\.es\.md:2: 'date' is not translatable: it is shared"),
    ("---\ntitel: X\n---\n", r"lima-consultations\.es\.md:2: unknown key 'titel' \(did you mean 'title'\?\)"),
    ("---\ncitations: []\n---\n", r"\.es\.md:2: 'citations' is not translatable: citations and their quotes"),
    ("---\npeople:\n  - role: x\n---\n", r"\.es\.md:2: 'people' has 1 entry; the original has 2"),
    ("---\npeople:\n  - {}\n  - {role: x, person: y}\n---\n", r"\.es\.md:4: 'person' is not translatable"),
    ("---\ntitle: X\n---\nSin marcas.\n", r"\.es\.md:4: the body's citation marks differ .*missing \[cite:1\]"),
    ("---\ntitle: X\n---\nOtra.[cite:1][cite:2]\n", r"not in the original: \[cite:2\]"),
    ("---\ntitle: X\n---\nVer [[countries/peruu|Perú]].[cite:1]\n",
     r"\.es\.md:4: link \[\[countries/peruu\]\]: no such page \(did you mean 'peru'\?\)"),
    ("---\nglosses:\n  7: uno\n---\n", r"\.es\.md:3: 'glosses': '7' is not a citation number"),
    ("---\nsummary: Un resumen.\n---\n", r"\.es\.md:2: 'summary': the original .* has no 'summary' here"),
])
def test_each_format_error_is_located(site, text, expected):
    write(site, "events/lima-consultations.es.md", text)
    errors = errors_for(site)
    assert any(re.search(expected, e) for e in errors), errors


def test_a_translation_needs_a_listed_language_and_an_original(site):
    write(site, "events/lima-consultations.fr.md", "---\ntitle: Consultations\n---\n")
    write(site, "events/lima-consultation.es.md", "---\ntitle: Consultas\n---\n")
    write(site, "people/elnur-mammadov.es.md", "---\ntitle: Elnur Mamédov\n---\n")
    errors = errors_for(site)
    assert any(re.search(r"lima-consultations\.fr\.md:1: translation into 'fr', not in site\.yml's", e) for e in errors)
    assert any(re.search(r"lima-consultation\.es\.md:1: no original to translate: .*lima-consultation\.md does "
                         r"not exist \(did you mean 'lima-consultations'\?\)", e) for e in errors), errors
    assert any("people keep their own names" in e for e in errors), errors


def test_a_translation_may_add_names_its_original_lacks(site):
    # the original event has no aliases; a Spanish name for it is still worth finding
    # (nor a short title: a longer translated title may need one for tabs and lists)
    write(site, "events/lima-consultations.es.md",
          "---\naliases: [Consultas de Lima]\nshort_title: Consultas de Lima (2025)\n---\n")
    graphs = build_graphs(load_checked(site))   # no error
    es = graphs["es"].get("events", "lima-consultations")
    assert "Consultas de Lima" in es.aliases and es.short_title == "Consultas de Lima (2025)"
    assert not graphs["en"].get("events", "lima-consultations").get("short_title")


def test_a_valid_translation_passes(site):
    write(site, "events/lima-consultations.es.md", EVENT_ES)
    load_checked(site)


# --- fingerprints -------------------------------------------------------------------

def _original(site, rel):
    content = load_checked(site)
    return next(d for d in content.documents if d.path.endswith(rel))


def test_the_fingerprint_follows_only_translatable_text(site):
    path = site / "events" / "lima-consultations.md"
    before = translations.fingerprint(_original(site, "lima-consultations.md"))
    text = path.read_text(encoding="utf-8")
    # unrelated edits: a date, a reference, the citation (its quote is shared, not translated)
    path.write_text(text.replace('date: "2025-09"', 'date: "2025-09-03"').replace("kind: consultations", "kind: meeting"),
                    encoding="utf-8")
    assert translations.fingerprint(_original(site, "lima-consultations.md")) == before
    path.write_text(text.replace("place: Lima", "place: Lima, Peru"), encoding="utf-8")
    assert translations.fingerprint(_original(site, "lima-consultations.md")) != before
    path.write_text(text.replace("The first round of consultations.", "The first round."), encoding="utf-8")
    assert translations.fingerprint(_original(site, "lima-consultations.md")) != before
    assert re.fullmatch(r"[0-9a-f]{%d}" % translations.FINGERPRINT_LENGTH, before)


def test_stamp_then_check_warns_when_the_english_summary_changes(site):
    translation = write(site, "events/lima-consultations.es.md", EVENT_ES)
    listed = run_cli("translations", "--content", site)
    assert listed.returncode == 0
    assert re.search(r"^es: 0 current, 0 behind, 1 unstamped, \d+ missing", listed.stdout, re.M), listed.stdout
    assert re.search(r"^  missing\s+\S*countries/peru\.es\.md$", listed.stdout, re.M)
    assert re.search(r"^pt: 0 current", listed.stdout, re.M)

    stamped = run_cli("translations", "--stamp", translation, "--content", site)
    assert stamped.returncode == 0 and "1 translation stamped" in stamped.stdout
    stamp = translations.fingerprint(_original(site, "lima-consultations.md"))
    assert f'translation_of: "{stamp}"\n' in translation.read_text(encoding="utf-8")
    assert "1 current, 0 behind" in run_cli("translations", "--content", site).stdout
    assert "translation-behind" not in run_cli("check", "--content", site).stderr

    original = site / "events" / "lima-consultations.md"
    original.write_text(original.read_text(encoding="utf-8").replace(
        "place: Lima\n", "place: Lima\nsummary: The first consultations, in Lima.\n"), encoding="utf-8")
    checked = run_cli("check", "--content", site)
    assert checked.returncode == 0, checked.stderr
    assert re.search(r"lima-consultations\.es\.md:2: warning: translation-behind: \S*lima-consultations\.md "
                     r"changed since this translation was stamped", checked.stderr), checked.stderr
    assert "0 current, 1 behind" in run_cli("translations", "--content", site).stdout


def test_stamp_refuses_a_file_that_is_no_translation(site):
    assert run_cli("translations", "--stamp", site / "countries" / "peru.md", "--content", site).returncode == 2


# --- the localized graph ------------------------------------------------------------

def test_a_countrys_reference_names_follow_the_language(site):
    # ISO 3166's official name (pycountry's translations) and the UN M49 region (CLDR)
    graphs = build_graphs(load_checked(site))
    peru = {lang: graph.get("countries", "peru") for lang, graph in graphs.items()}
    assert (peru["en"].iso["official_name"], peru["en"].region) == ("Republic of Peru", "South America")
    assert (peru["es"].iso["official_name"], peru["es"].region) == ("República del Perú", "Sudamérica")
    assert (peru["pt"].iso["official_name"], peru["pt"].region) == ("República do Peru", "América do Sul")


def test_the_overlay_translates_what_is_given_and_falls_back_to_english(site):
    write(site, "events/lima-consultations.es.md", EVENT_ES)
    write(site, "figures/trade.es.yml", "figures:\n  - label: Años de relaciones\n  - {}\n  - {}\n")
    write(site, "countries/peru.es.md", "---\ndisputes:\n  - summary: Dos extractos.\n    claims:\n"
                                        "      - text: Una.\n      - {}\n---\n")
    write(site, "site.es.yml", "title: Sitio de prueba\nmap: {title: América Latina y el Caribe}\n")
    graphs = build_graphs(load_checked(site))
    es_graph = graphs["es"]
    assert es_graph.site["title"] == "Sitio de prueba" and es_graph.site["map"]["title"] == "América Latina y el Caribe"
    assert es_graph.site["description"] == graphs["en"].site["description"]
    assert [f.label for f in es_graph.figures if f.id == "peru-relations-years"] == ["Años de relaciones"]
    dispute = es_graph.disputes["peru-example"]
    assert dispute.summary == "Dos extractos." and [c["text"] for c in dispute.claims] == ["Una.", "Another claim."]
    en, es = (g.get("events", "lima-consultations") for g in (graphs["en"], graphs["es"]))
    assert es.title == "Primeras consultas políticas entre Azerbaiyán y Perú"
    assert en.title == "First Azerbaijan–Peru political consultations"
    assert es["people"][0]["role"] == "encabezó la parte azerbaiyana"
    assert es["people"][1]["role"] == "headed the Peruvian side" and ("people", 1, "role") in es.english
    assert es["people"][0]["person"] is graphs["es"].get("people", "elnur-mammadov")   # references shared
    assert es.date == en.date and [c.quote for c in es.notes] == [c.quote for c in en.notes]   # dates, citations
    assert es.body.startswith("La primera ronda") and ("body",) not in es.english
    assert en.title in es.aliases                                                       # still findable
    other = graphs["pt"].get("events", "lima-consultations")
    assert other.title == en.title and {("title",), ("body",)} <= other.english
    # a country's name comes from CLDR unless its translation gives one
    assert graphs["es"].get("countries", "peru").title == "Perú"
    assert graphs["pt"].get("countries", "brazil").title == "Brasil"
    assert graphs["es"].site["language"] == "es"


# --- URLs ---------------------------------------------------------------------------

@pytest.mark.parametrize("base, site_url, expected", [
    ("/", "", ["/es/countries/peru/", "/static/site.css", "/pagefind/", "/data/graph.json", "/es/feed.xml",
               "/es/data/", "/es/"]),
    ("/repo/", "https://owner.github.io/repo", ["/repo/es/countries/peru/", "/repo/static/site.css",
                                               "/repo/pagefind/", "/repo/data/graph.json", "/repo/es/feed.xml",
                                               "/repo/es/data/", "/repo/es/"]),
])
def test_urls_prefix_pages_not_shared_files(base, site_url, expected):
    urls = Urls(base, site_url, "es", ["en", "es", "pt"])
    paths = ["countries/peru/", "static/site.css", "pagefind/", "data/graph.json", "feed.xml", "data/", ""]
    assert [urls(p) for p in paths] == expected
    english = urls.in_language("en")
    assert english("countries/peru/") == base + "countries/peru/"
    if site_url:
        assert urls.absolute("countries/peru/") == "https://owner.github.io/repo/es/countries/peru/"
        assert dict(urls.alternates("countries/peru/"))["pt"] == "https://owner.github.io/repo/pt/countries/peru/"


# --- pages, feeds ------------------------------------------------------------------

BASE = "/az-latam/"   # a sub-path, as the fixture's site_url has


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The fixture in three languages, with EVENT_ES, built once for this
    module under BASE; read only."""
    root = tmp_path_factory.mktemp("translated")
    site = copy_fixture(root / "content")
    _languages(site)
    write(site, "events/lima-consultations.es.md", EVENT_ES)
    with without_search_index():   # (search in each language: test_spanish_search_finds_spanish_pages)
        build(Project(content=site), root / "out", BASE, jobs=1)
    return root / "out"


def test_every_page_exists_in_every_language(built):
    english = sorted(p.relative_to(built).as_posix() for p in built.rglob("*.html")
                     if not p.relative_to(built).as_posix().startswith(("es/", "pt/", "pagefind/")))
    for lang in ("es", "pt"):
        assert all((built / lang / path).is_file() for path in english), lang


def test_a_page_links_its_languages(built):
    html = (built / "es" / "countries" / "peru" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="es">' in html
    assert '<link rel="alternate" hreflang="pt" href="https://example.org/az-latam/pt/countries/peru/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="https://example.org/az-latam/countries/peru/">' in html
    switcher = re.search(r'<nav class="languages".*?</nav>', html, re.S).group()
    assert re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', switcher) == [
        ("/az-latam/countries/peru/", "en"), ("/az-latam/es/countries/peru/", "es"),
        ("/az-latam/pt/countries/peru/", "pt")]
    assert 'hreflang="es" lang="es" aria-current="page"' in switcher
    assert "<h1>Perú" in html
    assert 'href="/az-latam/static/site.css"' in html and 'href="/az-latam/es/timeline/"' in html


def test_english_text_on_a_translated_page_is_marked_and_quotes_keep_their_language(built):
    html = (built / "pt" / "events" / "lima-consultations" / "index.html").read_text(encoding="utf-8")
    assert '<div class="prose" lang="en">' in html
    assert '<q class="note-quote" lang="en">' in html
    es = (built / "es" / "events" / "lima-consultations" / "index.html").read_text(encoding="utf-8")
    assert '<div class="prose">' in es and '<span class="gloss">(la primera ronda de consultas políticas)</span>' in es
    english = (built / "events" / "lima-consultations" / "index.html").read_text(encoding="utf-8")
    assert 'lang="en"' not in english.split("<main", 1)[1]   # nothing to mark on an English page


def test_a_translation_behind_its_english_says_so(site):
    translation = write(site, "events/lima-consultations.es.md", EVENT_ES)
    assert run_cli("translations", "--stamp", translation, "--content", site).returncode == 0
    page = "es/events/lima-consultations/index.html"
    notice = "Esta traducción puede ser anterior al texto en inglés."   # in the page's language
    assert notice not in RenderedSite(site).read(page)
    original = site / "events" / "lima-consultations.md"
    original.write_text(original.read_text(encoding="utf-8").replace("place: Lima", "place: Lima (Peru)"),
                        encoding="utf-8")
    html = RenderedSite(site).read(page)
    assert notice in html and '<a href="/events/lima-consultations/" hreflang="en">' in html


def test_each_language_has_its_feed(built):
    for lang, prefix in (("en", ""), ("es", "es/")):
        feed = feedparser.parse((built / prefix / "feed.xml").read_bytes())
        assert not feed.bozo, feed.bozo_exception
        links = [e.link for e in feed.entries]
        assert links and all(link.startswith(f"https://example.org/az-latam/{prefix}events/") for link in links)
    spanish = feedparser.parse((built / "es" / "feed.xml").read_bytes())
    assert "Primeras consultas políticas entre Azerbaiyán y Perú" in [e.title for e in spanish.entries]
    page = (built / "es" / "index.html").read_text(encoding="utf-8")
    assert 'href="/az-latam/es/feed.xml"' in page


def test_sitemap_and_downloads_hold_every_language(built):
    sitemap = (built / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/az-latam/pt/countries/peru/</loc>" in sitemap
    assert '<xhtml:link rel="alternate" hreflang="es" href="https://example.org/az-latam/es/countries/peru/" />' in sitemap
    data = (built / "data" / "graph.json").read_text(encoding="utf-8")
    assert '"title_es":"Primeras consultas políticas entre Azerbaiyán y Perú"' in data
    assert '"title_pt"' in data   # the CLDR names of countries
    assert not (built / "es" / "data" / "graph.json").exists()
    documented = (built / "data" / "index.html").read_text(encoding="utf-8")
    assert "<code>title_es</code>, <code>summary_es</code> (Español); <code>title_pt</code>" in documented


def test_english_pages_are_unchanged_but_for_the_language_links(built, built_site):
    one, three = built_site("fixture", BASE), built
    # the language links, and the data page's line on the translated keys graph.json adds
    language_lines = re.compile(r'<link rel="alternate" hreflang=[^\n]*\n|  <nav class="languages"[\s\S]*?</nav>\n'
                                r'|  <p>Translated titles and summaries, [^\n]*\n')
    for page in sorted(one.rglob("*.html")):
        rel = page.relative_to(one)
        if rel.parts[0] == "pagefind":
            continue
        assert language_lines.sub("", (three / rel).read_text(encoding="utf-8")) == page.read_text(encoding="utf-8"), rel


# --- the preview ---------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_preview_equals_a_full_build_after_translation_edits(site, tmp_path, monkeypatch, seed):
    """test_differential's check, in two languages, with edits to translations
    (added, changed, removed) among edits to their originals."""
    from bilateral import incremental, pipeline
    from bilateral.incremental import Incremental
    from bilateral.syntax import CITE_MARK
    from test_differential import Editor, read, save, snapshot

    monkeypatch.setattr(pipeline, "FINALIZERS", [])
    monkeypatch.setattr(incremental, "FINALIZERS", [])
    (site / "site.yml").write_text((site / "site.yml").read_text(encoding="utf-8").replace(
        "languages: [en, es, pt]", "languages: [en, es]"), encoding="utf-8")

    class Translating(Editor):
        def step(self):
            self.count += 1
            name = self.rng.choice(["translation", "translation", "untranslate", "title", "body"])
            return name, getattr(self, name)()

        def translation(self):
            original = self.any_entity()
            meta, body = read(original)
            translated = {} if original.parent.name == "people" else {"title": f"Título {self.count}"}
            marks = "".join(f"[cite:{n}]" for n in sorted({int(n) for n in CITE_MARK.findall(body)}))
            path = original.with_name(f"{original.stem}.es.md")
            save(path, translated, f"Texto traducido {self.count}.{marks}\n")
            return [path]

        def untranslate(self):
            done = sorted(self.content.glob("*/*.es.md"))
            if not done:
                return self.translation()
            path = self.rng.choice(done)
            path.unlink()
            return [path]

    project = Project(content=site)
    preview = Incremental(project, tmp_path / "preview", "/az-latam/", jobs=1)
    preview.build()
    editor = Translating(site, tmp_path, __import__("random").Random(seed))
    for step in range(8):
        name, paths = editor.step()
        report = preview.rebuild(paths)
        preview.finish()
        full = tmp_path / "full"
        build(project, full, "/az-latam/", jobs=1)
        got, want = snapshot(preview.out), snapshot(full)
        stale = sorted(k for k in want.keys() | got.keys() if got.get(k) != want.get(k))
        assert not stale, f"step {step} ({name} of {[p.name for p in paths]}): {stale[:5]}"
        if name in ("translation", "untranslate"):   # only that language's pages are rendered again
            assert 0 < report.rendered <= sum(p.path.startswith("es/") for p in preview.plan.pages)
            assert all(path.startswith("es/") for path in report.written if path.endswith(("/", ".html")))


# --- search ---------------------------------------------------------------------------

@pytest.mark.browser
@needs_chromium
def test_spanish_search_finds_spanish_pages(browser, site, tmp_path):
    """Pagefind indexes each language apart (by <html lang>): on /es/search/ a
    Spanish word finds the Spanish page, under a sub-path too."""
    write(site, "events/lima-consultations.es.md", EVENT_ES)
    docroot = tmp_path / "www"
    build(Project(content=site), docroot / "az-latam", "/az-latam/")
    with serve_folder(docroot) as origin:
        page = browser.new_page()
        page.goto(f"{origin}/az-latam/es/search/?q=primera")
        link = page.locator(".search-result-link")
        link.first.wait_for(timeout=15000)
        hrefs = [link.nth(i).get_attribute("href") for i in range(link.count())]
        assert "/az-latam/es/events/lima-consultations/" in hrefs, hrefs
        assert all(href.startswith("/az-latam/es/") for href in hrefs), hrefs
        page.goto(f"{origin}/az-latam/search/?q=primera")   # the English index has no Spanish text
        page.wait_for_function("document.getElementById('search-status').textContent.trim() !== ''",
                               timeout=15000)
        assert "/az-latam/es/events/lima-consultations/" not in [
            a.get_attribute("href") for a in page.locator(".search-result-link").all()]
        page.close()


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("language, word", [("es", "embajada"), ("pt", "embaixada")])
def test_the_real_sites_search_finds_its_language_pages(browser, built_at_root, language, word):
    """On the real site, a reader searching 'embajada' on /es/search/ gets
    Spanish pages (the embassy's among them), and none in another language."""
    if not (ROOT / "content" / "site.yml").is_file():
        pytest.skip("no content/ in this checkout")
    with serve_folder(built_at_root("real")) as origin:
        page = browser.new_page()
        page.goto(f"{origin}/{language}/search/?q={word}")
        link = page.locator(".search-result-link")
        link.first.wait_for(timeout=15000)
        hrefs = [link.nth(i).get_attribute("href") for i in range(link.count())]
        assert f"/{language}/organizations/embassy-of-peru-in-azerbaijan/" in hrefs, hrefs
        assert all(href.startswith(f"/{language}/") for href in hrefs), hrefs
        page.close()
