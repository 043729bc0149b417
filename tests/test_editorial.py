"""Editorial warnings (`check` lists them, exit 0, acknowledgeable with a
reason), `build.py sources`, and adding a sixth source with its text."""
from __future__ import annotations

import pytest

from bilateral.editorial import LONG_QUOTE_WORDS, editorial_warnings
from bilateral.errors import ContentErrors
from bilateral.pipeline import load_checked

from conftest import REAL_CONTENT, run_cli, write


@pytest.fixture
def site_dir(reused_site_dir):
    """These tests edit the content and read it back: the session's one
    reused copy (conftest.reused_site_dir) instead of a new copy each."""
    return reused_site_dir


# A sixth source: an entry and its text, side by side (a test document).
SIXTH_ENTRY = """---
title: Sixth source, for the tests
file: original-name.txt
date: "2026-01-15"
kind: press-release
language: en
standpoint: A document written for the engine's tests.
---
"""
SIXTH_TEXT = """Test Ministry, 15 January 2026

The delegations met in Lima on 14 January.
They discussed trade and tourism.
Both sides agreed to meet again in Baku.

Contact: press office.
"""


def event(quote: str, body: str = "Body.[cite:1]", source: str = "talibov-op-ed") -> str:
    return f"""---
title: A meeting
date: "2025-09-03"
kind: meeting
countries: [peru]
citations:
  - source: {source}
    quote: "{quote}"
---
{body}
"""


def warnings_for(site_dir) -> list[str]:
    shown, _ = editorial_warnings(load_checked(site_dir))
    return [str(w) for w in shown]


def add_sixth(site_dir):
    write(site_dir, "sources/sixth.md", SIXTH_ENTRY)
    write(site_dir, "sources/sixth.txt", SIXTH_TEXT)


# --- long-quote ---------------------------------------------------------------

LONG = ("Ambassador Talibov, who also serves as Azerbaijan's non-resident ambassador to Costa Rica, "
        "Colombia, Peru, Guatemala, Honduras, and Panama, highlighted Azerbaijan's post-war "
        "reconstruction efforts under the leadership of President Ilham Aliyev. He underscored the "
        "nation's commitment")
WORDS = len(LONG.split())


def test_a_quote_over_the_limit_is_listed_at_its_line(site_dir):
    assert len(LONG.split()) > LONG_QUOTE_WORDS
    path = write(site_dir, "events/x.md", event(LONG))
    assert warnings_for(site_dir) == [
        f"{path}:8: warning: long-quote: quote of {len(LONG.split())} words (limit {LONG_QUOTE_WORDS}): "
        "'Ambassador Talibov, who also serves as …'; quote only the words that carry the fact"]
    write(site_dir, "events/x.md", event("Azerbaijan's non-resident ambassador to Costa Rica"))
    assert warnings_for(site_dir) == []


def test_check_lists_warnings_and_still_passes(site_dir):
    path = write(site_dir, "events/x.md", event(LONG))
    result = run_cli("check", "--content", site_dir)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [f"{path}:8: warning: long-quote: quote of {WORDS} words (limit {LONG_QUOTE_WORDS}): "
                                          "'Ambassador Talibov, who also serves as …'; quote only the words "
                                          "that carry the fact"]
    assert "no errors, 1 warning (listed;" in result.stdout


def test_a_warning_acknowledged_with_a_reason_is_not_listed(site_dir):
    ack = ('acknowledge:\n  - warning: long-quote\n    about: "Ambassador Talibov, who"\n'
           '    reason: "The list of countries is the fact."\n---')
    write(site_dir, "events/x.md", event(LONG).replace("---\nBody", ack + "\nBody", 1))
    shown, acknowledged = editorial_warnings(load_checked(site_dir))
    assert shown == [] and [w.name for w in acknowledged] == ["long-quote"]
    result = run_cli("check", "--content", site_dir)
    assert result.stderr == "" and "no problems (1 acknowledged warning)" in result.stdout
    # An acknowledgement about another quote does not cover this one.
    write(site_dir, "events/x.md", event(LONG).replace("---\nBody", ack.replace("Ambassador Talibov, who", "Other")
                                                       + "\nBody", 1))
    assert len(warnings_for(site_dir)) == 1


@pytest.mark.parametrize("ack, message", [
    ("  - warning: long-quotes\n    reason: why", "'warning' must be one of"),
    ("  - warning: long-quote", "missing required field 'reason'"),
])
def test_an_acknowledgement_names_a_known_warning_and_a_reason(site_dir, ack, message):
    path = write(site_dir, "events/x.md", event(LONG).replace("---\nBody", f"acknowledge:\n{ack}\n---\nBody", 1))
    with pytest.raises(ContentErrors) as caught:
        load_checked(site_dir)
    [error] = [str(e) for e in caught.value.errors]
    assert error.startswith(f"{path}:10: ") and message in error


# --- quoted-share --------------------------------------------------------------

def test_quoting_most_of_a_source_is_listed_on_the_source(site_dir):
    add_sixth(site_dir)
    write(site_dir, "events/x.md", event("The delegations met in Lima on 14 January.", source="sixth"))
    assert warnings_for(site_dir) == []
    body = "Body.[cite:1][cite:2][cite:3]"
    text = event("The delegations met in Lima on 14 January.", body, "sixth").replace("---\nBody", (
        '  - source: sixth\n    quote: "They discussed trade and tourism."\n'
        '  - source: sixth\n    quote: "Test Ministry, 15 January 2026"\n---\nBody'), 1)
    write(site_dir, "events/x.md", text)
    [warning] = warnings_for(site_dir)
    assert warning.startswith(f"{site_dir / 'sources' / 'sixth.md'}:1: warning: quoted-share: the site's "
                              "quotes cover 63% of this source's text (limit 50%)")


# --- asserting-word ------------------------------------------------------------

def test_a_word_no_cited_quote_carries_is_listed_at_its_line(site_dir):
    body = "Opening line.\n\nThe talks were held during the visit[cite:1]. They were\nthe first of all.[cite:1]\n"
    path = write(site_dir, "events/x.md", event("took place in Lima", body))
    assert [w.split(": warning: ")[0] + " " + w.split("'")[1] for w in warnings_for(site_dir)] == [
        f"{path}:12 all", f"{path}:12 during", f"{path}:12 first"]
    # The same words, carried by the quote each sentence cites.
    write(site_dir, "events/x.md", event("the first round of political consultations", body.replace(
        "during the visit", "in Lima").replace(" of all", "")))
    assert warnings_for(site_dir) == []


def test_agreement_is_an_asserting_word_and_front_matter_is_linted(site_dir):
    path = write(site_dir, "events/x.md", event("took place in Lima").replace(
        "title: A meeting", "title: An agreement in Lima"))
    [warning] = warnings_for(site_dir)
    assert warning.startswith(f"{path}:2: warning: asserting-word: 'agreed' is in no quote")


def test_a_sentence_without_marks_is_supported_by_its_paragraph(site_dir):
    body = "Held during the visit. More words.[cite:1]\n\nAnother paragraph during nothing.\n"
    path = write(site_dir, "events/x.md", event("During his visit", body))
    assert warnings_for(site_dir) == []
    body = "Held during the visit. More words.[cite:1]\n\nAnother paragraph during nothing.\n"
    write(site_dir, "events/x.md", event("took place in Lima", body))
    assert [w.split(": warning:")[0] for w in warnings_for(site_dir)] == [f"{path}:10", f"{path}:12"]


def test_the_real_content_has_no_unacknowledged_warning():
    shown, _ = editorial_warnings(load_checked(REAL_CONTENT))
    assert [str(w) for w in shown] == []


# --- a sixth source, and `build.py sources` ------------------------------------

def test_a_sixth_source_with_its_text_has_its_quotes_checked(site_dir):
    add_sixth(site_dir)
    write(site_dir, "events/x.md", event("Both sides agreed to meet again in Baku.", source="sixth"))
    assert load_checked(site_dir)
    write(site_dir, "events/x.md", event("Both sides agreed to meet in Baku.", source="sixth"))
    result = run_cli("check", "--content", site_dir)
    assert result.returncode == 1
    assert "x.md:8: quote not found in sources/sixth.txt: 'Both sides agreed to meet in Baku.'" in result.stderr


def test_sources_reports_share_uncited_passages_and_citing_entries(site_dir):
    add_sixth(site_dir)
    write(site_dir, "events/x.md", event("They discussed trade and tourism.", source="sixth"))
    result = run_cli("sources", "sixth", "--content", site_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"sixth ({site_dir / 'sources' / 'sixth.txt'})",
        "  quoted: 20% of its text, by 1 quote",
        "  cited by 1 entry:",
        f"    {site_dir / 'events' / 'x.md'}",
        "  not yet cited: 4 of 5 passages",
        "    line 1: Test Ministry, 15 January 2026",
        "    line 3: The delegations met in Lima on 14 January.",
        "    line 5: Both sides agreed to meet again in Baku.",
        "    line 7: Contact: press office.",
        ""]


def test_sources_without_a_slug_summarizes_every_source_first(site_dir):
    result = run_cli("sources", "--content", site_dir)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["source", "quoted", "uncited", "passages", "citing", "entries"]
    assert [line.split()[0] for line in lines[1:4]] == ["bakunetwork-op-ed", "pivot-op-ed", "talibov-op-ed"]
    assert "talibov-op-ed (" in result.stdout and "not yet cited:" in result.stdout


def test_sources_with_an_unknown_slug_is_a_usage_error(site_dir):
    result = run_cli("sources", "talibov-oped", "--content", site_dir)
    assert result.returncode == 2
    assert "no source text for 'talibov-oped' (did you mean 'talibov-op-ed'?)" in result.stderr
