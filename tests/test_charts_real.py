"""Issue 15, charts on the real content: a dispute is never drawn as a
series, the trade topic compares partners on one scale, every chart has a
title, a named axis and a source line, and numbers that measure nothing about
the relationship (an anniversary, a war's length) are not figures."""
from __future__ import annotations

import re

import pytest

from conftest import REAL_CONTENT

pytestmark = pytest.mark.skipif(not (REAL_CONTENT / "site.yml").is_file(), reason="no real content")


@pytest.fixture(scope="module")
def site(real_site):
    return real_site


def html(site, rel):
    return site.read(f"{rel}/index.html")


def charts(page):
    return re.findall(r'<figure class="chart">.*?</figure>', page, re.S)


def test_brazils_page_never_draws_its_two_trade_claims_as_one_series(site):
    found = charts(html(site, "countries/brazil"))
    assert len(found) == 1
    chart = found[0]
    assert "chart-series" not in chart and 'class="chart chart-claims"' in chart
    assert "two claims that disagree" in chart
    assert ">by April 2025 · source 2</text>" in chart and ">January–July 2025 · source 1</text>" in chart
    assert 'href="#dispute-brazil-trade-volume"' in chart


def test_trade_topic_compares_partners_on_one_scale(site):
    found = charts(html(site, "topics/trade"))
    assert len(found) == 1 and 'class="chart chart-comparison"' in found[0]
    labels = re.findall(r'<text class="label start"[^>]*>([^<]*)</text>', found[0])
    assert labels == ["Brazil · January–July 2025 · source 1 · disputed",
                      "Brazil · by April 2025 · source 2 · disputed",
                      "Argentina · by April 2025 · source 2"]


@pytest.mark.parametrize("rel", ["countries/brazil", "topics/trade"])
def test_every_chart_has_a_title_a_named_axis_and_a_source_line(site, rel):
    for chart in charts(html(site, rel)):
        assert re.search(r'<figcaption class="chart-title">[^<]+</figcaption>', chart)
        assert re.search(r'<title id="chart-\d+-title">[^<]+</title>', chart)
        assert re.search(r'<desc id="chart-\d+-desc">[^<]+</desc>', chart)
        assert 'class="axis-name' in chart and "USD million, from zero" in chart
        assert re.search(r'<p class="source-line">Sources?: 1\. <a href="/sources/', chart)


def test_an_anniversary_and_a_wars_length_are_not_figures(site):
    page = html(site, "countries/azerbaijan")
    assert "100 years" not in page and "44 days" not in page
    assert "44-Day Patriotic War" in html(site, "events/second-karabakh-war-2020")
