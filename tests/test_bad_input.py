"""Every kind of bad input, through the real command line: exit 1, the file
named as path:line:, no traceback, and the last good site left byte for byte."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bilateral.write import refuse_clashes, staged, write_files

from conftest import EVENT, FIXTURE, ROOT, RenderedSite, run_cli, snapshot, without_search_index
TOPIC = "---\ntitle: {title}\n{extra}---\nText.\n"


def edit(rel: str, old: str, new: str):
    def apply(content: Path) -> None:
        path = content / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return apply


def add(rel: str, data: str | bytes):
    def apply(content: Path) -> None:
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return apply


def symlink(rel: str, target: str):
    def apply(content: Path) -> None:
        (content / rel).symlink_to(content / target)
    return apply


PERU_DISPUTE = (FIXTURE / "countries" / "peru.md").read_text(encoding="utf-8")
PERU_DISPUTE = PERU_DISPUTE[PERU_DISPUTE.index("disputes:"):]

# Nine aliases to nine aliases to ...: a few lines that expand to billions of values.
BOMB = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 12))

# case -> (changes to the good content, the file the error must name)
CASES = {
    "yaml syntax error": ([add("events/x.md", EVENT.replace("[peru]", "[peru"))], "events/x.md"),
    "yaml tab indentation": ([add("topics/x.md", "---\ntitle: x\n\tsummary: y\n---\n")], "topics/x.md"),
    "yaml alias bomb": ([add("topics/x.md", "---\ntitle: x\n" + BOMB + "---\n")], "topics/x.md"),
    "yaml alias inside itself": ([add("topics/x.md", "---\ntitle: x\naliases: &a [*a]\n---\n")],
                                 "topics/x.md"),
    "yaml nested too deep": ([add("topics/x.md", "---\ntitle: x\naliases: " + "[" * 100_000
                                  + "]" * 100_000 + "\n---\n")], "topics/x.md"),
    "missing front matter": ([add("topics/x.md", "# Just a heading\n\nText.\n")], "topics/x.md"),
    "unclosed front matter": ([add("topics/x.md", "---\ntitle: x\n")], "topics/x.md"),
    "front matter not a mapping": ([add("topics/x.md", "---\n- a\n---\n")], "topics/x.md"),
    "empty file": ([add("topics/x.md", "")], "topics/x.md"),
    "whitespace-only file": ([add("topics/x.md", " \n\n\t\n")], "topics/x.md"),
    "invalid utf-8": ([add("topics/x.md", b"---\ntitle: caf\xe9\n---\n")], "topics/x.md"),
    "utf-16 file": ([add("topics/x.md", "---\ntitle: x\n---\n".encode("utf-16"))], "topics/x.md"),
    "nul byte": ([add("topics/x.md", "---\ntitle: x\x00\n---\n")], "topics/x.md"),
    "missing required field": ([add("events/x.md", EVENT.replace("kind: meeting\n", ""))], "events/x.md"),
    "impossible date": ([add("events/x.md", EVENT.replace("2025-09-03", "2025-13-45"))], "events/x.md"),
    "impossible unquoted date": ([add("events/x.md", EVENT.replace('"2025-09-03"', "2025-02-30"))],
                                 "events/x.md"),
    "unknown key": ([add("events/x.md", EVENT.replace("kind:", "knd: x\nkind:"))], "events/x.md"),
    "unknown reference": ([add("events/x.md", EVENT.replace("[peru]", "[atlantis]"))], "events/x.md"),
    "unknown body link": ([add("events/x.md", EVENT.replace("Body.", "[[people/nobody]]"))], "events/x.md"),
    "file name differing only in case": ([add("countries/Peru.md", TOPIC.format(title="P", extra=""))],
                                         "countries/Peru.md"),
    "file name with a backslash path": ([add("topics/x\\..\\..\\evil.md", TOPIC.format(title="x", extra=""))],
                                        "topics/x\\..\\..\\evil.md"),
    "file name with a newline": ([add("topics/x\nx.md", TOPIC.format(title="x", extra=""))],
                                 "topics/x\\nx.md"),
    "file name with dots": ([add("topics/x..md", TOPIC.format(title="x", extra=""))], "topics/x..md"),
    "upper-case extension": ([add("topics/x.MD", TOPIC.format(title="x", extra=""))], "topics/x.MD"),
    "duplicate dispute id": ([add("countries/atlantis.md",
                                  "---\ntitle: Atlantis\niso_code: MX\n" + PERU_DISPUTE)],
                             "countries/peru.md"),
    "duplicate figure id": ([add("figures/more.yml", (FIXTURE / "figures" / "trade.yml").read_text())],
                            "figures/trade.yml"),
    "id that is not a slug": ([edit("figures/trade.yml", "id: peru-relations-years", "id: ../x")],
                              "figures/trade.yml"),
    "redirect outside the output": ([add("topics/x.md", TOPIC.format(
        title="x", extra='redirect_from: ["../../x"]\n'))], "topics/x.md"),
    "redirect to an absolute path": ([add("topics/x.md", TOPIC.format(
        title="x", extra='redirect_from: ["/etc/x"]\n'))], "topics/x.md"),
    "redirect onto an existing page": ([add("topics/x.md", TOPIC.format(
        title="x", extra="redirect_from: [tourism]\n"))], "topics/x.md"),
    "redirect with a trailing newline onto a page": ([add("topics/x.md", TOPIC.format(
        title="x", extra='redirect_from: ["tourism\\n"]\n'))], "topics/x.md"),
    "two redirects onto one url": ([add("topics/x.md", TOPIC.format(title="x", extra="redirect_from: [old]\n")),
                                    add("topics/y.md", TOPIC.format(title="y", extra="redirect_from: [old]\n"))],
                                   "topics/y.md"),
    "javascript url in front matter": ([edit("sources/talibov-op-ed.md", "language: en",
                                             "language: en\nurl: javascript:alert(1)")],
                                       "sources/talibov-op-ed.md"),
    "symlinked content file": ([symlink("topics/x.md", "topics/tourism.md")], "topics/x.md"),
    "stray folder": ([add("drafts/x.md", TOPIC.format(title="x", extra=""))], "drafts"),
    "site language that is no language tag": ([edit("site.yml", "language: en", 'language: "en\\" onload=\\"x"')],
                                              "site.yml"),
    "missing site.yml": ([lambda content: (content / "site.yml").unlink()], "site.yml"),
    "blank quote": ([add("events/x.md", EVENT.replace('"the first round of political consultations"',
                                                      '"   "'))], "events/x.md"),
    "one-word quote": ([add("events/x.md", EVENT.replace('"the first round of political consultations"',
                                                         '"consultations"'))], "events/x.md"),
    # the fuzz test's find: a citation's source given as a list crashed the quote check
    "citation source that is a list": ([add("events/x.md", EVENT.replace("source: talibov-op-ed", "source: []"))],
                                       "events/x.md"),
    "same slug twice in a list": ([add("events/x.md", EVENT.replace("[peru]", "[peru, peru]"))],
                                  "events/x.md"),
    "figure that is .nan": ([edit("figures/trade.yml", "value: 29", "value: .nan")], "figures/trade.yml"),
    "figure that is .inf": ([edit("figures/trade.yml", "value: 29", "value: -.inf")], "figures/trade.yml"),
    "400-digit figure": ([edit("figures/trade.yml", "value: 29", "value: " + "9" * 400)],
                         "figures/trade.yml"),
    "nul escape in a title": ([add("topics/x.md", TOPIC.format(title='"x\\0y"', extra=""))], "topics/x.md"),
    "control character in a title": ([add("topics/x.md", TOPIC.format(title='"x\\x0by"', extra=""))],
                                     "topics/x.md"),
    "noncharacter in a title": ([add("topics/x.md", TOPIC.format(title='"x\\uFFFEy"', extra=""))],
                                "topics/x.md"),
    "control character in a body": ([add("topics/x.md", TOPIC.format(title="x", extra="") + "\x1b[31m\n")],
                                     "topics/x.md"),
    "wiki link split over two lines": ([add("events/x.md", EVENT.replace("Body.", "See [[people/\nnobody]]."))],
                                       "events/x.md"),
    "redirect_from over 255 bytes": ([add("topics/x.md", TOPIC.format(
        title="x", extra=f"redirect_from: [{'a' * 300}]\n"))], "topics/x.md"),
    "figure id over 100 characters": ([edit("figures/trade.yml", "id: peru-relations-years",
                                            "id: " + "a" * 101)], "figures/trade.yml"),
    # YAML 1.1 number forms that silently changed a value (0x34 was 52, 1:30 was 90)
    "yaml hexadecimal number": ([edit("figures/trade.yml", "value: 52", "value: 0x34")], "figures/trade.yml"),
    "yaml sexagesimal number": ([edit("figures/trade.yml", "value: 52", "value: 1:30")], "figures/trade.yml"),
    "yaml octal number": ([edit("figures/trade.yml", "value: 52", "value: 017")], "figures/trade.yml"),
    "yaml number with underscores": ([edit("figures/trade.yml", "value: 52", "value: 1_000")],
                                     "figures/trade.yml"),
    "yaml number with a plus": ([edit("figures/trade.yml", "change_pct: 12", "change_pct: +12")],
                                "figures/trade.yml"),
    # 100,000 nested <div> took 38 s to sanitize, and then built
    "html nested too deep": ([add("topics/x.md", TOPIC.format(title="x", extra="") + "\n"
                                  + "<div>" * 100_000 + "x" + "</div>" * 100_000 + "\n")], "topics/x.md"),
    "quotes nested too deep": ([add("topics/x.md", TOPIC.format(title="x", extra="") + "\n"
                                    + "> " * 100_000 + "x\n")], "topics/x.md"),
}


@pytest.fixture(scope="module")
def good_site(built_site) -> Path:
    """A good site, to copy and then fail to replace: the session's build."""
    return built_site("fixture")


@pytest.fixture(scope="module")
def last_site(tmp_path_factory) -> tuple[Path, dict]:
    """A good site, alone in its folder, and its files: every bad build
    below is aimed at it, and each must leave it as it was."""
    out = tmp_path_factory.mktemp("last") / "site"
    with without_search_index():   # what a failed build must leave is any site's files
        assert run_cli("build", "--content", FIXTURE, "--out", out).returncode == 0
    return out, snapshot(out)


@pytest.mark.parametrize("changes, named", CASES.values(), ids=CASES.keys())
def test_bad_input_is_a_located_error_and_the_last_site_survives(last_site, reused_site_dir, changes, named):
    content = reused_site_dir
    for change in changes:
        change(content)
    out, before = last_site

    result = run_cli("build", "--content", content, "--out", out)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    located = re.compile(rf"^{re.escape(str(content / named))}:\d+: \S", re.M)
    assert located.search(result.stderr), result.stderr
    *errors, count = result.stderr.strip().split("\n")
    assert re.fullmatch(r"\d+ problems? found", count)
    assert all(re.fullmatch(r".+:\d+: .+", error) for error in errors), errors  # one line each
    assert snapshot(out) == before
    assert [p.name for p in out.parent.iterdir()] == ["site"]  # no staging left behind


def test_all_problems_are_collected_in_one_run(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    for change in [add("topics/a.md", ""),
                   add("events/b.md", EVENT.replace("2025-09-03", "2025-13-45")),
                   add("events/c.md", EVENT.replace("kind:", "knd: x\nkind:")),
                   add("topics/d.md", TOPIC.format(title="d", extra='redirect_from: ["../../x"]\n')),
                   add("events/e.md", EVENT.replace("[peru]", "[atlantis]"))]:
        change(content)
    result = run_cli("check", "--content", content)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == "5 problems found"
    assert [line.split(":")[0].rsplit("/", 1)[-1] for line in lines[:-1]] == [
        "b.md", "c.md", "e.md", "a.md", "d.md"]


@pytest.mark.parametrize("path", ["../escape/", "../../x/index.html", "/tmp/abs/", "people/../../x/"])
def test_writer_refuses_paths_outside_the_output(tmp_path, path):
    out = tmp_path / "site"
    with staged(out, None) as staging:
        write_files(staging, {"index.html": "old"})
    with pytest.raises(ValueError, match="outside the output folder"):
        with staged(out, None) as staging:
            write_files(staging, {"index.html": "new", path: "x"})
    assert (out / "index.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert not (tmp_path / "escape").exists() and not Path("/tmp/abs").exists()


def test_writer_refuses_two_outputs_for_one_file(tmp_path):
    with pytest.raises(ValueError, match="two outputs write people/x/index.html"):
        refuse_clashes(["people/x/", "people/x/index.html"])


def test_a_build_refuses_two_pages_for_one_file(monkeypatch, tmp_path):
    from bilateral import pipeline
    from bilateral.plan import Page, Plan

    real = pipeline.plan_site
    monkeypatch.setattr(pipeline, "plan_site", lambda graph: Plan(graph, real(graph).pages + [Page("timeline/index.html", "404.html")]))
    with pytest.raises(ValueError, match="two outputs write timeline/index.html"):
        pipeline.build(pipeline.Project(content=FIXTURE), tmp_path / "site")
    assert list(tmp_path.iterdir()) == []


def test_an_extra_output_may_not_replace_a_page(monkeypatch, tmp_path):
    from bilateral import pipeline

    def sitemap(plan, urls):
        return {"timeline/": "not the timeline"}
    monkeypatch.setattr(pipeline, "EXTRA_OUTPUTS", [sitemap])
    with pytest.raises(ValueError, match="sitemap would overwrite timeline/"):
        pipeline.build(pipeline.Project(content=FIXTURE), tmp_path / "site")
    assert list(tmp_path.iterdir()) == []


def test_yaml_reads_unquoted_values_as_yaml_1_2_core_does():
    from bilateral.yamlines import load_with_lines

    value, _ = load_with_lines("code: NO\nflag: yes\nother: off\ntrue_: true\nn: -12\nx: 2.5\n"
                               "big: 1.5e+3\nday: 2025-09-03\nnothing: ~\nkey: <<\n")
    assert value == {"code": "NO", "flag": "yes", "other": "off", "true_": True, "n": -12, "x": 2.5,
                     "big": 1500.0, "day": __import__("datetime").date(2025, 9, 3), "nothing": None,
                     "key": "<<"}


def test_nesting_is_measured_in_one_pass(tmp_path):
    from bilateral.markup import MAX_NESTING, nesting_problem

    assert nesting_problem("<div>" * MAX_NESTING + "</div>" * MAX_NESTING + "<br>" * 1000) is None
    assert nesting_problem("> " * MAX_NESTING + "x") is None
    assert nesting_problem("a\n\nb <div>\n" + "<p>" * MAX_NESTING)[0] == 3   # where it goes past
    started = time.perf_counter()
    assert nesting_problem("<a" * 200_000 + "<div>" * 200_000) is not None
    assert time.perf_counter() - started < 2


# --- the output folder --------------------------------------------------------------

def tree(root: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under root."""
    return {p.relative_to(root).as_posix(): (p.read_bytes() if p.is_file() else None)
            for p in sorted(root.rglob("*"))}


@pytest.fixture
def workdir(site_dir) -> Path:
    """A folder laid out as a project: fixtures/site (the content, source
    texts included), an unrelated file and folder, and a built site."""
    root = site_dir.parent.parent
    (root / "notes.txt").write_text("an editor's notes\n")
    (root / "drafts").mkdir()
    (root / "drafts" / "draft.md").write_text("an uncommitted draft\n")
    assert run_cli("build", "--content", site_dir, "--out", root / "site", cwd=root).returncode == 0
    return root


@pytest.mark.parametrize("out", ["fixtures/site", "fixtures/site/events", "fixtures/site/new", "fixtures",
                                 "fixtures/site/sources", ".", "..", "notes.txt", "drafts"])
@pytest.mark.slow  # builds with Pagefind, or a new process
def test_build_never_replaces_what_it_was_given(workdir, out):
    """A build replaces its output whole: an output that is, holds or lies in
    the content (say) would delete it. `--out content` used to."""
    before = tree(workdir.parent)
    result = run_cli("build", "--content", "fixtures/site", "--out", out, cwd=workdir)
    assert result.returncode == 2, result.stdout + result.stderr
    assert re.fullmatch(rf"build\.py build: --out {re.escape(out)} .+\n", result.stderr), result.stderr
    assert tree(workdir.parent) == before


@pytest.mark.parametrize("folder", ["templates folder", "static folder", "repository"])
def test_build_never_replaces_the_engines_folders(monkeypatch, tmp_path, folder):
    from bilateral import pipeline
    from bilateral.write import OutputFolderError

    work = tmp_path / "work"
    shutil.copytree(FIXTURE, work / "content")
    for name in ("templates", "static"):
        shutil.copytree(ROOT / name, work / name)
    repo = tmp_path / "repo"   # the engine's repository, here with a page at its root
    repo.mkdir()
    (repo / "index.html").write_text("<!doctype html><title>x</title>")
    monkeypatch.setattr(pipeline, "ROOT", repo)
    monkeypatch.chdir(work)
    project = pipeline.Project(content=work / "content", templates=work / "templates", static=work / "static")
    out = repo if folder == "repository" else work / folder.split()[0]
    before = tree(tmp_path)
    with pytest.raises(OutputFolderError, match=f"is the {folder}"):
        pipeline.build(project, out)
    assert tree(tmp_path) == before


@pytest.mark.slow  # builds with Pagefind, or a new process
def test_a_killed_builds_leftovers_go_with_the_next_build(workdir, tmp_path):
    """Killed while Pagefind runs: Pagefind dies with it, and the half-built
    copy it left is removed by the next build (another live build's is not)."""
    if not sys.platform.startswith("linux"):
        pytest.skip("checks processes through /proc")
    pidfile = tmp_path / "pagefind.pid"
    slow = tmp_path / "slow-pagefind"
    slow.write_text(f"#!/bin/sh\necho $$ > {pidfile}\nexec sleep 60\n")
    slow.chmod(0o755)
    live = workdir / f".site-new-{os.getpid()}-abcd1234"   # this process is alive: not a leftover
    live.mkdir()
    build = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--content", "fixtures/site",
                              "--out", "site"], cwd=workdir, env={**os.environ, "PAGEFIND_BINARY_PATH": str(slow)})
    try:
        deadline = time.monotonic() + 60
        while not (pidfile.is_file() and pidfile.read_text().strip()):
            assert time.monotonic() < deadline and build.poll() is None, "Pagefind never started"
            time.sleep(0.05)
        pagefind = int(pidfile.read_text())
        build.kill()
        build.wait()
        assert wait_until(lambda: not running(pagefind)), "Pagefind outlived the build"
    finally:
        if build.poll() is None:
            build.kill()
        if pidfile.is_file() and pidfile.read_text().strip() and running(int(pidfile.read_text())):
            os.kill(int(pidfile.read_text()), 9)
    leftovers = sorted(p.name for p in workdir.glob(".site-*") if p != live)
    assert len(leftovers) == 1 and leftovers[0].startswith(".site-new-")
    old_format = workdir / ".site-new-a1b2c3d4"   # named as builds before this one named them
    old_format.mkdir()
    site = tree(workdir / "site")

    assert run_cli("build", "--content", "fixtures/site", "--out", "site", cwd=workdir).returncode == 0
    assert sorted(p.name for p in workdir.glob(".site-*")) == [live.name]
    assert tree(workdir / "site") == site


@pytest.mark.slow  # builds with Pagefind, or a new process
def test_render_workers_end_with_a_killed_build(tmp_path):
    """Workers used to wait forever for work from a parent that was gone."""
    if not sys.platform.startswith("linux"):
        pytest.skip("checks processes through /proc")
    script = tmp_path / "render.py"
    script.write_text(f"""
import os, sys, time
from types import SimpleNamespace
sys.path.insert(0, {str(ROOT)!r})
from bilateral import parallel

def slow_render(env, page):
    open(os.path.join({str(tmp_path)!r}, f"worker-{{os.getpid()}}"), "w").close()
    time.sleep(0.2)
    return ""

class Env:
    def list_templates(self, extensions=None):
        return ["t"]

    def get_template(self, name):
        pass

parallel.render_page = slow_render
parallel.render_pages(Env(), [SimpleNamespace(path=str(i), template="t") for i in range(400)], jobs=2)
""")
    build = subprocess.Popen([sys.executable, str(script)])
    workers: list[int] = []
    try:
        assert wait_until(lambda: len(list(tmp_path.glob("worker-*"))) == 2, timeout=60)
        workers = [int(p.name.split("-")[1]) for p in tmp_path.glob("worker-*")]
        build.kill()
        build.wait()
        assert wait_until(lambda: not any(map(running, workers))), "a worker outlived the build"
    finally:
        for pid in [build.pid] + workers:   # whatever the outcome, leave nothing running
            if running(pid):
                os.kill(pid, 9)


def running(pid: int) -> bool:
    """Whether pid is a live process (a zombie has ended: only its exit status is left)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def wait_until(predicate, timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


# --- the machine fails: one line, exit 1, the old site as it was --------------------

@pytest.fixture
def tiny_disk(tmp_path):
    """A 6 MB tmpfs: room for a site and a half. Only root may mount one."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if not sys.platform.startswith("linux") or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root on Linux")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(disk)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=True)


def fill(disk: Path, leave: int) -> None:
    """Take all the disk's free space but `leave` bytes."""
    stat = os.statvfs(disk)
    with open(disk / "ballast", "wb") as ballast:
        os.posix_fallocate(ballast.fileno(), 0, stat.f_bavail * stat.f_frsize - leave)


# Left free, the build fails copying static/, writing pages, or (with
# Pagefind still reporting success) writing the search index.
@pytest.mark.slow  # builds with Pagefind, or a new process
@pytest.mark.parametrize("fault", ["64 KB free", "600 KB free", "1000 KB free", "read-only"])
def test_a_full_or_read_only_disk_is_one_line_and_the_old_site_stays(tiny_disk, site_dir, fault):
    out = tiny_disk / "site"
    assert run_cli("build", "--content", site_dir, "--out", out).returncode == 0
    before = tree(out)
    if fault == "read-only":
        subprocess.run(["mount", "-o", "remount,ro", str(tiny_disk)], check=True)
    else:
        fill(tiny_disk, int(fault.split()[0]) * 1024)

    result = run_cli("build", "--content", site_dir, "--out", out)

    assert result.returncode == 1, result.stdout + result.stderr
    assert re.fullmatch(r"build failed: .+\n", result.stderr), result.stderr
    assert tree(out) == before
    assert {p.name for p in tiny_disk.iterdir()} <= {"site", "ballast"}   # no staging folder left


def test_an_output_whose_parent_is_a_file_is_one_line(tmp_path):
    (tmp_path / "file").write_text("not a folder")
    result = run_cli("build", "--content", FIXTURE, "--out", tmp_path / "file" / "site")
    assert result.returncode == 1
    assert re.fullmatch(r"build failed: cannot write the site to .+: .+\n", result.stderr), result.stderr
    assert (tmp_path / "file").read_text() == "not a folder"


# A Pagefind on a full disk: it reports success, having written empty files.
BROKEN_PAGEFIND = {
    "empty entry": ": > \"$out/pagefind-entry.json\"",
    "an empty index file": "echo '{\"version\":\"1\",\"languages\":{}}' > \"$out/pagefind-entry.json\"\n"
                           ": > \"$out/pagefind.js\"",
    "no entry": "echo 'Running Pagefind' ",
}


@pytest.mark.slow  # builds with Pagefind, or a new process
@pytest.mark.parametrize("writes", BROKEN_PAGEFIND.values(), ids=BROKEN_PAGEFIND.keys())
def test_a_broken_search_index_is_never_published(good_site, tmp_path, writes):
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\nwhile [ $# -gt 0 ]; do [ \"$1\" = --output-path ] && out=$2; shift; done\n"
                    f"mkdir -p \"$out\"\n{writes}\nexit 0\n")
    fake.chmod(0o755)
    out = tmp_path / "site"
    shutil.copytree(good_site, out)
    before = tree(out)
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--content", str(FIXTURE), "--out", str(out)],
                            capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PAGEFIND_BINARY_PATH": str(fake)})
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.fullmatch(r"build failed: pagefind wrote .+\n", result.stderr), result.stderr
    assert tree(out) == before


@pytest.mark.parametrize("path, text", [("extra/feed.xml", "<feed><title>a\x0bb</title></feed>"),
                                        ("extra/sitemap.xml", "<urlset><url></urlset>"),
                                        ("extra/graph.json", '{"value": NaN}'),
                                        ("extra/more.json", '{"value": -Infinity}')])
def test_an_output_its_readers_could_not_parse_fails_the_build(good_site, monkeypatch, tmp_path, capsys,
                                                               path, text):
    """A title with a control character made feed.xml not well-formed, and
    `.nan` put NaN, which JSON.parse rejects, in graph.json: both published."""
    from bilateral import cli, pipeline

    monkeypatch.setattr(pipeline, "EXTRA_OUTPUTS", pipeline.EXTRA_OUTPUTS + [lambda graph, urls: {path: text}])
    out = tmp_path / "site"
    shutil.copytree(good_site, out)
    before = tree(out)
    assert cli.main(["build", "--content", str(FIXTURE), "--out", str(out)]) == 1
    assert re.fullmatch(rf"build failed: {re.escape(path)} would .+\n", capsys.readouterr().err)
    assert tree(out) == before


def test_csv_cells_that_a_spreadsheet_would_run_are_inert(site_dir):
    import csv
    import io

    add("events/x.md", EVENT.replace("title: A meeting", "title: '=HYPERLINK(\"http://evil.example\",\"x\")'")
        .replace("kind: meeting", "kind: meeting\nplace: '@SUM(1+1)'\nsummary: '-2+3 and more'"))(site_dir)
    edit("figures/trade.yml", "change_pct: 12", "change_pct: -3")(site_dir)
    site = RenderedSite(site_dir)

    def rows(name):
        return list(csv.DictReader(io.StringIO(site.read(f"data/{name}"), newline="")))
    event = next(row for row in rows("events.csv") if row["slug"] == "x")
    assert event["title"] == "'=HYPERLINK(\"http://evil.example\",\"x\")"
    assert (event["place"], event["summary"]) == ("'@SUM(1+1)", "'-2+3 and more")
    assert "-3" in [row["change_pct"] for row in rows("figures.csv")]   # a number stays a number


def test_linkcheck_reports_a_name_too_long_as_a_broken_link(good_site, tmp_path):
    out = tmp_path / "site"
    shutil.copytree(good_site, out)
    page = out / "topics" / "tourism" / "index.html"
    page.write_text(page.read_text().replace("</main>", f'<a href="/{"x" * 300}/">x</a></main>'))
    result = run_cli("linkcheck", "--out", out)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(rf"^broken: topics/tourism/index.html: /x{{300}}/ \(no such file: .+\)$",
                     result.stderr, re.M), result.stderr
