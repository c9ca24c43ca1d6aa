"""Broken plans through the real command, StrictDoc style: tests/cases/NN_<case>/ holds the input
(plan.yaml, or make_plan.py for inputs too big to keep) and expected.txt, the exact output.

Line 1 of each plan.yaml says what is wrong and which lines the errors must name ("应报第 52、53
行"): the test checks that the output names exactly those lines, so a refreshed expected.txt cannot
drift to another line unnoticed. Cases named *_accepted are inputs that must pass (Windows line
ends, a BOM, full-width spaces). To refresh after changing a message on purpose:
    UPDATE_CASES=1 .venv/bin/python -m pytest tests/test_validation_cases.py
"""
from __future__ import annotations

import os
import re
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
BASE = CASES / "00_valid" / "plan.yaml"


def _cases():
    return sorted(p.name for p in CASES.iterdir() if p.is_dir() and p.name[:2].isdigit())


def _prepare(case: Path, work: Path) -> None:
    if (case / "make_plan.py").exists():
        make_plan = runpy.run_path(str(case / "make_plan.py"))["make_plan"]
        (work / "plan.yaml").write_bytes(make_plan(BASE.read_bytes()))
    else:
        shutil.copyfile(case / "plan.yaml", work / "plan.yaml")


def check_as_expected(case: Path, work: Path) -> tuple[str, int]:
    """`check plan.yaml` run in *work*: its output, which must be the case's expected.txt, and exit code."""
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_data.py"), "check", "plan.yaml"],
                            cwd=work, capture_output=True, text=True, env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    if os.environ.get("UPDATE_CASES"):
        (case / "expected.txt").write_text(output, encoding="utf-8")
    assert output == (case / "expected.txt").read_text(encoding="utf-8")
    return output, result.returncode


@pytest.mark.parametrize("name", _cases())
def test_case(name, tmp_path):
    case = CASES / name
    _prepare(case, tmp_path)
    output, returncode = check_as_expected(case, tmp_path)
    failed = " 错误: " in output
    assert returncode == (1 if failed else 0)
    assert failed == (name != "00_valid" and not name.endswith("_accepted"))
    stated = _stated_lines(tmp_path / "plan.yaml")
    if stated:
        named = {int(n) for n in re.findall(r"^plan\.yaml:(\d+):\d+: 错误: ", output, re.M)}
        assert named == stated, output


def _stated_lines(plan: Path) -> set[int]:
    """The lines a case's first line says the errors must name (应报第 41、53、59 行)."""
    first = plan.read_bytes().split(b"\n", 1)[0].decode("utf-8", "replace")
    found = re.search(r"应报第 ([\d、]+) 行", first)
    return {int(n) for n in found.group(1).split("、")} if found else set()
