"""Key facts of a partner country (bilateral/keyfacts.py): derived from the
content's events, roles, presence entries and figures, every shown fact
cited on the page, "not stated in the sources" where the content is silent."""
from __future__ import annotations

import re

import pytest

from bilateral import keyfacts, relations
from bilateral.dates import parse_date
from bilateral.graph import Figure
from bilateral.pipeline import ROOT
from bilateral.plan import plan_site
from bilateral.render import make_environment, render_page
from bilateral.urls import Urls


DONE_WHEN = ("peru", "brazil", "mexico", "argentina", "cuba")


@pytest.fixture(scope="module")
def graph(real_graph):
    return real_graph


@pytest.fixture(scope="module")
def plan(graph):
    return plan_site(graph)


@pytest.fixture(scope="module")
def env(graph):
    return make_environment(ROOT / "templates", graph, Urls("/"))


def page(plan, path):
    return next(p for p in plan.pages if p.path == path)


def rows(plan, slug) -> dict:
    return {row.label: row for row in page(plan, f"countries/{slug}/").context["key_facts"]}


def words(fact) -> str:
    return "".join(p if isinstance(p, str) else getattr(p, "title", None) or p.text() for p in fact.parts)


def test_peru_key_facts_as_the_sources_give_them(plan):
    peru = rows(plan, "peru")
    [established] = peru["Diplomatic relations established"].facts
    assert established.parts[2] == parse_date("1995/1996") and "29 years" in established.inferred
    [embassy, talibov] = peru["Azerbaijan in Peru"].facts
    assert talibov.parts[0].slug == "mammad-talibov"
    assert "accredited from Mexico" in words(talibov) and "October 2025" in words(talibov)
    embassy_here, dispute, casas = peru["Peru in Azerbaijan"].facts
    assert dispute.dispute.id == "peru-embassy-in-baku"
    assert casas.parts[0].slug == "cesar-augusto-de-las-casas-dias"
    assert "Ankara" in words(casas) and "credentials presented January 2023" in words(casas)
    [visit] = peru["Latest visit to Peru"].facts
    assert "3–4 September 2025" in words(visit) and visit.parts[0].slug == "elnur-mammadov"
    assert peru["Latest visit to Azerbaijan"].facts == ()
    mechanisms = [words(f) for f in peru["Agreements and mechanisms"].facts]
    assert mechanisms and all("Türkiye" not in m for m in mechanisms)   # a context event is not theirs
    assert peru["Latest trade figure"].facts == ()


@pytest.mark.parametrize("slug", DONE_WHEN)
def test_the_box_opens_the_page_and_every_row_is_cited_or_says_so(plan, env, slug):
    html = render_page(env, page(plan, f"countries/{slug}/"))
    box = re.search(r'<section class="keyfacts".*?</section>', html, re.S).group(0)
    assert html.index('class="keyfacts"') < html.index('class="prose"')
    notes = set(re.findall(r'<li id="note-(\d+)">', html))
    for row in re.findall(r'<div class="keyfact">(.*?)</div>', box, re.S):
        for dd in re.findall(r"<dd[^>]*>(.*?)</dd>", row, re.S):
            marks = re.findall(r'href="#note-(\d+)"', dd)
            assert marks or "Not stated in the sources" in dd, dd
            assert set(marks) <= notes     # each mark leads to a citation listed on the page


def test_brazil_shows_the_trade_figure_whose_period_ends_last_and_flags_the_dispute(plan):
    [trade] = rows(plan, "brazil")["Latest trade figure"].facts
    assert trade.figure.id == "brazil-trade-2025-jan-jul" and trade.dispute.id == "brazil-trade-volume"


class _Country:
    def __init__(self, figures):
        self.figures = figures


def test_an_open_period_never_outranks_one_known_to_end_later():
    def fig(id, period):
        return Figure(id, id, "trade-turnover", 1, "USD million", [], period=parse_date(period))
    # '../2025-04' anchors on April 2025, after January; it ends before July
    assert keyfacts.latest_trade(_Country([fig("open", "../2025-04"), fig("known", "2025-01/2025-07")])).id == "known"
    assert keyfacts.latest_trade(_Country([fig("open", "../2025-09"), fig("known", "2025-01/2025-07")])).id == "open"
    assert keyfacts.latest_trade(_Country([])) is None


def test_a_visit_direction_comes_from_its_place(graph):
    hub, peru = graph.get("countries", "azerbaijan"), graph.get("countries", "peru")
    visit = graph.get("events", "elnur-mammadov-visit-to-peru-2025")
    assert keyfacts.visit_direction(visit, hub, peru) == relations.HUB_IN_COUNTRY
    assert keyfacts.visit_direction(visit, hub, graph.get("countries", "brazil")) == ""


def test_a_non_resident_envoy_is_accredited_from_the_post_attested_at_the_same_date(graph):
    hub, peru = graph.get("countries", "azerbaijan"), graph.get("countries", "peru")
    found = keyfacts.envoys(graph, hub, peru)
    talibov = [e for e in found if e.person.slug == "mammad-talibov"]
    # 2023: "ambassador to Peru", residence not stated; 2025: non-resident, from Mexico
    assert [(e.residence, e.resident_post and e.resident_post["country"].slug) for e in talibov] == [
        ("", None), ("non-resident", "mexico")]
    [casas] = [e for e in found if e.direction == relations.COUNTRY_IN_HUB]
    assert casas.resident_post["country"].slug == "turkiye"
    assert casas.credentials.slug == "de-las-casas-credentials-2023"


def test_the_box_is_for_partners_only(plan):
    assert "key_facts" not in page(plan, "countries/azerbaijan/").context
    assert "key_facts" not in page(plan, "countries/turkiye/").context


def test_the_country_page_depends_on_the_people_and_events_its_box_cites(plan):
    deps = page(plan, "countries/peru/").deps
    assert ("people", "mammad-talibov") in deps and ("events", "de-las-casas-credentials-2023") in deps


def test_the_visits_page_rows_link_their_event_and_person(real_site):
    site = real_site
    html = site.read("visits/index.html")
    rows = re.findall(r"<tr>\s*<td data-label=\"Direction\">.*?</tr>", html, re.S)
    assert len(rows) >= 2
    for row in rows:
        assert 'href="/events/' in row and 'href="/people/' in row and 'href="/sources/' in row
    assert "official visit to Peru (2025)" in html and "political consultations" in html
    assert "Peru–Türkiye" not in html        # a context event is no mechanism of Azerbaijan's


def test_a_country_page_tables_its_visits_with_cited_rows(real_site):
    html = real_site.read("countries/peru/index.html")
    section = re.search(r'<section aria-labelledby="visits-h">.*?</section>', html, re.S).group(0)
    assert 'href="/events/elnur-mammadov-visit-to-peru-2025/"' in section
    assert 'href="/people/elnur-mammadov/"' in section and 'href="#note-' in section
    assert "Lima, Peru" in section and "To Peru" in section
