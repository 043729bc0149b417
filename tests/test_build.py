"""Whole builds: pages written, cross-links, base URL, atomic output, link integrity."""
from __future__ import annotations

import re
import shutil

import pytest

from bilateral.errors import ContentErrors
from bilateral.linkcheck import check_links
from bilateral.pipeline import Project, build

from conftest import RenderedSite, site_contents, write



@pytest.fixture(scope="module", params=["/", "/az-latam/"], ids=["root", "subpath"])
def built(request, built_site):
    """(base, sites): sites[name] is that content built for the base URL
    (conftest.built_site: on first use, so the quick tier never builds the
    real site, and shared with the session's other tests)."""
    class Sites:
        def __getitem__(self, name):
            return built_site(name, request.param)
    return request.param, Sites()


def test_every_page_kind_is_written(built):
    _, sites = built
    out = sites["fixture"]
    for rel in ["index.html", "404.html", "timeline/index.html", "static/site.css",
                "countries/index.html", "countries/peru/index.html",
                "people/elnur-mammadov/index.html", "events/lima-consultations/index.html",
                "organizations/azerbaijan-mfa/index.html", "topics/tourism/index.html",
                "sources/talibov-op-ed/index.html"]:
        assert (out / rel).is_file(), rel


@pytest.mark.parametrize("site", ["fixture", pytest.param("real", marks=pytest.mark.slow)])
def test_no_broken_internal_links_or_fragments(built, site):
    base, sites = built
    report = check_links(sites[site], base)
    assert report.pages > 10
    assert report.broken == []


def test_links_carry_the_base_path(built):
    base, sites = built
    html = (sites["fixture"] / "events" / "lima-consultations" / "index.html").read_text()
    assert f'href="{base}countries/peru/"' in html
    assert f'href="{base}static/site.css"' in html
    assert 'href="/countries/' not in html or base == "/"


@pytest.mark.slow
def test_event_links_countries_and_they_link_back(built):
    base, sites = built
    out = sites["real"]
    events = sorted((out / "events").glob("*/index.html"))
    assert len(events) >= 3
    for page in events:
        slug = page.parent.name
        html = page.read_text()
        facts = re.search(r'<dd class="countries">(.*?)</dd>', html).group(1)
        countries = set(re.findall(f'href="{re.escape(base)}countries/([a-z0-9-]+)/"', facts))
        assert countries, f"event {slug} links no country"
        for country in countries:
            back = (out / "countries" / country / "index.html").read_text()
            assert f'href="{base}events/{slug}/"' in back, (slug, country)


@pytest.mark.slow
def test_real_site_has_at_least_three_pages_per_main_kind(built):
    _, sites = built
    for kind in ["countries", "people", "events"]:
        assert len(list((sites["real"] / kind).glob("*/index.html"))) >= 3


def test_citations_link_to_source_pages_and_sources_link_back(built):
    base, sites = built
    out = sites["fixture"]
    person = (out / "people" / "felix-denegri" / "index.html").read_text()
    assert 'href="#note-1"' in person and 'id="note-1"' in person
    assert f'href="{base}sources/talibov-op-ed/"' in person
    source = (out / "sources" / "talibov-op-ed" / "index.html").read_text()
    assert f'href="{base}people/felix-denegri/"' in source


def test_redirect_pages_point_at_the_new_url(site_dir, tmp_path):
    topic = site_dir / "topics" / "tourism.md"
    topic.write_text(topic.read_text().replace("title: Tourism", "title: Tourism\nredirect_from: [travel]"))
    html = RenderedSite(site_dir).read("topics/travel/index.html")
    assert 'url=/topics/tourism/' in html


def test_failed_build_leaves_previous_site_untouched(site_dir, tmp_path, built_site):
    out = tmp_path / "out"
    shutil.copytree(built_site("fixture"), out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    write(site_dir, "events/broken.md", "---\ntitle: x\n---\n")
    with pytest.raises(ContentErrors):
        build(Project(content=site_dir), out, "/")
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_render_failure_also_leaves_previous_site(site_dir, tmp_path, built_site):
    out = tmp_path / "out"
    shutil.copytree(built_site("fixture"), out)
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "home.html").write_text("{{ undefined_name.boom }}")
    with pytest.raises(Exception):
        build(Project(content=site_dir, templates=templates), out, "/")
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before


def test_link_checker_catches_broken_links_and_fragments(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="/a/">ok</a><a href="/missing/">x</a><a href="#nope">y</a>'
        '<a href="https://example.org/">ext</a><a id="here" href="#here">z</a>')
    (tmp_path / "a" / "index.html").write_text('<a href="../index.html#here">back</a>')
    report = check_links(tmp_path, "/")
    assert sorted(report.broken) == ["index.html: #nope (no element with id 'nope')",
                                     "index.html: /missing/ (no such file)"]
    assert report.external == {"https://example.org/"}


# What the link checker must read as a browser (and the standard library's
# html.parser, which it used before lxml) reads it.
TRICKY_PAGE = """<!DOCTYPE html><HTML><head>
<link rel="canonical" href="https://example.org/elsewhere/">
<META HTTP-EQUIV="Refresh" content="0; url=/a/">
<script>document.write('<a href="/in-a-script/">');</script>
<style>a[href="/in-a-style/"] { color: red }</style>
</head><body>
<!-- <a href="/in-a-comment/">x</a> -->
<A HREF="/a/?x=1&amp;y=2#top" ID="Up">up</A><a name=anchor href=/a/>unquoted</a>
<img src="/a/pic.png" alt="a > b"><p id="p1" title="<a href='/in-an-attribute/'>">
<svg><use href="#p1"></use></svg>
<search data-names-url="/a/names.json"></search>
</body></HTML>"""


def test_the_link_checker_reads_a_page_as_html_parser_does(tmp_path):
    """libxml2 (lxml) finds the same ids and URLs, in the same order, as
    Python's own HTML parser: not the ones in scripts, styles, comments or
    attribute values, nor the canonical link. In a textarea, where
    html.parser would see a link, it sees text, as a browser does."""
    from html.parser import HTMLParser

    from bilateral.linkcheck import LINKING, _parse

    class Stdlib(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.ids, self.refs = set(), []

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            self.ids |= {attrs["id"]} if attrs.get("id") else set()
            self.ids |= {attrs["name"]} if tag == "a" and attrs.get("name") else set()
            self.refs += [attrs[n] for n in LINKING if attrs.get(n) is not None
                          and not (tag == "link" and attrs.get("rel") == "canonical")]
            if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
                self.refs.append(attrs["content"].partition("url=")[2])

    page = tmp_path / "index.html"
    page.write_text(TRICKY_PAGE, encoding="utf-8")
    expected = Stdlib()
    expected.feed(TRICKY_PAGE)
    found = _parse(page)
    assert found.refs == expected.refs == ["/a/", "/a/?x=1&y=2#top", "/a/", "/a/pic.png", "#p1", "/a/names.json"]
    assert found.ids == expected.ids == {"Up", "anchor", "p1"}
    page.write_text('<textarea><a href="/in-a-textarea/"></textarea><a href="/b/">b</a>')
    assert _parse(page).refs == ["/b/"]
    (tmp_path / "empty.html").write_text("")
    assert (_parse(tmp_path / "empty.html").refs, _parse(tmp_path / "empty.html").ids) == ([], set())


def test_a_relative_link_is_judged_from_its_own_page(tmp_path):
    """Links are judged once each (linkcheck's verdicts), but a relative one
    means another file on another page."""
    for folder, html in {"": '<a href="b/">b</a>', "x": '<a href="b/">b</a>', "b": "",
                         "y": '<a href="#top">t</a>', "z": '<a id="top" href="#top">t</a>'}.items():
        (tmp_path / folder).mkdir(exist_ok=True)
        (tmp_path / folder / "index.html").write_text(html)
    report = check_links(tmp_path, "/")
    assert report.links == 4
    assert sorted(report.broken) == ["x/index.html: b/ (no such file)",
                                     "y/index.html: #top (no element with id 'top')"]


def test_a_dispute_told_on_another_page_is_linked_there(site_dir, tmp_path, no_search_index):
    """A figure shown on a topic page may be one side of a dispute that lives
    on a country page: its badge must link that page's #dispute-..."""
    table = site_dir / "figures" / "trade.yml"
    table.write_text(table.read_text().replace("country: peru", "country: peru\n    topics: [tourism]"))
    build(Project(content=site_dir), tmp_path / "out", "/")
    topic = (tmp_path / "out" / "topics" / "tourism" / "index.html").read_text()
    assert 'href="/countries/peru/#dispute-peru-example"' in topic
    assert check_links(tmp_path / "out", "/").broken == []


def test_link_check_lists_external_links_without_fetching_them(site_dir, tmp_path, monkeypatch, no_search_index):
    import socket

    source = site_dir / "sources" / "talibov-op-ed.md"
    source.write_text(source.read_text().replace("language: en", "language: en\nurl: https://example.org/op-ed"))
    build(Project(content=site_dir), tmp_path / "out", "/")

    def no_network(*args, **kwargs):
        raise AssertionError("the link checker must not open connections")
    monkeypatch.setattr(socket.socket, "connect", no_network)
    report = check_links(tmp_path / "out", "/")
    assert report.broken == []
    # the op-ed's address, and the licence the data page links to (site.yml's license_url)
    assert report.external == {"https://example.org/op-ed", "https://creativecommons.org/licenses/by/4.0/"}



@pytest.mark.slow
def test_pages_are_unicode_nfc_whatever_the_sources_store(built):
    import unicodedata
    _, sites = built
    pages = list(sites["real"].rglob("*.html"))
    assert pages
    assert [p for p in pages if not unicodedata.is_normalized("NFC", p.read_text())] == []


@pytest.mark.parametrize("site", ["fixture", pytest.param("real", marks=pytest.mark.slow)])
def test_a_rendered_site_reads_as_its_build(built_at_root, site):
    """conftest.RenderedSite, which the quick tier reads the real site's pages
    through, makes every file as the build writes it, byte for byte."""
    if site not in site_contents():
        pytest.skip("no content/ in this checkout")
    built, rendered = built_at_root(site), RenderedSite(site_contents()[site])
    made = sorted(p.relative_to(built).as_posix() for p in built.rglob("*")   # all but what is copied
                  if p.is_file() and p.relative_to(built).parts[0] not in ("static", "pagefind"))
    assert sorted(rendered.pages) == [rel for rel in made if rel.endswith(".html")]
    assert len(made) > 50 and "data/graph.json" in made
    for rel in made:
        assert rendered.read(rel).encode("utf-8") == (built / rel).read_bytes(), rel
    with pytest.raises(FileNotFoundError):
        rendered.read("no/such/index.html")
