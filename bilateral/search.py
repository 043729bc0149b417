"""Full-text search: a Pagefind index of the staged site, built offline.

Runs as a pipeline FINALIZER, so a failed index never replaces a good site.
Pagefind (from PyPI, binary included) writes the index and its UI files
into pagefind/ inside the site; every page's <main data-pagefind-body> is
indexed, including aliases and native spellings shown there, and the
`kind` shown with each result is set on <main> too (data-pagefind-meta),
so Pagefind reads only <main> (--root-selector), not the whole page.
A named entity's names and their spelling variants (bilateral/spelling.py)
are the `names` metadata, which RANKING weights above everything else.
Result URLs in the index are site-relative; the search page passes the base
URL to the UI, so one index works at / and under a sub-path.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .lifetime import die_with_parent
from .model import KINDS
from .write import replace_atomically

BUNDLE = "pagefind"   # folder inside the site, as the templates link it

# Pagefind's ranking options for the search page (passed to pagefind.options
# by static/search.js). `names` is the metadata holding a named entity's own
# names and their spelling variants (templates/search_names.html): a match
# there counts far above a mention, so the page named "Mammadov" comes before
# the five events whose titles mention him.
RANKING = {"metaWeights": {"names": 30.0}}


# Only entity pages are results (they mark data-pagefind-body); reading just
# them spares Pagefind the long timeline and index pages.
ENTITY_PAGES = "**/{" + ",".join(KINDS) + "}/*/index.html"   # each language's, at / and under /<code>/


class SearchIndexError(RuntimeError):
    pass


def pagefind_command() -> list[str]:
    """The Pagefind binary the `pagefind[bin]` package ships, run directly:
    `python -m pagefind` finds the same one but adds a Python start-up
    (~0.2 s). PAGEFIND_BINARY_PATH overrides it, as it does for that wrapper."""
    path = os.environ.get("PAGEFIND_BINARY_PATH")
    if path:
        return [path]
    try:
        from pagefind_bin import get_executable
        return [str(get_executable())]
    except (ImportError, FileNotFoundError):  # another install of Pagefind: let it find its own
        return [sys.executable, "-m", "pagefind"]


def index_site(staging: Path, base_url: str = "/") -> None:
    """Index the site in place; raise if Pagefind fails or indexes nothing.
    The index is written beside the old one (Pagefind adds to a folder, so a
    re-index starts afresh) and swapped in once complete: the live preview's
    search keeps working while it re-indexes, and a failed run keeps the old."""
    site = Path(staging)
    fresh = site / f".{BUNDLE}-new"
    shutil.rmtree(fresh, ignore_errors=True)
    command = [*pagefind_command(), "--site", str(site), "--output-path", str(fresh),
               "--glob", ENTITY_PAGES, "--root-selector", "main", "--quiet"]
    parent = os.getpid()
    try:
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=300,
                                    preexec_fn=lambda: die_with_parent(parent))
        except (OSError, subprocess.SubprocessError) as exc:  # no binary, a timeout
            raise SearchIndexError(f"pagefind could not run: {exc}") from None
        if result.returncode != 0:
            raise SearchIndexError(f"pagefind failed ({result.returncode}): "
                                   f"{_one_line(result.stderr + result.stdout)}")
        check_index(fresh, result.stdout)
        stable_entry(fresh / "pagefind-entry.json")
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    replace_atomically(site / BUNDLE, fresh)


def stable_entry(entry: Path) -> None:
    """Pagefind lists a multilingual site's languages in no fixed order (a
    hash map's): write them sorted by code, so that two builds give the same
    bytes. The rest of the file is kept as Pagefind wrote it."""
    data = json.loads(entry.read_bytes())
    languages = data.get("languages")
    if isinstance(languages, dict) and len(languages) > 1:
        data["languages"] = dict(sorted(languages.items()))
        entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def check_index(bundle: Path, output: str = "") -> None:
    """Raise unless `bundle` holds a whole index: Pagefind has been seen to
    report success on a full disk, having written files of zero bytes."""
    entry = bundle / "pagefind-entry.json"
    if not entry.is_file():
        raise SearchIndexError(f"pagefind wrote no index: {_one_line(output)}")
    try:
        json.loads(entry.read_bytes())
    except ValueError as exc:
        raise SearchIndexError(f"pagefind wrote a broken {entry.name} ({exc}); is the disk full?") from None
    empty = sorted(p.relative_to(bundle).as_posix() for p in bundle.rglob("*")
                   if p.is_file() and p.stat().st_size == 0)
    if empty:
        raise SearchIndexError(f"pagefind wrote {len(empty)} empty file(s) "
                               f"({', '.join(empty[:3])}{', ...' if len(empty) > 3 else ''}); "
                               "is the disk full?")


def _one_line(output: str) -> str:
    """Pagefind's output as one line of an error, as every build error is."""
    text = " | ".join(line.strip() for line in output.splitlines() if line.strip())
    return text if len(text) <= 500 else text[:500] + "..."
