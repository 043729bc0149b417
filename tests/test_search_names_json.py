"""Issue 21: past paginate.SEARCH_NAMES named entities the search page no
longer carries every name inline; it links a JSON file of the same records
per language (searchnames.py), which the live preview keeps current. Built on
the fixture site with the threshold lowered, so no large corpus is needed."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from bilateral import incremental, paginate, pipeline, searchnames
from bilateral.incremental import Incremental
from bilateral.languages import build_graphs, plan_languages
from bilateral.linkcheck import check_links
from bilateral.pipeline import Project, build, extra_outputs, load_checked
from bilateral.urls import Urls

from conftest import FIXTURE, write

NAMED = 19   # the fixture's countries, people, organizations and topics


@pytest.fixture
def lowered(monkeypatch):
    """The threshold below the fixture's named entities; no search index
    (Pagefind), which these tests do not read."""
    monkeypatch.setattr(paginate, "SEARCH_NAMES", 5)
    monkeypatch.setattr(pipeline, "FINALIZERS", [])
    monkeypatch.setattr(incremental, "FINALIZERS", [])


def inline_records(page: str) -> list[dict]:
    """The inline <datalist>'s options as the names file writes them."""
    options = re.findall(r"<option ([^>]*)></option>", page)
    assert options, "no inline names"
    out = []
    for attrs in options:
        a = {k: html.unescape(v) for k, v in re.findall(r'([\w-]+)="([^"]*)"', attrs)}
        out.append({"title": a["value"], "href": a["data-href"], "kind": a["data-kind"],
                    "names": a["data-names"].split("|"),
                    "variants": a["data-variants"].split("|") if a["data-variants"] else []})
    return out


def test_a_small_site_keeps_its_names_in_the_page(built_at_root):
    site = built_at_root("fixture")
    page = (site / "search" / "index.html").read_text(encoding="utf-8")
    assert len(inline_records(page)) == NAMED <= paginate.SEARCH_NAMES
    assert "data-names-url" not in page
    assert not (site / searchnames.PATH).exists()


def test_past_the_threshold_the_names_are_a_file_under_the_base_url(lowered, built_at_root, tmp_path):
    inline = inline_records((built_at_root("fixture") / "search" / "index.html").read_text(encoding="utf-8"))
    out = tmp_path / "site"
    build(Project(content=FIXTURE), out, "/repo/", jobs=1)
    page = (out / "search" / "index.html").read_text(encoding="utf-8")
    assert "<datalist" not in page and "<option" not in page
    assert 'data-names-url="/repo/search/names.json"' in page
    records = json.loads((out / "search" / "names.json").read_text(encoding="utf-8"))
    # the same records as the inline list, in the same order, each link under the base
    assert records == [{**r, "href": "/repo" + r["href"]} for r in inline]
    mammadov = next(r for r in records if r["title"] == "Elnur Mammadov")
    assert mammadov == {"title": "Elnur Mammadov", "href": "/repo/people/elnur-mammadov/", "kind": "Person",
                        "names": ["Elnur Mammadov", "Elnur Məmmədov"], "variants": ["Mamedov", "Mamadov", "Memmedov"]}
    # the link checker follows the page to its file
    assert check_links(out, "/repo/").broken == []
    (out / "search" / "names.json").unlink()
    assert check_links(out, "/repo/").broken == ["search/index.html: /repo/search/names.json (no such file)"]


def test_the_names_file_is_an_extra_output_verified_and_deterministic(lowered):
    """Listed with the feed and the downloads (so verify.py checks it, and the
    preview remakes it); the same content gives the same bytes."""
    def files():
        plan = plan_languages(build_graphs(load_checked(FIXTURE)))
        return extra_outputs(plan, Urls("/", languages=list(plan.graphs)))
    first = files()
    assert searchnames.PATH in first
    assert first[searchnames.PATH] == files()[searchnames.PATH]
    assert first[searchnames.PATH].endswith("\n") and "\n" not in first[searchnames.PATH][:-1]


def _languages(site: Path) -> None:
    text = (site / "site.yml").read_text(encoding="utf-8")
    (site / "site.yml").write_text(text.replace("language: en\n", "language: en\nlanguages: [en, es]\n"),
                                   encoding="utf-8")


def test_each_language_has_its_own_names_file(lowered, site_dir):
    _languages(site_dir)
    plan = plan_languages(build_graphs(load_checked(site_dir)))
    files = searchnames.names_files(plan, Urls("/repo/", languages=list(plan.graphs)))
    assert sorted(files) == ["es/search/names.json", "search/names.json"]
    spanish = {r["href"]: r for r in json.loads(files["es/search/names.json"])}
    assert spanish["/repo/es/people/elnur-mammadov/"]["kind"] == "Persona"
    assert spanish["/repo/es/countries/peru/"]["title"] == "Perú"   # the language's own name (CLDR)
    search = next(p for p in plan.pages if p.path == "es/search/")
    assert search.context["names_file"] == "search/names.json"   # url() puts it under es/


def test_the_preview_keeps_the_names_file_current(lowered, site_dir, tmp_path):
    preview = Incremental(Project(content=site_dir), tmp_path / "preview", "/repo/", jobs=1)
    preview.build()
    target = preview.out / "search" / "names.json"
    assert "Mammad Talibov" in target.read_text(encoding="utf-8")

    person = site_dir / "people" / "mammad-talibov.md"
    person.write_text(person.read_text(encoding="utf-8").replace("title: Mammad Talibov", "title: Mammad Talibli", 1),
                      encoding="utf-8")
    report = preview.rebuild([person])
    assert "search/names.json" in report.written
    text = target.read_text(encoding="utf-8")
    assert "Mammad Talibli" in text and "Mammad Talibov" not in text
    plan = plan_languages(build_graphs(load_checked(site_dir)))
    assert text == searchnames.names_files(plan, Urls("/repo/", "https://example.org/az-latam",
                                                      languages=list(plan.graphs)))[searchnames.PATH]


def test_the_preview_follows_the_site_across_the_threshold(monkeypatch, site_dir, tmp_path):
    """A topic added past the threshold moves the names to the file; deleted,
    they are back in the page and the file is gone."""
    monkeypatch.setattr(paginate, "SEARCH_NAMES", NAMED)
    monkeypatch.setattr(pipeline, "FINALIZERS", [])
    monkeypatch.setattr(incremental, "FINALIZERS", [])
    preview = Incremental(Project(content=site_dir), tmp_path / "preview", "/", jobs=1)
    preview.build()
    page, target = preview.out / "search" / "index.html", preview.out / searchnames.PATH
    assert not target.exists() and "<datalist" in page.read_text(encoding="utf-8")

    added = write(site_dir, "topics/energy.md", "---\ntitle: Energy\n---\nEnergy cooperation.\n")
    preview.rebuild([added])
    assert "<datalist" not in page.read_text(encoding="utf-8")
    assert "Energy" in [r["title"] for r in json.loads(target.read_text(encoding="utf-8"))]

    added.unlink()
    report = preview.rebuild([added])
    assert "search/names.json" in report.deleted and not target.exists()
    assert len(inline_records(page.read_text(encoding="utf-8"))) == NAMED
