"""The command line: build, check, serve, new.

Exit codes: 0 success, 1 content errors (each as path:line: message), 2 usage.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .errors import ContentErrors
from .pipeline import ROOT, Project, build, load_graph


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

    c = sub.add_parser("check", help="validate content without writing anything")
    content_arg(c)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv = ["build"] + argv
    args = parser().parse_args(argv)
    try:
        if args.command == "check":
            graph = load_graph(args.content)
            count = sum(len(v) for v in graph.by_kind.values())
            print(f"ok: {count} entries, {len(graph.figures)} figures, no problems")
            return 0
        if args.command == "build":
            started = time.perf_counter()
            files = build(Project(content=args.content, site_url=args.site_url), args.out, args.base_url)
            print(f"built {len(files)} pages into {args.out} "
                  f"in {time.perf_counter() - started:.2f}s")
            return 0
    except ContentErrors as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        n = len(exc.errors)
        print(f"{n} problem{'s' if n != 1 else ''} found", file=sys.stderr)
        return 1
    parser().print_usage(sys.stderr)
    return 2
