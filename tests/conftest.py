"""Shared helpers: a copy of the fixture site that a test may edit, and the CLI."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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


@pytest.fixture
def site_dir(tmp_path) -> Path:
    """A private copy of the fixture content, with its sources' texts, so
    every quote in it is checked."""
    target = tmp_path / "fixtures" / "site"
    shutil.copytree(FIXTURE, target)
    for slug, real in FIXTURE_TEXTS.items():
        shutil.copyfile(SOURCES / f"{real}.txt", target / "sources" / f"{slug}.txt")
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
