"""The command line: build, check, sources, translations, new, serve, schema, linkcheck.

Exit codes: 0 success, 1 content errors (each as path:line: message), 2 usage.
"""
from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from . import translations
from .editorial import editorial_warnings
from .errors import ContentErrors, did_you_mean
from .graph import build_graph
from .render import RenderError
from .search import SearchIndexError
from .linkcheck import check_links
from .languages import site_languages
from .load import display_path
from .pipeline import ROOT, Project, build, load_checked
from .quoted import report_lines, site_coverage, summary_lines
from .scaffold import ScaffoldError, new_file
from .docs import write_doc
from .schema import write_schemas
from .verify import OutputError
from .write import OutputFolderError, SiteWriteError


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="build.py", description="Build the site from content/.")
    sub = p.add_subparsers(dest="command")

    def content_arg(sp):
        sp.add_argument("--content", type=Path, default=ROOT / "content", help="content folder")

    b = sub.add_parser("build", help="build the site (the default)")
    content_arg(b)
    b.add_argument("--out", type=Path, default=ROOT / "site", help="output folder (default site/)")
    b.add_argument("--base-url", default="/", help="path the site is served under, e.g. /repo/")
    b.add_argument("--site-url", default=None,
                   help="absolute URL the site is published at, for the sitemap, feed and "
                        "canonical links (default: site_url in site.yml)")

    c = sub.add_parser("check", help="validate content without writing anything; list editorial warnings")
    content_arg(c)

    so = sub.add_parser("sources", help="for each source: the share of its text quoted, the passages "
                                        "not yet cited, the entries citing it")
    so.add_argument("slug", nargs="?", help="only this source")
    content_arg(so)

    t = sub.add_parser("translations", help="list, per language, the translations missing, behind their "
                                            "English or current; --stamp marks translations current")
    t.add_argument("--stamp", nargs="*", metavar="PATH", default=None,
                   help="write the English text's current fingerprint into these translation files "
                        "(without paths: into every one that has none yet)")
    content_arg(t)

    n = sub.add_parser("new", help="start a new content file with every field, to fill in")
    n.add_argument("kind", help="event, person, country, organization, topic or source (or the plural)")
    n.add_argument("title", help='the display name, e.g. "Félix Denegri"')
    content_arg(n)

    s = sub.add_parser("schema", help="write the JSON Schemas of the content files and the "
                                      "field tables of the content model's documentation")
    s.add_argument("--out", type=Path, default=ROOT / "schemas", help="folder (default schemas/)")
    s.add_argument("--doc", type=Path, default=ROOT / "docs" / "content-model.md",
                   help="the document whose field tables to rewrite (default docs/content-model.md)")

    sv = sub.add_parser("serve", help="preview at http://127.0.0.1:PORT/, rebuilt on every change")
    content_arg(sv)
    sv.add_argument("--port", type=int, default=8000, help="port (default 8000)")

    lc = sub.add_parser("linkcheck", help="check the built site's internal links, offline")
    lc.add_argument("--out", type=Path, default=ROOT / "site", help="the built site (default site/)")
    lc.add_argument("--base-url", default="/", help="the path the site was built for")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv = ["build"] + argv
    args = parser().parse_args(argv)
    try:
        if args.command == "new":
            return _new(args)
        if args.command == "schema":
            for path in write_schemas(args.out) + [write_doc(args.doc)]:
                print(display_path(path))
            return 0
        if args.command == "serve":
            from .serve import serve  # imports watchfiles, which only serve needs
            return serve(Project(content=args.content), args.port)
        if args.command == "linkcheck":
            return _linkcheck(args)
        if args.command == "check":
            return _check(args)
        if args.command == "sources":
            return _sources(args)
        if args.command == "translations":
            return _translations(args)
        if args.command == "build":
            started = time.perf_counter()
            build(Project(content=args.content, site_url=args.site_url), args.out, args.base_url,
                  notify=print)
            seconds = time.perf_counter() - started
            pages, others = count_outputs(args.out)
            print(f"built {pages} pages and {others} other files (feeds, data, styles, "
                  f"search index) into {args.out} in {seconds:.2f}s")
            # The graph is garbage now, in reference cycles that only a full
            # collection frees, and Python makes one as it exits (~0.2 s per
            # 4,000 events). The process is about to end: leave it to the OS.
            gc.freeze()
            return 0
    except ContentErrors as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        n = len(exc.errors)
        print(f"{n} problem{'s' if n != 1 else ''} found", file=sys.stderr)
        return 1
    except OutputFolderError as exc:
        print(f"build.py {args.command}: {exc}", file=sys.stderr)
        return 2
    # A template or indexer failure, or the machine's (a full disk): not content.
    except (RenderError, SearchIndexError, OutputError, SiteWriteError, BrokenProcessPool) as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 1
    parser().print_usage(sys.stderr)
    return 2


def _check(args) -> int:
    content = load_checked(args.content)
    graph = build_graph(content)
    shown, acknowledged = editorial_warnings(content)
    shown = sorted(shown + translations.behind_warnings(content))
    for warning in shown:
        print(warning, file=sys.stderr)
    count = sum(len(v) for v in graph.by_kind.values())
    found = (f"no errors, {len(shown)} warning{'s' if len(shown) != 1 else ''} (listed; "
             "acknowledge one in its file with a reason: CONTRIBUTING.md, \"Editorial warnings\")"
             if shown else "no problems")
    n = len(acknowledged)
    also = f" ({n} acknowledged warning{'s' if n != 1 else ''})" if n else ""
    print(f"ok: {count} entries, {len(graph.figures)} figures, {found}{also}")
    return 0


def _sources(args) -> int:
    coverage = site_coverage(load_checked(args.content))
    if args.slug is not None:
        if args.slug not in coverage:
            print(f"build.py sources: no source text for '{args.slug}'"
                  f"{did_you_mean(args.slug, coverage)}", file=sys.stderr)
            return 2
        coverage = {args.slug: coverage[args.slug]}
    else:
        print("\n".join(summary_lines(coverage.values())) + "\n")
    for cov in coverage.values():
        print("\n".join(report_lines(cov)) + "\n")
    return 0


def _translations(args) -> int:
    content = load_checked(args.content)
    languages = site_languages(content.site.meta if content.site else None)
    if args.stamp is None:
        if len(languages) == 1:
            print(f"the site has one language ({languages[0]}): add others to `languages` in site.yml")
        else:
            print("\n".join(translations.report(content, languages)))
        return 0
    found = {Path(s.doc.path).resolve(): s for s in translations.statuses(content)}
    if args.stamp:
        unknown = [p for p in args.stamp if Path(p).resolve() not in found]
        if unknown:
            print(f"build.py translations --stamp: not a translation file: {', '.join(map(str, unknown))}",
                  file=sys.stderr)
            return 2
        chosen = [found[Path(p).resolve()] for p in args.stamp]
    else:
        chosen = [s for s in found.values() if s.state == "unstamped"]
    stamped = [s for s in chosen if translations.stamp(s)]
    for status in stamped:
        print(f"stamped {status.doc.path}: translation_of: {status.current}")
    print(f"{len(stamped)} translation{'s' if len(stamped) != 1 else ''} stamped")
    return 0


def count_outputs(site: Path) -> tuple[int, int]:
    """(HTML pages, every other file) in a built site, as a reader would count
    them: the feed, data files, static assets and search index are not pages."""
    pages = others = 0
    for _, _, files in os.walk(site):   # (names from the folder listings: no file is stat'ed)
        html = sum(name.endswith(".html") for name in files)
        pages, others = pages + html, others + len(files) - html
    return pages, others


def _new(args) -> int:
    try:
        path = new_file(args.content, args.kind, args.title)
    except ScaffoldError as exc:
        print(f"build.py new: {exc}", file=sys.stderr)
        return 2
    except FileExistsError as exc:
        print(f"{display_path(Path(exc.filename))} already exists; not overwriting it "
              "(edit that file, or choose another title)", file=sys.stderr)
        return 1
    print(display_path(path))
    return 0


def _linkcheck(args) -> int:
    if not (args.out / "index.html").is_file():
        print(f"build.py linkcheck: no built site in {display_path(args.out)}; "
              "run `python build.py` first", file=sys.stderr)
        return 2
    report = check_links(args.out, args.base_url)
    for link in sorted(report.external):
        print(f"external: {link}")
    for problem in report.broken:
        print(f"broken: {problem}", file=sys.stderr)
    print(f"{report.pages} pages, {report.links} links, {len(report.external)} external, "
          f"{len(report.broken)} broken")
    return 1 if report.broken else 0
