"""Two builds of the same content are byte-identical, whatever the clock,
time zone, hash seed or output folder: the whole output tree is compared, so
this covers every file any stage or finalizer writes."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, site_contents, snapshot

pytestmark = pytest.mark.slow


def build_in_process(content: Path, out: Path, env: dict) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content", str(content),
                             "--out", str(out)], capture_output=True, text=True, timeout=300,
                            env={**os.environ, **env}, cwd=out.parent)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("site", site_contents())
def test_two_builds_are_byte_identical(tmp_path, site):
    content = site_contents()[site]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    build_in_process(content, tmp_path / "a" / "site", {"PYTHONHASHSEED": "1", "TZ": "UTC"})
    time.sleep(1.1)  # a clock reading anywhere would now differ
    build_in_process(content, tmp_path / "b" / "out", {"PYTHONHASHSEED": "2", "TZ": "Asia/Baku"})
    first, second = snapshot(tmp_path / "a" / "site"), snapshot(tmp_path / "b" / "out")
    assert sorted(first) == sorted(second)
    assert [path for path in first if first[path] != second[path]] == []


@pytest.mark.parametrize("site", site_contents())
def test_output_holds_no_build_date(built_at_root, site):
    today = dt.date.today()
    stamps = {today.isoformat(), today.strftime("%d %B %Y").lstrip("0")}
    for path, data in snapshot(built_at_root(site)).items():
        text = data.decode("utf-8", errors="replace")
        assert not any(stamp in text for stamp in stamps), path
