"""The history pages and PDFs tell (plansite.outputs.revisions), from models alone: which version is
current, which releases touched an area, measure or department, and how a text stood at the original
release. The fixture plan is released by the release code; the edits are CONTRIBUTING.md's own
(tests/editor_edits.py), so nothing here depends on the real plan.
"""
from __future__ import annotations

import datetime
import shutil

import pytest

from editor_edits import add_a_problem, assign_an_owner, change_a_word, fill_in_a_measure, reorder_two_items
from plansite.data import loader, releases
from plansite.outputs import plan_diff, release_copies, revisions
from released import FIXTURE


@pytest.fixture
def plan_file(tmp_path):
    target = tmp_path / "data" / "plan.yaml"
    target.parent.mkdir()
    shutil.copyfile(FIXTURE, target)
    return target


def apply(plan_file, edit) -> None:
    plan_file.write_text(edit(plan_file.read_text(encoding="utf-8"), loader.load(str(plan_file))), encoding="utf-8")


def release(plan_file, day: int, title: str) -> None:
    releases.record(str(plan_file), datetime.date(2022, 6, day), title, None)


def history(plan_file) -> revisions.History:
    return revisions.History(releases.load(str(plan_file)))


def test_the_version_is_said_in_words_and_follows_the_record(plan_file):
    assert revisions.version_text(releases.load(str(plan_file))) == revisions.NOT_RELEASED
    release(plan_file, 1, "首次发布")
    timeline = releases.load(str(plan_file))
    assert revisions.version_text(timeline) == f"现行版本：{timeline.current.label}"
    apply(plan_file, change_a_word)
    assert revisions.version_text(releases.load(str(plan_file))).endswith("（另有尚未发布的修改）")


def test_before_any_release_nothing_has_history(plan_file):
    found = history(plan_file)
    plan = found.timeline.working
    assert found.revisions == [] and found.unreleased is None
    assert all(not found.of(item) and not found.original(item) for item in plan.areas + plan.measures.items)


def test_revisions_run_newest_first_with_the_unreleased_edits_on_top(plan_file):
    release(plan_file, 1, "首次发布")
    apply(plan_file, change_a_word)
    release(plan_file, 2, "第一次修订")
    apply(plan_file, assign_an_owner)
    found = history(plan_file)
    first, second = found.timeline.releases
    assert [r.release for r in found.revisions] == [None, second, first]
    assert found.revisions[-1].is_original and found.revisions[-1].changes is None
    assert found.unreleased.previous is second


def test_a_changed_word_touches_its_area_and_keeps_the_original_wording(plan_file):
    release(plan_file, 1, "首次发布")
    original = loader.load(str(plan_file)).problems[0]
    apply(plan_file, change_a_word)
    release(plan_file, 2, "第一次修订")
    found = history(plan_file)
    problem = found.timeline.working.problems[0]
    assert [(t.revision.release, t.kinds) for t in found.of(problem.area)] == [(found.timeline.current, ["文字修改"])]
    assert found.original(problem).texts == [(plan_diff.field_name("text"), original.text, problem.text)]
    assert not found.original(found.timeline.working.problems[1])


def test_an_assigned_owner_shows_on_the_measure_and_on_the_department(plan_file):
    release(plan_file, 1, "首次发布")
    apply(plan_file, assign_an_owner)
    found = history(plan_file)
    plan = found.timeline.working
    department = plan.departments[0]
    owned_before = {m.id for m in found.timeline.original.plan.departments[0].owns}
    measure = next(m for m in department.owns if m.id not in owned_before)
    for touched in (measure, department):
        assert [(t.revision, t.kinds) for t in found.of(touched)] == [(found.unreleased, ["责任部门变化"])]
    assert found.original(measure).owners.startswith("待明确")


def test_a_reorder_is_renumbering_not_a_revised_text(plan_file):
    apply(plan_file, add_a_problem)  # the fixture's area needs three problems to swap two
    release(plan_file, 1, "首次发布")
    apply(plan_file, reorder_two_items)
    found = history(plan_file)
    area = next(a for a in found.timeline.working.areas if len(a.problems) >= 3)
    assert found.of(area)[0].kinds == ["编号变化"]
    assert not any(found.original(p) for p in area.problems)


def test_a_filled_in_measure_has_its_points_marked_as_added(plan_file):
    release(plan_file, 1, "首次发布")
    apply(plan_file, fill_in_a_measure)
    found = history(plan_file)
    measure = next(m for m in found.timeline.working.measures.items
                   if m.points and not next(o for o in found.timeline.original.plan.measures.items if o.id == m.id).points)
    assert all(found.original(p).added and found.original(p).added_in is found.unreleased for p in measure.points)
    assert found.original(measure).texts  # its extent changed: 本条已修订, with the original one click away
    assert "新增" in found.of(measure)[0].kinds


def test_the_revision_note_gives_added_and_removed_text_whole(plan_file):
    release(plan_file, 1, "首次发布")
    before = loader.load(str(plan_file))
    apply(plan_file, add_a_problem)
    text = plan_file.read_text(encoding="utf-8")
    removed = before.problems[-1]  # dropped by hand: its two lines (id, text) end the area's list
    plan_file.write_text(text.replace(f"        - id: {removed.id}\n          text: {removed.text}\n", ""), encoding="utf-8")
    parts = dict(release_copies.change_parts(history(plan_file).unreleased.changes))
    added = loader.load(str(plan_file)).problems[0]
    assert any(f"<ins>{added.text}</ins>" in line for line in parts["新增"])
    assert any(f"<del>{removed.text}</del>" in line for line in parts["删除"])
