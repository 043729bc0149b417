"""CONTRIBUTING.md stays true: its examples pass check, its quotes are real,
and its sample error lines are what check prints."""
from __future__ import annotations

import re

from bilateral.pipeline import ROOT, load_graph
from bilateral.quotes import collapse

from conftest import SOURCES, run_cli

GUIDE = (ROOT / "CONTRIBUTING.md").read_text()
EXAMPLE = re.compile(r"<!-- example: (\S+) -->\n```\w+\n(.*?)```", re.S)


def test_guide_shows_the_editor_commands():
    for command in ('python build.py new event "', "python build.py check", "python build.py serve"):
        assert command in GUIDE


def test_every_kind_has_a_complete_example_that_passes_check(site_dir):
    examples = EXAMPLE.findall(GUIDE)
    kinds = {rel.split("/")[0] for rel, _ in examples}
    assert kinds == {"events", "people", "countries", "organizations", "topics", "sources", "figures"}
    for rel, text in examples:
        (site_dir / rel).write_text(text)
    graph = load_graph(site_dir)  # raises, listing the problems, if any example is wrong
    assert graph.get("events", "lima-consultations").title == "First Azerbaijan–Peru political consultations"


def new_source_blocks() -> dict:
    """The walkthrough's files, by name: its code blocks marked <!-- new-source: NAME -->."""
    return dict(re.findall(r"<!-- new-source: (\S+) -->\n *```\w*\n(.*?)\n *```", GUIDE, re.S))


def test_every_quote_in_the_guide_is_in_a_source_document():
    # The five documents, and the walkthrough's made-up sixth one.
    texts = [collapse(p.read_text()) for p in SOURCES.glob("*.txt")]
    texts.append(collapse(new_source_blocks()["sources/press-release-on-the-lima-consultations.txt"]))
    quotes = re.findall(r'quote: "([^"]+)"', GUIDE)
    assert len(quotes) >= 9
    for quote in quotes:
        assert any(collapse(quote) in text for text in texts), quote


def test_sample_check_output_is_what_check_prints(site_dir):
    event = site_dir / "events" / "lima-consultations.md"
    event.write_text(event.read_text()
                     .replace('date: "2025-09"', 'date: "2025-13"')
                     .replace("kind: consultations", "kind: consultation")
                     .replace("countries: [azerbaijan, peru]", "countries: [azerbaijan, perú]")
                     .replace('took place in Lima"', 'took place in Lima city"'))
    person = site_dir / "people" / "mammad-talibov.md"
    person.write_text(person.read_text().replace("roles:", "rols:"))
    org = site_dir / "organizations" / "azerbaijan-mfa.md"
    org.write_text(org.read_text().replace("kind: ministry\n", ""))
    assert run_cli("new", "event", "Lima meeting", "--content", site_dir).returncode == 0

    result = run_cli("check", "--content", site_dir, cwd=site_dir.parent.parent)
    printed = result.stderr.replace("fixtures/site/", "content/").splitlines()
    sample = GUIDE.split("one per line, as `file:line: message`, then a count. For example:\n\n```\n")[1]
    sample = sample.split("```")[0].splitlines()
    assert sample[-1] == "7 problems found"
    assert all(line in printed for line in sample[:-1]), printed
    assert printed[-1] == "11 problems found"  # the guide shows one of the five FILL-ME lines


def test_the_new_source_walkthrough_does_what_it_says(site_dir):
    # "Adding a new source document": its entry, its text and a citation,
    # put where the guide says, pass check, and `sources` prints the guide's output.
    blocks = new_source_blocks()
    dedent = lambda text: "\n".join(line[3:] for line in text.splitlines()) + "\n"
    for rel in ("sources/press-release-on-the-lima-consultations.md",
                "sources/press-release-on-the-lima-consultations.txt"):
        (site_dir / rel).write_text(dedent(blocks[rel]))
    event = site_dir / "events" / "lima-consultations.md"
    head, body = event.read_text().split("\n---\n", 1)
    event.write_text(head + "\n" + dedent(blocks["citation"]).rstrip("\n") + "\n---\n" + body)
    assert run_cli("check", "--content", site_dir).returncode == 0
    result = run_cli("sources", "press-release-on-the-lima-consultations", "--content", site_dir)
    printed = result.stdout.replace(f"{site_dir}/", "content/").strip().splitlines()
    assert printed == dedent(blocks["output"]).strip().splitlines()
