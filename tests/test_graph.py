"""The graph: references resolved, backlinks, timelines, numbered citations."""
from __future__ import annotations

from bilateral import keyfacts
from bilateral.pipeline import load_graph

from conftest import write


def test_references_become_entities(graph):
    event = graph.get("events", "lima-consultations")
    assert [c.slug for c in event.countries] == ["azerbaijan", "peru"]
    assert event.people[0]["person"] is graph.get("people", "elnur-mammadov")
    assert event.part_of is graph.get("events", "mammadov-visit-to-peru")
    assert event.organizations[0].title == "Ministry of Foreign Affairs of Azerbaijan"


def test_backlinks_list_every_referrer_once(graph):
    peru = graph.get("countries", "peru")
    assert [e.slug for e in peru.mentioned_in] == [
        "felix-denegri", "mammadov-visit-to-peru", "lima-consultations"]


def test_body_links_count_as_mentions(graph):
    mammadov = graph.get("people", "elnur-mammadov")
    assert graph.get("events", "mammadov-visit-to-peru") in mammadov.mentioned_in


def test_site_timeline_is_chronological(graph):
    assert [e.slug for e in graph.timeline] == [
        "second-karabakh-war", "lima-consultations", "mammadov-visit-to-peru", "monterrey-lecture"]


def test_entity_timelines_hold_their_events(graph):
    assert [e.slug for e in graph.get("people", "elnur-mammadov").timeline] == [
        "lima-consultations", "mammadov-visit-to-peru"]
    assert [e.slug for e in graph.get("countries", "mexico").timeline] == ["monterrey-lecture"]
    assert [e.slug for e in graph.get("topics", "tourism").timeline] == ["lima-consultations"]
    assert [e.slug for e in graph.get("events", "mammadov-visit-to-peru").children] == ["lima-consultations"]


def test_notes_number_prose_first_and_share_repeated_quotes(graph):
    peru = graph.get("countries", "peru")
    quotes = [c.quote for c in peru.notes]
    # presence first (no prose citations), then the figure, then the dispute's
    # claims, whose second claim repeats the figure's quote and so its number;
    # then what the key facts cite from events and roles (keyfacts.cite_on,
    # the graph's last step), each in the order the box shows it.
    assert quotes[0].startswith("who also serves")
    assert quotes[1] == "commemorated 29 years of diplomatic relations"
    claim = peru.disputes[0]["claims"][1]["cite"][0]
    assert peru.notes.number(claim) == 2
    derived = keyfacts.partner_facts_of(graph, peru)
    shown = keyfacts.citations([*derived["key_facts"], *derived["visits"], *derived["envoys"]])
    shown += [c for _, lines in derived["sides"] for p in lines for line in p.lines for c in line.cite]
    assert quotes[2:] == list(dict.fromkeys(c.quote for c in shown if c.quote not in quotes[:2]))


def test_sources_know_the_pages_citing_them(graph):
    cited = {e.slug for e in graph.get("sources", "pivot-op-ed").cited_by}
    assert cited == {"peru", "brazil"}
    assert "elnur-mammadov" in {e.slug for e in graph.get("sources", "talibov-op-ed").cited_by}


def test_figures_attach_to_their_country_and_dispute(graph):
    peru = graph.get("countries", "peru")
    assert [f.id for f in peru.figures] == ["peru-relations-years"]
    assert peru.figures[0].dispute is graph.disputes["peru-example"]
    assert peru.presence[0]["dispute"] is graph.disputes["peru-example"]


def test_countries_get_iso_reference_data(graph):
    assert graph.get("countries", "peru").iso["official_name"] == "Republic of Peru"
    assert graph.get("countries", "azerbaijan").partner is False
    assert graph.get("countries", "peru").partner is True


def test_prose_citations_number_in_reading_order(site_dir):
    from conftest import write
    write(site_dir, "topics/order.md", """---
title: Order
citations:
  - source: talibov-op-ed
    quote: "the 44-Day Patriotic War of 2020"
  - source: pivot-op-ed
    quote: "commemorated 29 years of diplomatic relations"
---
Second first.[cite:2] Then the first.[cite:1]
""")
    topic = load_graph(site_dir).get("topics", "order")
    assert [c.source.slug for c in topic.notes] == ["pivot-op-ed", "talibov-op-ed"]


def test_a_figure_without_a_period_follows_the_dated_ones_of_its_metric(site_dir):
    trade = site_dir / "figures" / "trade.yml"
    text = trade.read_text(encoding="utf-8")
    assert text.count('    period: "2024"\n') == 1
    write(site_dir, "figures/trade.yml", text.replace('    period: "2024"\n', ""))
    graph = load_graph(site_dir)
    order = [f.id for f in graph.figures]
    assert order == ["brazil-trade-2025-jan-jul", "brazil-trade-yearly", "peru-relations-years"]
    brazil = graph.get("countries", "brazil")
    assert [f.id for f in brazil.figures] == ["brazil-trade-2025-jan-jul", "brazil-trade-yearly"]
