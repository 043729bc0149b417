"""The stages in order: load -> validate -> graph -> plan -> render -> write."""
from __future__ import annotations

import gc
import posixpath
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, ContentErrors
from .export import downloads
from .feed import atom_feed
from .graph import Graph, build_graph
from .languages import build_graphs, plan_languages, site_languages
from .load import Content, load_content
from .parallel import render_pages
from .plan import Plan, plan_site
from .render import MemoryBytecodeCache, make_environment
from .search import index_site
from .searchnames import names_files
from .sitemap import notices, sitemap
from .urls import Urls, language_prefix, output_file, page_path
from .validate import validate
from .verify import verify_outputs
from .write import FoldersAhead, refuse_clashes, refuse_unsafe_output, staged, write_files

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
# function (plan, urls) -> {site-relative path: text}, added here. They sum
# up the whole site, so the preview makes them anew after each rebuild and
# writes those that changed.
EXTRA_OUTPUTS: list = [atom_feed, sitemap, downloads, names_files]

# Steps that run on the complete staged site before it replaces the old one
# (a search indexer, say): each is a function (staging folder, base_url) -> None.
FINALIZERS: list = [index_site]


def extra_outputs(plan: Plan, urls: Urls) -> dict[str, str]:
    """Every extra output, refused where one would replace a page or another,
    or where it would not parse (verify.py)."""
    taken = set(plan.paths)
    files: dict[str, str] = {}
    for make in EXTRA_OUTPUTS:
        extra = make(plan, urls)
        clash = sorted(taken & extra.keys())
        if clash:  # an extra output must never silently replace a page
            raise ValueError(f"{make.__name__} would overwrite {', '.join(clash)}")
        taken |= extra.keys()
        files.update(extra)
    verify_outputs(files)
    return files


def build(project: Project, out: Path, base_url: str = "/",
          jobs: int | None = None, notify=None) -> dict[str, str]:
    """Build the site into `out`; `notify(line)` is told what was left out and why."""
    with few_collections():
        content = load_checked(project.content)
        refuse_unsafe_output(out, *protected_folders(project, content))
        with staged(Path(out), project.static) as staging, \
                FoldersAhead(staging, entity_folders(content)) as ahead:   # while the graph and plan are made
            graphs = build_graphs(content)
            for graph in graphs.values():
                if project.site_url:
                    graph.site["site_url"] = project.site_url
            plan = plan_languages(graphs, plan_site)
            graph = plan.graph
            files = publish_into(staging, plan, project, base_url, jobs, ahead=ahead)
    if notify:
        for line in notices(Urls(base_url, graph.site.get("site_url", ""))):
            notify(line)
    return files


def entity_folders(content: Content) -> list[str]:
    """The folder of every entity's page, in every language: most of a site's."""
    languages = site_languages(content.site.meta if content.site else None)
    return [posixpath.dirname(output_file(language_prefix(lang, languages) + page_path(doc.kind, doc.slug)))
            for lang in languages for doc in content.documents]


def protected_folders(project: Project, content: Content) -> tuple[dict, dict]:
    """What an output folder must keep clear of (write.refuse_unsafe_output):
    the folders a build reads, and the folders that hold them."""
    inputs = {"content folder": project.content, "templates folder": project.templates,
              "static folder": project.static}   # the source texts live in the content folder
    return inputs, {"repository": ROOT, "working folder": Path.cwd()}


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


def environments(templates: Path, plan: Plan, urls: Urls, bytecode_cache=None):
    """The template environment for one language, or {language: environment}
    for several (render.render_page picks each page's), sharing compiled code."""
    if len(plan.graphs) <= 1:
        return make_environment(templates, plan.graph, urls, bytecode_cache)
    cache = bytecode_cache or MemoryBytecodeCache()
    return {lang: make_environment(templates, graph, urls.in_language(lang), cache)
            for lang, graph in plan.graphs.items()}


def publish(graph: Graph, project: Project, out: Path, base_url: str = "/",
            jobs: int | None = None, env=None, plan: Plan | None = None) -> dict[str, str]:
    """Render the graph's planned pages into a new site that replaces `out`
    once complete, each page written by the process that rendered it.
    Returns every file written, as {site path: fingerprint}."""
    with staged(Path(out), project.static) as staging:
        return publish_into(staging, plan or plan_site(graph), project, base_url, jobs, env)


def publish_into(staging: Path, plan: Plan, project: Project, base_url: str = "/",
                 jobs: int | None = None, env=None, ahead: FoldersAhead | None = None) -> dict[str, str]:
    """publish()'s work, into a staging folder (write.staged)."""
    urls = Urls(base_url, plan.graph.site.get("site_url", ""), languages=list(plan.graphs))
    if env is None:
        env = environments(project.templates, plan, urls)
    refuse_clashes(plan.paths)
    extras: dict[str, bytes] = {}

    def write_extras():  # while the workers render pages
        extras.update(write_files(staging, extra_outputs(plan, urls)))

    # the folders not made ahead by the time rendering starts are the render workers' to make
    files = render_pages(env, plan.pages, jobs, write_to=staging, meanwhile=write_extras,
                         ready=ahead.finish if ahead is not None else None)
    if ahead is not None:
        ahead.tidy(files)
    files.update(extras)
    for step in FINALIZERS:
        step(staging, base_url)
    return files
