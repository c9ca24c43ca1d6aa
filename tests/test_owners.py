"""Every measure has owners or says why not (a rule of every version, checked on the working plan
and on the excerpt plan of tests/cases/00_valid); the original release's owners are exactly what the
source states (an audit of the ``original`` fixture)."""
from pathlib import Path

import pytest

from plansite.data import loader
from plansite.data.errors import PlanError

EXCERPT = (Path(__file__).resolve().parent / "cases" / "00_valid" / "plan.yaml").read_text(encoding="utf-8")


def load_text(text: str, release: bool = False):
    return loader.load_bytes("data/plan.yaml", text.encode("utf-8"), release)


def only_problem(text: str):
    """The single problem a plan with one slip is rejected for."""
    with pytest.raises(PlanError) as caught:
        load_text(text)
    [problem] = caught.value.problems
    return problem


@pytest.fixture
def plan_text() -> str:
    return EXCERPT


def test_measure_one_is_owned_by_the_departments_the_source_names(original):
    first = original.measures.items[0]
    assert [d.name for d in first.owners] == ["区委组织部", "区委宣传部"]
    assert first.owners_pending is None


def test_other_measures_are_pending_because_the_source_is_silent(original):
    for measure in original.measures.items[1:]:
        assert measure.owners == []
        assert measure.owners_pending == "原文未载明"


def test_every_measure_has_owners_or_a_pending_reason(plan):
    for measure in plan.measures.items:
        assert bool(measure.owners) != bool(measure.owners_pending)


def test_a_silent_measure_is_rejected_at_its_line(plan_text):
    broken = plan_text.replace("      owners_pending: 原文未载明\n", "", 1)
    problem = only_problem(broken)
    assert "既没有 owners" in problem.message and "严肃追责问责" in problem.message
    assert broken.split("\n")[problem.line - 1].strip() == "- id: accountability"


def test_release_mode_accepts_pending_owners_only_where_the_source_is_incomplete(plan_text):
    """An owned, complete measure turned pending passes the everyday check and fails release mode."""
    excerpt = load_text(plan_text)
    assert [m for m in excerpt.measures.items if m.owners_pending and m.extent != "complete"]
    load_text(plan_text, release=True)  # pending where the source is incomplete: releasable
    owned = next(m for m in excerpt.measures.items if m.owners and m.extent == "complete")
    lines = plan_text.split("\n")
    at = next(i for i in range(owned.line, len(lines)) if lines[i].strip().startswith("owners:"))
    lines[at] = lines[at][:lines[at].index("owners:")] + "owners_pending: 原文未载明"
    pending = "\n".join(lines)
    load_text(pending)
    with pytest.raises(PlanError) as caught:
        load_text(pending, release=True)
    [problem] = caught.value.problems
    assert "原文完整的工作措施必须写明责任部门" in problem.message and owned.title in problem.message
    assert problem.line == at + 1


def test_unknown_department_is_named_with_the_known_ones(plan_text):
    broken = plan_text.replace("owners: [zuzhibu, xuanchuanbu]", "owners: [zuzhibu, xuanchuanbuu]")
    problem = only_problem(broken)
    assert "xuanchuanbuu" in problem.message and "xuanchuanbu" in problem.hint
    assert "xuanchuanbuu" in broken.split("\n")[problem.line - 1]


def test_duplicate_ids_are_rejected(plan_text):
    broken = plan_text.replace("- id: other", "- id: decisions")
    problem = only_problem(broken)
    assert "decisions" in problem.message and "重复" in problem.message


def test_departments_are_registered_once(plan):
    names = [d.name for d in plan.departments]
    assert len(names) == len(set(names))


def test_the_source_names_these_departments(original):
    assert {"区委组织部", "区委宣传部", "区委专项办", "区委党校"} <= {d.name for d in original.departments}


def test_back_references_from_departments(original):
    by_name = {d.name: d for d in original.departments}
    assert [m.code for m in by_name["区委组织部"].owns] == ["二（一）"]
    # The document's own “责任部门：” line names the owners: a mention like any other.
    assert [m.holder.code for m in by_name["区委组织部"].mentions] == ["二（一）"]
    assert [m.holder.code for m in by_name["区委专项办"].mentions] == ["二（二）一是"]
    assert [m.holder.code for m in by_name["区委党校"].mentions] == ["二（一）一是"]
