"""Who represents whom (bilateral/people.py, keyfacts.envoys): people by
side with their offices, one line for one office held for several countries,
the people index by surname and by country."""
from __future__ import annotations

import re

import pytest

from bilateral import keyfacts, people, relations
from bilateral.plan import plan_site


@pytest.fixture(scope="module")
def graph(real_graph):
    return real_graph


@pytest.fixture(scope="module")
def plan(graph):
    return plan_site(graph)


def page(plan, path):
    return next(p for p in plan.pages if p.path == path)


class Named:
    def __init__(self, title):
        self.title, self.slug = title, title.lower().replace(" ", "-")


@pytest.mark.parametrize("title, surname", [
    ("Cesar Augusto de las Casas Dias", "casas dias"),
    ("Elnur Mammadov", "mammadov"),
    ("Félix Denegri", "denegri"),
    ("Ricardo Sánchez Serra", "serra"),
    ("Madonna", "madonna"),
])
def test_surname_key(title, surname):
    assert people.surname_key(Named(title))[0] == surname


def test_accents_fold_for_sorting():
    # unfolded, 'á' sorts after every unaccented letter
    assert people.surname_key(Named("Ana Álvarez")) < people.surname_key(Named("Luis Amaral"))
    assert people.surname_key(Named("Ana Álvarez"))[0] == "alvarez"


def test_one_office_for_six_countries_reads_as_one_line(graph):
    talibov = graph.get("people", "mammad-talibov")
    lines = people.role_lines(talibov.roles)
    [six] = [l for l in lines if len(l.countries) > 1]
    assert six.title == ("Non-resident Ambassador of Azerbaijan to Costa Rica, Colombia, Peru, "
                         "Guatemala, Honduras and Panama")
    assert len(lines) == 3 and len(six.cite) == 1


def test_offices_of_different_dates_stay_apart(graph):
    casas = graph.get("people", "cesar-augusto-de-las-casas-dias")
    assert len(people.role_lines(casas.roles)) == 2


def test_key_people_split_by_side_with_the_visitor_included(plan):
    sides = dict(page(plan, "countries/peru/").context["sides"])
    azerbaijani = [p.person.slug for p in sides["Azerbaijan"]]
    peruvian = [p.person.slug for p in sides["Peru"]]
    assert {"mammad-talibov", "elnur-mammadov"} <= set(azerbaijani)
    assert "cesar-augusto-de-las-casas-dias" in peruvian and "mammad-talibov" not in peruvian
    assert peruvian == sorted(peruvian, key=lambda s: people.surname_key(page(plan, f"people/{s}/").context["page"]))


def test_envoys_both_ways_hub_first(graph):
    hub, peru = graph.get("countries", "azerbaijan"), graph.get("countries", "peru")
    found = keyfacts.envoys(graph, hub, peru)
    assert [e.direction for e in found] == sorted([e.direction for e in found],
                                                  key=lambda d: d != relations.HUB_IN_COUNTRY)
    assert [e.resident_in for e in found if e.direction == relations.COUNTRY_IN_HUB] == [
        "Türkiye (also Ambassador of Peru to Türkiye)"]
    mexico = graph.get("countries", "mexico")
    assert [e.resident_in for e in keyfacts.envoys(graph, hub, mexico)] == ["Mexico (resident embassy)"]


def test_the_people_index_is_by_surname_and_grouped_by_country(plan, real_site):
    context = page(plan, "people/").context
    slugs = [p.slug for p in context["entries"]]
    assert slugs.index("cesar-augusto-de-las-casas-dias") < slugs.index("felix-denegri") < slugs.index("elnur-mammadov")
    groups = {c.slug: [p.slug for p in ps] for c, ps in context["by_country"]}
    assert all("mammad-talibov" in groups[c] for c in ("mexico", "peru", "colombia", "costa-rica", "guatemala", "honduras", "panama"))
    html = real_site.read("people/index.html")
    assert 'id="by-country"' in html


def test_the_representatives_table_is_cited(real_site):
    html = real_site.read("countries/peru/index.html")
    table = re.search(r'<section aria-labelledby="envoys-h">.*?</section>', html, re.S).group(0)
    rows = re.findall(r"<tr>\s*<td data-label=\"Envoy\">.*?</tr>", table, re.S)
    assert len(rows) == 3 and all('href="#note-' in r for r in rows)
    assert "Ankara" in table and "Mexico (also Ambassador of Azerbaijan to Mexico)" in table
