"""Shared helpers: a copy of the fixture site that a test may edit, and the CLI."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
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
SOURCES = Path(__file__).resolve().parent / "sources"


@pytest.fixture
def site_dir(tmp_path) -> Path:
    """A private copy of the fixture content, laid out beside a copy of the
    source texts as in the repository, so its `source_texts` path still holds."""
    target = tmp_path / "fixtures" / "site"
    shutil.copytree(FIXTURE, target)
    shutil.copytree(SOURCES, tmp_path / "sources")
    return target


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run_cli(*args, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *map(str, args)],
                          cwd=cwd, capture_output=True, text=True, timeout=120)


REAL_CONTENT = ROOT / "content"


def site_contents() -> dict[str, Path]:
    """The fixture site always; the real content whenever the checkout has it."""
    contents = {"fixture": FIXTURE}
    if (REAL_CONTENT / "site.yml").is_file():
        contents["real"] = REAL_CONTENT
    return contents


@pytest.fixture(scope="session")
def built_at_root(tmp_path_factory):
    """built_at_root(name) -> the folder that content was built into at /,
    built once per session for the whole-site checks (validity,
    accessibility), which crawl whatever pages exist."""
    from bilateral.pipeline import Project, build

    sites: dict[str, Path] = {}

    def get(name: str) -> Path:
        if name not in sites:
            out = tmp_path_factory.mktemp(f"built-{name}") / "site"
            build(Project(content=site_contents()[name]), out, "/")
            sites[name] = out
        return sites[name]
    return get


def html_pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))
