"""Discovery and reuse outputs: Atom feed, sitemap, data downloads, JSON-LD,
OpenGraph, canonical links, the citation block, and byte-identical rebuilds."""
from __future__ import annotations

import csv
import filecmp
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bilateral.export import TABLES
from bilateral.dates import parse_date
from bilateral.markup import summary_text
from bilateral.metadata import Metadata, script_json
from bilateral.pipeline import Project, build
from bilateral.plan import plan_site
from bilateral.urls import Urls

from conftest import RenderedSite

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITE_URL = "https://example.org/az-latam"   # the fixture's site.yml
ENTITY_KINDS = ("countries", "people", "events", "organizations", "topics", "sources")


@pytest.fixture(scope="module")
def site(built_at_root) -> Path:
    return built_at_root("fixture")  # built once per session, read only


def entity_pages(site: Path) -> list[Path]:
    return sorted(p for kind in ENTITY_KINDS for p in (site / kind).glob("*/index.html"))


class Head(HTMLParser):
    """Collects <meta>, <link> and JSON-LD scripts of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta, self.links, self.json_ld = {}, {}, []
        self.title = ""
        self._in_ld = self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            self.meta[attrs.get("property") or attrs.get("name")] = attrs.get("content")
        elif tag == "link":
            self.links[attrs.get("rel")] = attrs.get("href")
        elif tag == "title":
            self._in_title = True
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_ld = False
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld[-1] += data
        elif self._in_title:
            self.title += data


def head_of(page: Path | str) -> Head:
    """The head of a page (its file, or its HTML)."""
    head = Head()
    head.feed(page if isinstance(page, str) else page.read_text(encoding="utf-8"))
    return head


# --- Atom feed -------------------------------------------------------------------

def test_feed_has_an_entry_per_event_newest_first(site, graph):
    feed = ET.parse(site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author/" + ATOM + "name"):
        assert (feed.findtext(ATOM + name) or "").strip(), name
    rels = {link.get("rel"): link.get("href") for link in feed.findall(ATOM + "link")}
    assert rels == {"self": f"{SITE_URL}/feed.xml", "alternate": f"{SITE_URL}/events/"}
    entries = feed.findall(ATOM + "entry")
    assert [e.findtext(ATOM + "id") for e in entries] == \
        [f"{SITE_URL}/events/{e.slug}/" for e in reversed(graph.timeline)]
    for entry in entries:
        for name in ("id", "title", "updated", "summary"):
            assert entry.findtext(ATOM + name), name
        assert entry.find(ATOM + "link").get("href") == entry.findtext(ATOM + "id")
    updated = [e.findtext(ATOM + "updated") for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert feed.findtext(ATOM + "updated") == updated[0]


def test_feed_lists_only_the_newest_events_when_there_are_many(graph, monkeypatch):
    from bilateral import paginate
    from bilateral.feed import atom_feed
    from bilateral.plan import plan_site
    from bilateral.urls import Urls
    monkeypatch.setattr(paginate, "FEED_ENTRIES", 3)
    feed = ET.fromstring(atom_feed(plan_site(graph), Urls("/", SITE_URL))["feed.xml"])
    ids = [e.findtext(ATOM + "id") for e in feed.findall(ATOM + "entry")]
    assert ids == [f"{SITE_URL}/events/{e.slug}/" for e in reversed(graph.timeline)][:3]


def test_feed_timestamps_come_from_event_dates(site):
    feed = ET.parse(site / "feed.xml").getroot()
    times = {e.findtext(ATOM + "id").rstrip("/").rsplit("/", 1)[1]: e.findtext(ATOM + "updated")
             for e in feed.findall(ATOM + "entry")}
    assert times["lima-consultations"] == "2025-09-01T00:00:00Z"       # date: 2025-09
    assert times["second-karabakh-war"] == "2020-01-01T00:00:00Z"      # date: 2020


def test_feed_is_linked_from_every_page_head(site):
    for page in entity_pages(site) + [site / "index.html"]:
        assert head_of(page).links["alternate"] == "/feed.xml"


# --- sitemap and robots.txt ------------------------------------------------------

def test_sitemap_lists_every_page_with_absolute_urls(site):
    root = ET.parse(site / "sitemap.xml").getroot()
    listed = {loc.text for loc in root.iter(SITEMAP + "loc")}
    pages = entity_pages(site) + [site / "index.html", site / "timeline" / "index.html",
                                  site / "data" / "index.html"]
    expected = {f"{SITE_URL}/{p.parent.relative_to(site).as_posix()}/".replace("/./", "/")
                for p in pages}
    assert expected <= listed
    assert all(url.startswith(SITE_URL + "/") for url in listed)
    assert not any("404" in url for url in listed)
    # the fixture's address has a sub-path (/az-latam), where no crawler reads robots.txt
    assert not (site / "robots.txt").exists()


def test_without_site_url_no_feed_or_sitemap_and_no_links_to_them(site_dir, tmp_path, no_search_index):
    yml = site_dir / "site.yml"
    yml.write_text("".join(l for l in yml.read_text().splitlines(True) if not l.startswith("site_url")))
    build(Project(content=site_dir), tmp_path / "out", "/")
    assert not (tmp_path / "out" / "feed.xml").exists()
    assert not (tmp_path / "out" / "sitemap.xml").exists()
    assert "feed.xml" not in (tmp_path / "out" / "index.html").read_text()


# --- data downloads --------------------------------------------------------------

def test_json_download_names_every_entity_figure_and_dispute(site, graph):
    data = json.loads((site / "data" / "graph.json").read_text(encoding="utf-8"))
    events = {e["slug"]: e for e in data["entities"]["events"]}
    assert set(events) == {e.slug for e in graph.timeline}
    lima = events["lima-consultations"]
    assert lima["date"] == "2025-09" and lima["countries"] == ["azerbaijan", "peru"]
    assert lima["citations"][0]["source"] == "talibov-op-ed"
    assert lima["url"] == f"{SITE_URL}/events/lima-consultations/"
    person = next(p for p in data["entities"]["people"] if p["slug"] == "elnur-mammadov")
    assert person["native_name"] == "Elnur Məmmədov"
    assert [f["id"] for f in data["figures"]] == [f.id for f in graph.figures]
    assert [d["id"] for d in data["disputes"]] == sorted(graph.disputes)
    peru = next(c for c in data["entities"]["countries"] if c["slug"] == "peru")
    assert peru["presence"][0]["dispute"] == "peru-example"


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.file)
def test_each_csv_has_its_header_and_a_row_per_item(site, graph, table):
    text = (site / "data" / table.file).read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [c.name for c in table.columns]
    assert len(rows) - 1 == len(table.rows(plan_site(graph))) > 0
    assert all(len(r) == len(rows[0]) for r in rows)


def test_events_csv_rows_follow_the_timeline(site, graph):
    rows = list(csv.DictReader(io.StringIO((site / "data" / "events.csv").read_text())))
    assert [r["slug"] for r in rows] == [e.slug for e in graph.timeline]
    lima = next(r for r in rows if r["slug"] == "lima-consultations")
    assert (lima["start"], lima["end"], lima["countries"]) == ("2025-09-01", "2025-09-30", "azerbaijan; peru")


def test_figures_keep_their_qualifier_in_csv_and_json(site):
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO((site / "data" / "figures.csv").read_text()))}
    assert (rows["brazil-trade-2025-jan-jul"]["qualifier"], rows["brazil-trade-2025-jan-jul"]["value"]) == ("more than", "230")
    assert rows["brazil-trade-yearly"]["qualifier"] == ""
    figures = {f["id"]: f for f in json.loads((site / "data" / "graph.json").read_text())["figures"]}
    assert figures["brazil-trade-2025-jan-jul"]["qualifier"] == "more than"


def test_data_page_links_every_download_and_documents_columns(site):
    html = (site / "data" / "index.html").read_text()
    assert 'href="/data/graph.json"' in html
    for table in TABLES:
        assert f'href="/data/{table.file}"' in html
        for column in table.columns:
            assert f"<code>{column.name}</code>" in html
    assert "quotes in it belong to their publishers" in html


# --- page metadata ---------------------------------------------------------------

EXPECTED_TYPES = {"countries": "Country", "people": "Person", "events": "Event",
                  "organizations": "Organization", "sources": "CreativeWork", "topics": "DefinedTerm"}


def test_every_entity_page_has_json_ld_opengraph_and_canonical(site):
    pages = entity_pages(site)
    assert {p.parent.parent.name for p in pages} == set(ENTITY_KINDS)
    for page in pages:
        kind, slug = page.parent.parent.name, page.parent.name
        url = f"{SITE_URL}/{kind}/{slug}/"
        head = head_of(page)
        assert len(head.json_ld) == 1, page
        data = json.loads(head.json_ld[0])
        assert data["@type"] == "WebPage" and data["url"] == url and data["name"]
        assert data["about"]["@type"] == EXPECTED_TYPES[kind] and data["about"]["name"] == data["name"]
        assert head.meta["og:title"] == data["name"]   # the fixture has no short titles
        assert head.meta["og:url"] == url and head.links["canonical"] == url
        assert head.meta["twitter:card"] == "summary_large_image" and head.meta["og:type"]


def test_person_json_ld_carries_native_name_and_events_carry_dates(site):
    person = json.loads(head_of(site / "people" / "elnur-mammadov" / "index.html").json_ld[0])["about"]
    assert person["alternateName"] == ["Elnur Məmmədov"]
    event = json.loads(head_of(site / "events" / "mammadov-visit-to-peru" / "index.html").json_ld[0])["about"]
    assert (event["startDate"], event["endDate"]) == ("2025-09-03", "2025-09-04")


@pytest.mark.parametrize("date, published", [("2025-10-12", "2025-10-12"), ("2025-10", "2025-10"),
                                             ("../2025-10", None), ("2025-09/2025-10", None)])
def test_a_source_is_dated_published_only_by_a_single_date(graph, date, published):
    # schema.org's datePublished is one date: a range or "by END" leaves it out
    source = graph.get("sources", "talibov-op-ed")
    saved = source.data["date"]
    source.data["date"] = parse_date(date)
    try:
        data = Metadata(Urls("/", SITE_URL), graph.site).describe(source, "")
    finally:
        source.data["date"] = saved
    assert data["about"].get("datePublished") == published


def test_a_summary_is_the_entitys_own_else_the_body_cut_at_a_word():
    class Entity(dict):  # what summary_text reads: .get() and .body
        body = "Word " * 100 + "[[people/x|A link]] *stressed*[cite:1]"
    assert summary_text(Entity(summary="Its own."), 20) == "Its own."
    cut = summary_text(Entity(), 42)
    assert cut == "Word Word Word Word Word Word Word Word…" and len(cut) <= 43
    assert summary_text(Entity(), 1000).endswith("Word A link stressed")


def test_page_descriptions_use_the_summary_rule(site):
    html = (site / "events" / "lima-consultations" / "index.html").read_text()
    assert '<meta name="description" content="The first round of consultations.">' in html


def test_cite_this_page_is_stable_text(site):
    html = (site / "people" / "elnur-mammadov" / "index.html").read_text()
    assert f'<code id="cite-this-text">“Elnur Mammadov”. Fixture site. {SITE_URL}/people/elnur-mammadov/</code>' in html


HOSTILE = 'Evil </script><script>alert("x")</script> & "quoted" \'single\' <!-- x'


def test_script_json_cannot_be_broken_out_of():
    out = str(script_json({"name": HOSTILE}))
    inner = out.split(">", 1)[1].rsplit("</script>", 1)[0]
    assert "<" not in inner and ">" not in inner and "&" not in inner
    assert json.loads(inner) == {"name": HOSTILE}


def test_hostile_content_stays_inside_json_ld_and_attributes(site_dir):
    person = site_dir / "people" / "elnur-mammadov.md"
    text = person.read_text().replace("title: Elnur Mammadov", "title: " + json.dumps(HOSTILE), 1)
    person.write_text(text.replace("native_name: Elnur Məmmədov", "native_name: Elnur Məmmədov\nsummary: "
                                   + json.dumps(HOSTILE), 1))
    html = RenderedSite(site_dir).read("people/elnur-mammadov/index.html")
    assert "<script>alert" not in html
    head = head_of(html)
    assert json.loads(head.json_ld[0])["about"]["name"] == HOSTILE
    assert json.loads(head.json_ld[0])["description"] == HOSTILE
    assert head.meta["og:title"] == HOSTILE and head.meta["og:description"] == HOSTILE
    assert len(re.findall(r"<script\b(?![^>]*\bsrc=)", html)) == 1   # the JSON-LD; the rest are the site's files


# --- determinism -----------------------------------------------------------------

@pytest.mark.slow
def test_two_builds_are_byte_identical_including_the_search_index(site_dir, tmp_path):
    first, second = tmp_path / "a" / "site", tmp_path / "b" / "site"
    build(Project(content=site_dir), first, "/")
    build(Project(content=site_dir), second, "/")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert any(f.parts[0] == "pagefind" and f.suffix == ".pf_fragment" for f in files)
    _, mismatch, errors = filecmp.cmpfiles(first, second, [str(f) for f in files], shallow=False)
    assert mismatch == [] and errors == []


def test_search_indexes_no_lists_of_other_pages(site):
    # timelines and backlinks list pages that are results of their own
    # (a country's "Also mentioned in" lists only what its other sections do not)
    for rel in ["countries/peru", "countries/azerbaijan", "people/elnur-mammadov", "topics/tourism"]:
        html = (site / rel / "index.html").read_text(encoding="utf-8")
        sections = re.findall(r'<section class="timeline"[^>]*>|<section aria-labelledby="mentioned-h"[^>]*>', html)
        assert sections, rel
        assert all("data-pagefind-ignore" in s for s in sections), rel


def test_pagefind_runs_as_its_binary_unless_told_otherwise(monkeypatch):
    from bilateral.search import pagefind_command
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    binary = Path(pagefind_command()[0])
    assert binary.is_file() and os.access(binary, os.X_OK)   # no Python start-up in between
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/opt/pagefind")
    assert pagefind_command() == ["/opt/pagefind"]


def _unhashed(entry: bytes) -> dict:
    """A Pagefind entry file without the hashes that name its index files."""
    data = json.loads(entry)
    for language in data["languages"].values():
        language.pop("hash")
    return data


def test_reindexing_swaps_in_a_complete_index_and_keeps_the_old_one_on_failure(site, tmp_path, monkeypatch):
    import shutil

    from bilateral.search import SearchIndexError, index_site
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    entry = copy / "pagefind" / "pagefind-entry.json"
    before = entry.read_bytes()

    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")   # a Pagefind that fails
    with pytest.raises(SearchIndexError):
        index_site(copy)
    assert entry.read_bytes() == before                        # search still works

    monkeypatch.delenv("PAGEFIND_BINARY_PATH")
    (copy / "pagefind" / "stale.txt").write_text("from an older index")
    index_site(copy)
    # The same index of the same pages; its hashes may differ, since Pagefind
    # reads the folders in the order the file system lists them (on tmpfs a
    # copy lists its files in another order than the original).
    assert _unhashed(entry.read_bytes()) == _unhashed(before) and not (copy / "pagefind" / "stale.txt").exists()
    for language in json.loads(entry.read_bytes())["languages"].values():
        assert (copy / "pagefind" / f"pagefind.{language['hash']}.pf_meta").is_file()
    assert sorted(p.name for p in copy.iterdir() if p.name.startswith(".")) == []


def test_the_search_entry_lists_languages_in_a_fixed_order(tmp_path):
    # Pagefind writes a multilingual site's languages in hash-map order
    from bilateral.search import stable_entry
    entry = tmp_path / "pagefind-entry.json"
    entry.write_text('{"version":"1.5.2","languages":{"pt":{"page_count":2},"en":{"page_count":2},'
                     '"es":{"page_count":2}},"include_characters":["_"]}', encoding="utf-8")
    stable_entry(entry)
    assert entry.read_text(encoding="utf-8") == (
        '{"version":"1.5.2","languages":{"en":{"page_count":2},"es":{"page_count":2},'
        '"pt":{"page_count":2}},"include_characters":["_"]}')
    one = '{"version": "1.5.2", "languages": {"en": {"page_count": 2}}}'   # left as Pagefind wrote it
    entry.write_text(one, encoding="utf-8")
    stable_entry(entry)
    assert entry.read_text(encoding="utf-8") == one
