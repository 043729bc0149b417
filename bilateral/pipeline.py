"""The stages in order: load -> validate -> graph -> render -> write."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, ContentErrors
from .graph import Graph, build_graph
from .load import Content, load_content
from .parallel import render_pages
from .render import make_environment, plan_pages
from .urls import Urls
from .validate import validate
from .write import staged, write_files

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Project:
    """Where a site's parts live; defaults are this repository's folders."""
    content: Path = ROOT / "content"
    templates: Path = ROOT / "templates"
    static: Path = ROOT / "static"


def load_checked(content_dir: Path) -> Content:
    """Load and validate everything, raising ContentErrors with every problem found."""
    errors: list[ContentError] = []
    content = load_content(Path(content_dir), errors)
    errors += validate(content)
    if errors:
        raise ContentErrors(errors)
    return content


def load_graph(content_dir: Path) -> Graph:
    """Load and validate everything, raising ContentErrors with every problem found."""
    return build_graph(load_checked(content_dir))


# Outputs besides the HTML pages (feeds, sitemaps, data files): each is a
# function (graph, urls) -> {site-relative path: text}, added here.
EXTRA_OUTPUTS: list = []

# Steps that run on the complete staged site before it replaces the old one
# (a search indexer, say): each is a function (staging folder, base_url) -> None.
FINALIZERS: list = []


def render_site(graph: Graph, project: Project, base_url: str = "/",
                jobs: int | None = None) -> dict[str, str]:
    """Every page and extra output; `jobs` processes render (default: one per
    core for a large site), with the same result whatever their number."""
    urls = Urls(base_url, graph.site.get("site_url", ""))
    env = make_environment(project.templates, graph, urls)
    files = render_pages(env, plan_pages(graph), jobs)
    files.update(extra_outputs(graph, urls))
    return files


def extra_outputs(graph: Graph, urls: Urls) -> dict[str, str]:
    files: dict[str, str] = {}
    for make in EXTRA_OUTPUTS:
        files.update(make(graph, urls))
    return files


def build(project: Project, out: Path, base_url: str = "/",
          jobs: int | None = None) -> dict[str, str]:
    with few_collections():
        return publish(load_graph(project.content), project, out, base_url, jobs)


@contextmanager
def few_collections():
    """A build makes millions of short-lived objects and almost no cycles;
    Python's default of a collection every 700 allocations costs ~15% of it."""
    before = gc.get_threshold()
    gc.set_threshold(100_000, 50, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def publish(graph: Graph, project: Project, out: Path, base_url: str = "/",
            jobs: int | None = None, env=None) -> dict[str, str]:
    """Render the graph into a new site that replaces `out` once complete,
    as render_site would, but with each page written by the process that
    rendered it. Returns every file written, as {site path: text}."""
    urls = Urls(base_url, graph.site.get("site_url", ""))
    if env is None:
        env = make_environment(project.templates, graph, urls)
    with staged(Path(out), project.static) as staging:
        files = render_pages(env, plan_pages(graph), jobs, write_to=staging)
        extras = extra_outputs(graph, urls)
        write_files(staging, extras)
        for step in FINALIZERS:
            step(staging, base_url)
    files.update(extras)
    return files
