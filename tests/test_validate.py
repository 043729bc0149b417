"""Every content error names its file and the offending line."""
from __future__ import annotations

import pytest

from bilateral.pipeline import load_graph

from conftest import EVENT, errors_for, write


@pytest.fixture
def site_dir(reused_site_dir):
    """This module's tests only edit the content and load it: one reused
    copy (conftest.reused_site_dir) instead of a new one each."""
    return reused_site_dir


def only_error(site_dir) -> str:
    errors = errors_for(site_dir)
    assert len(errors) == 1, errors
    return errors[0]


def test_fixture_is_valid(site_dir):
    assert load_graph(site_dir).lookup


def test_unknown_country_is_located_with_a_suggestion(site_dir):
    path = write(site_dir, "events/x.md", EVENT.replace("countries: [peru]", "countries: [peru, perú, atlantis]"))
    assert errors_for(site_dir) == [
        f"{path}:5: unknown country 'atlantis'",
        f"{path}:5: unknown country 'perú' (did you mean 'peru'?)",
    ]


def test_unknown_reference_in_nested_list_points_at_its_line(site_dir):
    text = EVENT.replace("countries: [peru]\n", "countries: [peru]\npeople:\n  - person: elnur-mamadov\n    role: x\n")
    write(site_dir, "events/x.md", text)
    assert only_error(site_dir).endswith(
        "events/x.md:7: unknown person 'elnur-mamadov' (did you mean 'elnur-mammadov'?)")


def test_unknown_key_suggests_the_right_one(site_dir):
    write(site_dir, "events/x.md", EVENT.replace("kind: meeting", "kind: meeting\ncountires: [peru]"))
    assert only_error(site_dir).endswith("events/x.md:5: unknown key 'countires' (did you mean 'countries'?)")


def test_missing_required_field(site_dir):
    write(site_dir, "events/x.md", EVENT.replace('date: "2025-09-03"\n', ""))
    assert only_error(site_dir).endswith("events/x.md:2: missing required field 'date' in front matter")


def test_missing_required_field_in_a_nested_entry(site_dir):
    write(site_dir, "events/x.md", EVENT.replace('    quote: "the first round of political consultations"\n', ""))
    assert only_error(site_dir).endswith("events/x.md:7: missing required field 'quote' in 'citations' entry")


@pytest.mark.parametrize("bad, why", [
    ('"2025-13-45"', "month 13 does not exist"),
    ('"2025-02-30"', "day 30 does not exist"),
    ('"next week"', "is not a date"),
    ("2025-02-30", "cannot be read"),  # unquoted: YAML itself refuses it
])
def test_bad_dates(site_dir, bad, why):
    write(site_dir, "events/x.md", EVENT.replace('"2025-09-03"', bad))
    error = only_error(site_dir)
    assert "events/x.md:3:" in error and why in error


def test_wrong_choice_lists_the_choices(site_dir):
    write(site_dir, "events/x.md", EVENT.replace("kind: meeting", "kind: meetng"))
    error = only_error(site_dir)
    assert error.endswith("(did you mean 'meeting'?)") and "events/x.md:4: 'kind' must be one of visit," in error


def test_citation_to_missing_source(site_dir):
    write(site_dir, "events/x.md", EVENT.replace("source: talibov-op-ed", "source: talibov-oped"))
    assert only_error(site_dir).endswith("events/x.md:7: unknown source 'talibov-oped' (did you mean 'talibov-op-ed'?)")


def test_text_field_given_a_number(site_dir):
    write(site_dir, "events/x.md", EVENT.replace("title: A meeting", "title: 1996"))
    assert "events/x.md:2: 'title' must be text, not the number 1996 (put it in quotes)" in only_error(site_dir)


def test_yaml_syntax_error_is_located(site_dir):
    write(site_dir, "events/x.md", EVENT.replace("countries: [peru]", "countries: [peru"))
    error = only_error(site_dir)
    assert "events/x.md:" in error and "YAML syntax error" in error


def test_yaml_is_parsed_by_libyaml_where_installed():
    """The pure-Python parser reads content about ten times slower; an import
    that silently falls back to it made a 4,000-event build 10 s slower."""
    import yaml

    from bilateral import yamlines
    if not yaml.__with_libyaml__:
        pytest.skip("PyYAML built without libyaml")
    assert yamlines._Parser is yaml.cyaml.CParser


def test_duplicate_key(site_dir):
    write(site_dir, "events/x.md", EVENT.replace("kind: meeting", "kind: meeting\nkind: visit"))
    assert only_error(site_dir).endswith("events/x.md:5: duplicate key 'kind'")


@pytest.mark.parametrize("text, message, line", [
    ("", "empty file", 1),
    ("title: x\n", "missing front matter", 1),
    ("---\ntitle: x\n", "front matter is not closed", 1),
    ("---\n- a\n- b\n---\n", "front matter must be a mapping", 2),
])
def test_malformed_files(site_dir, text, message, line):
    write(site_dir, "topics/x.md", text)
    error = only_error(site_dir)
    assert f"topics/x.md:{line}: {message}" in error


def test_invalid_utf8_names_the_line(site_dir):
    (site_dir / "topics" / "x.md").write_bytes(b"---\ntitle: ok\n---\nline\n\xff\xfe bad\n")
    assert "topics/x.md:5: not valid UTF-8" in only_error(site_dir)


def test_bad_file_name_is_not_a_slug(site_dir):
    write(site_dir, "topics/Bad Name.md", "---\ntitle: x\n---\n")
    assert "is not a valid slug" in only_error(site_dir)


def test_stray_file_and_folder(site_dir):
    write(site_dir, "topics/notes.txt", "hello")
    write(site_dir, "event/x.md", "---\ntitle: x\n---\n")
    errors = errors_for(site_dir)
    assert any("topics/notes.txt:1: not a content file" in e for e in errors)
    assert any("/event:1: unexpected entry in content/" in e for e in errors)


def test_duplicate_dispute_id(site_dir):
    peru = (site_dir / "countries" / "peru.md").read_text()
    write(site_dir, "countries/mexico.md", "---\ntitle: Mexico\niso_code: MX\n" +
          peru[peru.index("disputes:"):])
    error = only_error(site_dir)
    assert "countries/peru.md:15: duplicate dispute id 'peru-example' (also in " in error
    assert error.endswith("countries/mexico.md)")


def test_unknown_dispute_reference(site_dir):
    path = site_dir / "figures" / "trade.yml"
    path.write_text(path.read_text().replace("dispute: peru-example", "dispute: peru-exampel"))
    assert only_error(site_dir).endswith("figures/trade.yml:10: unknown dispute id 'peru-exampel' (did you mean 'peru-example'?)")


def test_unknown_iso_code(site_dir):
    write(site_dir, "countries/atlantis.md", "---\ntitle: Atlantis\niso_code: QQ\n---\n")
    assert only_error(site_dir).endswith("countries/atlantis.md:3: 'QQ' is not an ISO 3166-1 alpha-2 country code")


def test_body_citation_marker_out_of_range(site_dir):
    write(site_dir, "events/x.md", EVENT.replace("Body.", "Body.\n\nMore [cite:2]."))
    assert only_error(site_dir).endswith("events/x.md:12: [cite:2] points past the page's 1 citation(s)")


def test_body_link_to_unknown_page(site_dir):
    write(site_dir, "events/x.md", EVENT.replace("Body.", "See [[people/felix-denegry]]."))
    assert only_error(site_dir).endswith(
        "events/x.md:10: unknown person 'felix-denegry' (did you mean 'felix-denegri'?)")


def test_two_files_claiming_one_url(site_dir):
    write(site_dir, "topics/trade.md", "---\ntitle: Trade\nredirect_from: [tourism]\n---\n")
    assert "/topics/tourism/ is written twice" in only_error(site_dir)


def test_every_error_is_reported_in_one_pass(site_dir):
    write(site_dir, "events/a.md", EVENT.replace("kind: meeting", "kind: nope"))
    write(site_dir, "events/b.md", EVENT.replace('"2025-09-03"', '"2025-13-01"'))
    write(site_dir, "topics/c.md", "")
    assert len(errors_for(site_dir)) == 3


def test_yaml_aliases_repeat_a_value(site_dir):
    """Editors may reuse a citation with &anchor / *alias (the real content does)."""
    write(site_dir, "events/x.md", EVENT.replace("citations:\n  - source", "citations:\n  - &c\n    source")
          .replace("---\nBody.", "  - *c\n---\nBody. [cite:2]"))
    graph = load_graph(site_dir)
    assert len(graph.get("events", "x").citations) == 2


@pytest.mark.parametrize("nested", [
    "[" * 30 + "]" * 30,                                               # flow, checked as composed
    "[" * 20_000 + "]" * 20_000,                                       # deep enough to crash libyaml
    "\n" + "".join("  " * i + "-\n" for i in range(1, 30)),           # block
])
def test_nesting_too_deep_is_located(site_dir, nested):
    path = write(site_dir, "topics/x.md", "---\ntitle: x\naliases: " + nested + "\n---\n")
    error = only_error(site_dir)
    assert error.startswith(f"{path}:") and error.endswith("YAML nested more than 20 levels deep")
    assert int(error.split(":")[1]) >= 3   # at or after the key that holds it


def test_a_syntax_error_in_a_document_checked_for_depth_keeps_its_own_message(site_dir):
    """A long line sends the document through the depth check first; a plain
    syntax error there is still reported as one, not as too deep."""
    path = write(site_dir, "topics/x.md", "---\ntitle: x\naliases: [[[}" + " " * 6000 + "\n---\n")
    error = only_error(site_dir)
    assert error.startswith(f"{path}:3: YAML syntax error:") and "nested" not in error


def test_validate_checks_again_only_documents_it_has_not_seen(site_dir, monkeypatch):
    from dataclasses import replace

    from bilateral import validate as validation
    from bilateral.load import load_content

    write(site_dir, "events/x.md", EVENT.replace("countries: [peru]", "countries: [atlantis]"))
    content = load_content(site_dir, [])
    uncached = [str(e) for e in validation.validate(content)]
    checked: dict = {}
    assert [str(e) for e in validation.validate(content, checked)] == uncached

    seen = []
    own = validation._own_findings
    monkeypatch.setattr(validation, "_own_findings", lambda doc: seen.append(doc.slug) or own(doc))
    assert [str(e) for e in validation.validate(content, checked)] == uncached   # errors kept
    assert seen == []
    content.documents[0] = replace(content.documents[0])   # as a re-read file would be
    validation.validate(content, checked)
    assert seen == [content.documents[0].slug]


# --- content rules: each a located error with its reason ------------------------

@pytest.mark.parametrize("quote, message", [
    ('"   "', "'quote' is blank"),
    ('"\\t \\n"', "'quote' is blank"),
    ('"first round"', "'quote' has 2 word(s): write at least 3"),
])
def test_blank_or_too_short_quote(site_dir, quote, message):
    write(site_dir, "events/x.md", EVENT.replace('"the first round of political consultations"', quote))
    assert f"events/x.md:8: {message}" in only_error(site_dir)


def test_a_list_may_not_repeat_an_entry(site_dir):
    write(site_dir, "events/x.md", EVENT.replace("countries: [peru]", "countries: [peru, brazil, peru]")
          .replace("kind: meeting", "kind: meeting\naliases:\n  - Lima talks\n  - Lima talks"))
    assert errors_for(site_dir) == [
        f"{site_dir}/events/x.md:7: 'aliases' lists 'Lima talks' twice: remove the repeat",
        f"{site_dir}/events/x.md:8: 'countries' lists 'peru' twice: remove the repeat",
    ]


def test_a_list_may_not_repeat_a_mapping_either(site_dir):
    people = "people:\n  - {person: felix-denegri, role: host}\n  - {role: host, person: felix-denegri}\n"
    write(site_dir, "events/x.md", EVENT.replace("countries: [peru]\n", "countries: [peru]\n" + people))
    assert only_error(site_dir).endswith("events/x.md:8: 'people' lists the same entry twice: remove the repeat")


@pytest.mark.parametrize("value, message", [
    (".nan", "'value' must be a finite number, not nan"),
    (".inf", "'value' must be a finite number, not inf"),
    ("-.inf", "'value' must be a finite number, not -inf"),
    ("1" * 400, "'value' is too large: a number may be at most 1e+15 either way"),
    ("-2.5e+16", "'value' is too large"),
])
def test_numbers_must_be_finite_and_sensible(site_dir, value, message):
    path = site_dir / "figures" / "trade.yml"
    path.write_text(path.read_text().replace("value: 29\n", f"value: {value}\n"))
    assert f"figures/trade.yml:5: {message}" in only_error(site_dir)


def test_the_largest_allowed_number_passes(site_dir):
    path = site_dir / "figures" / "trade.yml"
    path.write_text(path.read_text().replace("value: 29\n", "value: 1000000000000000\n"))
    assert load_graph(site_dir).lookup


@pytest.mark.parametrize("title, shown", [
    ('"A\\0meeting"', "the control character U+0000"),         # a NUL as a YAML escape
    ('"A\\x01meeting"', "the control character U+0001"),
    ('"A\\rmeeting"', "the control character U+000D"),
    ('"A\\x85meeting"', "the control character U+0085"),
    ('"A\\uFFFEmeeting"', "the noncharacter U+FFFE"),
    ('"A\\uFFFFmeeting"', "the noncharacter U+FFFF"),
])
def test_control_characters_in_a_field(site_dir, title, shown):
    write(site_dir, "events/x.md", EVENT.replace("title: A meeting", f"title: {title}"))
    assert only_error(site_dir).endswith(f"events/x.md:2: 'title' contains {shown}, "
                                         "which pages and feeds cannot carry: remove it")


def test_control_characters_in_a_nested_field_and_in_the_body(site_dir):
    write(site_dir, "events/x.md", EVENT.replace('"the first round of political consultations"',
                                                 '"the first round of political\\x1bconsultations"')
          .replace("Body.", "Body.\n\nA bell\x07 rings."))
    errors = errors_for(site_dir)
    assert f"{site_dir}/events/x.md:8: 'quote' contains the control character U+001B, " \
           "which pages and feeds cannot carry: remove it" in errors
    assert f"{site_dir}/events/x.md:12: the text contains the control character U+0007, " \
           "which pages and feeds cannot carry: remove it" in errors


def test_tab_and_line_breaks_are_allowed(site_dir):
    write(site_dir, "events/x.md", EVENT.replace("title: A meeting", 'title: "A\\tmeeting"')
          .replace('"the first round of political consultations"',
                   '"the first round of\\n  political consultations"'))
    assert load_graph(site_dir).lookup


def test_slugs_and_ids_have_a_safe_length(site_dir):
    long = "a" * 101
    write(site_dir, "topics/x.md", f"---\ntitle: x\nredirect_from: [{long}, {'b' * 300}]\n---\n")
    write(site_dir, f"topics/{'c' * 101}.md", "---\ntitle: c\n---\n")
    path = site_dir / "figures" / "trade.yml"
    path.write_text(path.read_text().replace("id: peru-relations-years", f"id: {long}"))
    errors = errors_for(site_dir)
    assert errors == sorted([
        f"{site_dir}/figures/trade.yml:2: figure id '{'a' * 40}…' is too long: 101 characters, "
        "and a name that becomes a file name may have at most 100",
        f"{site_dir}/topics/{'c' * 101}.md:1: the file name '{'c' * 40}…' is too long: 101 characters, "
        "and a name that becomes a file name may have at most 100",
        f"{site_dir}/topics/x.md:3: redirect_from '{'a' * 40}…' is too long: 101 characters, "
        "and a name that becomes a file name may have at most 100",
        f"{site_dir}/topics/x.md:3: redirect_from '{'b' * 40}…' is too long: 300 characters, "
        "and a name that becomes a file name may have at most 100",
    ])


def test_a_slug_of_the_longest_length_passes(site_dir):
    write(site_dir, "topics/x.md", f"---\ntitle: x\nredirect_from: [{'a' * 100}]\n---\n")
    assert load_graph(site_dir).lookup


# --- the body: checked as it is rendered -----------------------------------------

@pytest.mark.parametrize("link", [
    "[[people/\nnobody]]",
    "[[people/nobody|Nobody\nat all]]",
    "[[people/nobody\n|Nobody]]",
])
def test_a_link_broken_over_lines_is_checked(site_dir, link):
    write(site_dir, "events/x.md", EVENT.replace("Body.", f"Body.\n\nSee {link}."))
    assert only_error(site_dir).endswith("events/x.md:12: unknown person 'nobody'")


def test_what_renders_is_what_was_checked(site_dir):
    """Every link the renderer makes is one the checker looked up: a good
    link over two lines renders and counts as a mention; a bad one is refused."""
    from bilateral.markup import render_body

    body = "Met [[people/felix-denegri|Félix\nDenegri]] and [[people/elnur-\nmammadov]]."
    write(site_dir, "events/x.md", EVENT.replace("Body.", body))
    assert only_error(site_dir).endswith("events/x.md:11: unknown person 'elnur-\\nmammadov' "
                                         "(did you mean 'elnur-mammadov'?)")

    write(site_dir, "events/x.md", EVENT.replace("Body.", body.replace("elnur-\n", "elnur-")))
    graph = load_graph(site_dir)
    event = graph.get("events", "x")
    html = render_body(event.body, lambda path: "/" + path, lambda n: n)
    assert html.count("<a href=") == 2 and 'href="/people/felix-denegri/"' in html
    assert event in graph.get("people", "felix-denegri").mentioned_in


SPELLING_RULES = {
    "a pattern that does not compile": ('{pattern: "iyev(a?$", replacement: "iev", why: "w"}',
                                        "not a regular expression: missing ), unterminated subpattern"),
    "a group the pattern lacks": ('{pattern: "iyev$", replacement: \'iev\\2\', why: "w"}',
                                  "not a replacement for its pattern: invalid group reference 2"),
    "a rule without its reason": ('{pattern: "ə", replacement: "a"}', "'why'"),
}


@pytest.mark.parametrize("rule, message", SPELLING_RULES.values(), ids=SPELLING_RULES.keys())
def test_a_bad_spelling_rule_is_located(site_dir, rule, message):
    """site.yml's spelling rules are Python regular expressions: one that
    would fail the build's search step is refused at its own line."""
    site = site_dir / "site.yml"
    text = site.read_text(encoding="utf-8")
    site.write_text(text.replace("spelling_rules:\n", f"spelling_rules:\n  - {rule}\n", 1), encoding="utf-8")
    line = text[: text.index("spelling_rules:\n")].count("\n") + 2
    error = only_error(site_dir)
    assert error.startswith(f"{site}:{line}: ") and message in error, error
