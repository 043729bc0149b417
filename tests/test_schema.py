"""The JSON Schemas: generated from the model, committed fresh, and true of the content."""
from __future__ import annotations

import datetime as dt
import functools
import json

import pytest
from jsonschema import Draft202012Validator

from bilateral.load import load_content
from bilateral.pipeline import ROOT
from bilateral.docs import refresh, tables
from bilateral.model import KINDS
from bilateral.schema import render, schemas

from conftest import FIXTURE, run_cli

COMMITTED = ROOT / "schemas"
CONTENTS = [FIXTURE] + ([pytest.param(ROOT / "content", marks=pytest.mark.slow)]
                        if (ROOT / "content" / "site.yml").is_file() else [])


@functools.cache   # checking and compiling a schema takes ~0.1 s; each is asked for once per file checked
def validator(name: str) -> Draft202012Validator:
    schema = json.loads((COMMITTED / f"{name}.schema.json").read_text())
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def as_json(value):
    """What a YAML editor sees: unquoted dates are text, as in YAML 1.2."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def test_committed_schemas_are_up_to_date():
    generated = schemas()
    assert sorted(p.name for p in COMMITTED.glob("*.json")) == sorted(generated), \
        "schemas/ is stale: run `python build.py schema`"
    for name, schema in generated.items():
        assert (COMMITTED / name).read_text() == render(schema), \
            f"schemas/{name} is stale: run `python build.py schema`"


def test_schema_command_writes_them(tmp_path):
    doc = tmp_path / "content-model.md"
    doc.write_text(DOC.read_text().replace("| `iso_code` |", "| `iso_cod` |"))
    result = run_cli("schema", "--out", tmp_path, "--doc", doc)
    assert result.returncode == 0, result.stderr
    for name in schemas():
        assert (tmp_path / name).read_text() == (COMMITTED / name).read_text()
    assert doc.read_text() == DOC.read_text()  # the stale table is regenerated


DOC = ROOT / "docs" / "content-model.md"


def test_committed_doc_tables_are_up_to_date():
    text = DOC.read_text()
    assert refresh(text) == text, "docs/content-model.md is stale: run `python build.py schema`"


def test_doc_has_a_table_for_every_kind_and_block_and_keeps_its_prose():
    text = DOC.read_text()
    for name in tables():
        assert f"<!-- fields: {name} -->" in text, name
    for kind, fields in KINDS.items():
        for name in fields:
            assert f"| `{name}` |" in text, (kind, name)
    stale = text.replace("| `part_of` | no |", "| `part_of` | yes |")
    assert stale != text and refresh(stale) == text
    edited = text.replace("Every file must be UTF-8", "Every single file must be UTF-8")
    assert refresh(edited) == edited  # prose outside the tables is left alone


@pytest.mark.parametrize("content", CONTENTS, ids=lambda p: p.name)
def test_every_content_file_matches_its_schema(content):
    errors = []
    loaded = load_content(content, errors)
    assert not errors, errors
    docs = [("site", loaded.site)] + [(d.kind, d) for d in loaded.documents + loaded.tables]
    assert len(docs) > 10
    for name, doc in docs:
        problems = [f"{doc.path}: {e.json_path}: {e.message}"
                    for e in validator(name).iter_errors(as_json(doc.meta))]
        assert problems == []


@pytest.mark.parametrize("change, complaint", [
    ({"countires": ["peru"]}, "Additional properties are not allowed"),
    ({"date": "Sept 2025"}, "does not match"),
    ({"kind": "meetng"}, "is not one of"),
    ({"countries": []}, "should be non-empty"),
    ({"citations": [{"source": "talibov-op-ed"}]}, "'quote' is a required property"),
])
def test_schema_rejects_what_check_rejects(change, complaint):
    event = {"title": "A meeting", "date": "2025-09-03", "kind": "meeting", "countries": ["peru"],
             "citations": [{"source": "talibov-op-ed", "quote": "the first round"}]}
    assert list(validator("events").iter_errors(event)) == []
    messages = [e.message for e in validator("events").iter_errors({**event, **change})]
    assert any(complaint in m for m in messages), messages


def test_dates_take_every_precision_and_a_cite_takes_one_or_a_list():
    people = validator("people")
    role = {"title": "Ambassador", "cite": {"source": "talibov-op-ed", "quote": "q"}}
    for date in ["2025", "2025-09", "2025-09-03", "2024/2025-09-03", "../2025-10", 2025]:
        assert people.is_valid({"title": "X", "roles": [{**role, "start": date}]}), date
    assert people.is_valid({"title": "X", "roles": [{**role, "cite": [role["cite"], role["cite"]]}]})
    assert not people.is_valid({"title": "X", "roles": [{**role, "cite": []}]})
    assert not people.is_valid({"title": "X", "roles": [{**role, "start": "2025/.."}]})
