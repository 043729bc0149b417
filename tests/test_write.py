"""write.replace_atomically: the one way a file or folder is replaced."""
from __future__ import annotations

import os
import stat

import pytest

from bilateral import write
from bilateral.write import replace_atomically


def test_bytes_replace_a_file_readable_by_all_and_leave_nothing_beside_it(tmp_path):
    target = tmp_path / "deep" / "page.html"
    replace_atomically(target, b"old")
    replace_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert os.listdir(target.parent) == ["page.html"]


def test_a_failed_write_keeps_the_old_file_and_cleans_up(tmp_path, monkeypatch):
    target = tmp_path / "page.html"
    target.write_bytes(b"old")

    def refuse(*args):
        raise OSError("disk full")
    monkeypatch.setattr(write.os, "replace", refuse)
    with pytest.raises(OSError):
        replace_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["page.html"]


def test_a_complete_folder_replaces_the_old_one_whole(tmp_path):
    target, new = tmp_path / "pagefind", tmp_path / ".pagefind-new"
    (target / "old-only").mkdir(parents=True)
    (target / "entry.json").write_text("old")
    new.mkdir()
    (new / "entry.json").write_text("new")
    replace_atomically(target, new)
    assert sorted(p.name for p in target.iterdir()) == ["entry.json"]
    assert (target / "entry.json").read_text() == "new"
    assert sorted(os.listdir(tmp_path)) == ["pagefind"]   # neither the new folder nor the old one left


def test_a_folder_or_file_moves_in_where_nothing_was(tmp_path):
    (tmp_path / "new-folder").mkdir()
    replace_atomically(tmp_path / "site", tmp_path / "new-folder")
    (tmp_path / "new-file").write_bytes(b"x")
    replace_atomically(tmp_path / "site" / "a.txt", tmp_path / "new-file")
    assert (tmp_path / "site" / "a.txt").read_bytes() == b"x"
    assert sorted(os.listdir(tmp_path)) == ["site"]
