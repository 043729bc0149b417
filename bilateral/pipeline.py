"""The stages in order: load -> validate -> graph -> render -> write."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, ContentErrors
from .export import downloads
from .feed import atom_feed
from .graph import Graph, build_graph
from .load import load_content
from .render import make_environment, plan_pages, render_page
from .search import index_site
from .sitemap import sitemap
from .urls import Urls
from .validate import validate
from .write import write_site

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Project:
    """Where a site's parts live; defaults are this repository's folders."""
    content: Path = ROOT / "content"
    templates: Path = ROOT / "templates"
    static: Path = ROOT / "static"
    site_url: str | None = None   # overrides site.yml's (the Pages workflow knows the real one)


def load_graph(content_dir: Path) -> Graph:
    """Load and validate everything, raising ContentErrors with every problem found."""
    errors: list[ContentError] = []
    content = load_content(Path(content_dir), errors)
    errors += validate(content)
    if errors:
        raise ContentErrors(errors)
    return build_graph(content)


# Outputs besides the HTML pages (feeds, sitemaps, data files): each is a
# function (graph, urls) -> {site-relative path: text}, added here.
EXTRA_OUTPUTS: list = [atom_feed, sitemap, downloads]

# Steps that run on the complete staged site before it replaces the old one
# (a search indexer, say): each is a function (staging folder, base_url) -> None.
FINALIZERS: list = [index_site]


def render_site(graph: Graph, project: Project, base_url: str = "/") -> dict[str, str]:
    urls = Urls(base_url, graph.site.get("site_url", ""))
    env = make_environment(project.templates, graph, urls)
    files = {page.path: render_page(env, page) for page in plan_pages(graph)}
    for make in EXTRA_OUTPUTS:
        extra = make(graph, urls)
        clash = sorted(files.keys() & extra.keys())
        if clash:  # an extra output must never silently replace a page
            raise ValueError(f"{make.__name__} would overwrite {', '.join(clash)}")
        files.update(extra)
    return files


def build(project: Project, out: Path, base_url: str = "/") -> dict[str, str]:
    graph = load_graph(project.content)
    if project.site_url:
        graph.site["site_url"] = project.site_url
    files = render_site(graph, project, base_url)
    write_site(Path(out), files, project.static,
               finalize=lambda staging: [step(staging, base_url) for step in FINALIZERS])
    return files
