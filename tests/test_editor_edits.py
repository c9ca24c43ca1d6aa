"""Every edit CONTRIBUTING.md describes passes everything CI runs on a plan change, on a copy of the
repository (with its releases): `check`, the site build, and the content tests, which check rules
on the working plan and audit only the original release against the source copy.

Each edit alone is checked, built and run through the tests that read the plan; all of them at once
also through the tests that read the built site and its PDFs (the slow part, so once).
"""
from __future__ import annotations

import functools
import sys

import pytest

from editor_edits import EDITS, NotApplicable
from plansite.data import loader
from repo_copy import ROOT, build_data, copy_repository, run

# The tests that read the plan or the source copy, and those that read the built site (the browser
# suite is derived from the model the same way and runs on the real repository).
PLAN_TESTS = ["tests/test_fidelity.py", "tests/test_owners.py", "tests/test_validation_ci.py"]
SITE_TESTS = ["tests/test_site.py", "tests/test_pdf.py", "tests/test_office.py", "tests/test_libreoffice.py",
              "tests/test_search_index.py", "tests/test_validation_schema.py"]


def all_edits(text, plan):
    def apply(text, edit):
        try:
            return edit(text, loader.load_bytes("plan.yaml", text.encode("utf-8")))
        except NotApplicable:
            return text
    return functools.reduce(apply, EDITS, text)


def pytest_in(project, *tests):
    return run(project, sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
               "-k", "not browser_print", *tests)


@pytest.mark.parametrize("edit", EDITS + [all_edits], ids=lambda edit: edit.__name__)
def test_an_everyday_edit_passes_the_checks_the_build_and_the_content_tests(edit, tmp_path):
    project = copy_repository(tmp_path / "repo")
    plan_file = project / "data" / "plan.yaml"
    before = plan_file.read_text(encoding="utf-8")
    try:
        after = edit(before, loader.load(str(ROOT / "data" / "plan.yaml")))
    except NotApplicable as reason:  # e.g. every owner named by now: nothing left to assign
        pytest.skip(f"the plan has {reason}")
    assert after != before
    plan_file.write_text(after, encoding="utf-8")

    checked = build_data(project, "check")
    assert checked.returncode == 0, checked.stderr
    if edit is all_edits:
        tests = pytest_in(project, *PLAN_TESTS, *SITE_TESTS)  # the site is built by the tests' fixture
    else:
        built = run(project, sys.executable, "scripts/build_site.py")
        assert built.returncode == 0, built.stderr[-4000:]
        tests = pytest_in(project, *PLAN_TESTS)
    assert tests.returncode == 0, tests.stdout[-4000:]
