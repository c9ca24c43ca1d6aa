"""The pull-request checks: the workflow and pre-commit run the project's own commands, and
yamllint (with the repository's settings) accepts the plan as it is."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def workflow() -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / "plan.yml").read_text(encoding="utf-8"))


def test_yamllint_accepts_the_plan_and_the_repository_yaml():
    files = ["data/plan.yaml", "mkdocs.yml", ".github/workflows/plan.yml", ".pre-commit-config.yaml",
             *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "data" / "releases").glob("*.yaml"))]
    result = subprocess.run([sys.executable, "-m", "yamllint", "-c", ".yamllint", "--strict", *files],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_workflow_runs_on_pull_requests_with_the_project_commands():
    flow = workflow()
    triggers = flow[True] if True in flow else flow["on"]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers
    [job] = flow["jobs"].values()
    runs = [step.get("run", "") for step in job["steps"]]
    script = "\n".join(runs)
    for command in ("make check", "make site", "make test", "scripts/build_data.py diff"):
        assert command in script, command
    order = [next(i for i, run in enumerate(runs) if command in run)
             for command in ("make check", "make site", "make test")]
    assert order == sorted(order)  # validate, then build strictly, then test


def test_the_plan_diff_goes_to_the_job_summary_against_the_target_branch():
    [job] = workflow()["jobs"].values()
    [step] = [s for s in job["steps"] if "build_data.py diff" in s.get("run", "")]
    assert '>> "$GITHUB_STEP_SUMMARY"' in step["run"]
    assert "origin/$BASE_REF" in step["run"] and step["env"]["BASE_REF"] == "${{ github.base_ref }}"
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    assert job["container"].startswith("debian:")  # Debian's chromium, not Ubuntu's snap stub


def test_the_built_site_is_uploaded_as_an_artifact():
    [job] = workflow()["jobs"].values()
    [upload] = [s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload["with"]["path"].rstrip("/") == "site"


def test_check_errors_become_annotations_on_their_lines(tmp_path):
    """The check step's sed turns each FILE:LINE:COL error into an ::error annotation."""
    [job] = workflow()["jobs"].values()
    [step] = [s for s in job["steps"] if "make check" in s.get("run", "")]
    sed = re.search(r"^\s*(sed .*check-errors\.txt)$", step["run"], re.M).group(1)
    errors = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_data.py"), "check",
                             str(ROOT / "tests" / "cases" / "09_duplicate_id" / "plan.yaml")],
                            capture_output=True, text=True)
    (tmp_path / "check-errors.txt").write_text(errors.stderr, encoding="utf-8")
    result = subprocess.run(["bash", "-c", sed], cwd=tmp_path, capture_output=True, text=True)
    assert result.stdout.strip().endswith(
        "plan.yaml,line=62,col=11::编号（id）“accountability”重复（第 51 行已使用）")
    assert result.stdout.startswith("::error file=")


def test_pre_commit_runs_the_validator_and_yamllint():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert any(repo["repo"] == "local" for repo in config["repos"])
    assert hooks["plan-check"]["entry"] == "make check"
    assert re.search(hooks["plan-check"]["files"], "data/plan.yaml")
    assert hooks["yamllint"]["entry"].startswith("yamllint -c .yamllint")


def test_the_error_example_in_contributing_is_what_the_tool_prints():
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    example = re.search(r"30_many_problems/plan\.yaml`）输出：\n\n```text\n(.*?)```", guide, re.S).group(1)
    assert example == (ROOT / "tests" / "cases" / "30_many_problems" / "expected.txt").read_text(encoding="utf-8")
