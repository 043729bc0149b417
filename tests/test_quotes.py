"""Every quote must occur in its source document's text, when the texts are at hand."""
from __future__ import annotations

import re
import unicodedata

import pytest

from bilateral.pipeline import load_graph

from conftest import EVENT as BASE_EVENT
from conftest import FIXTURE_TEXTS, SOURCES, errors_for, run_cli, write

# The shared valid event, its quote left to each test.
EVENT = BASE_EVENT.replace('"the first round of political consultations"', '"{quote}"')


def test_fixture_quotes_are_all_checked_and_found(site_dir):
    assert sorted(p.stem for p in (site_dir / "sources").glob("*.txt")) == sorted(FIXTURE_TEXTS)
    assert load_graph(site_dir).lookup


def test_misquote_is_reported_at_the_quote_line(site_dir):
    quote = "the first round of political consultations between the foreign ministries took place in Lima"
    path = write(site_dir, "events/x.md", EVENT.format(quote=quote))
    assert errors_for(site_dir) == [
        f"{path}:8: quote not found in sources/talibov-op-ed.txt: '{quote[:60]}…'"]


def test_short_misquote_is_shown_whole(site_dir):
    path = write(site_dir, "events/x.md", EVENT.format(quote="held in Lima"))
    assert errors_for(site_dir) == [f"{path}:8: quote not found in sources/talibov-op-ed.txt: 'held in Lima'"]


def test_whitespace_runs_are_collapsed_on_both_sides(site_dir):
    # The quote wraps over two YAML lines, with a double space the text lacks.
    write(site_dir, "events/x.md", EVENT.replace('"{quote}"', '"the first round of political\n      consultations  between the foreign ministries"'))
    assert load_graph(site_dir).get("events", "x")


def test_nothing_but_whitespace_is_normalized(site_dir):
    write(site_dir, "events/x.md", EVENT.format(quote="The First Round of Political Consultations"))
    assert len(errors_for(site_dir)) == 1


def test_accents_match_however_they_are_encoded(site_dir):
    # 002 stores "é" as e + combining accent; a quote typed with "é" is the same text.
    composed = unicodedata.normalize("NFC", "Deputy Foreign Minister Félix Ricardo Denegri Boza")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    for quote in (composed, decomposed):
        write(site_dir, "events/x.md", EVENT.format(quote=quote))
        assert load_graph(site_dir).get("events", "x")


def test_quotes_nested_in_every_kind_of_field_are_checked(site_dir):
    edits = [
        ("countries/peru.md", 12, "non-resident ambassador to Costa Rica"),          # presence cite
        ("countries/peru.md", 19, "took place in Lima"),                              # dispute claim cite
        ("figures/trade.yml", 9, "commemorated 29 years of diplomatic relations"),    # figure cite
        ("people/elnur-mammadov.md", 12, "paid an official visit to the Republic"),  # role cite
    ]
    for rel, _, quote in edits:
        path = site_dir / rel
        path.write_text(path.read_text().replace(quote, quote.replace(" ", " very ", 1)))
    errors = errors_for(site_dir)
    assert [(e.split(":")[0].split("/site/")[1], int(e.split(":")[1])) for e in errors] == [
        (rel, line) for rel, line, _ in edits]
    assert all("quote not found" in e for e in errors)


def test_a_quote_of_only_whitespace_never_passes(site_dir):
    path = write(site_dir, "events/x.md", EVENT.format(quote=" \\t "))
    assert errors_for(site_dir) == [f"{path}:8: 'quote' is blank: write a value, or delete the line"]


def test_without_its_text_a_source_s_quotes_are_unchecked_and_check_says_so(site_dir):
    write(site_dir, "events/x.md", EVENT.format(quote="words no source contains"))
    assert len(errors_for(site_dir)) == 1
    (site_dir / "sources" / "talibov-op-ed.txt").unlink()
    assert load_graph(site_dir).get("events", "x")
    entry = site_dir / "sources" / "talibov-op-ed.md"  # without the fixture's acknowledgement
    entry.write_text(re.sub(r"acknowledge:\n(  .*\n)+", "", entry.read_text()))
    result = run_cli("check", "--content", site_dir)
    assert result.returncode == 0, result.stderr
    assert (f"{site_dir / 'sources' / 'talibov-op-ed.md'}:3: warning: no-source-text: no text beside "
            "this entry (sources/talibov-op-ed.txt)") in result.stderr


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "texts/a.txt", "..", "C:\\a.txt",
                                  "a\\b.txt", " a.txt"])
def test_file_is_a_plain_name_never_a_path(site_dir, name):
    path = site_dir / "sources" / "pivot-op-ed.md"
    path.write_text(path.read_text().replace("file: 000_07b1a012ddcd3a3c.txt", f"file: '{name}'"))
    [error] = errors_for(site_dir)
    assert error.startswith(f"{path}:3: 'file' is the document's original file name, not a path: ")
    assert "sources/pivot-op-ed.txt" in error


def test_a_source_text_is_read_only_beside_its_entry(site_dir, tmp_path):
    # A text named by `file` elsewhere is never read: the quote is checked
    # against sources/<slug>.txt only.
    (tmp_path / "elsewhere.txt").write_text("words no source contains")
    path = site_dir / "sources" / "talibov-op-ed.md"
    path.write_text(path.read_text().replace("002_68093400c9ee64a5.txt", "elsewhere.txt"))
    write(site_dir, "events/x.md", EVENT.format(quote="words no source contains"))
    [error] = errors_for(site_dir)
    assert "quote not found in sources/talibov-op-ed.txt" in error


def test_a_source_text_that_is_not_utf8_is_a_located_error(site_dir):
    text = site_dir / "sources" / "talibov-op-ed.txt"
    text.write_bytes(b"line one\nline two \xff\n")
    [error] = errors_for(site_dir)
    assert error == f"{text}:2: not valid UTF-8 (byte 18); save the file as UTF-8"
    assert "Traceback" not in run_cli("check", "--content", site_dir).stderr


def test_a_source_text_without_its_entry_is_a_located_error(site_dir):
    orphan = site_dir / "sources" / "talibov-op-ed2.txt"
    orphan.write_text("A text.")
    [error] = errors_for(site_dir)
    assert error.startswith(f"{orphan}:1: source text without its entry: add sources/talibov-op-ed2.md")
    assert error.endswith("(did you mean 'talibov-op-ed'?)")


def test_source_texts_is_no_longer_a_setting(site_dir):
    site = site_dir / "site.yml"
    text = site.read_text() + "source_texts: /etc\n"
    site.write_text(text)
    [error] = errors_for(site_dir)
    assert error.startswith(f"{site}:{text.count(chr(10))}: unknown key 'source_texts'")


def test_texts_are_never_published(site_dir, tmp_path, no_search_index):
    from bilateral.pipeline import Project, build
    out = tmp_path / "out"
    build(Project(content=site_dir), out, "/")
    assert not [p for p in out.rglob("*") if p.suffix == ".txt" and p.name != "robots.txt"]
    assert "Within the framework of close relations" not in "".join(
        p.read_text() for p in out.rglob("*.html"))


def test_check_command_prints_the_misquote(site_dir):
    write(site_dir, "events/x.md", EVENT.format(quote="held in Lima"))
    result = run_cli("check", "--content", site_dir)
    assert result.returncode == 1
    assert "x.md:8: quote not found in sources/talibov-op-ed.txt: 'held in Lima'" in result.stderr
    assert result.stderr.strip().endswith("1 problem found")


def test_the_source_texts_are_the_shared_documents():
    # Each real source entry has its text beside it, and the texts are the
    # five shared documents, named after their entries.
    entries = sorted(p.stem for p in SOURCES.glob("*.md") if "." not in p.stem)   # not their translations
    assert sorted(p.stem for p in SOURCES.glob("*.txt")) == entries and len(entries) == 5
    assert not (SOURCES.parent.parent / "tests" / "sources").exists()
