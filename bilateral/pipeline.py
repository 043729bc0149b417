"""The stages in order: load -> validate -> graph -> render -> write."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, ContentErrors
from .export import downloads
from .feed import atom_feed
from .graph import Graph, build_graph
from .load import Content, load_content
from .parallel import render_pages
from .render import make_environment, plan_pages
from .search import index_site
from .sitemap import sitemap
from .urls import Urls
from .validate import validate
from .write import refuse_clashes, staged, write_files

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Project:
    """Where a site's parts live; defaults are this repository's folders."""
    content: Path = ROOT / "content"
    templates: Path = ROOT / "templates"
    static: Path = ROOT / "static"
    site_url: str | None = None   # overrides site.yml's (the Pages workflow knows the real one)


def load_checked(content_dir: Path, checked: dict | None = None) -> Content:
    """Load and validate everything, raising ContentErrors with every problem
    found; `checked` as for validate()."""
    errors: list[ContentError] = []
    content = load_content(Path(content_dir), errors)
    errors += validate(content, checked)
    if errors:
        raise ContentErrors(errors)
    return content


def load_graph(content_dir: Path) -> Graph:
    """Load and validate everything, raising ContentErrors with every problem found."""
    return build_graph(load_checked(content_dir))


# Outputs besides the HTML pages (feeds, sitemaps, data files): each is a
# function (graph, urls) -> {site-relative path: text}, added here.
EXTRA_OUTPUTS: list = [atom_feed, sitemap, downloads]

# Steps that run on the complete staged site before it replaces the old one
# (a search indexer, say): each is a function (staging folder, base_url) -> None.
FINALIZERS: list = [index_site]


def extra_outputs(graph: Graph, urls: Urls, page_paths=()) -> dict[str, str]:
    """Every extra output, refused where one would replace a page or another."""
    taken = set(page_paths)
    files: dict[str, str] = {}
    for make in EXTRA_OUTPUTS:
        extra = make(graph, urls)
        clash = sorted(taken & extra.keys())
        if clash:  # an extra output must never silently replace a page
            raise ValueError(f"{make.__name__} would overwrite {', '.join(clash)}")
        taken |= extra.keys()
        files.update(extra)
    return files


def build(project: Project, out: Path, base_url: str = "/",
          jobs: int | None = None) -> dict[str, str]:
    with few_collections():
        graph = load_graph(project.content)
        if project.site_url:
            graph.site["site_url"] = project.site_url
        return publish(graph, project, out, base_url, jobs)


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
    each page written by the process that rendered it. Returns every page
    and extra output written, as {site path: fingerprint}."""
    urls = Urls(base_url, graph.site.get("site_url", ""))
    if env is None:
        env = make_environment(project.templates, graph, urls)
    pages = plan_pages(graph)
    paths = [page.path for page in pages]
    refuse_clashes(paths)
    with staged(Path(out), project.static) as staging:
        extras: dict[str, bytes] = {}

        def write_extras():  # while the workers render pages
            extras.update(write_files(staging, extra_outputs(graph, urls, paths)))

        files = render_pages(env, pages, jobs, write_to=staging, meanwhile=write_extras)
        files.update(extras)
        for step in FINALIZERS:
            step(staging, base_url)
    return files
