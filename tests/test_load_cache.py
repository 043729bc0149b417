"""Files parsed before are not parsed again (load.PARSED): a reload parses
only the files whose text changed, whatever the files' times say, and gives
the same documents and problems as a first load."""
from __future__ import annotations

import os
import pickle

import pytest

from bilateral import load, yamlines
from bilateral.languages import build_graphs, plan_languages
from bilateral.pipeline import Project, environments, extra_outputs, load_checked
from bilateral.plan import plan_site
from bilateral.render import render_page
from bilateral.urls import Urls
from conftest import copy_fixture, site_contents


@pytest.fixture
def parses(monkeypatch):
    """The texts parsed in this process since the test began, in order."""
    seen: list[str] = []
    real = yamlines.load_with_lines

    def counted(text, first_line=1):
        seen.append(text)
        return real(text, first_line)
    monkeypatch.setattr(load, "load_with_lines", counted)
    monkeypatch.setattr(load, "PARSED", load.Parsed(limit=10_000))   # empty, and the session's left alone
    return seen


def _loaded(root):
    errors: list = []
    content = load.load_content(root, errors)
    docs = [(d.kind, d.slug, d.lang, d.path, d.meta, d.lines, d.body, d.body_line)
            for d in [content.site] + content.documents + content.tables + content.translations]
    return docs, [str(e) for e in errors]


def _fresh(root, monkeypatch):
    monkeypatch.setattr(load, "PARSED", load.Parsed(limit=10_000))
    return _loaded(root)


def test_a_reload_parses_nothing_and_gives_the_same_documents(tmp_path, parses):
    root = copy_fixture(tmp_path / "site")
    first = _loaded(root)
    parsed_first = len(parses)
    assert parsed_first >= 20 and first[0] and not first[1]
    assert _loaded(root) == first
    assert len(parses) == parsed_first


def test_an_edit_is_parsed_again_even_with_the_same_size_and_time(tmp_path, parses, monkeypatch):
    root = copy_fixture(tmp_path / "site")
    event = next((root / "events").glob("*.md"))
    _loaded(root)
    text = event.read_text(encoding="utf-8")
    stat = event.stat()
    edited = text.replace("title: ", "title: X", 1)[:-1]   # one character in, one out: the same size
    assert len(edited.encode()) == len(text.encode()) and edited != text
    event.write_text(edited, encoding="utf-8")
    os.utime(event, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    del parses[:]
    reloaded = _loaded(root)
    assert len(parses) == 1 and parses[0].startswith("title: X")
    assert reloaded == _fresh(root, monkeypatch)
    title = next(d[4]["title"] for d in reloaded[0] if d[3].endswith(event.name))
    assert title.startswith("X")


def test_a_file_that_fails_to_parse_fails_on_every_load(tmp_path, parses):
    root = copy_fixture(tmp_path / "site")
    (root / "events" / "broken.md").write_text("---\ntitle: [unclosed\n---\nBody.\n", encoding="utf-8")
    first = _loaded(root)
    assert any("broken.md:" in e for e in first[1])
    assert _loaded(root) == first


def test_the_same_text_in_two_files_is_two_documents(tmp_path, parses):
    root = copy_fixture(tmp_path / "site")
    event = next((root / "events").glob("*.md"))
    twin = event.with_name("a-twin-of-it.md")
    twin.write_bytes(event.read_bytes())
    docs, _ = _loaded(root)
    by_slug = {d[1]: d for d in docs if d[0] == "events"}
    assert by_slug["a-twin-of-it"][3].endswith("events/a-twin-of-it.md")
    assert by_slug[event.stem][3].endswith(f"events/{event.name}")
    assert by_slug["a-twin-of-it"][4] == by_slug[event.stem][4]


def test_what_a_forked_reader_parsed_is_remembered_by_the_parent(tmp_path, parses, monkeypatch):
    root = copy_fixture(tmp_path / "site")
    monkeypatch.setattr(load, "PARALLEL_FILES", 2)
    first = _loaded(root)
    in_parent = len(parses)   # the forked half's parses are counted in its own process
    assert 0 < in_parent < len(first[0])
    monkeypatch.setattr(load, "PARALLEL_FILES", 10**9)
    del parses[:]
    assert _loaded(root) == first
    assert parses == []


def test_the_least_recently_used_go_first_past_the_limit():
    cache = load.Parsed(limit=2)
    cache.put("a", 1, "a.md")
    cache.put("b", 2, "b.md")
    assert cache.get("a", "a.md") == 1   # now b is the oldest
    cache.put("c", 3, "c.md")
    assert (cache.get("a", "a.md"), cache.get("b", "b.md"), cache.get("c", "c.md")) == (1, None, 3)


def test_a_files_older_text_is_let_go(tmp_path, parses):
    """A preview session edits the same files over and over: the cache keeps
    each file's latest text, not every text it ever had."""
    root = copy_fixture(tmp_path / "site")
    event = next((root / "events").glob("*.md"))
    _loaded(root)
    held = len(load.PARSED.entries)
    for n in range(5):
        event.write_text(event.read_text(encoding="utf-8") + f"\nEdit {n}.\n", encoding="utf-8")
        _loaded(root)
    assert len(load.PARSED.entries) == held


@pytest.mark.parametrize("name", [
    "fixture", pytest.param("real", marks=pytest.mark.slow)])   # the real site: three languages
def test_a_build_leaves_the_loaded_documents_as_they_were(name, tmp_path):
    """What makes sharing a document's data between loads safe: nothing from
    the graph to the last page and extra output changes a document."""
    contents = site_contents()
    if name not in contents:
        pytest.skip("no content/ in this checkout")
    content = load_checked(contents[name])
    before = pickle.dumps(content)
    plan = plan_languages(build_graphs(content), plan_site)
    urls = Urls("/", plan.graph.site.get("site_url", ""), languages=list(plan.graphs))
    env = environments(Project().templates, plan, urls)
    pages = [render_page(env, page) for page in plan.pages]
    assert len(pages) > 40 and extra_outputs(plan, urls)
    assert pickle.dumps(content) == before
