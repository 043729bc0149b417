"""The command-line contract: exit codes, located errors, no tracebacks.
Commands run in process (conftest.run_cli); only what is about the process
itself starts `build.py`."""
from __future__ import annotations

import re
import shutil

import pytest

from bilateral.pipeline import load_graph
from bilateral.plan import plan_site

from conftest import FIXTURE, html_pages, run_build_py, run_cli, write


def test_check_passes_and_writes_nothing(tmp_path):
    result = run_cli("check", "--content", FIXTURE, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no problems" in result.stdout
    assert list(tmp_path.iterdir()) == []


def test_check_lists_every_error_then_a_count(site_dir):
    write(site_dir, "events/x.md", "---\ntitle: X\ndate: \"2025-13-01\"\nkind: meeting\n"
                                   "countries: [atlantis]\ncitations: []\n---\n")
    result = run_cli("check", "--content", site_dir)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == "3 problems found"
    assert all(":" in line and line.split(":")[1].isdigit() for line in lines[:-1])
    assert any(line.endswith("x.md:5: unknown country 'atlantis'") for line in lines)
    assert "Traceback" not in result.stderr


def test_build_is_the_default_command_and_counts_pages_apart_from_other_files(tmp_path):
    out = tmp_path / "out"
    result = run_cli("--content", FIXTURE, "--out", out)
    assert result.returncode == 0, result.stderr
    assert (out / "index.html").is_file()
    counted = re.search(r"^built (\d+) pages and (\d+) other files .* into ", result.stdout, re.M)
    assert counted, result.stdout
    pages, others = map(int, counted.groups())
    assert pages == len(plan_site(load_graph(FIXTURE)).pages) == len(html_pages(out))
    assert (out / "feed.xml").is_file() and (out / "static" / "site.css").is_file()
    assert others == sum(1 for p in out.rglob("*") if p.is_file()) - pages


def test_build_with_errors_exits_1_without_traceback(site_dir, tmp_path):
    write(site_dir, "topics/bad.md", "---\ntitle: [unclosed\n---\n")
    result = run_cli("build", "--content", site_dir, "--out", tmp_path / "out")
    assert result.returncode == 1
    assert "topics/bad.md:" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_usage_errors_exit_2():
    assert run_cli("frobnicate").returncode == 2
    assert run_cli("build", "--no-such-flag").returncode == 2


@pytest.mark.slow
def test_build_py_exits_with_the_commands_code(tmp_path):
    assert run_build_py("check", "--content", FIXTURE).returncode == 0
    assert run_build_py("check", "--content", tmp_path / "nowhere").returncode == 1
    usage = run_build_py("frobnicate")
    assert usage.returncode == 2 and usage.stderr.startswith("usage: build.py")


def test_missing_content_folder_is_a_content_error(tmp_path):
    result = run_cli("check", "--content", tmp_path / "nowhere")
    assert result.returncode == 1
    assert "nowhere:1: content folder not found" in result.stderr


def test_linkcheck_reports_external_links_and_fails_on_broken_ones(tmp_path, built_site):
    out = tmp_path / "out"
    shutil.copytree(built_site("fixture", "/az-latam/"), out)   # a copy of the session's build, to break
    ok = run_cli("linkcheck", "--out", out, "--base-url", "/az-latam/")
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.strip().splitlines()[-1].endswith(" external, 0 broken")
    (out / "topics" / "tourism" / "index.html").write_text(
        '<a href="/az-latam/nowhere/">x</a><a href="https://example.org/page">y</a>')
    bad = run_cli("linkcheck", "--out", out, "--base-url", "/az-latam/")
    assert bad.returncode == 1
    assert "broken: topics/tourism/index.html: /az-latam/nowhere/ (no such file)" in bad.stderr
    assert "external: https://example.org/page" in bad.stdout


def test_linkcheck_without_a_built_site_is_a_usage_error(tmp_path):
    result = run_cli("linkcheck", "--out", tmp_path / "nothing")
    assert result.returncode == 2 and "run `python build.py` first" in result.stderr


def test_site_url_option_overrides_site_yml(tmp_path, no_search_index):
    out = tmp_path / "out"
    result = run_cli("build", "--content", FIXTURE, "--out", out,
                     "--site-url", "https://owner.github.io/repo", "--base-url", "/repo/")
    assert result.returncode == 0, result.stderr
    assert "<loc>https://owner.github.io/repo/countries/peru/</loc>" in (out / "sitemap.xml").read_text()


def test_a_template_error_is_reported_without_traceback(tmp_path, monkeypatch, capsys):
    from bilateral import cli, pipeline
    from conftest import ROOT
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    (templates / "topic.html").write_text("{{ page.nope.deeper }}")
    monkeypatch.setattr(cli, "Project", lambda **kw: pipeline.Project(templates=templates, **kw))
    code = cli.main(["build", "--content", str(FIXTURE), "--out", str(tmp_path / "out")])
    assert code == 1
    assert "build failed: topic.html:1: cannot render /topics/tourism/" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_build_leaves_its_garbage_to_the_exit(tmp_path):
    # the graph's reference cycles would cost a full collection as Python exits
    import subprocess
    import sys

    from bilateral.pipeline import ROOT
    code = ("import gc, sys; from bilateral import cli; "
            f"rc = cli.main(['build', '--content', {str(FIXTURE)!r}, '--out', {str(tmp_path / 'out')!r}]); "
            "print('frozen', gc.get_freeze_count()); sys.exit(rc)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.split("frozen ")[1]) > 10_000
