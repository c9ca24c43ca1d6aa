"""A damaged release record through the real command, in the case-folder style of
test_validation_cases: tests/release_cases/NN_<case>/ holds index.yaml (``{sha256}`` stands for
the snapshot's real checksum) and expected.txt, the exact output of `check`. Every snapshot the
index names is written as a copy of the excerpt plan, except those listed in missing.txt.

Line 1 of each index.yaml says what is wrong and where. To refresh after changing a message on purpose:
    UPDATE_CASES=1 .venv/bin/python -m pytest tests/test_release_cases.py
"""
from __future__ import annotations

import hashlib
import re

import pytest

from test_validation_cases import BASE as EXCERPT, ROOT, check_as_expected

CASES = ROOT / "tests" / "release_cases"


@pytest.mark.parametrize("name", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_case(name, tmp_path):
    case = CASES / name
    plan = EXCERPT.read_bytes()
    (tmp_path / "plan.yaml").write_bytes(plan)
    folder = tmp_path / "releases"
    folder.mkdir()
    index = (case / "index.yaml").read_text(encoding="utf-8").replace("{sha256}", hashlib.sha256(plan).hexdigest())
    (folder / "index.yaml").write_text(index, encoding="utf-8")
    missing = (case / "missing.txt").read_text(encoding="utf-8").split() if (case / "missing.txt").exists() else []
    for snapshot in set(re.findall(r"snapshot: (\S+)", index)) - set(missing):
        (folder / snapshot).write_bytes(plan)

    _, returncode = check_as_expected(case, tmp_path)
    assert returncode == (0 if name.endswith("_valid") else 1)
