"""The home page at a glance (bilateral/glance.py) and the About page
(bilateral/about.py): every number counted from content, nothing typed in;
'last updated' from the content, never the clock."""
from __future__ import annotations

import re

import pytest

from bilateral import about, glance


@pytest.fixture(scope="module")
def graph(real_graph):
    return real_graph


def test_key_numbers_are_counted_from_the_entries(graph):
    hub = graph.get("countries", "azerbaijan")
    numbers = {n.label: n for n in glance.key_numbers(graph, hub)}
    embassies = numbers["partner countries with a resident embassy of Azerbaijan"]
    assert embassies.value == "4" and {c.slug for c in embassies.links} == {"argentina", "brazil", "cuba", "mexico"}
    covered = numbers["countries to which Azerbaijan's ambassador in Mexico is also accredited"]
    assert covered.value == "6" and "peru" in {c.slug for c in covered.links}
    assert numbers["first political consultations recorded"].links[0].slug == "azerbaijan-peru-political-consultations-2025"
    trade = numbers["latest trade figure"].figure
    assert trade.id == "brazil-trade-2025-jan-jul" and trade.dispute is not None


def test_key_people_show_the_office_that_concerns_the_relationship(graph):
    hub = graph.get("countries", "azerbaijan")
    lines = {p.person.slug: p.lines for p in glance.key_people(graph, hub)}
    assert "Azerbaijan" in lines["cesar-augusto-de-las-casas-dias"][0].title
    assert len(lines["mammad-talibov"][0].countries) == 6


def test_the_sources_summary_and_last_updated(graph):
    s = about.summary(graph)
    assert (s.count_words, s.first_year, s.last_year, s.op_eds_words) == ("five", 2023, 2025, "three")
    assert s.all_hub_side
    assert s.last_updated.iso() == "2025-10-12"


def test_the_home_page_opens_with_the_glance_and_links_about(real_site):
    site = real_site
    home = site.read("index.html")
    assert home.index('id="brief-h"') < home.index('class="relations-map"')
    brief = re.search(r'<section class="brief".*?</section>', home, re.S).group(0)
    sentences = [x for x in re.split(r"(?<=[.])\s", re.sub(r"<[^>]+>", "", brief)) if x.strip()]
    assert 3 <= len(sentences) - 1 <= 6 and brief.count('href="#note-') >= 5
    notes = set(re.findall(r'<li id="note-(\d+)">', home))
    assert set(re.findall(r'href="#note-(\d+)"', brief)) <= notes
    assert re.search(r'<p class="scope">This site rests on five documents from 2023–2025, all Azerbaijani or '
                     r'Azerbaijan-friendly, three of them op-eds\. <a href="/about/">', home)
    cards = re.search(r'<ul class="cards">.*?</ul>', home, re.S).group(0)
    assert "0 events" not in cards


def test_every_page_links_the_about_page_which_says_when_it_was_updated(real_site):
    site = real_site
    for rel in ("index.html", "countries/peru/index.html", "visits/index.html"):
        footer = site.read(rel).split('<footer class="site-footer">')[1]
        assert 'href="/about/"' in footer, rel
    about_page = site.read("about/index.html")
    assert 'Last updated: the content is current to <time datetime="2025-10-12">' in about_page
    assert about_page.count("Azerbaijan-friendly") >= 4 and "How to correct it" in about_page
