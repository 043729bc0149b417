"""Every kind of bad input, through the real command line: exit 1, the file
named as path:line:, no traceback, and the last good site left byte for byte."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from bilateral.write import refuse_clashes, staged, write_files

from conftest import EVENT, FIXTURE, run_cli, snapshot
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
}


@pytest.fixture(scope="module")
def good_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("good") / "site"
    result = run_cli("build", "--content", FIXTURE, "--out", out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.parametrize("changes, named", CASES.values(), ids=CASES.keys())
def test_bad_input_is_a_located_error_and_the_last_site_survives(good_site, tmp_path, changes, named):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    for change in changes:
        change(content)
    out = tmp_path / "site"
    shutil.copytree(good_site, out)
    before = snapshot(out)

    result = run_cli("build", "--content", content, "--out", out)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    located = re.compile(rf"^{re.escape(str(content / named))}:\d+: \S", re.M)
    assert located.search(result.stderr), result.stderr
    *errors, count = result.stderr.strip().split("\n")
    assert re.fullmatch(r"\d+ problems? found", count)
    assert all(re.fullmatch(r".+:\d+: .+", error) for error in errors), errors  # one line each
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"]  # no staging left behind


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
    from bilateral.render import Page

    real = pipeline.plan_pages
    monkeypatch.setattr(pipeline, "plan_pages", lambda graph: real(graph) + [Page("timeline/index.html", "404.html")])
    with pytest.raises(ValueError, match="two outputs write timeline/index.html"):
        pipeline.build(pipeline.Project(content=FIXTURE), tmp_path / "site")
    assert list(tmp_path.iterdir()) == []


def test_an_extra_output_may_not_replace_a_page(monkeypatch, tmp_path):
    from bilateral import pipeline

    def sitemap(graph, urls):
        return {"timeline/": "not the timeline"}
    monkeypatch.setattr(pipeline, "EXTRA_OUTPUTS", [sitemap])
    with pytest.raises(ValueError, match="sitemap would overwrite timeline/"):
        pipeline.build(pipeline.Project(content=FIXTURE), tmp_path / "site")
    assert list(tmp_path.iterdir()) == []
