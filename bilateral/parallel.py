"""Render a list of pages on every core.

Workers are forked, so they share the graph and the template environment
as they are, with nothing pickled on the way in; each renders a share of
the pages, writes it when given a folder, and sends back the HTML. The result is assembled in the pages'
own order, so it is the same, byte for byte, as rendering them one by one.
A failure in a worker comes back as the same RenderError a serial render
raises.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
from pathlib import Path

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
                 write_to: Path | None = None) -> dict[str, str]:
    """{page.path: html} for every page, in the pages' order; each page is
    also written under `write_to` when given."""
    jobs = default_jobs(len(pages)) if jobs is None else jobs
    if jobs <= 1:
        files = {page.path: render_page(env, page) for page in pages}
        if write_to is not None:
            write_files(write_to, files)
        return files

    global _job
    for name in {page.template for page in pages}:
        env.get_template(name)  # compiled once here, inherited by every worker
    chunks = jobs * 4  # several per worker, so one slow share does not leave a core idle
    _job = (env, pages, write_to)
    gc.freeze()  # keep the shared graph out of the workers' collections: fewer copied pages
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            html: list = [None] * len(pages)
            for first, rendered in pool.imap_unordered(_render_share, [(k, chunks) for k in range(chunks)]):
                if isinstance(rendered, RenderError):
                    raise rendered
                html[first::chunks] = rendered
    finally:
        _job = None
        gc.unfreeze()
    return {page.path: text for page, text in zip(pages, html)}


def _render_share(share: tuple[int, int]):
    """In a worker: render every chunks-th page from `first`."""
    first, chunks = share
    env, pages, write_to = _job
    try:
        share = pages[first::chunks]
        html = [render_page(env, page) for page in share]
    except RenderError as exc:
        return first, exc
    if write_to is not None:
        write_files(write_to, {page.path: text for page, text in zip(share, html)})
    return first, html
