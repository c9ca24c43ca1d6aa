"""The one history of releases the tests use: the fixture plan released three times (the last two
on one day), with ordinary edits between releases and one unreleased edit after them.

``release_history`` makes it with any way of releasing: the release code here, for the project
built once per session (conftest.py ``released``) for the page, PDF and browser tests; the real
command in a copy of the repository for tests/test_releases.py. Every expectation those tests hold
comes from the edits below and the models, never the real plan.
"""
from __future__ import annotations

import datetime
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from plansite.data import releases, synthetic

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "cases" / "00_valid" / "plan.yaml"

# The edits, each a plain text replacement in the fixture plan.
OLD_WORD, NEW_WORD = "照本宣科", "生搬硬套"  # in problem study-half-hearted, before the second release
NEW_PROBLEM = "        - id: new-problem\n          text: 新增的问题条目，仅供测试。\n"  # under area other, same release
OWNER_BEFORE = "      owners_pending: 原文未载明\n      points:\n        - lead: 严肃执纪问责。"
OWNER_AFTER = "      owners: [zhuanxiangban]\n      points:\n        - lead: 严肃执纪问责。"  # before the third
UNRELEASED_OLD, UNRELEASED_NEW = "深入治理有令不行", "着力治理有令不行"  # area decisions' target, after all
RELEASES = [("2022-01-10", "首次发布", "据原文副本录入。"),
            ("2022-06-01", "第一次修订", "改正问题表述，补充一条问题。"),
            ("2022-06-01", "第二次修订", None)]  # the same day: its snapshot is 2022-06-01-2


@dataclass
class Project:
    config: str
    plan_file: Path
    site: Path

    def timeline(self) -> releases.Timeline:
        return releases.load(str(self.plan_file))


def edit(plan_file: Path, old: str, new: str) -> None:
    text = plan_file.read_text(encoding="utf-8")
    assert old in text, old
    plan_file.write_text(text.replace(old, new, 1), encoding="utf-8")


def build(config: str, site: Path, handouts: bool = True) -> None:
    """`mkdocs build --strict`, as `make site` runs it."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PLAN_HANDOUTS=str(handouts).lower())
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "--site-dir", str(site)],
                            cwd=os.path.dirname(config), env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-4000:]


def release_history(plan_file: Path, release: Callable[[str, str, str | None], None]) -> None:
    """RELEASES made on *plan_file* (the fixture plan) by *release*(date, title, note), each after
    its edits, then the unreleased edit."""
    edits = [lambda: None,
             lambda: (edit(plan_file, OLD_WORD, NEW_WORD),
                      edit(plan_file, "      problems: []\n", "      problems:\n" + NEW_PROBLEM)),
             lambda: edit(plan_file, OWNER_BEFORE, OWNER_AFTER)]
    for change, (date, title, note) in zip(edits, RELEASES):
        change()
        release(date, title, note)
    edit(plan_file, UNRELEASED_OLD, UNRELEASED_NEW)


def released_project(folder: Path) -> Project:
    config = synthetic.project(str(folder), str(FIXTURE))
    plan_file = folder / "data" / "plan.yaml"
    release_history(plan_file, lambda date, title, note: releases.record(
        str(plan_file), datetime.date.fromisoformat(date), title, note))
    project = Project(config, plan_file, folder / "site")
    build(config, project.site)
    return project
