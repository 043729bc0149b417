"""Backlinks that add something, and source pages traceable to the original
(issue 16), checked on the built sites: no "Mentioned in" list repeats a link
already on its page, a source page lists each passage the site quotes with
the pages citing it, and shows the document's headline, publisher and
address (or that they are not recorded)."""
from __future__ import annotations

import html as html_lib
import re
from html.parser import HTMLParser

import pytest

from bilateral.load import load_content
from bilateral.graph import build_graph

from conftest import RenderedSite, copy_fixture, site_contents

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Links(HTMLParser):
    """The hrefs inside <main>, split into those in the "Mentioned in"
    section and those anywhere else in it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []   # (tag, opens main, opens the section)
        self.in_main = self.in_mentioned = 0
        self.mentioned: list[str] = []
        self.elsewhere: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and self.in_main and attrs.get("href", "").startswith("/"):
            (self.mentioned if self.in_mentioned else self.elsewhere).append(attrs["href"])
        if tag in VOID:
            return
        opens_main = tag == "main"
        opens_section = tag == "section" and "mentioned" in (attrs.get("class") or "").split()
        self.in_main += opens_main
        self.in_mentioned += opens_section
        self.stack.append((tag, opens_main, opens_section))

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, opened_main, opened_section = self.stack.pop()
            self.in_main -= opened_main
            self.in_mentioned -= opened_section
            if open_tag == tag:
                break


# The fixture's pages link everything that mentions them; these prose links
# give two pages a "Mentioned in" list: Félix Denegri's (the topic is on no
# list of his) and Peru's (which links the topic's event, not the topic).
MENTIONS = "Tourism as an area of cooperation, as [[people/felix-denegri|Félix Denegri]] said of [[countries/peru]]."


@pytest.fixture(scope="module")
def mentioning(tmp_path_factory):
    """The fixture content with MENTIONS, and its site (conftest.RenderedSite)."""
    content = copy_fixture(tmp_path_factory.mktemp("mentioning") / "content")
    topic = content / "topics" / "tourism.md"
    topic.write_text(topic.read_text(encoding="utf-8").replace("Tourism as an area of cooperation.", MENTIONS),
                     encoding="utf-8")
    return RenderedSite(content), content


# The real site's variants check every page of it: slow.
SITES = ["fixture", pytest.param("real", marks=pytest.mark.slow)] if "real" in site_contents() else ["fixture"]


@pytest.fixture
def site_and_content(request, mentioning):
    """(site, content folder) of the test's `site` parameter."""
    if request.getfixturevalue("site") == "fixture":
        return mentioning
    return request.getfixturevalue("real_site"), site_contents()["real"]


def graph_of(content):
    """The graph as a build leaves it (the key facts number the citations they
    draw from roles and events among the country page's notes in the graph stage)."""
    errors: list = []
    graph = build_graph(load_content(content, errors))
    assert errors == []
    return graph


def links_of(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("site", SITES)
def test_no_mentioned_in_list_repeats_a_link_on_its_page(site_and_content, site):
    site, _ = site_and_content
    checked = 0
    for page in site.pages:
        links = links_of(site.read(page))
        if not links.mentioned:
            continue
        checked += 1
        url = "/" + page.removesuffix("index.html")
        repeated = set(links.mentioned) & set(links.elsewhere)
        assert not repeated, (url, sorted(repeated))
        assert url not in links.mentioned, url                    # a page never lists itself
        assert len(links.mentioned) == len(set(links.mentioned)), url
    assert checked, "no page has a 'Mentioned in' list to check"


@pytest.mark.parametrize("site", SITES)
def test_mentioned_in_is_grouped_by_kind_with_counts(site_and_content, site):
    site, _ = site_and_content
    sections = 0
    for page in site.pages:
        html = site.read(page)
        section = re.search(r'<section class="mentioned".*?</section>', html, re.S)
        if not section:
            continue
        total = int(re.search(r'<h2 id="mentioned-h">[^<]*<span class="count">\((\d+)\)', section.group(0)).group(1))
        groups = re.findall(r'<h3 class="backlink-kind">[^<]*<span class="count">\((\d+)\)</span></h3>\s*'
                            r'<ul class="backlinks">(.*?)</ul>', section.group(0), re.S)
        assert groups, page
        assert sum(int(n) for n, _ in groups) == total
        assert all(items.count("<li>") == int(n) for n, items in groups)
        sections += 1
    assert sections, "no page has a 'Mentioned in' list to check"


@pytest.mark.parametrize("site", SITES)
def test_source_pages_list_each_quoted_passage_with_the_pages_citing_it(site_and_content, site):
    site, content = site_and_content
    graph = graph_of(content)
    for source in graph.by_kind["sources"]:
        html = site.read(f"sources/{source.slug}/index.html")
        quoted = {(c.quote, e.path) for e in graph.entities() for c in e.notes if c.source is source}
        shown = re.findall(r'<blockquote class="passage"><p>(.*?)</p></blockquote>\s*'
                           r'<p class="passage-pages">Cited on (.*?)</p>', html, re.S)
        pairs = {(html_lib.unescape(q), href.strip("/") + "/")
                 for q, pages in shown for href in re.findall(r'href="/([^"]+)"', pages)}
        assert pairs == quoted, source.slug
        assert len(shown) == len({q for q, _ in quoted})           # one entry per distinct passage


@pytest.mark.parametrize("site", SITES)
def test_source_pages_show_headline_publisher_and_address(site_and_content, site):
    site, content = site_and_content
    graph = graph_of(content)
    for source in graph.by_kind["sources"]:
        text = html_lib.unescape(site.read(f"sources/{source.slug}/index.html"))
        facts = re.search(r'<dl class="facts source-facts".*?</dl>', text, re.S).group(0)
        assert "<dt>Headline</dt>" in facts and "<dt>Publisher or outlet</dt>" in facts
        assert (source.get("headline") or "not stated in the source") in facts
        assert (source.get("publisher") or "not stated in the source") in facts
        assert (source.get("url") or "address not recorded") in facts
        assert source.get("file", "") not in facts                 # the file name is out of the way


def test_real_sources_with_a_headline_in_their_text_show_it(real_site):
    text = real_site.read("sources/talibov-peru-congress-meeting/index.html")
    assert "<q>Azerbaijan, Peru Discuss Inter-parliamentary Cooperation</q>" in text


@pytest.mark.parametrize("site", SITES)
def test_sources_index_shows_kind_and_standpoint(site_and_content, site):
    site, content = site_and_content
    graph = graph_of(content)
    text = html_lib.unescape(site.read("sources/index.html"))
    for source in graph.by_kind["sources"]:
        item = re.search(rf'<li><a href="/sources/{source.slug}/">.*?</li>', text, re.S)
        assert item, source.slug
        assert f"Standpoint: {source.standpoint}" in item.group(0)
        assert '<span class="kind">' in item.group(0)
