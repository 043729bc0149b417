"""The exploring pages: country profiles, person pages, the timeline and its
filter views, the map and the overview matrix, built from the fixture site."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from types import SimpleNamespace

from bilateral.charts import draw, series
from bilateral.dates import parse_date
from bilateral.pipeline import load_graph
from bilateral.relations import overview
from bilateral.worldmap import shapes, shapes_file


@pytest.fixture(scope="module")
def site(built_at_root):
    return built_at_root("fixture")  # built once per session, read only


def page(site, rel: str) -> str:
    return (site / rel / "index.html").read_text(encoding="utf-8")


def section(html: str, section_id: str) -> str:
    start = html.index(f'id="{section_id}"')
    return html[start: html.index("</section>", start)]


def event_links(html: str) -> list[str]:
    """The events of a timeline's rows, in document order (a row's "part of"
    link to a larger event not on the timeline is no row)."""
    return re.findall(r'<span class="what"><a href="/events/([^/]+)/">', html)


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
    # by date, each sub-event after the larger event it is nested in
    assert event_links(html) == ["second-karabakh-war", "mammadov-visit-to-peru", "lima-consultations",
                                 "monterrey-lecture"]
    assert sorted(event_links(html)) == sorted(e.slug for e in graph.timeline)
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
    ("timeline/country/peru", ["mammadov-visit-to-peru", "lima-consultations"]),
    ("timeline/country/mexico", ["monterrey-lecture"]),
    ("timeline/topic/tourism", ["lima-consultations"]),
    ("timeline/kind/lecture", ["monterrey-lecture"]),
    ("timeline/no-context", ["mammadov-visit-to-peru", "lima-consultations", "monterrey-lecture"]),
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
    assert event_links(section(html, "timeline")) == ["mammadov-visit-to-peru", "lima-consultations"]
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


def test_brazil_profile_draws_its_disputed_trade_as_two_claims_not_a_series(site):
    html = page(site, "countries/brazil")
    svgs = re.findall(r"<svg class=\"chart.*?</svg>", html, re.S)
    assert len(svgs) == 1 and 'class="chart chart-claims"' in svgs[0]
    svg = svgs[0]
    assert 'role="img"' in svg and 'aria-labelledby="chart-1-title chart-1-desc"' in svg
    assert ('<title id="chart-1-title">Trade turnover, Brazil: two claims that disagree '
            "(2024 and January–July 2025)</title>") in svg
    # the value as exact as the source gives it: "more than 230", not "230"; each with its source
    assert ("2024: 52 USD million (source 1: BakuNetwork op-ed on Azerbaijan&#39;s South America strategy) "
            "(disputed); January–July 2025: more than 230 USD million (source 2: Op-ed on Azerbaijan&#39;s "
            "pivot to Latin America) (disputed)") in svg
    assert ">more than 230</text>" in svg and ">2024 · source 1</text>" in svg
    assert svg.count("<rect") == 2 and "USD million, from zero" in svg
    figure = html[html.index('<figure class="chart">'): html.index("</figure>")]
    assert '<figcaption class="chart-title">' in figure
    assert 'href="/sources/bakunetwork-op-ed/"' in figure and 'href="#dispute-brazil-trade-volume"' in figure
    assert 'id="figures-table"' in html and 'href="#figures-table"' in html


def test_chart_bars_scale_from_zero(graph):
    chart = series(graph.get("countries", "brazil").figures)[0]
    widths = [float(w) for w in re.findall(r'<rect [^>]*width="([\d.]+)"', str(draw(chart, "c")))]
    assert widths[1] == pytest.approx(widths[0] * 230 / 52, rel=0.01)


def fig(country, value, period=None, dispute=None, source="s"):
    return SimpleNamespace(metric="trade-turnover", unit="USD million", country=country, value=value,
                           qualifier="", period=parse_date(period) if period else None,
                           label=f"{country.title} {value}", dispute=dispute,
                           cite=[SimpleNamespace(source=SimpleNamespace(title=source))])


class Country:  # hashable, as graph entities are
    def __init__(self, title):
        self.title = title


def test_several_countries_figures_make_one_comparison_on_one_scale():
    # a topic page holds several countries' figures of one metric
    brazil, peru = Country("Brazil"), Country("Peru")
    charts = series([fig(brazil, 52, "2024"), fig(peru, 3, "2024"), fig(brazil, 230, "2025"), fig(peru, 4, "2025")])
    assert [c.kind for c in charts] == ["comparison"]
    assert charts[0].title == "Trade turnover by country, as the sources give it (periods: 2024; 2025)"
    assert [(f.country.title, f.value) for f in charts[0].figures] == [
        ("Brazil", 52), ("Brazil", 230), ("Peru", 3), ("Peru", 4)]
    assert ">Peru · 2025 · source 1</text>" in str(draw(charts[0], "c"))


def test_a_series_joins_only_undisputed_figures_of_alike_periods():
    brazil = Country("Brazil")
    yearly = series([fig(brazil, 40, "2023"), fig(brazil, 52, "2024")])
    assert [(c.kind, c.title) for c in yearly] == [("series", "Trade turnover, Brazil, 2023 to 2024")]
    assert "USD million, from zero" in str(draw(yearly[0], "c"))
    # a year and seven months, or an undated 'by April 2025', are not one run
    assert series([fig(brazil, 52, "2024"), fig(brazil, 230, "2025-01/2025-07")]) == []
    assert series([fig(brazil, 52, "../2025-04"), fig(brazil, 230, "2025")]) == []
    dispute = object()
    claims = series([fig(brazil, 52, "2024", dispute), fig(brazil, 230, "2025-01/2025-07", dispute)])
    assert [c.kind for c in claims] == ["claims"] and claims[0].dispute is dispute


def test_single_figure_gets_a_table_but_no_chart(site):
    html = page(site, "countries/peru")
    assert "<svg class=\"chart\"" not in html and 'id="figure-peru-relations-years"' in html


def test_person_page_lists_offices_and_events_with_co_participants(site):
    html = page(site, "people/elnur-mammadov")
    assert "Deputy Minister of Foreign Affairs" in section(html, "roles-h")
    timeline = section(html, "timeline")
    assert event_links(timeline) == ["mammadov-visit-to-peru", "lima-consultations"]
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
    assert 'aria-label="Brazil: resident embassy"' in svg
    assert "depth" not in svg.lower()


def test_overview_matrix_rows(graph):
    rows = {r.country.slug: r for r in overview(graph)}
    assert "azerbaijan" not in rows
    peru, brazil = rows["peru"], rows["brazil"]
    # the fixture's only entry for Peru is one side of a dispute: it settles no category
    assert (peru.hub_side.category, peru.hub_side.label) == ("other", "disputed")
    assert [d.id for d in peru.hub_side.disputes] == ["peru-example"]
    assert brazil.hub_side.label == "resident embassy"
    assert len(peru.events) == 2 and peru.latest_event.slug == "mammadov-visit-to-peru"
    # the latest figure is one side of a dispute: the cell holds both sides, lowest first
    assert [f.id for f in brazil.trade.figures] == ["brazil-trade-yearly", "brazil-trade-2025-jan-jul"]
    assert brazil.trade.dispute.id == "brazil-trade-volume" and brazil.trade.sort_value == 230


def test_overview_matrix_is_a_sortable_table_on_the_countries_page(site):
    html = page(site, "countries")
    table = html[html.index('<table class="overview cards" data-sortable>'):]
    table = table[: table.index("</table>")]
    assert 'aria-sort="ascending">Country' in table
    assert 'data-type="number">Events on this site' in table
    assert '<a href="/countries/peru/">Peru</a>' in table
    assert 'data-sort="230.0"' in table and 'href="/countries/brazil/#dispute-brazil-trade-volume"' in table
    assert "; " not in re.sub(r"<[^>]+>", "", table)          # one status per cell, never a list
    assert 'src="/static/sort.js"' in html and 'id="presence-categories"' in html
    assert "depth" not in html.lower()


def test_stylesheet_stays_small(site):
    # One cached file for every page: key facts, the presence map, the timeline
    # strip, citation previews and the phone header took it from 11 to 23 KB.
    assert (site / "static" / "site.css").stat().st_size <= 26 * 1024


def test_an_inferred_figure_period_is_marked_with_its_reason(site):
    table = page(site, "countries/brazil").split('id="figures-table"')[1]
    assert '<abbr class="inferred" title="Inferred: An op-ed of April 2025 gives it' in table
