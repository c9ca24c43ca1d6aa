"""Shared fixtures: the plan as the site sees it, the original release, the source copy, one
strict site build, and a built fixture project with three releases (tests/released.py).

Two kinds of checks use them. Rules (validation, owners, numbering, rendering, inert text) run on
``plan``, the working data/plan.yaml, and never pin its wording or counts: an editor's change must
pass them. Fidelity to the source copy is an audit of ``original``, the plan as first released
(data/releases/); before any release, that is the working plan.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from plansite.data import loader, releases
from released import released_project

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "data" / "plan.yaml"
SOURCE = ROOT / "data" / "source" / "plan-source.txt"

# The copy's ASCII punctuation stands for the official full-width forms (data/source/README.md).
FULL_WIDTH = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）"})


@pytest.fixture(scope="session")
def plan():
    return loader.load(str(PLAN))


@pytest.fixture(scope="session")
def original(plan):
    """The plan as first released: what the source copy is audited against."""
    first = releases.load(str(PLAN)).original
    return first.plan if first else plan


@pytest.fixture(scope="session")
def source_lines() -> list[str]:
    return [line.translate(FULL_WIDTH) for line in SOURCE.read_text(encoding="utf-8").split("\n")]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site built once with `mkdocs build --strict`, as `make site` does."""
    site = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-4000:]
    return site


@pytest.fixture(scope="session")
def released(tmp_path_factory):
    """A fixture project with three releases and an unreleased edit, built (tests/released.py)."""
    return released_project(tmp_path_factory.mktemp("released"))
