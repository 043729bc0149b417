"""A large folder is read on two cores (load.read_files): the documents and
the problems found must be the same, in the same order, as reading it in
one process."""
from __future__ import annotations

import shutil

import pytest

from bilateral import load
from conftest import FIXTURE


def _loaded(root, monkeypatch, limit: int):
    monkeypatch.setattr(load, "PARALLEL_FILES", limit)
    errors: list = []
    content = load.load_content(root, errors)
    docs = [(d.kind, d.slug, d.lang, d.path, d.meta, d.lines, d.body, d.body_line)
            for d in content.documents + content.tables + content.translations]
    return docs, [str(e) for e in errors]


@pytest.fixture
def broken_site(tmp_path):
    """The fixture site with a problem of each kind a folder read can find,
    spread among its files."""
    root = tmp_path / "content"
    shutil.copytree(FIXTURE, root)
    events = root / "events"
    (events / "Bad_Name.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    (events / "broken-yaml.md").write_text("---\ntitle: [unclosed\n---\nbody\n", encoding="utf-8")
    (events / "no-front-matter.md").write_text("just text\n", encoding="utf-8")
    (events / "notes.txt").write_text("not content\n", encoding="utf-8")
    (events / "linked.md").symlink_to(next(events.glob("*.md")))
    return root


def test_a_folder_read_on_two_cores_gives_the_same_documents_and_problems(broken_site, monkeypatch):
    one_process = _loaded(broken_site, monkeypatch, limit=10**9)
    two_processes = _loaded(broken_site, monkeypatch, limit=2)
    assert one_process[0] and len(one_process[1]) >= 5   # the site and its problems were read
    assert two_processes == one_process


def test_reading_in_two_processes_returns_every_file_in_order(tmp_path, monkeypatch):
    monkeypatch.setattr(load, "PARALLEL_FILES", 2)
    paths = []
    for n in range(7):
        path = tmp_path / f"e{n}.md"
        path.write_text(f"---\ntitle: Event {n}\n---\nBody {n}.\n", encoding="utf-8")
        paths.append(path)
    read = load.read_files(paths, "events", load._read_markdown)
    assert [(doc.meta["title"], doc.body.strip(), problems) for doc, problems in read] == \
        [(f"Event {n}", f"Body {n}.", []) for n in range(7)]
