"""Broken plans through the real command, StrictDoc style: tests/cases/NN_<case>/ holds the input
(plan.yaml, or make_plan.py for inputs too big to keep) and expected.txt, the exact output.

Line 1 of each plan.yaml says what is wrong and which line the error must name; expected.txt was
checked against it by hand. To refresh after changing a message on purpose:
    UPDATE_CASES=1 .venv/bin/python -m pytest tests/test_validation_cases.py
"""
from __future__ import annotations

import os
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
    assert failed == (name != "00_valid")
