"""The exploring pages: country profiles, person pages, the timeline and its
filter views, the map and the overview matrix, built from the fixture site."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from types import SimpleNamespace

from bilateral.charts import bar_chart, series
from bilateral.pipeline import load_graph
from bilateral.relations import depth, depth_level, overview
from bilateral.worldmap import legend, shapes, shapes_file

from conftest import FIXTURE


@pytest.fixture(scope="module")
def site(built_at_root):
    return built_at_root("fixture")  # built once per session, read only


@pytest.fixture(scope="module")
def graph():
    return load_graph(FIXTURE)


def page(site, rel: str) -> str:
    return (site / rel / "index.html").read_text(encoding="utf-8")


def section(html: str, section_id: str) -> str:
    start = html.index(f'id="{section_id}"')
    return html[start: html.index("</section>", start)]


def event_links(html: str) -> list[str]:
    return re.findall(r'<a href="/events/([^/]+)/">', html)


class Elements(HTMLParser):
    """Start tags with their attributes, in document order."""
    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


# --- timeline ------------------------------------------------------------------

def test_timeline_links_every_event_in_order_grouped_by_year(site, graph):
    html = section(page(site, "timeline"), "all")
    assert event_links(html) == [e.slug for e in graph.timeline]
    years = re.findall(r'<h3 class="year" id="all-(\d{4})">', html)
    assert years == ["2020", "2025"]


def test_timeline_shows_each_date_at_its_precision(site):
    html = page(site, "timeline")
    assert '<time datetime="2020">2020</time>' in html                       # year
    assert '<time datetime="2025-09">September 2025</time>' in html          # month
    assert '<time datetime="2025-09-03">3–4 September 2025</time>' in html   # range
    assert '<time datetime="2025-10-03">3 October 2025</time>' in html       # day


def test_timeline_events_carry_their_facets_for_the_script(site):
    html = page(site, "timeline")
    item = re.search(r'<li class="event"[^>]*>\s*<span class="when"><time datetime="2025-09">', html).group(0)
    assert 'data-kind="consultations"' in item and 'data-context="false"' in item
    assert 'data-country="azerbaijan peru"' in item
    assert 'data-person="elnur-mammadov felix-denegri"' in item
    assert 'data-topic="tourism"' in item
    assert 'data-context="true"' in page(site, "timeline")   # the war is a context event


def test_only_the_filterable_timeline_carries_facet_data(site):
    # entity pages and pre-built views have no script to filter them
    for rel in ["countries/peru", "people/elnur-mammadov", "timeline/country/peru"]:
        html = page(site, rel)
        assert '<li class="event' in html, rel
        assert "data-country=" not in html and "data-person=" not in html, rel


@pytest.mark.parametrize("view, expected", [
    ("timeline/country/peru", ["lima-consultations", "mammadov-visit-to-peru"]),
    ("timeline/country/mexico", ["monterrey-lecture"]),
    ("timeline/topic/tourism", ["lima-consultations"]),
    ("timeline/kind/lecture", ["monterrey-lecture"]),
    ("timeline/no-context", ["lima-consultations", "mammadov-visit-to-peru", "monterrey-lecture"]),
])
def test_filter_views_are_prebuilt_pages_holding_only_their_events(site, view, expected):
    html = page(site, view)
    assert event_links(section(html, "events")) == expected


def test_timeline_filters_are_links_to_the_views(site, graph):
    nav = page(site, "timeline").split('data-timeline-filters')[1].split("</nav>")[0]
    assert 'href="/timeline/no-context/" data-facet="context" data-value="hide"' in nav
    assert 'href="/timeline/country/peru/" data-facet="country" data-value="peru"' in nav
    assert 'href="/timeline/kind/visit/" data-facet="kind" data-value="visit"' in nav
    # a person's view would repeat their page: the filter leads to its timeline
    assert 'href="/people/elnur-mammadov/#timeline" data-facet="person" data-value="elnur-mammadov"' in nav
    assert not (site / "timeline" / "person").exists()
    # countries with no events get no filter (and no empty page)
    assert "/timeline/country/chile/" not in nav
    assert not (site / "timeline" / "country" / "chile").exists()


def test_only_the_full_timeline_loads_the_filter_script(site):
    assert 'src="/static/timeline.js"' in page(site, "timeline")
    assert "timeline.js" not in page(site, "timeline/country/peru")
    assert (site / "static" / "timeline.js").is_file()


# --- entity pages ----------------------------------------------------------------

def test_peru_profile_shows_its_events_as_a_timeline(site):
    html = page(site, "countries/peru")
    assert event_links(section(html, "timeline")) == ["lima-consultations", "mammadov-visit-to-peru"]
    assert 'href="/timeline/country/peru/"' in html


def test_country_profile_sections_come_in_reading_order(site):
    html = page(site, "countries/peru")
    order = ['id="presence-h"', 'id="people-h"', 'id="figures-h"', 'id="timeline"', 'id="disputes-h"', 'id="notes-h"']
    positions = [html.index(marker) for marker in order]
    assert positions == sorted(positions)
    presence = section(html, "presence-h")
    assert "Azerbaijan in Peru" in presence and "Peru in Azerbaijan" in presence
    assert "None of the site's sources says." in presence   # no entry for Peru in Baku
    assert 'href="#note-1"' in presence


def test_brazil_profile_draws_its_trade_as_an_inline_svg_chart(site):
    html = page(site, "countries/brazil")
    svg = re.search(r"<svg class=\"chart\".*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg and 'aria-labelledby="chart-1-title chart-1-desc"' in svg
    assert "<title id=\"chart-1-title\">Trade turnover (USD million)</title>" in svg
    # the value as exact as the source gives it: "more than 230", not "230"
    assert "2024: 52 USD million (disputed); January–July 2025: more than 230 USD million (disputed)" in svg
    assert ">more than 230 *</text>" in svg
    assert svg.count("<rect") == 2
    assert 'id="figures-table"' in html and 'href="#figures-table"' in html


def test_chart_bars_scale_from_zero(graph):
    figs = series(graph.get("countries", "brazil").figures)[0]
    heights = [float(h) for h in re.findall(r'<rect [^>]*height="([\d.]+)"', str(bar_chart(figs, "c")))]
    assert heights[1] == pytest.approx(heights[0] * 230 / 52, rel=0.01)


def test_each_countrys_figures_make_a_chart_of_their_own_named_after_it():
    # a topic page holds several countries' figures of one metric
    def fig(country, value):
        return SimpleNamespace(metric="trade-turnover", unit="USD million", country=country, value=value,
                               qualifier="", period=None, label=f"{country.title} {value}", dispute=None)
    class Country:  # hashable, as graph entities are
        def __init__(self, title):
            self.title = title
    brazil, peru = Country("Brazil"), Country("Peru")
    charts = series([fig(brazil, 52), fig(peru, 3), fig(brazil, 230), fig(peru, 4)])
    assert [c.title for c in charts] == ["Trade turnover (USD million), Brazil", "Trade turnover (USD million), Peru"]
    assert [[f.value for f in c.figures] for c in charts] == [[52, 230], [3, 4]]
    # on a page of one country's figures the name would only repeat the page's
    assert [c.title for c in series([fig(brazil, 52), fig(brazil, 230)])] == ["Trade turnover (USD million)"]


def test_single_figure_gets_a_table_but_no_chart(site):
    html = page(site, "countries/peru")
    assert "<svg class=\"chart\"" not in html and 'id="figure-peru-relations-years"' in html


def test_person_page_lists_offices_and_events_with_co_participants(site):
    html = page(site, "people/elnur-mammadov")
    assert "Deputy Minister of Foreign Affairs" in section(html, "roles-h")
    timeline = section(html, "timeline")
    assert event_links(timeline) == ["lima-consultations", "mammadov-visit-to-peru"]
    assert 'href="/people/felix-denegri/"' in timeline          # co-participant
    assert 'href="/people/elnur-mammadov/"' not in timeline     # not himself
    assert 'href="/countries/peru/"' in timeline


def test_topic_and_organization_pages_embed_their_timeline_slice(site):
    assert event_links(section(page(site, "topics/tourism"), "timeline")) == ["lima-consultations"]
    assert event_links(section(page(site, "organizations/azerbaijan-mfa"), "timeline")) == ["lima-consultations"]


# --- hub, map and overview ------------------------------------------------------------

def test_hub_links_every_partner_country(site, graph):
    html = page(site, "countries/azerbaijan")
    partners = [c.slug for c in graph.by_kind["countries"] if c.partner]
    assert len(partners) >= 10
    for slug in partners:
        assert f'href="/countries/{slug}/"' in section(html, "partners-h"), slug


@pytest.mark.parametrize("rel", ["", "countries"])
def test_map_links_country_shapes_to_profiles_with_names(site, graph, rel):
    html = page(site, rel)
    svg = re.search(r'<svg viewBox="[^"]*" class="relations-map".*?</svg>', html, re.S).group(0)
    links = [attrs for tag, attrs in Elements(svg).tags if tag == "a"]
    with_shape = [c for c in graph.by_kind["countries"] if c.iso_code in shapes(shapes_file(graph))["shapes"]]
    assert len(with_shape) >= 10
    hrefs = {a["href"] for a in links}
    for country in with_shape:
        assert f"/countries/{country.slug}/" in hrefs
    assert "/countries/azerbaijan/" in hrefs                     # the inset
    assert all(a.get("aria-label") for a in links)
    assert 'aria-label="Brazil: depth 3"' in svg                 # presence + two figures


def test_depth_counts_events_presence_and_figures(graph):
    assert depth(graph.get("countries", "peru")) == 2 + 1 + 1
    assert depth(graph.get("countries", "chile")) == 0
    assert depth_level(0, 4) == 0 and depth_level(1, 4) == 1 and depth_level(4, 4) == 4


def test_legend_ranges_cover_every_depth():
    for highest in (1, 3, 7, 20):
        rows = legend(highest)
        for value in range(1, highest + 1):
            level = depth_level(value, highest)
            assert any(lvl == level and low <= value <= high for lvl, low, high in rows)


def test_overview_matrix_rows(graph):
    rows = {r.country.slug: r for r in overview(graph)}
    assert "azerbaijan" not in rows
    peru, brazil = rows["peru"], rows["brazil"]
    assert [p["status"] for p in peru.hub_in_country] == ["non-resident"]
    assert len(peru.events) == 2 and peru.latest_event.slug == "mammadov-visit-to-peru"
    assert brazil.latest_trade.id == "brazil-trade-2025-jan-jul"
    assert brazil.latest_trade_usd_million == 230


def test_overview_matrix_is_a_sortable_table_on_the_countries_page(site):
    html = page(site, "countries")
    table = html[html.index('<table class="overview" data-sortable>'):]
    table = table[: table.index("</table>")]
    assert 'aria-sort="ascending">Country' in table
    assert 'data-type="number">Events' in table
    assert '<a href="/countries/peru/">Peru</a>' in table
    assert "230 USD million" in table and 'data-sort="230.0"' in table
    assert 'src="/static/sort.js"' in html and 'id="depth"' in html


def test_stylesheet_stays_small(site):
    assert (site / "static" / "site.css").stat().st_size <= 20 * 1024


def test_an_inferred_figure_period_is_marked_with_its_reason(site):
    table = page(site, "countries/brazil").split('id="figures-table"')[1]
    assert '<abbr class="inferred" title="Inferred: An op-ed of April 2025 gives it' in table
