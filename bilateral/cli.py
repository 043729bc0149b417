"""The command line: build, check, serve, new.

Exit codes: 0 success, 1 content errors (each as path:line: message), 2 usage.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .errors import ContentErrors
from .load import display_path
from .pipeline import ROOT, Project, build, load_graph
from .scaffold import ScaffoldError, new_file


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="build.py", description="Build the site from content/.")
    sub = p.add_subparsers(dest="command")

    def content_arg(sp):
        sp.add_argument("--content", type=Path, default=ROOT / "content", help="content folder")

    b = sub.add_parser("build", help="build the site (the default)")
    content_arg(b)
    b.add_argument("--out", type=Path, default=ROOT / "site", help="output folder (default site/)")
    b.add_argument("--base-url", default="/", help="path the site is served under, e.g. /repo/")

    c = sub.add_parser("check", help="validate content without writing anything")
    content_arg(c)

    n = sub.add_parser("new", help="start a new content file with every field, to fill in")
    n.add_argument("kind", help="event, person, country, organization, topic or source (or the plural)")
    n.add_argument("title", help='the display name, e.g. "Félix Denegri"')
    content_arg(n)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv = ["build"] + argv
    args = parser().parse_args(argv)
    try:
        if args.command == "new":
            return _new(args)
        if args.command == "check":
            graph = load_graph(args.content)
            count = sum(len(v) for v in graph.by_kind.values())
            print(f"ok: {count} entries, {len(graph.figures)} figures, no problems")
            return 0
        if args.command == "build":
            started = time.perf_counter()
            files = build(Project(content=args.content), args.out, args.base_url)
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
