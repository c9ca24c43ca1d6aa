"""The pull-request checks: the workflow runs the project's own commands on GitHub, Gitea and Forgejo and
reports to the reviewer in the ways each shows; pre-commit runs from .venv and accepts Windows files;
the scripts run as README shows; yamllint (with the repository's settings) accepts the plan."""
from __future__ import annotations

import os
import re
import shutil
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


def jobs() -> dict:
    return workflow()["jobs"]


def script(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def test_the_workflow_runs_on_pull_requests_with_the_project_commands():
    flow = workflow()
    triggers = flow[True] if True in flow else flow["on"]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers
    for name, job in jobs().items():
        runs = [step.get("run", "") for step in job["steps"]]
        commands = ["make test"] if name == "test" else ["scripts/ci_report.sh data/plan.yaml", "make site"]
        order = [next(i for i, run in enumerate(runs) if command in run) for command in commands]
        assert order == sorted(order), name  # report on the plan first, then build strictly
        assert job["container"].startswith("debian:")  # Debian's chromium, not Ubuntu's snap stub


def test_each_platform_gets_the_report_through_an_artifact_action_it_supports():
    """GitHub refuses upload-artifact@v3; Gitea and Forgejo lack @v4: one review job for each."""
    by_platform = {}
    for name, job in jobs().items():
        uploads = [s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact@")]
        if uploads:
            [upload] = uploads
            assert {"report/", "site/"} <= set(upload["with"]["path"].split()), name
            assert upload["if"] == "always()"  # the report matters most when the check failed
            by_platform[job["if"]] = upload["uses"]
    assert by_platform == {"github.server_url == 'https://github.com'": "actions/upload-artifact@v4",
                           "github.server_url != 'https://github.com'": "actions/upload-artifact@v3"}
    review, other = (job for job in jobs().values() if "if" in job)
    assert review["steps"][:-1] == other["steps"][:-1]  # the same steps otherwise


def test_runner_label_is_configurable_and_downloads_are_cached():
    for name, job in jobs().items():
        assert job["runs-on"] == "${{ vars.RUNNER_LABEL || 'ubuntu-latest' }}", name
        [cache] = [s for s in job["steps"] if s.get("uses", "").startswith("actions/cache@")]
        assert set(cache["with"]["path"].split()) == {"/root/.cache/pip", "/root/.npm"}, name
        files = re.search(r"hashFiles\((.*)\)", cache["with"]["key"]).group(1)
        assert "requirements.txt" in files and "package-lock.json" in files, name
    env = workflow()["env"]
    assert env["PIP_CACHE_DIR"] == "/root/.cache/pip" and env["npm_config_cache"] == "/root/.npm"


def test_only_the_test_job_installs_the_test_dependencies():
    for name, job in jobs().items():
        assert ("make test" in script(job)) == (name == "test"), name


def test_the_pull_request_diff_is_against_the_target_branch():
    for job in (job for job in jobs().values() if "if" in job):
        [step] = [s for s in job["steps"] if "ci_report.sh" in s.get("run", "")]
        assert step["env"]["OLD"] == "${{ github.event_name == 'pull_request' && format('origin/{0}', github.base_ref) || '' }}"
        checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
        assert checkout["with"]["fetch-depth"] == 0


def run_report(tmp_path, plan: Path, old: str = "", server: str = "https://github.com"):
    summary = tmp_path / "summary.md"
    env = dict(os.environ, REPORT_DIR=str(tmp_path / "report"), GITHUB_STEP_SUMMARY=str(summary),
               GITHUB_SERVER_URL=server, PYTHON=sys.executable)
    result = subprocess.run(["bash", "scripts/ci_report.sh", str(plan), old], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    return result, summary.read_text(encoding="utf-8") if summary.exists() else ""


def test_the_report_lists_every_error_in_the_log_the_summary_and_as_annotations(tmp_path):
    plan = ROOT / "tests" / "cases" / "39_colon_without_space" / "plan.yaml"
    result, summary = run_report(tmp_path, plan, old=str(ROOT / "tests" / "cases" / "00_valid" / "plan.yaml"))
    assert result.returncode == 1
    errors = re.findall(r"^(\S+):(\d+):(\d+): 错误: (.*)$", result.stdout, re.M)
    assert len(errors) == 2
    for file, line, col, message in errors:
        assert f"::error file={file},line={line},col={col}::{message}" in result.stdout
        assert f"{file}:{line}:{col}: 错误: {message}" in summary
    assert (tmp_path / "report" / "check.txt").read_text(encoding="utf-8").count(" 错误: ") == 2
    elsewhere, _ = run_report(tmp_path, plan, server="https://gitea.example")
    assert "::error" not in elsewhere.stdout  # Gitea and Forgejo show no annotations: the log says it all


def test_the_report_shows_the_plan_diff_in_the_log_and_the_summary(tmp_path):
    cases = ROOT / "tests" / "cases"
    result, summary = run_report(tmp_path, cases / "48_full_width_space_accepted" / "plan.yaml",
                                 old=str(cases / "00_valid" / "plan.yaml"))
    assert result.returncode == 0, result.stdout + result.stderr
    markdown = (tmp_path / "report" / "plan-diff.md").read_text(encoding="utf-8")
    assert markdown in summary and "<ins>" in markdown
    assert "{+" in result.stdout and "<ins>" not in result.stdout  # plain text in the log
    assert (tmp_path / "report" / "plan-diff.txt").read_text(encoding="utf-8") in result.stdout


def test_pre_commit_runs_the_validator_and_yamllint():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert all(repo["repo"] == "local" for repo in config["repos"])  # nothing downloaded when it runs
    assert hooks["plan-check"]["entry"] == "make check"
    assert re.search(hooks["plan-check"]["files"], "data/plan.yaml")
    assert hooks["yamllint"]["entry"].startswith(".venv/bin/yamllint -c .yamllint")


def test_windows_line_ends_pass_the_pre_commit_hooks(tmp_path):
    """A plan saved with CRLF passes yamllint's hook as run by pre-commit (and the checker: case 49)."""
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    for name in (".pre-commit-config.yaml", ".yamllint"):
        shutil.copyfile(ROOT / name, repo / name)
    (repo / ".venv").symlink_to(Path(sys.executable).parent.parent)
    (repo / "data" / "plan.yaml").write_bytes((ROOT / "tests" / "cases" / "49_crlf_accepted" / "plan.yaml").read_bytes())
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"), GIT_CONFIG_GLOBAL=str(tmp_path / "gitconfig"))
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "add", "data/plan.yaml", ".pre-commit-config.yaml", ".yamllint"], cwd=repo, check=True, env=env)
    result = subprocess.run([str(Path(sys.executable).parent / "pre-commit"), "run", "yamllint", "--files", "data/plan.yaml"],
                            cwd=repo, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert b"\r\n" in (repo / "data" / "plan.yaml").read_bytes()


def test_make_hooks_installs_pre_commit_from_the_venv():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^hooks: \$\(VENV\)/\.installed-test\n\t\$\(BIN\)/pre-commit install$", makefile, re.M)
    assert re.search(r"^pre-commit==[\d.]+$", (ROOT / "requirements-test.txt").read_text(encoding="utf-8"), re.M)


def test_scripts_named_in_the_readme_run_as_shown():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"scripts/\w+\.py", readme))
    assert "scripts/build_data.py" in named
    for script_path in named:
        path = ROOT / script_path
        assert os.access(path, os.X_OK), script_path
        assert path.read_text(encoding="utf-8").startswith("#!/usr/bin/env python3\n"), script_path
    venv_bin = str(Path(sys.executable).parent)
    result = subprocess.run(["scripts/build_data.py", "check", "tests/cases/00_valid/plan.yaml"], cwd=ROOT,
                            env=dict(os.environ, PATH=venv_bin + os.pathsep + os.environ["PATH"]),
                            capture_output=True, text=True)  # as in a terminal with .venv activated
    assert result.returncode == 0 and "通过检查" in result.stdout, result.stderr


def test_the_error_example_in_contributing_is_what_the_tool_prints():
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    example = re.search(r"30_many_problems/plan\.yaml`）输出：\n\n```text\n(.*?)```", guide, re.S).group(1)
    assert example == (ROOT / "tests" / "cases" / "30_many_problems" / "expected.txt").read_text(encoding="utf-8")
