"""`build.py new`: a scaffold per kind, generated from the model, that check understands."""
from __future__ import annotations

import re

import pytest

from bilateral.model import FILL_ME, KINDS, SINGULAR
from bilateral.pipeline import load_graph
from bilateral.scaffold import ScaffoldError, kind_of, scaffold, slug_for

from conftest import run_cli

TITLES = {"countries": "Bolivia", "people": "Elnur Məmmədov Jr.", "organizations": "Tecnológico de Monterrey",
          "events": "Talibov’s lecture in Monterrey", "sources": "Another op-ed", "topics": "Green energy"}

# A valid value for each required field the scaffold leaves as FILL-ME.
FILLED = {"source": "talibov-op-ed", "quote": '"the first round of political consultations"',
          "date": '"2025-09"', "countries": "[peru]", "iso_code": '"BO"', "title": '"Ambassador"',
          "file": '"002_68093400c9ee64a5.txt"', "language": '"en"', "standpoint": '"An op-ed."'}
KIND_VALUE = {"events": "meeting", "organizations": "ministry", "sources": "op-ed"}
PLACEHOLDER = re.compile(r'^(\s*(?:- )?)(\w+): (?:"FILL-ME"|\[FILL-ME\]|FILL-ME)(?=  #)', re.M)


@pytest.mark.parametrize("title, slug", [
    ("Félix Denegri", "felix-denegri"),
    ("Elnur Məmmədov", "elnur-mammadov"),
    ("First Azerbaijan–Peru political consultations", "first-azerbaijan-peru-political-consultations"),
    ("Mammad Talibov's lecture at the Tecnológico de Monterrey",
     "mammad-talibovs-lecture-at-the-tecnologico-de-monterrey"),
    ("  Çağrı   İlham  ", "cagri-ilham"),
])
def test_slugs_are_ascii_lower_case_and_hyphenated(title, slug):
    assert slug_for(title) == slug


def test_kind_accepts_singular_and_plural():
    for kind, singular in SINGULAR.items():
        assert kind_of(kind) == kind_of(singular) == kind
    with pytest.raises(ScaffoldError, match="did you mean 'event'"):
        kind_of("evnt")


@pytest.mark.parametrize("kind", KINDS)
def test_scaffold_shows_every_field_of_the_model(kind):
    text = scaffold(kind, TITLES[kind])
    for name, spec in KINDS[kind].items():
        pattern = rf"^{'' if spec.required else '# '}{name}:"
        assert re.search(pattern, text, re.M), (kind, name)
        assert spec.doc in text


@pytest.mark.parametrize("kind", KINDS)
def test_check_reports_exactly_the_fill_me_lines_then_passes_once_filled(site_dir, kind):
    assert not (site_dir / kind / f"{slug_for(TITLES[kind])}.md").exists(), "pick a title the fixture lacks"
    result = run_cli("new", SINGULAR[kind], TITLES[kind], "--content", site_dir)
    assert result.returncode == 0, result.stderr
    path = site_dir / kind / f"{slug_for(TITLES[kind])}.md"
    assert result.stdout.strip().endswith(f"{kind}/{path.name}")
    text = path.read_text()
    fill_lines = [i for i, line in enumerate(text.splitlines(), 1)
                  if FILL_ME in line and not line.startswith("#")]

    check = run_cli("check", "--content", site_dir)
    errors = check.stderr.strip().splitlines()[:-1]
    assert check.returncode == (1 if fill_lines else 0)  # a topic needs only its title
    assert [int(e.split(":")[1]) for e in errors] == fill_lines
    assert all(e.startswith(str(path)) and e.endswith(f"it still says {FILL_ME}") for e in errors)

    def fill(match):
        name = match.group(2)
        return f"{match.group(1)}{name}: {KIND_VALUE[kind] if name == 'kind' else FILLED[name]}"
    path.write_text(PLACEHOLDER.sub(fill, text))
    graph = load_graph(site_dir)
    assert graph.get(kind, path.stem).title == TITLES[kind]


def test_new_refuses_to_overwrite(site_dir):
    existing = site_dir / "people" / "felix-denegri.md"
    before = existing.read_text()
    result = run_cli("new", "person", "Félix Denegri", "--content", site_dir)
    assert result.returncode == 1
    assert "felix-denegri.md already exists; not overwriting" in result.stderr
    assert existing.read_text() == before


def test_unknown_kind_is_a_usage_error_listing_the_kinds(site_dir):
    result = run_cli("new", "visit", "Lima", "--content", site_dir)
    assert result.returncode == 2
    for kind, singular in SINGULAR.items():
        assert f"{singular} ({kind})" in result.stderr
    assert not any(site_dir.glob("*/lima.md"))


def test_title_without_letters_is_a_usage_error(site_dir):
    result = run_cli("new", "topic", "–––", "--content", site_dir)
    assert result.returncode == 2 and "no letters or digits" in result.stderr
