"""Key facts in the downloads (issue 14: the box is "readable ... in the
downloads"): data/key-facts.csv and graph.json's `key_facts` carry each
partner country's rows as the country page shows them, with their
citations, and "not stated in the sources" where the sources are silent."""
from __future__ import annotations

import csv
import io
import json

import pytest

from bilateral.export import KEY_FACTS, NOT_STATED

from conftest import REAL_CONTENT

pytestmark = pytest.mark.skipif(not (REAL_CONTENT / "site.yml").is_file(), reason="no real content")


@pytest.fixture(scope="module")
def site(real_site):
    return real_site


@pytest.fixture(scope="module")
def csv_rows(site) -> list[dict]:
    text = site.read("data/key-facts.csv")
    assert text.splitlines()[0] == ",".join(c.name for c in KEY_FACTS.columns)
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.fixture(scope="module")
def json_facts(site) -> dict:
    data = json.loads(site.read("data/graph.json"))
    return {record["country"]: record["rows"] for record in data["key_facts"]}


def peru(rows: list[dict], label: str) -> list[dict]:
    return [r for r in rows if r["country"] == "peru" and r["label"] == label]


def test_peru_rows_carry_the_facts_issue_14_names(csv_rows):
    (established,) = peru(csv_rows, "Diplomatic relations established")
    assert "1995–1996" in established["value"] and "29 years" in established["inferred"]
    assert established["status"] == "cited" and established["sources"] == "azerbaijan-latin-america-pivot"

    talibov = [r for r in peru(csv_rows, "Azerbaijan in Peru") if "Talibov" in r["value"]]
    assert len(talibov) == 1 and "accredited from Mexico" in talibov[0]["value"]
    assert "people/mammad-talibov/" in talibov[0]["links"].split("; ")

    in_azerbaijan = peru(csv_rows, "Peru in Azerbaijan")
    (casas,) = [r for r in in_azerbaijan if "de las Casas" in r["value"]]
    assert "Ankara" in casas["value"] and "credentials presented January 2023" in casas["value"]
    assert "events/de-las-casas-credentials-2023/" in casas["links"]
    (embassy,) = [r for r in in_azerbaijan if r["dispute"]]
    assert embassy["dispute"] == "peru-embassy-in-baku" and "disagree" in embassy["value"]
    # both sides of the dispute, each with its quote
    assert len(embassy["quotes"].split("\n")) == 2 and len(embassy["sources"].split("; ")) == 2

    (visit,) = peru(csv_rows, "Latest visit to Peru")
    assert "3–4 September 2025" in visit["value"] and "Elnur Mammadov" in visit["value"]
    assert visit["links"].split("; ") == ["people/elnur-mammadov/", "events/elnur-mammadov-visit-to-peru-2025/"]


def test_silent_rows_say_not_stated_and_carry_nothing_else(csv_rows):
    (to_baku,) = peru(csv_rows, "Latest visit to Azerbaijan")
    assert to_baku["status"] == NOT_STATED
    assert all(to_baku[c.name] == "" for c in KEY_FACTS.columns
               if c.name not in ("country", "label", "status"))
    assert all(r["value"] and r["sources"] and r["quotes"] for r in csv_rows if r["status"] == "cited")


def test_every_quote_line_names_a_cited_source(csv_rows):
    for row in csv_rows:
        if row["status"] == "cited":
            slugs = {line.split(": ", 1)[0] for line in row["quotes"].split("\n")}
            assert slugs == set(row["sources"].split("; ")), row


def test_the_five_countries_of_issue_14_each_have_every_row(csv_rows):
    labels = {}
    for row in csv_rows:
        labels.setdefault(row["country"], []).append(row["label"])
    for country in ("peru", "brazil", "mexico", "argentina", "cuba"):
        assert {"Diplomatic relations established", "Agreements and mechanisms",
                "Latest trade figure"} <= set(labels[country]), country


def test_json_and_csv_say_the_same(csv_rows, json_facts):
    from_json = [(country, row["label"], fact["text"] if fact else "", row["status"],
                  fact.get("dispute", "") if fact else "")
                 for country, rows in json_facts.items() for row in rows
                 for fact in (row["facts"] or [None])]
    from_csv = [(r["country"], r["label"], r["value"], r["status"], r["dispute"]) for r in csv_rows]
    assert from_json == from_csv
    established = json_facts["peru"][0]
    assert established["facts"][0]["cite"][0]["source"] == "azerbaijan-latin-america-pivot"
    assert "29 years of diplomatic relations" in established["facts"][0]["cite"][0]["quote"]
