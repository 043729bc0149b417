"""The site's metadata as the tools that read it see it: schema.org's own
vocabulary for the JSON-LD, extruct for what a crawler extracts, feedparser
for the feed; titles, share images, absolute URLs, the sitemap's dates,
robots.txt and the terms of reuse."""
from __future__ import annotations

import json
import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from bilateral.dates import parse_date
from bilateral.export import TABLES
from bilateral.feed import feed_events
from bilateral.metadata import SHARE_IMAGE_SIZE, TITLE_LIMIT, Metadata, head_title
from bilateral.pipeline import Project, build, load_graph
from bilateral.plan import plan_site
from bilateral.urls import Urls

from conftest import FIXTURE, ROOT, RenderedSite, html_pages, run_cli, site_contents

extruct = pytest.importorskip("extruct")
feedparser = pytest.importorskip("feedparser")

VOCABULARY = Path(__file__).parent / "data" / "schemaorg-30.0-subset.jsonld"
SITE_URL = "https://example.org/az-latam"   # the fixture's site.yml
ENTITY_KINDS = ("countries", "people", "events", "organizations", "topics", "sources")
# schema.org types that are not CreativeWorks, on which `citation` is undefined
NOT_CREATIVE_WORKS = {"Person", "Country", "Organization", "Event", "DefinedTerm"}
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


# --- schema.org's vocabulary ---------------------------------------------------------

class Vocabulary:
    """The vendored part of schema.org: each type's supertypes, each property's
    domain and range, as published in the release the data file names."""

    STRING_RANGES = {"Text", "URL", "Date", "DateTime"}   # data types a JSON string can be

    def __init__(self, path: Path):
        data = json.loads(path.read_text(encoding="utf-8"))
        self.version = data["version"]
        names = lambda value: [v["@id"].removeprefix("schema:") for v in
                               (value if isinstance(value, list) else [value] if value else [])]
        self.parents = {n["@id"].removeprefix("schema:"): names(n.get("rdfs:subClassOf"))
                        for n in data["@graph"] if n["@type"] == "rdfs:Class"}
        self.domains = {n["@id"].removeprefix("schema:"): set(names(n.get("schema:domainIncludes")))
                        for n in data["@graph"] if n["@type"] == "rdf:Property"}
        self.ranges = {n["@id"].removeprefix("schema:"): set(names(n.get("schema:rangeIncludes")))
                       for n in data["@graph"] if n["@type"] == "rdf:Property"}

    def ancestors(self, type_: str) -> set[str]:
        found, todo = set(), [type_]
        while todo:
            t = todo.pop()
            if t not in found:
                found.add(t)
                todo += self.parents.get(t, [])
        return found

    def problems(self, node, where: str = "") -> list[str]:
        """Every property of every object in `node` that schema.org does not
        define for the object's type (or its supertypes), or whose value is
        of a type the property does not take."""
        if isinstance(node, list):
            return [p for item in node for p in self.problems(item, where)]
        if not isinstance(node, dict):
            return []
        type_ = node.get("@type")
        if type_ not in self.parents:
            return [f"{where}: unknown type {type_!r}"]
        allowed = self.ancestors(type_)
        found = []
        for key, value in node.items():
            if key.startswith("@"):
                continue
            here = f"{where}/{type_}.{key}"
            if key not in self.domains or not self.domains[key] & allowed:
                found.append(f"{here}: not a property of {type_} in schema.org {self.version}")
                continue
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict) and not self.ranges[key] & self.ancestors(item.get("@type")):
                    found.append(f"{here}: takes {sorted(self.ranges[key])}, not {item.get('@type')}")
                elif isinstance(item, str) and not self.ranges[key] & self.STRING_RANGES:
                    found.append(f"{here}: takes {sorted(self.ranges[key])}, not text")
            found += self.problems(value, here)
        return found


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return Vocabulary(VOCABULARY)


# The real site's variants read every page of a whole build of it: slow.
SITES = ["fixture", pytest.param("real", marks=pytest.mark.slow)] if "real" in site_contents() else ["fixture"]


@pytest.fixture(scope="module", params=SITES)
def built(request, built_at_root):
    """(name, built site, graph) of the fixture (with a site URL) and the real content (without)."""
    graph = load_graph(site_contents()[request.param])
    plan_site(graph)   # as a build does: the plan numbers a partner's key facts among its notes
    return request.param, built_at_root(request.param), graph


def entity_pages(site: Path) -> list[Path]:
    return sorted(p for kind in ENTITY_KINDS for p in (site / kind).glob("*/index.html"))


def json_ld(page: Path | str) -> list[dict]:
    """What extruct, as a crawler would, reads from a page's JSON-LD (the
    page's file, or its HTML)."""
    html = page if isinstance(page, str) else page.read_text(encoding="utf-8")
    return extruct.extract(html, syntaxes=["json-ld"], uniform=True)["json-ld"]


def nodes(value):
    """Every JSON object in a JSON-LD value, nested ones included."""
    if isinstance(value, list):
        for item in value:
            yield from nodes(item)
    elif isinstance(value, dict):
        yield value
        for item in value.values():
            yield from nodes(item)


def test_the_vocabulary_file_names_its_schema_org_release(vocabulary):
    assert VOCABULARY.name == f"schemaorg-{vocabulary.version}-subset.jsonld" and vocabulary.version == "30.0"
    assert {"Thing", "CreativeWork", "WebPage", "Event", "Person", "Country"} <= set(vocabulary.parents)


def test_every_json_ld_property_is_schema_orgs_for_its_type(built, vocabulary):
    name, site, _ = built
    for page in entity_pages(site):
        [data] = json_ld(page)
        assert vocabulary.problems(data) == [], page.relative_to(site)


def test_the_vocabulary_check_fails_on_what_schema_org_does_not_allow(vocabulary):
    page = {"@type": "WebPage", "name": "x", "about": {"@type": "Person", "name": "y"}}
    assert vocabulary.problems(page) == []
    assert vocabulary.problems({**page, "organiser": "z"}) == [
        "/WebPage.organiser: not a property of WebPage in schema.org 30.0"]
    person_citing = {**page, "about": {"@type": "Person", "name": "y", "citation": "a source"}}
    assert vocabulary.problems(person_citing) == [
        "/WebPage.about/Person.citation: not a property of Person in schema.org 30.0"]
    assert vocabulary.problems({"@type": "Person", "affiliation": {"@type": "Country", "name": "Peru"}}) == [
        "/Person.affiliation: takes ['Organization'], not Country"]
    assert vocabulary.problems({"@type": "Persona"}) == [": unknown type 'Persona'"]


# --- what extruct reads: only what the content states ---------------------------------

def test_no_event_has_an_organizer_or_location_its_content_does_not_state(built):
    name, site, graph = built
    for event in graph.by_kind["events"]:
        [data] = json_ld(site / event.path / "index.html")
        about = data["about"]
        stated_organizers = [{"@type": "Organization", "name": o.title} | _url(name, o)
                             for o in event.get("organizers", [])]
        assert about.get("organizer", []) == stated_organizers, event.path
        stated_place = [{"@type": "Place", "name": event.place}] if event.get("place") else []
        assert ([about["location"]] if "location" in about else []) == stated_place, event.path


def _url(site_name: str, entity) -> dict:
    return {"url": f"{SITE_URL}/{entity.path}"} if site_name == "fixture" else {}


def test_citations_are_the_pages_never_the_person_country_or_events(built):
    name, site, graph = built
    for entity in (e for kind in ENTITY_KINDS for e in graph.by_kind[kind]):
        [data] = json_ld(site / entity.path / "index.html")
        sources = list(dict.fromkeys(c.source.title for c in entity.notes))
        assert data["@type"] == "WebPage", entity
        assert [c["name"] for c in data.get("citation", [])] == sources, entity
        for node in nodes(data):
            assert not ("citation" in node and node.get("@type") in NOT_CREATIVE_WORKS), entity


def test_no_empty_values(built):
    name, site, _ = built
    for page in entity_pages(site):
        [data] = json_ld(page)
        for node in nodes(data):
            for key, value in node.items():
                assert value not in ("", [], {}, None), f"{page}: {key}"
                assert set(node) - {"@type"}, f"{page}: an object with only its type"


def test_organizers_come_only_from_the_organizers_field(site_dir):
    event = site_dir / "events" / "monterrey-lecture.md"
    event.write_text(event.read_text().replace("place: Monterrey\n", "organizers: [azerbaijan-mfa]\n"))
    [data] = json_ld(RenderedSite(site_dir).read("events/monterrey-lecture/index.html"))
    assert data["about"]["organizer"] == [{"@type": "Organization", "name": "Ministry of Foreign Affairs of Azerbaijan",
                                           "url": f"{SITE_URL}/organizations/azerbaijan-mfa/"}]
    assert "location" not in data["about"]   # no place stated


@pytest.mark.parametrize("date, start, end", [("2025-10-03", "2025-10-03", "2025-10-03"),
                                              ("2025-09-03/2025-09-04", "2025-09-03", "2025-09-04"),
                                              ("../2025-10", None, None)])
def test_an_open_range_gives_no_start_or_end_date(date, start, end):
    graph = load_graph(FIXTURE)
    event = graph.get("events", "monterrey-lecture")
    event.data["date"] = parse_date(date)
    about = Metadata(Urls("/", SITE_URL), graph.site).describe(event, "")["about"]
    assert (about.get("startDate"), about.get("endDate")) == (start, end)


def test_a_person_without_roles_has_no_empty_job_title():
    graph = load_graph(FIXTURE)
    person = graph.get("people", "felix-denegri")
    person.data["roles"] = []
    about = Metadata(Urls("/", SITE_URL), graph.site).describe(person, "")["about"]
    assert "jobTitle" not in about and "affiliation" not in about


# --- absolute URLs, or none --------------------------------------------------------------

def test_without_a_site_address_no_relative_canonical_og_or_json_ld_urls(site_dir, tmp_path, no_search_index):
    yml = site_dir / "site.yml"
    yml.write_text("".join(l for l in yml.read_text().splitlines(True) if not l.startswith("site_url")))
    result = run_cli("build", "--content", site_dir, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    [notice] = [line for line in result.stdout.splitlines() if "--site-url" in line]
    assert "canonical" in notice and "og:url" in notice
    for page in html_pages(tmp_path / "out"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'rel="canonical"|property="og:(url|image)"', html), page
        for data in json_ld(page) if "ld+json" in html else []:
            for node in nodes(data):
                assert "@id" not in node and "url" not in node, page


def test_with_a_site_address_the_build_says_nothing_of_it(site_dir, tmp_path, no_search_index):
    result = run_cli("build", "--content", site_dir, "--out", tmp_path / "out",
                     "--site-url", "https://example.org")
    assert result.returncode == 0 and "--site-url" not in result.stdout and "robots" not in result.stdout


# --- share image and titles ----------------------------------------------------------------

def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_every_page_has_one_large_share_image_that_exists(built_at_root):
    from test_discovery import head_of
    site = built_at_root("fixture")
    for page in html_pages(site):
        if page.name == "404.html" or 'http-equiv="refresh"' in page.read_text():
            continue   # not a page to share: the 404 page and moved-page stubs
        html = page.read_text(encoding="utf-8")
        assert len(re.findall(r'property="og:image"', html)) == 1, page
        head = head_of(page)
        image = head.meta["og:image"]
        assert image.startswith(SITE_URL + "/static/share/"), page
        width, height = png_size(site / image.removeprefix(SITE_URL + "/"))
        assert width >= 1200 and height >= 630 and (width, height) == SHARE_IMAGE_SIZE
        assert (head.meta["og:image:width"], head.meta["og:image:height"]) == (str(width), str(height))
        assert head.meta["twitter:card"] == "summary_large_image"


def test_a_title_too_long_for_the_site_name_stands_alone():
    assert head_title("Peru", "Site") == "Peru · Site"
    long = "x" * 60
    assert head_title(long, "Azerbaijan and Latin America") == long


@pytest.mark.slow   # every page of a whole build of the real site
def test_every_title_of_the_real_site_fits(built_at_root):
    if "real" not in site_contents():
        pytest.skip("no content/ in this checkout")
    site = built_at_root("real")
    titles = {page: re.search(r"<title>(.*?)</title>", page.read_text(encoding="utf-8"), re.S).group(1)
              for page in html_pages(site)}
    too_long = {str(p.relative_to(site)): t for p, t in titles.items() if len(_unescape(t)) > TITLE_LIMIT}
    assert too_long == {}


def test_a_short_title_is_used_in_head_and_lists_and_the_full_one_in_the_heading(site_dir):
    event = site_dir / "events" / "monterrey-lecture.md"
    event.write_text(event.read_text().replace("\ndate:", '\nshort_title: "Monterrey lecture"\ndate:', 1))
    site = RenderedSite(site_dir)
    html = site.read("events/monterrey-lecture/index.html")
    assert "<title>Monterrey lecture · Fixture site</title>" in html
    assert '<meta property="og:title" content="Monterrey lecture">' in html
    assert "<h1>Mammad Talibov&#39;s lecture at the Tecnológico de Monterrey</h1>" in html
    listing = site.read("events/index.html")
    assert '<a href="/events/monterrey-lecture/">Monterrey lecture</a>' in listing


def _unescape(text: str) -> str:
    import html
    return html.unescape(text)


# --- feed -------------------------------------------------------------------------------------

def test_feedparser_reads_the_feed_newest_first(built_at_root):
    feed = feedparser.parse((built_at_root("fixture") / "feed.xml").read_bytes())
    assert feed.bozo is False or feed.bozo == 0, feed.get("bozo_exception")
    dates = [entry.updated_parsed for entry in feed.entries]
    assert len(dates) == 4 and dates == sorted(dates, reverse=True)


def test_events_known_only_by_a_sources_date_are_not_in_the_feed(site_dir):
    event = site_dir / "events" / "monterrey-lecture.md"
    event.write_text(event.read_text().replace('date: "2025-10-03"', 'date: "../2025-10"'))
    feed = feedparser.parse(RenderedSite(site_dir).read("feed.xml"))
    assert not feed.bozo
    links = [entry.link for entry in feed.entries]
    assert len(links) == 3 and not any("monterrey" in link for link in links)


def test_the_real_feed_leaves_out_cop29_and_the_pandemic(real_graph):
    graph = real_graph
    listed = [e.slug for e in feed_events(graph)]
    assert "cop29" not in listed and "covid-19-pandemic" not in listed
    assert len(listed) == sum(1 for e in graph.timeline if e.date.start is not None)
    starts = [graph.get("events", slug).date.first_day() for slug in listed]
    assert starts == sorted(starts, reverse=True)


# --- sitemap and robots.txt --------------------------------------------------------------------

def test_sitemap_entries_have_a_lastmod_from_content(built_at_root):
    root = ET.parse(built_at_root("fixture") / "sitemap.xml").getroot()
    dates = {u.findtext(SITEMAP + "loc").removeprefix(SITE_URL): u.findtext(SITEMAP + "lastmod")
             for u in root.iter(SITEMAP + "url")}
    graph = load_graph(FIXTURE)
    undated = {path for path, date in dates.items() if date is None}
    # only pages that show no date at all: no event, figure, role, or cited source
    assert undated == {"/" + c.path for c in graph.by_kind["countries"]
                       if not (c.timeline or c.figures or len(c.notes))}
    # its own date is 2025-09; the op-ed it cites was published on 2025-10-12
    assert dates["/events/lima-consultations/"] == "2025-10-12"
    assert dates["/sources/bakunetwork-op-ed/"] == "2025-04-18"
    assert dates["/"] == max(filter(None, dates.values()), key=lambda d: parse_date(d).sort_key())
    assert dates["/"] == "2025-10-12"   # not the year 2025, which ends later but says less


def test_every_page_of_the_real_site_has_a_lastmod(real_graph):
    from bilateral.plan import plan_site
    from bilateral.sitemap import LastModified, listed_pages
    graph = real_graph
    dated = LastModified(graph)
    assert [page.path for page in listed_pages(plan_site(graph)) if dated.of(page) is None] == []


def test_a_later_source_moves_the_lastmod_of_the_pages_citing_it(site_dir):
    source = site_dir / "sources" / "talibov-op-ed.md"
    source.write_text(source.read_text().replace('date: "2025-10-12"', 'date: "2026-01-05"'))
    text = RenderedSite(site_dir).read("sitemap.xml")
    assert (f"<loc>{SITE_URL}/events/lima-consultations/</loc>\n    <lastmod>2026-01-05</lastmod>") in text


def test_robots_txt_only_at_a_hosts_root(site_dir, tmp_path, no_search_index):
    said: list[str] = []
    build(Project(content=site_dir, site_url="https://example.org"), tmp_path / "root", "/", notify=said.append)
    assert said == []
    assert (tmp_path / "root" / "robots.txt").read_text() == \
        "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n"

    build(Project(content=site_dir, site_url="https://owner.github.io/repo"), tmp_path / "sub", "/repo/",
          notify=said.append)
    assert not (tmp_path / "sub" / "robots.txt").exists()
    [notice] = said
    assert "robots.txt" in notice and "host's root" in notice and "project site" in notice
    assert "under /repo/" in notice
    for page in [tmp_path / "sub" / "index.html", tmp_path / "sub" / "countries" / "peru" / "index.html"]:
        assert '<link rel="sitemap" type="application/xml" href="/repo/sitemap.xml">' in page.read_text()


def test_a_sub_path_build_without_a_site_address_says_both(site_dir, tmp_path, no_search_index):
    yml = site_dir / "site.yml"
    yml.write_text("".join(l for l in yml.read_text().splitlines(True) if not l.startswith("site_url")))
    said: list[str] = []
    build(Project(content=site_dir), tmp_path / "sub", "/repo/", notify=said.append)
    assert len(said) == 2 and "--site-url" in said[0] and "robots.txt" in said[1] and "/repo/" in said[1]
    assert not (tmp_path / "sub" / "robots.txt").exists()


# --- terms of reuse ------------------------------------------------------------------------------

def test_the_code_and_the_data_each_have_a_licence(built_at_root):
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    site = built_at_root("fixture")
    data_page = (site / "data" / "index.html").read_text()
    assert '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>' in data_page
    assert "quotes in it belong to their publishers" in data_page
    assert data_page.count("Licensed under CC BY 4.0") == len(TABLES)   # each CSV's documentation
    graph_json = json.loads((site / "data" / "graph.json").read_text())
    assert graph_json["site"]["license"] == "CC BY 4.0"
    assert graph_json["site"]["license_url"] == "https://creativecommons.org/licenses/by/4.0/"
    [data] = json_ld(site / "countries" / "peru" / "index.html")
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"


def test_every_page_names_its_icon_so_no_browser_asks_for_favicon_ico(built_at_root):
    # Lighthouse's best-practices audit counts the 404 of /favicon.ico as a console error
    site = built_at_root("fixture")
    for page in html_pages(site):
        if 'http-equiv="refresh"' in page.read_text(encoding="utf-8"):
            continue   # moved-page stubs
        icon = re.search(r'<link rel="icon" type="image/svg\+xml" href="/([^"]+)">', page.read_text(encoding="utf-8"))
        assert icon and (site / icon.group(1)).is_file(), page
