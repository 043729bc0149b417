"""The page plan: what each page shows is derived once, with what it depends on."""
from __future__ import annotations

import pytest

from bilateral.dates import parse_date
from bilateral.pipeline import ROOT, load_graph
from bilateral.plan import (EVERYTHING, FIGURES, Rows, affected, body_token, plan_site, role_period,
                            token)
from bilateral.render import make_environment
from bilateral.urls import Urls

from conftest import FIXTURE


@pytest.fixture(scope="module")
def graph():
    return load_graph(FIXTURE)


@pytest.fixture(scope="module")
def plan(graph):
    return plan_site(graph)


def page(plan, path):
    return next(p for p in plan.pages if p.path == path)


def test_every_entity_has_one_page_and_every_path_is_planned_once(graph, plan):
    assert len(plan.paths) == len(set(plan.paths))
    for entity in graph.entities():
        assert page(plan, entity.path).context["page"] is entity


def test_a_page_depends_on_its_rows_countries_and_people(plan):
    mexico = page(plan, "countries/mexico/")
    rows: Rows = mexico.context["rows"]
    assert rows.events and rows.exclude is mexico.context["page"]
    for event in rows.events:
        assert token(event) in mexico.deps
        assert {token(c) for c in event.countries} <= mexico.deps
        assert {token(p["person"]) for p in event.get("people", [])} <= mexico.deps


def test_a_page_depends_on_its_own_body_and_no_other(plan):
    lima = page(plan, "events/lima-consultations/")
    bodies = {t for t in lima.deps if t[0] == "body"}
    assert bodies == {body_token(lima.context["page"])}


def test_pages_with_figures_depend_on_the_figure_tables(plan):
    assert FIGURES in page(plan, "countries/brazil/").deps
    assert FIGURES not in page(plan, "people/felix-denegri/").deps


def test_site_wide_pages_follow_every_front_matter_edit_but_no_body_edit(plan):
    home = page(plan, "")
    assert EVERYTHING in home.deps
    assert affected(home, {("countries", "peru")})
    assert not affected(home, {("body", "countries", "peru")})
    lima = page(plan, "events/lima-consultations/")
    assert affected(lima, {("countries", "peru")}) and not affected(lima, {("countries", "chile")})


@pytest.mark.parametrize("role, shape", [
    ({"start": "2020", "end": "2023"}, "span"),
    ({"start": "2020"}, "since"),
    ({"end": "2025-09"}, "until"),
    ({"as_of": "2024"}, "as-of"),
    ({}, "undated"),
])
def test_role_periods(role, shape):
    resolved = {k: parse_date(v) for k, v in role.items()}
    assert role_period(resolved).shape == shape


def test_an_office_with_only_an_end_reads_until_that_date(graph, plan):
    env = make_environment(ROOT / "templates", graph, Urls("/"))
    person = page(plan, "people/felix-denegri/")
    row = person.context["roles"][0]
    person.context["roles"][0] = type(row)(row.role, role_period({"end": parse_date("2025-09")}))
    try:
        html = env.get_template(person.template).render(**person.context, view=None, path=person.path)
    finally:
        person.context["roles"][0] = row
    assert 'until <time datetime="2025-09">September 2025</time>' in html


def test_templates_get_no_graph_to_derive_from(graph):
    env = make_environment(ROOT / "templates", graph, Urls("/"))
    assert "graph" not in env.globals


def test_inferred_dates_are_marked_on_the_home_page_and_the_events_index(real_site):
    site = real_site
    for rel in ("index.html", "events/index.html"):
        html = site.read(rel)
        assert 'class="inferred"' in html, rel


def test_the_pages_touched_by_a_change_are_those_affected_by_it():
    """Plan.touched looks pages up by token: it must name exactly the pages
    affected() names, in plan order, for any change in any language."""
    from bilateral.languages import build_graphs, plan_languages
    from bilateral.pipeline import load_checked
    plan = plan_languages(build_graphs(load_checked(FIXTURE))).derive()
    entities = list(plan.graph.entities())
    changes = [{(e.kind, e.slug)} for e in entities[:40]] + [{body_token(e)} for e in entities[:40]]
    changes += [{FIGURES}, {body_token(entities[0]), (entities[1].kind, entities[1].slug)}, set()]
    languages = list(plan.graphs)
    for tokens in changes:
        for by_lang in ({lang: tokens for lang in languages}, {languages[-1]: tokens}):
            expected = [p for p in plan.pages if affected(p, by_lang.get(p.lang, set()))]
            assert plan.touched(by_lang) == expected
    assert plan.touched({lang: {("countries", "peru")} for lang in languages})   # (the changes touch pages)
