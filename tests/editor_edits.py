"""The everyday edits CONTRIBUTING.md describes, made the way an editor makes them: on the lines of
data/plan.yaml. Each takes the plan's text and its model (for where things stand) and returns the
edited text; none assumes the plan's wording or counts, so they work on any version of the plan
(one whose plan has nothing of the kind left, say no pending owner, raises NotApplicable).
"""
from __future__ import annotations

from plansite.data.model import Plan


class NotApplicable(Exception):
    """The plan has nothing this edit could be made on."""


def _first(items, what: str):
    for item in items:
        return item
    raise NotApplicable(what)


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" "))]


def _key_line(lines: list[str], start: int, key: str) -> int:
    """Index of the first line from *start* (0-based) that holds ``key:``."""
    return next(i for i in range(start, len(lines)) if lines[i].lstrip(" -").startswith(key + ":"))


def change_a_word(text: str, plan: Plan) -> str:
    """一字之改: the first problem's text gets another opening word."""
    problem = _first(plan.problems, "no problem item")
    changed = "切实" + problem.text[2:] if not problem.text.startswith("切实") else "着力" + problem.text[2:]
    lines = _lines(text)
    at = _key_line(lines, problem.line - 1, "text")
    lines[at] = lines[at].replace(problem.text, changed)
    return "\n".join(lines)


def assign_an_owner(text: str, plan: Plan) -> str:
    """A pending measure gets its owner once the source names it (one with its full text first)."""
    pending = sorted((m for m in plan.measures.items if m.owners_pending), key=lambda m: m.extent != "complete")
    measure = _first(pending, "no measure with pending owners")
    lines = _lines(text)
    at = _key_line(lines, measure.line - 1, "owners_pending")
    lines[at] = f"{_indent(lines[at])}owners: [{plan.departments[0].id}]"
    return "\n".join(lines)


def add_a_department(text: str, plan: Plan) -> str:
    lines = _lines(text)
    at = plan.departments[0].line - 1
    indent = _indent(lines[at])
    lines[at:at] = [f"{indent}- id: test-added-department", f"{indent}  name: 测试新增部门"]
    return "\n".join(lines)


def add_a_problem(text: str, plan: Plan) -> str:
    """A new first problem in the first area that has problems: every later one is renumbered."""
    first = _first((a.problems[0] for a in plan.areas if a.problems), "no area with problems")
    lines = _lines(text)
    at = first.line - 1
    indent = _indent(lines[at])
    lines[at:at] = [f"{indent}- id: test-added-problem", f"{indent}  text: 测试新增的问题条目，由编辑补录。"]
    return "\n".join(lines)


def reorder_two_items(text: str, plan: Plan) -> str:
    """Swap the first two problems of an area that has a third (whose line ends the second)."""
    area = _first((a for a in plan.areas if len(a.problems) >= 3), "no area with three problems")
    one, two, three = (p.line - 1 for p in area.problems[:3])
    lines = _lines(text)
    lines[one:three] = lines[two:three] + lines[one:two]
    return "\n".join(lines)


def fill_in_a_measure(text: str, plan: Plan) -> str:
    """补录正文: a measure known only by its title gets its text (a placeholder here, it is a fixture)."""
    measure = _first((m for m in plan.measures.items if m.extent == "title_only"), "no measure known by its title only")
    lines = _lines(text)
    at = _key_line(lines, measure.line - 1, "extent")
    indent = _indent(lines[at])
    lines[at:at + 1] = [f"{indent}extent: complete", f"{indent}points:",
                        f"{indent}  - lead: 测试补录的要点句。", f"{indent}    body: 测试补录的正文，由编辑据正式印发件录入。"]
    return "\n".join(lines)


EDITS = [change_a_word, assign_an_owner, add_a_department, add_a_problem, reorder_two_items, fill_in_a_measure]
