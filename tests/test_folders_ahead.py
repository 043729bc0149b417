"""A build makes its pages' folders in a thread while it plans
(write.FoldersAhead): the site must come out the same, with no folder left
empty, and a folder it cannot make must not hide the real error."""
from __future__ import annotations

import os

import pytest

from bilateral import pipeline
from bilateral.pipeline import Project, build
from bilateral.write import FoldersAhead, SiteWriteError
from conftest import FIXTURE


def test_a_build_leaves_no_empty_folder(built_site):
    site = built_site("fixture", "/")
    empty = [root for root, dirs, files in os.walk(site) if not dirs and not files]
    assert empty == []


def test_the_folders_made_ahead_are_the_entity_pages(tmp_path):
    from bilateral.pipeline import load_checked
    folders = pipeline.entity_folders(load_checked(FIXTURE))
    assert "countries/peru" in folders and "people/elnur-mammadov" in folders
    assert len(folders) == len(set(folders))


def test_folders_no_file_went_into_are_removed(tmp_path):
    ahead = FoldersAhead(tmp_path, ["events/a", "events/b", "people/c"])
    ahead._process.wait()   # (a build does not wait: finish() stops it where it is)
    ahead.finish()
    assert (tmp_path / "events" / "b").is_dir()
    (tmp_path / "events" / "a" / "index.html").write_text("page")
    ahead.tidy({"events/a/": b"", "people/c/": b""})
    assert not (tmp_path / "events" / "b").exists()
    assert (tmp_path / "events" / "a" / "index.html").is_file() and (tmp_path / "people" / "c").is_dir()


def test_finishing_stops_the_folders_process_where_it_is(tmp_path):
    ahead = FoldersAhead(tmp_path, [f"events/e{n}" for n in range(20000)])
    ahead.finish()
    made = len(list((tmp_path / "events").iterdir())) if (tmp_path / "events").exists() else 0
    assert ahead._process.returncode is not None and made < 20000
    ahead.tidy({})
    assert not (tmp_path / "events").exists() or not any((tmp_path / "events").iterdir())


def test_a_folder_that_cannot_be_made_ahead_leaves_the_error_to_the_write(tmp_path):
    (tmp_path / "events").write_text("a file where the folder should be")
    ahead = FoldersAhead(tmp_path, ["events/a", "people/b"])
    ahead._process.wait()
    ahead.finish()   # no exception: the process stops at the first folder it cannot make
    assert (tmp_path / "events").is_file() and not (tmp_path / "people").exists()


def test_a_build_whose_folder_cannot_be_made_fails_as_before(tmp_path, monkeypatch, no_search_index):
    """The thread meets the bad folder first; the write still reports it."""
    real_init = FoldersAhead.__init__

    def blocked(self, root, folders):
        (root / "people").mkdir()
        (root / "people" / "elnur-mammadov").write_text("a file where the folder should be")
        real_init(self, root, folders)
    monkeypatch.setattr(FoldersAhead, "__init__", blocked)
    with pytest.raises(SiteWriteError, match="people/elnur-mammadov"):
        build(Project(content=FIXTURE), tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_build_that_fails_while_folders_are_made_leaves_nothing(monkeypatch, tmp_path):
    """The folders' process is stopped before a failed build removes its
    staging folder, so it cannot make folders in it meanwhile (it did: the
    staging folder was left behind, now and then)."""
    from bilateral import pipeline
    from bilateral.plan import Page, Plan

    monkeypatch.setattr(pipeline, "entity_folders", lambda content: [f"events/e{n}" for n in range(20000)])
    real = pipeline.plan_site
    monkeypatch.setattr(pipeline, "plan_site",
                        lambda graph: Plan(graph, real(graph).pages + [Page("timeline/index.html", "404.html")]))
    with pytest.raises(ValueError, match="two outputs write timeline/index.html"):
        pipeline.build(pipeline.Project(content=FIXTURE), tmp_path / "site")
    assert list(tmp_path.iterdir()) == []
