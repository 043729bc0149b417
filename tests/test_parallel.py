"""Rendering on several processes gives the same site as rendering serially,
and a failure in a worker comes back as the same clean error."""
from __future__ import annotations

import os
import shutil
import sys
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from bilateral.parallel import render_pages
from bilateral.pipeline import ROOT, Project, build, load_graph
from bilateral.plan import plan_site
from bilateral.render import RenderError, make_environment
from bilateral.urls import Urls
from bilateral.write import inside_path

from conftest import snapshot

sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import Corpus  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="workers are forked")]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    """A generated corpus large enough that each worker gets many pages."""
    content = tmp_path_factory.mktemp("synthetic") / "content"
    Corpus(120, seed=3).write_content(content)
    return content


@pytest.fixture(scope="module")
def serial_build(synthetic, tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("serial") / "site"
    build(Project(content=synthetic), out, "/sub/", jobs=1)
    return snapshot(out)


@pytest.mark.parametrize("jobs", [2, 3])
def test_a_parallel_build_writes_the_same_bytes_as_a_serial_one(synthetic, serial_build, jobs, tmp_path):
    files = build(Project(content=synthetic), tmp_path / "site", "/sub/", jobs=jobs)
    assert len(files) > 120   # every event has its page
    assert snapshot(tmp_path / "site") == serial_build


@pytest.fixture
def broken_templates(tmp_path) -> Path:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    event = templates / "event.html"
    event.write_text(event.read_text().replace("{{ page.title }}</h1>",
                                               "{{ page.title }}{{ page.no_such_field }}</h1>"))
    return templates


def test_a_worker_failure_is_the_same_clean_error_as_a_serial_one(synthetic, broken_templates):
    graph = load_graph(synthetic)
    env = make_environment(broken_templates, graph, Urls("/"))
    pages = plan_site(graph).pages
    messages = []
    for jobs in (1, 2):
        with pytest.raises(RenderError) as caught:
            render_pages(env, pages, jobs)
        messages.append(str(caught.value))
    serial, parallel = messages
    assert serial.startswith("event.html:") and "cannot render /events/" in serial
    assert "no_such_field" in serial
    assert parallel.startswith("event.html:") and "no_such_field" in parallel


def test_a_worker_that_dies_fails_the_build_instead_of_hanging(synthetic):
    graph = load_graph(synthetic)
    env = make_environment(ROOT / "templates", graph, Urls("/"))
    parent = os.getpid()
    # Any page rendered outside this process kills its worker outright.
    env.filters["when"] = lambda date: os._exit(3) if os.getpid() != parent else ""
    with pytest.raises(BrokenProcessPool):
        render_pages(env, plan_site(graph).pages, 2)


def test_a_failed_parallel_build_leaves_the_previous_site(synthetic, broken_templates, tmp_path):
    out = tmp_path / "site"
    build(Project(content=synthetic), out, jobs=2)
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    with pytest.raises(RenderError):
        build(Project(content=synthetic, templates=broken_templates), out, jobs=2)
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("path", ["../escape", "a/../../escape", "/etc/passwd"])
def test_writing_outside_the_site_is_refused(path):
    with pytest.raises(ValueError):
        inside_path(path)


@pytest.mark.parametrize("jobs", [1, 2])
def test_meanwhile_runs_once_in_this_process_while_pages_render(synthetic, tmp_path, jobs):
    graph = load_graph(synthetic)
    env = make_environment(Project().templates, graph, Urls("/"))
    pages = plan_site(graph).pages
    calls = []
    files = render_pages(env, pages, jobs, write_to=tmp_path, meanwhile=lambda: calls.append(os.getpid()),
                         ready=lambda: calls.append(("ready", os.getpid(), len(list(tmp_path.rglob("*.html"))))))
    # ready() first, in this process, before any page is written; then meanwhile()
    assert calls == [("ready", os.getpid(), 0), os.getpid()]
    assert list(files) == [page.path for page in pages]
    assert all((tmp_path / inside_path(page.path)).is_file() for page in pages)
