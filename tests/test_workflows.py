"""The GitHub Actions workflows: CI on pull requests, Pages deployment from main."""
from __future__ import annotations

import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def load(name: str) -> dict:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text())
    workflow["on"] = workflow.pop(True, workflow.get("on"))  # YAML 1.1 reads `on` as true
    return workflow


def steps(job: dict) -> list[str]:
    return [step.get("uses", "").split("@")[0] or step["run"] for step in job["steps"]]


def test_ci_runs_check_tests_and_linkcheck_on_pull_requests():
    ci = load("ci.yml")
    assert "pull_request" in ci["on"] and "push" in ci["on"]
    [job] = ci["jobs"].values()
    run = steps(job)
    assert run[:2] == ["actions/checkout", "actions/setup-python"]
    assert 'pip install -e ".[test]"' in run
    order = [run.index("python build.py check"), run.index("python -m pytest -q"),
             next(i for i, s in enumerate(run) if s.startswith("python build.py linkcheck"))]
    assert order == sorted(order)
    assert ci["permissions"] == {"contents": "read"}


def test_pages_builds_with_the_pages_base_path_and_deploys():
    pages = load("pages.yml")
    assert pages["on"]["push"]["branches"] == ["main"] and "workflow_dispatch" in pages["on"]
    assert pages["concurrency"]["group"] == "pages"
    build, deploy = pages["jobs"]["build"], pages["jobs"]["deploy"]
    configure = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/configure-pages@"))
    assert configure["id"] == "pages"
    assert ('python build.py --base-url "${{ steps.pages.outputs.base_path }}/" '
            '--site-url "${{ steps.pages.outputs.base_url }}"') in steps(build)
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert steps(deploy) == ["actions/deploy-pages"]
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["environment"]["url"] == "${{ steps.deployment.outputs.page_url }}"
    assert deploy["steps"][0]["id"] == "deployment"


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


def test_pull_request_template_has_the_editors_checklist():
    text = (ROOT / ".github" / "pull_request_template.md").read_text()
    for item in ("python build.py check", "python build.py new", "quote", "disputes", "FILL-ME"):
        assert item in text
    assert text.count("- [ ]") >= 5
