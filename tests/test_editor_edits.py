"""Every edit CONTRIBUTING.md describes passes everything CI runs on a plan change, on a copy of the
repository (with its releases): `check`, the site build, and the content tests, which check rules
on the working plan and audit only the original release against the source copy.
"""
from __future__ import annotations

import functools
import sys

import pytest

from editor_edits import EDITS
from plansite.data import loader
from repo_copy import ROOT, build_data, copy_repository, run

# The tests that read the plan, the source copy or the built site (the browser suite is derived
# from the model the same way and runs on the real repository).
CONTENT_TESTS = ["tests/test_fidelity.py", "tests/test_owners.py", "tests/test_site.py", "tests/test_pdf.py",
                 "tests/test_validation_schema.py", "tests/test_validation_ci.py"]


def all_edits(text, plan):
    return functools.reduce(lambda t, edit: edit(t, loader.load_bytes("plan.yaml", t.encode("utf-8"))), EDITS, text)


@pytest.mark.parametrize("edit", EDITS + [all_edits], ids=lambda edit: edit.__name__)
def test_an_everyday_edit_passes_the_checks_and_the_content_tests(edit, tmp_path):
    project = copy_repository(tmp_path / "repo")
    plan_file = project / "data" / "plan.yaml"
    before = plan_file.read_text(encoding="utf-8")
    after = edit(before, loader.load(str(ROOT / "data" / "plan.yaml")))
    assert after != before
    plan_file.write_text(after, encoding="utf-8")

    checked = build_data(project, "check")
    assert checked.returncode == 0, checked.stderr
    tests = run(project, sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
                "-k", "not browser_print", *CONTENT_TESTS)
    assert tests.returncode == 0, tests.stdout[-4000:]
