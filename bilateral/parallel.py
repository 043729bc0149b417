"""Render a list of pages on every core.

Workers are forked, so they share the graph and the template environment
as they are, with nothing pickled on the way in; each renders a share of
the pages, writes it when given a folder, and sends back the HTML (or,
once written, only its fingerprint: tens of megabytes of HTML need not be
pickled back to the parent). The result is assembled in the pages' own
order, so it is the same, byte for byte, as rendering them one by one. A template failure in a worker comes
back as the same RenderError a serial render raises; a worker that dies
raises BrokenProcessPool instead of leaving the build waiting; a parent
that is killed takes its workers with it (lifetime.py).
"""
from __future__ import annotations

import gc
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from .lifetime import exit_with_parent
from .render import RenderError, render_page
from .write import write_files

# Below this many pages forking costs more than it saves.
MIN_PAGES_PER_WORKER = 200

_job: tuple | None = None  # (env, pages, folder), set in the parent just before forking


def default_jobs(page_count: int) -> int:
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(os.cpu_count() or 1, page_count // MIN_PAGES_PER_WORKER))


def render_pages(env, pages: list, jobs: int | None = None,
                 write_to: Path | None = None, meanwhile=None, ready=None) -> dict[str, str]:
    """{page.path: html} for every page, in the pages' order; or, when
    `write_to` is given, each page is written there and the values are the
    written files' fingerprints (write.fingerprint).
    `ready()`, if given, runs just before rendering starts (once the
    templates are compiled, before the workers fork); `meanwhile()` runs in
    this process while the workers render (once they are forked, so no
    half-done work is copied into them)."""
    jobs = default_jobs(len(pages)) if jobs is None else jobs
    if jobs <= 1:
        if ready is not None:
            ready()
        if meanwhile is not None:
            meanwhile()
        files = {page.path: render_page(env, page) for page in pages}
        if write_to is not None:
            written = write_files(write_to, files)
            files = {path: written[path] for path in files}
        return files

    global _job
    compile_templates(env)   # once here, for every worker
    if ready is not None:
        ready()
    shares = jobs * 16  # many per worker, so the last share leaves the other cores idle only briefly
    html: list = [None] * len(pages)
    _job = (env, pages, write_to)
    gc.freeze()  # keep the shared graph out of the workers' collections: fewer copied pages
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"),
                                 initializer=exit_with_parent, initargs=(os.getpid(),)) as pool:
            futures = [pool.submit(_render_share, first, shares) for first in range(shares)]
            if meanwhile is not None:
                meanwhile()
            for future in as_completed(futures):
                first, rendered = future.result()
                if isinstance(rendered, RenderError):
                    pool.shutdown(cancel_futures=True)
                    raise rendered
                html[first::shares] = rendered
    finally:
        _job = None
        gc.unfreeze()
    return {page.path: text for page, text in zip(pages, html)}


def compile_templates(env) -> None:
    """Compile every template (with what they extend and import) of an
    environment, or of each of {language: environment}."""
    for one in env.values() if isinstance(env, dict) else [env]:
        for name in one.list_templates(extensions=["html"]):
            one.get_template(name)


def _render_share(first: int, shares: int):
    """In a worker: render (and write) every `shares`-th page from `first`."""
    env, pages, write_to = _job
    share = pages[first::shares]
    try:
        html = [render_page(env, page) for page in share]
    except RenderError as exc:
        return first, exc
    if write_to is not None:
        written = write_files(write_to, {page.path: text for page, text in zip(share, html)})
        html = [written[page.path] for page in share]
    return first, html
