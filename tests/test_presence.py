"""Issue 15: the map and the countries overview encode diplomatic presence,
one cited category per country and side, derived from the real content's
presence entries and the people's offices; nothing counts records."""
from __future__ import annotations

import re

import pytest

from bilateral.relations import HUB_IN_COUNTRY, COUNTRY_IN_HUB, overview, presence
from bilateral.worldmap import LABEL_CHAR_W, LABEL_H, map_model

from conftest import REAL_CONTENT

pytestmark = pytest.mark.skipif(not (REAL_CONTENT / "site.yml").is_file(), reason="no real content")

COVERED_FROM_MEXICO = ["colombia", "costa-rica", "guatemala", "honduras", "panama", "peru"]


@pytest.fixture(scope="module")
def graph(real_graph):
    return real_graph


@pytest.fixture(scope="module")
def site(real_site):
    return real_site


def country(graph, slug):
    return graph.get("countries", slug)


def test_brazil_argentina_mexico_and_cuba_share_the_resident_embassy_category_and_peru_does_not(graph):
    resident = sorted(s.country.slug for s in map_model(graph).shapes if s.presence.category == "resident")
    assert resident == ["argentina", "brazil", "cuba", "mexico"]
    assert presence(graph, country(graph, "peru")).category == "covered"


def test_the_embassy_in_mexico_covers_six_countries_as_the_ambassadors_offices_say(graph):
    covered = {s.country.slug: s.presence for s in map_model(graph).shapes if s.presence.category == "covered"}
    assert sorted(covered) == COVERED_FROM_MEXICO
    for slug, side in covered.items():
        assert side.covering.country.slug == "mexico" and side.covering.person.slug == "mammad-talibov"
        assert side.label == "accredited from Mexico"      # no source names the capital
        # cited: the presence entry's source and the office's quote
        assert any("non-resident ambassador to Costa Rica, Colombia, Peru" in c.quote for c in side.citations)


def test_a_non_resident_mission_without_a_covering_office_says_its_station_is_not_stated(graph):
    for slug in ("chile", "paraguay", "uruguay"):
        side = presence(graph, country(graph, slug))
        assert (side.category, side.label) == ("non-resident", "non-resident, station not stated")
    assert presence(graph, country(graph, "bolivia")).label == "not stated in the sources"


def test_a_disputed_side_carries_its_dispute(graph):
    peru_in_baku = presence(graph, country(graph, "peru"), COUNTRY_IN_HUB)
    assert [d.id for d in peru_in_baku.disputes] == ["peru-embassy-in-baku"]
    assert peru_in_baku.label == "non-resident"


def test_legend_names_each_category_with_its_countries_and_sources(graph):
    rows = {row.category: row for row in map_model(graph).legend}
    assert list(rows) == ["resident", "covered", "non-resident", "none"]     # "other" is empty
    assert {p.country.slug for p in rows["covered"].countries} == set(COVERED_FROM_MEXICO)
    assert {s.slug for s in rows["resident"].sources} >= {"bakunetwork-south-america-strategy"}
    assert rows["none"].sources == []


def test_hub_lines_join_mexico_to_each_country_it_covers(graph):
    m = map_model(graph)
    mexico = next(s for s in m.shapes if s.country.slug == "mexico")
    assert len(m.hub_links) == 6
    assert all((x1, y1) == mexico.label_at for x1, y1, _, _ in m.hub_links)


def test_larger_countries_are_labelled_and_labels_never_overlap(graph):
    shapes = map_model(graph).shapes
    labelled = {s.country.slug: s for s in shapes if s.label_at}
    assert {"brazil", "argentina", "mexico", "peru", "colombia"} <= set(labelled)
    assert "costa-rica" not in labelled and "panama" not in labelled
    boxes = []
    for s in labelled.values():
        x, y = s.label_at
        half = len(s.country.title) * LABEL_CHAR_W / 2
        boxes.append((x - half, y - LABEL_H / 2, x + half, y + LABEL_H / 2))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


@pytest.mark.parametrize("rel", ["index.html", "countries/index.html"])
def test_built_map_names_each_shape_by_its_category_and_lists_the_countries_as_links(site, rel):
    html = site.read(rel)
    figure = html[html.index('<figure class="map"'): html.index("</figure>", html.index('<figure class="map"'))]
    assert 'aria-label="Brazil: resident embassy"' in figure
    assert 'aria-label="Peru: accredited from Mexico"' in figure
    assert 'class="country presence-covered"' in figure
    legend = figure[figure.index("<figcaption>"):]
    for slug in ["brazil", "argentina", "mexico", "cuba", *COVERED_FROM_MEXICO]:
        assert f'<a href="/countries/{slug}/">' in legend, slug
    assert 'href="/sources/bakunetwork-south-america-strategy/"' in legend
    assert "depth" not in html.lower()


def test_overview_gives_one_status_per_cell_and_flags_the_brazil_trade_dispute(site, graph):
    html = site.read("countries/index.html")
    table = html[html.index('<table class="overview'): html.index("</table>")]
    rows = {m.group(1): m.group(0) for m in re.finditer(r'<tr>\s*<th scope="row"><a href="/countries/([^/]+)/">.*?</tr>', table, re.S)}
    text = {slug: re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", row)) for slug, row in rows.items()}
    assert all("; " not in t for t in text.values())
    assert "52 (by April 2025) or more than 230 (January–July 2025) USD million ⚠" in text["brazil"]
    assert 'href="/countries/brazil/#dispute-brazil-trade-volume"' in rows["brazil"]
    assert "accredited from Mexico" in text["peru"] and 'href="/countries/peru/#dispute-peru-embassy-in-baku"' in rows["peru"]
    assert "resident embassy" in text["mexico"] and text["mexico"].count("resident embassy") == 1
    # every cell carries its column's name, for the cards a phone shows
    assert table.count('data-label="Latest trade figure"') == len(rows)
    # the one-sentence-per-country list comes before the map and the table
    assert html.index('<ul class="index">') < html.index('<figure class="map"') < html.index("<table")


def test_no_sentence_repeats_in_the_overview(site):
    html = site.read("countries/index.html")
    table = html[html.index('<table class="overview'): html.index("</table>")]
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s", re.sub(r"<[^>]+>", "", table)) if len(s.split()) > 6]
    assert len(sentences) == len(set(sentences))


def test_the_hubs_overview_depends_on_every_entity(graph):
    """A new office of any person can make a country 'covered from' another:
    the hub's page, which holds the overview, is re-rendered on any edit."""
    from bilateral.plan import EVERYTHING, plan_site
    hub_page = next(p for p in plan_site(graph).pages if p.path == "countries/azerbaijan/")
    assert EVERYTHING in hub_page.deps
