"""Long lists split into pages (bilateral/paginate.py): the splitting rule,
and a build of a synthetic corpus of 300 events with the limits lowered, so
that its timelines split into pages by year and in chunks, its entity pages
and indexes are cut, and no page grows with the corpus."""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest

from bilateral import paginate, pipeline
from bilateral.linkcheck import check_links
from bilateral.pipeline import ROOT, Project, build
from bilateral.urls import timeline_path

sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import Corpus  # noqa: E402

# --- the rule ----------------------------------------------------------------------


def event(year: int | None, n: int = 0):
    """A stand-in for an event: only its date matters to the rule."""
    return SimpleNamespace(n=n, year=year, date=SimpleNamespace(start=year, year=year))


def events(*years) -> list:
    return [event(y, i) for i, y in enumerate(years)]


def test_a_timeline_at_the_limit_is_one_page_at_its_own_path():
    parts = paginate.split(events(*[2020] * 5, 2021, 2022, 2023, 2024, 2025), size=10)
    assert [(p.key, len(p.events)) for p in parts] == [("", 10)]
    assert paginate.paths(parts) == ["timeline/"]
    assert paginate.pagers(parts) == [None]


def test_past_the_limit_a_page_per_year_oldest_first_the_first_at_the_timeline_own_path():
    evs = events(2001, 2000, 2002, 2000, None, 2002)   # timeline order is the caller's
    parts = paginate.split(evs, size=5)
    assert [(p.key, p.year, [e.n for e in p.events]) for p in parts] == [
        ("", 2000, [1, 3]), ("2001", 2001, [0]), ("2002", 2002, [2, 5]), ("undated", None, [4])]
    assert paginate.paths(parts) == ["timeline/", "timeline/2001/", "timeline/2002/", "timeline/undated/"]
    assert paginate.paths(parts, "country", "peru")[1] == "timeline/country/peru/2001/"
    assert [p.label for p in parts] == ["2000", "2001", "2002", "Undated"]


def test_a_year_over_the_limit_splits_into_chunks_of_the_limit():
    parts = paginate.split(events(2000, *[2001] * 25), size=10)
    assert [(p.key, p.chunk, len(p.events)) for p in parts] == [
        ("", 1, 1), ("2001", 1, 10), ("2001/2", 2, 10), ("2001/3", 3, 5)]
    assert [p.label for p in parts] == ["2000", "2001", "2001 (2)", "2001 (3)"]
    assert paginate.paths(parts, "kind", "visit")[3] == "timeline/kind/visit/2001/3/"
    # a year's first page is where its strip column and country circles lead
    assert paginate.year_pages(parts) == {2000: "timeline/", 2001: "timeline/2001/"}


def test_every_page_knows_its_neighbours_and_every_page():
    parts = paginate.split(events(2000, 2001, 2002, 2003), size=3)
    pagers = paginate.pagers(parts, "topic", "trade")
    first, second, last = pagers[0], pagers[1], pagers[-1]
    assert first.previous is None and first.next.path == "timeline/topic/trade/2001/"
    assert second.previous.path == "timeline/topic/trade/" and second.next.label == "2002"
    assert last.next is None and last.previous.label == "2002"
    assert [link.path for link in second.pages] == paginate.paths(parts, "topic", "trade")
    assert second.current.label == "2001" and second.total == 4


def test_the_default_limit_is_a_module_setting():
    evs = events(*range(1990, 1990 + paginate.PAGE_EVENTS))
    assert len(paginate.split(evs)) == 1
    assert len(paginate.split(evs + [event(3000)])) == paginate.PAGE_EVENTS + 1


def test_a_bounded_list_shows_its_latest_dated_events_and_keeps_every_one():
    evs = events(2000, 2001, 2002, 2003, None)
    assert paginate.bound(evs, 5, "timeline/country/peru/") == (tuple(evs), None)
    shown, more = paginate.bound(evs, 4, "timeline/country/peru/")
    assert [e.year for e in shown] == [2000, 2001, 2002, 2003][-paginate.LATEST:]
    assert more.total == 5 and more.shown == len(shown) and more.path == "timeline/country/peru/"


def test_the_url_helper_makes_every_page_path():
    assert timeline_path() == "timeline/"
    assert timeline_path(None, None, "2024/2") == "timeline/2024/2/"
    assert timeline_path("no-context", None, "undated") == "timeline/no-context/undated/"


# --- a corpus built with the limits lowered --------------------------------------------

LOW = {"PAGE_EVENTS": 10, "ENTITY_EVENTS": 20, "LATEST": 8, "ENTITY_PEOPLE": 20,
       "LIST_ENTRIES": 30, "FACET_VALUES": 25}
LARGEST = 150_000   # bytes: as one page, the corpus timeline is over twice that


@pytest.fixture(scope="module")
def corpus():
    return Corpus(300)


@pytest.fixture(scope="module")
def site(corpus, tmp_path_factory):
    root = tmp_path_factory.mktemp("paginated")
    corpus.write_content(root / "content")
    with pytest.MonkeyPatch.context() as patch:
        for name, value in LOW.items():
            patch.setattr(paginate, name, value)
        patch.setattr(pipeline, "FINALIZERS", [])   # no search index: not what is tested here
        build(Project(content=root / "content"), root / "site", "/")
    return root / "site"


def read(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def rows(html: str) -> list[str]:
    """The events a timeline page lists (each event's own link)."""
    return re.findall(r'<li class="event[^"]*"[^>]*> <span class="when">.*?<span class="what"><a href="/events/([^/]+)/', html)


def pages_of(site: Path, first: str) -> list[str]:
    """A split timeline's pages, from its first page's list of pages."""
    nav = re.search(r'<nav class="pager"[^>]*data-pages.*?</nav>', read(site, first), re.S).group(0)
    return [href.strip("/") + "/" if href != "/" else "" for href in re.findall(r'<li><a href="([^"]+)"', nav)]


@pytest.mark.slow
def test_the_site_timeline_splits_into_year_pages_that_hold_every_event_once(site, corpus):
    pages = pages_of(site, "timeline/")
    assert pages[0] == "timeline/" and "timeline/2001/" in pages
    assert any(re.fullmatch(r"timeline/\d{4}/2/", p) for p in pages)   # a year in chunks
    listed = Counter(slug for p in pages for slug in rows(read(site, p)))
    assert listed == Counter(e["slug"] for e in corpus.events)
    assert max(len(rows(read(site, p))) for p in pages) == LOW["PAGE_EVENTS"]
    for p in pages:   # a page holds one year
        years = set(re.findall(r'<span class="when"><time datetime="(\d{4})', read(site, p)))
        assert len(years) == 1, p


@pytest.mark.slow
def test_previous_and_next_walk_every_page_in_order(site):
    pages = pages_of(site, "timeline/")
    walked, path = [], "timeline/"
    while path:
        walked.append(path)
        html = read(site, path)
        found = re.search(r'<a href="/([^"]*)" rel="next">', html)
        back = re.search(r'<a href="/([^"]*)" rel="prev">', html)
        assert (back.group(1) if back else None) == (walked[-2] if len(walked) > 1 else None)
        assert 'aria-current="page" title=' in html   # the page list marks the page at hand
        path = found.group(1) if found else None
    assert walked == pages


@pytest.mark.slow
def test_the_strip_is_on_the_first_page_only_and_its_columns_lead_to_their_year(site):
    first = read(site, "timeline/")
    columns = re.findall(r'<a href="/(timeline/[^"]*)" aria-label="(\d{4}): \d+ events?"', first)
    assert len(columns) == 26 and dict((y, p) for p, y in columns)["2000"] == "timeline/"
    for path, year in columns:
        assert f'<time datetime="{year}' in read(site, path)
    # the country circles lead to that country's view, at the page of that year
    circle = re.search(r'<a href="/(timeline/country/peru/[^"]*)" data-country="peru" [^>]*data-year="(\d{4})"', first)
    assert f'<time datetime="{circle.group(2)}' in read(site, circle.group(1))
    assert "<svg" not in read(site, "timeline/2001/")


@pytest.mark.slow
def test_filtered_views_split_too_and_list_only_their_events(site, corpus):
    peru = [e["slug"] for e in corpus.events if "peru" in e["countries"]]
    assert len(peru) > LOW["PAGE_EVENTS"]
    pages = pages_of(site, "timeline/country/peru/")
    assert pages[0] == "timeline/country/peru/" and all(p.startswith("timeline/country/peru/") for p in pages)
    assert sorted(s for p in pages for s in rows(read(site, p))) == sorted(peru)
    # without the script, a filter is a link to the view's first page, from any page
    assert 'href="/timeline/country/peru/" data-facet="country" data-value="peru"' in read(site, "timeline/2003/")
    visits = [e["slug"] for e in corpus.events if e["kind"] == "visit"]
    kind_pages = pages_of(site, "timeline/kind/visit/")
    assert sorted(s for p in kind_pages for s in rows(read(site, p))) == sorted(visits)


@pytest.mark.slow
def test_a_facet_too_long_to_list_points_to_its_index(site):
    html = read(site, "timeline/")
    assert "75 choices, too many to list here" in html
    assert 'data-facet="person"' not in html
    assert 'data-facet="country" data-value="peru"' in html   # 19 countries: listed


@pytest.mark.slow
def test_entity_pages_show_their_latest_events_and_link_the_full_timeline(site, corpus):
    peru = [e for e in corpus.events if "peru" in e["countries"]]
    html = read(site, "countries/peru/")
    assert (f'Showing the {LOW["LATEST"]} latest of {len(peru)} events: '
            '<a href="/timeline/country/peru/">full timeline</a>.') in html
    timeline = html[html.index('<section class="timeline"'):]
    timeline = timeline[:timeline.index("</section>")]
    latest = sorted(peru, key=lambda e: e["date"])[-LOW["LATEST"]:]
    assert sorted(rows(timeline)) == sorted(e["slug"] for e in latest)
    people = html[html.index('id="people-h"'):]
    assert "people its entries name or its latest events list" in people[:people.index("</section>")]
    trade = read(site, "topics/trade/")
    assert f'Showing the {LOW["LATEST"]} latest of' in trade and 'href="/timeline/topic/trade/"' in trade


@pytest.mark.slow
def test_the_events_index_cuts_each_kind_to_its_latest(site, corpus):
    html = read(site, "events/")
    visits = sum(e["kind"] == "visit" for e in corpus.events)
    assert (f'Showing the {LOW["LATEST"]} latest of {visits} events: '
            '<a href="/timeline/kind/visit/">full timeline</a>.') in html


@pytest.mark.slow
def test_no_page_grows_with_the_corpus_and_every_link_works(site):
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}
    largest = max(sizes, key=sizes.get)
    assert sizes[largest] < LARGEST, (largest, sizes[largest])
    assert check_links(site, "/").broken == []


@pytest.mark.slow
def test_the_people_index_splits_by_surname_each_page_grouping_its_own(site, corpus):
    nav = re.search(r'<nav class="pager".*?</nav>', read(site, "people/"), re.S).group(0)
    pages = re.findall(r'<li><a href="/(people/(?:page/\d+/)?)"', nav)
    assert pages == ["people/", "people/page/2/", "people/page/3/"]   # 75 people, 30 a page
    listed = []
    for p in pages:
        html = read(site, p)
        by_surname = html[html.index('<ul class="index">'):html.index('id="by-country"')]
        mine = re.findall(r'<a href="/people/(person-\d+)/">', by_surname)
        grouped = re.findall(r'<a href="/people/(person-\d+)/">', html[html.index('id="by-country"'):])
        assert len(mine) <= LOW["LIST_ENTRIES"] and sorted(grouped) == sorted(mine)
        listed += mine
    assert sorted(listed) == sorted(slug for slug, _ in corpus.people)


@pytest.mark.slow
def test_a_passage_cited_by_more_pages_than_a_list_holds_says_how_many_more(site):
    html = read(site, "sources/source-0/")
    cut = re.search(r'<p class="passage-pages">Cited on (.*?) and (\d+) more pages, not listed here\.</p>', html)
    assert cut and len(re.findall(r"<a ", cut.group(1))) == LOW["LIST_ENTRIES"]


# The pages pagination makes or cuts, one of each (the Nu checker and axe run on these).
SPLIT_PAGES = ["timeline/", "timeline/2010/", "timeline/2010/2/", "timeline/country/peru/",
               "timeline/country/peru/2011/", "countries/peru/", "topics/trade/", "events/",
               "people/", "people/page/2/", "sources/source-0/"]


@pytest.mark.slow
def test_the_split_and_cut_pages_are_valid_html(site, tmp_path):
    from test_html_validity import nu_errors
    for path in SPLIT_PAGES:
        target = tmp_path / path / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((site / path / "index.html").read_bytes())
    assert nu_errors(tmp_path) == []
