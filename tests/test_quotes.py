"""Every quote must occur in its source document's text, when the texts are at hand."""
from __future__ import annotations

import unicodedata

from bilateral.pipeline import load_graph

from conftest import EVENT as BASE_EVENT
from conftest import FIXTURE, SOURCES, errors_for, run_cli, write

# The shared valid event, its quote left to each test.
EVENT = BASE_EVENT.replace('"the first round of political consultations"', '"{quote}"')


def test_fixture_quotes_are_all_checked_and_found():
    assert (FIXTURE / "site.yml").read_text().count("source_texts: ../../sources") == 1
    assert load_graph(FIXTURE).lookup


def test_misquote_is_reported_at_the_quote_line(site_dir):
    quote = "the first round of political consultations between the foreign ministries took place in Lima"
    path = write(site_dir, "events/x.md", EVENT.format(quote=quote))
    assert errors_for(site_dir) == [
        f"{path}:8: quote not found in 002_68093400c9ee64a5.txt: '{quote[:60]}…'"]


def test_short_misquote_is_shown_whole(site_dir):
    path = write(site_dir, "events/x.md", EVENT.format(quote="held in Lima"))
    assert errors_for(site_dir) == [f"{path}:8: quote not found in 002_68093400c9ee64a5.txt: 'held in Lima'"]


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


def test_source_file_missing_from_the_folder(site_dir):
    path = site_dir / "sources" / "pivot-op-ed.md"
    path.write_text(path.read_text().replace("000_07b1a012ddcd3a3c.txt", "000_07b1a012ddcd3a3d.txt"))
    [error] = errors_for(site_dir)
    assert error.startswith(f"{path}:3: file '000_07b1a012ddcd3a3d.txt' is not in ")
    assert error.endswith("(did you mean '000_07b1a012ddcd3a3c.txt'?)")


def test_without_the_folder_quotes_are_not_checked(site_dir):
    write(site_dir, "events/x.md", EVENT.format(quote="words no source contains"))
    site = site_dir / "site.yml"
    site.write_text(site.read_text().replace("../../sources", "../../no-such-folder"))
    assert load_graph(site_dir).get("events", "x")


def test_check_command_prints_the_misquote(site_dir):
    write(site_dir, "events/x.md", EVENT.format(quote="held in Lima"))
    result = run_cli("check", "--content", site_dir)
    assert result.returncode == 1
    assert "x.md:8: quote not found in 002_68093400c9ee64a5.txt: 'held in Lima'" in result.stderr
    assert result.stderr.strip().endswith("1 problem found")


def test_the_source_texts_are_the_shared_documents():
    assert sorted(p.name for p in SOURCES.iterdir()) == [
        "000_07b1a012ddcd3a3c.txt", "001_444f3c6261903768.txt", "002_68093400c9ee64a5.txt",
        "003_7a5ce5dc96b16954.txt", "004_b55d7f605725fad0.txt"]
