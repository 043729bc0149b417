"""Shared helpers: the fixture site (a copy a test may edit, its graph, a
build of it), the CLI run in this process, a local web server for a built
site, and the fuzz tests' Hypothesis profiles."""
from __future__ import annotations

import contextlib
import functools
import gc
import http.server
import io
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests (test_fuzz.py): in CI (CI=true) derandomized, so a run is
# repeatable and a failure recurs on the next run; locally they explore new
# examples every run. Either way a failure prints the decorator that replays it.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("explore", print_blob=True)
settings.load_profile("ci" if os.environ.get("CI", "").lower() in ("true", "1") else "explore")

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "site"

# The browser the Playwright tests drive: Debian's chromium here (.ci/run
# installs it), Chrome on GitHub's runners; the CHROMIUM variable overrides.
CHROMIUM = os.environ.get("CHROMIUM") or next(
    (found for name in ("chromium", "chromium-browser", "google-chrome") if (found := shutil.which(name))), None)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu"]
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium or Chrome found (set CHROMIUM)")


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module (Playwright drives it; no download)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()

# A valid event file for the fixture site, for tests to break one way at a time.
EVENT = """---
title: A meeting
date: "2025-09-03"
kind: meeting
countries: [peru]
citations:
  - source: talibov-op-ed
    quote: "the first round of political consultations"
---
Body.
"""
# The source texts live beside their entries in content/sources/, the one copy.
# The fixture's three sources are real ones: site_dir puts their texts beside them.
SOURCES = ROOT / "content" / "sources"
FIXTURE_TEXTS = {"pivot-op-ed": "azerbaijan-latin-america-pivot",
                 "bakunetwork-op-ed": "bakunetwork-south-america-strategy",
                 "talibov-op-ed": "talibov-monterrey-lecture-op-ed"}


def copy_fixture(target: Path) -> Path:
    """A copy of the fixture content at `target`, with its sources' texts,
    so every quote in it is checked."""
    shutil.copytree(FIXTURE, target)
    for slug, real in FIXTURE_TEXTS.items():
        shutil.copyfile(SOURCES / f"{real}.txt", target / "sources" / f"{slug}.txt")
    return target


@pytest.fixture
def site_dir(tmp_path) -> Path:
    """A private copy of the fixture content (copy_fixture) for a test to edit."""
    return copy_fixture(tmp_path / "fixtures" / "site")


class ReusedCopy:
    """One copy of the fixture content (copy_fixture), put back as it was
    after each test that edits it: on this machine's disk writing a file
    costs far more than reading one, and most tests change one or two."""

    def __init__(self, root: Path):
        self.root = copy_fixture(root)
        self.files = snapshot(self.root)

    def restore(self) -> None:
        for path in sorted(self.root.rglob("*"), reverse=True):   # a folder's files before the folder
            rel = path.relative_to(self.root).as_posix()
            if path.is_symlink() or (path.is_file() and rel not in self.files):
                path.unlink()
            elif path.is_dir() and not any(f.startswith(rel + "/") for f in self.files):
                path.rmdir()
        for rel, data in self.files.items():
            target = self.root / rel
            if target.is_symlink() or not target.is_file() or target.read_bytes() != data:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
        # Each file was just compared or rewritten; what is left to check is that no other is there.
        assert sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*")
                      if p.is_file() or p.is_symlink()) == sorted(self.files)


@pytest.fixture(scope="session")
def _reused_copy(tmp_path_factory) -> ReusedCopy:
    return ReusedCopy(tmp_path_factory.mktemp("reused") / "fixtures" / "site")


@pytest.fixture
def reused_site_dir(_reused_copy) -> Path:
    """Like site_dir, a copy of the fixture content for the test to edit,
    but the session's one copy, put back as it was after the test
    (ReusedCopy): for tests that edit content and load it, nothing else."""
    yield _reused_copy.root
    _reused_copy.restore()


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run_cli(*args, cwd=ROOT) -> subprocess.CompletedProcess:
    """`python build.py ARGS` run in this process (bilateral.cli.main, from
    `cwd`), its exit code and output returned as a finished process's would be."""
    from bilateral import cli

    out, err = io.StringIO(), io.StringIO()
    before = Path.cwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main([str(arg) for arg in args])
            except SystemExit as exc:  # argparse's usage errors
                code = exc.code if isinstance(exc.code, int) else 1
    finally:
        os.chdir(before)
        gc.unfreeze()  # a build leaves its garbage to the process's exit; this process goes on
    return subprocess.CompletedProcess(["build.py", *map(str, args)], code, out.getvalue(), err.getvalue())


def run_build_py(*args, cwd=ROOT) -> subprocess.CompletedProcess:
    """`python build.py ARGS` as its own process: for what only a process
    shows (its exit status, what happens as it exits)."""
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *map(str, args)],
                          cwd=cwd, capture_output=True, text=True, timeout=120)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder, by its path there: what a build wrote."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(Path(folder).rglob("*")) if p.is_file()}


def errors_for(content: Path) -> list[str]:
    """The content errors that loading `content` raises, as printed."""
    from bilateral.errors import ContentErrors
    from bilateral.pipeline import load_graph

    with pytest.raises(ContentErrors) as caught:
        load_graph(content)
    return [str(e) for e in caught.value.errors]


@pytest.fixture(scope="session", autouse=True)
def templates_compiled_once():
    """Template environments in one test session share compiled templates,
    as the live preview's rebuilds do (compiling them is most of a small
    site's build): every build's, every language's and every test's own
    (make_environment's default cache). Jinja's bytecode cache checks each
    template's source, so an edited template is compiled again."""
    from bilateral import pipeline, render

    class ByName(render.MemoryBytecodeCache):
        """Keyed by the template's name alone, not its folder: a test's copy
        of templates/ with one template changed compiles only that one."""
        def get_cache_key(self, name, filename=None):
            return name

    cache = ByName()
    make_environment = pipeline.make_environment

    def sharing(templates, graph, urls, bytecode_cache=None):
        return make_environment(templates, graph, urls, cache)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "make_environment", sharing)
        patch.setattr(render.make_environment, "__defaults__", (cache,))
        yield


@pytest.fixture(scope="module")
def graph():
    """The fixture site's graph, loaded once per test module; read only."""
    from bilateral.pipeline import load_graph
    return load_graph(FIXTURE)


@pytest.fixture(scope="session")
def real_graph():
    """The real content's graph, loaded once per session (a third of a second
    each time); read only. Skips where the checkout has no content/."""
    from bilateral.pipeline import load_graph
    if not (REAL_CONTENT / "site.yml").is_file():
        pytest.skip("no content/ in this checkout")
    return load_graph(REAL_CONTENT)


@contextlib.contextmanager
def without_search_index():
    """Builds and the preview's rebuilds inside make no Pagefind index (a
    process of its own, a third of a small build's time): for tests of
    anything but search."""
    from bilateral import incremental, pipeline
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "FINALIZERS", [])
        patch.setattr(incremental, "FINALIZERS", [])
        yield


@pytest.fixture
def no_search_index():
    """The test's builds make no search index (without_search_index)."""
    with without_search_index():
        yield


REAL_CONTENT = ROOT / "content"


def site_contents() -> dict[str, Path]:
    """The fixture site always; the real content whenever the checkout has it."""
    contents = {"fixture": FIXTURE}
    if (REAL_CONTENT / "site.yml").is_file():
        contents["real"] = REAL_CONTENT
    return contents


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """built_site(name, base_url="/") -> the folder that content ("fixture",
    "real") was built into for that base URL, built on first use and then
    shared by the whole session: read only. A test that edits a site builds
    its own (or copies this one)."""
    from bilateral.pipeline import Project, build

    sites: dict[tuple[str, str], Path] = {}

    def get(name: str, base_url: str = "/") -> Path:
        if (name, base_url) not in sites:
            out = tmp_path_factory.mktemp(f"built-{name}") / "site"
            build(Project(content=site_contents()[name]), out, base_url)
            sites[name, base_url] = out
        return sites[name, base_url]
    return get


@pytest.fixture(scope="session")
def built_at_root(built_site):
    """built_at_root(name) -> built_site(name, "/"): for the whole-site checks
    (validity, accessibility), which crawl whatever pages exist."""
    return lambda name: built_site(name, "/")


class RenderedSite:
    """A site's files as its build makes them, each made on first read in
    this process: no build, nothing written, no search index. For tests
    that read a few pages of the real site, which a build takes seconds to
    write whole (test_build checks these files equal the built ones)."""

    def __init__(self, content: Path, base_url: str = "/"):
        from bilateral.languages import build_graphs, plan_languages
        from bilateral.pipeline import Project, environments, load_checked
        from bilateral.plan import plan_site
        from bilateral.urls import Urls
        from bilateral.write import output_file

        self.plan = plan_languages(build_graphs(load_checked(content)), plan_site)   # as pipeline.build
        self.urls = Urls(base_url, self.plan.graph.site.get("site_url", ""), languages=list(self.plan.graphs))
        self.env = environments(Project().templates, self.plan, self.urls)
        self.pages = {output_file(page.path): page for page in self.plan.pages}
        self.made: dict[str, str] = {}

    def read(self, rel: str) -> str:
        """The text of the file at `rel` ("countries/peru/index.html",
        "data/key-facts.csv") in the built site."""
        from bilateral.pipeline import extra_outputs
        from bilateral.render import render_page

        if rel not in self.made:
            if rel in self.pages:
                self.made[rel] = render_page(self.env, self.pages[rel])
            else:   # feeds, sitemaps, downloads: made together, as a build makes them
                self.made.update({path: text for path, text in extra_outputs(self.plan, self.urls).items()
                                  if path not in self.made})
        if rel not in self.made:
            raise FileNotFoundError(f"a build of {self.plan.graph.site.get('title')!r} makes no {rel}")
        return self.made[rel]


@pytest.fixture(scope="session")
def real_site() -> RenderedSite:
    """The real site at /, each file made when a test first reads it; read only."""
    if not (REAL_CONTENT / "site.yml").is_file():
        pytest.skip("no content/ in this checkout")
    return RenderedSite(REAL_CONTENT)


@contextlib.contextmanager
def serve_folder(folder: Path, headers: dict[str, str] | None = None):
    """Serve a built site's folder at http://127.0.0.1:PORT (yielded, without
    a trailing slash) from a thread, quietly, each response carrying `headers`."""
    class Handler(http.server.SimpleHTTPRequestHandler):
        def end_headers(self):
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            super().end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def local_page(browser, origin: str, width: int = 1280, height: int = 900):
    """A browser page that may contact only the local server at `origin`."""
    context = browser.new_context(viewport={"width": width, "height": height})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(origin)
                  else route.abort())
    try:
        yield context.new_page()
    finally:
        context.close()


def html_pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))
