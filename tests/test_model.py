"""The content model owns its behaviour: a new field type is one class, and
every stage (check, graph, schema, `build.py new`, the docs) takes it up."""
from __future__ import annotations

import pytest

from bilateral import docs
from bilateral.errors import ContentErrors
from bilateral.model import KINDS, Field, FieldType, field_name
from bilateral.pipeline import load_graph
from bilateral.scaffold import scaffold
from bilateral.schema import schemas

from conftest import write


class Percent(FieldType):
    """A share in percent, 0 to 100: defined here and nowhere else."""

    def check(self, value, ctx, path):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
            ctx.error(path, f"'{field_name(path)}' must be a percentage from 0 to 100")

    def schema(self, defs):
        return {"type": "number", "minimum": 0, "maximum": 100}

    def hint(self):
        return "0 to 100"

    def doc_type(self):
        return "a percentage"

    def resolve(self, value, ctx, path):
        return value / 100


@pytest.fixture
def with_share(monkeypatch):
    share = Field(Percent(), False, "share of the partner's trade")
    monkeypatch.setitem(KINDS, "topics", {**KINDS["topics"], "share": share})


def test_a_new_field_type_is_checked_and_resolved(with_share, site_dir):
    write(site_dir, "topics/x.md", "---\ntitle: X\nshare: 150\n---\n")
    with pytest.raises(ContentErrors) as caught:
        load_graph(site_dir)
    assert [str(e) for e in caught.value.errors] == [
        f"{site_dir}/topics/x.md:3: 'share' must be a percentage from 0 to 100"]
    write(site_dir, "topics/x.md", "---\ntitle: X\nshare: 25\n---\n")
    assert load_graph(site_dir).get("topics", "x").share == 0.25


def test_a_new_field_type_is_described_everywhere(with_share):
    assert schemas()["topics.schema.json"]["properties"]["share"] == {
        "description": "share of the partner's trade", "type": "number", "minimum": 0, "maximum": 100}
    assert "# share: FILL-ME  # share of the partner's trade; 0 to 100\n" in scaffold("topics", "X")
    assert docs.table(docs.tables()["topics"]) == (
        docs.HEADER + "| `share` | no | a percentage | share of the partner's trade |\n")
