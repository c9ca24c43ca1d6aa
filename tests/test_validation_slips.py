"""Every single-line slip of hand editing, on every line of the fixture plan where it can happen,
is reported at that line and nowhere else: the line the editor broke.

The slips are the ones editors make (a colon without its space or in full width, a missing
colon, a shifted indentation, an unclosed quote, a pasted invisible character, a half-width
comma, a tab, a stuck or doubled list dash ...). The case folders (tests/cases) show the exact
messages; this sweeps each slip over every line, through the same loader the command uses.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from plansite.data import loader
from plansite.data.errors import PlanError

BASE = (Path(__file__).resolve().parent / "cases" / "00_valid" / "plan.yaml").read_text(encoding="utf-8").split("\n")
FIELD_LINE = re.compile(r"^(\s*(?:- )?)([a-z_]+): (.+)$")


def _middle(value: str) -> int:
    return len(value) // 2


# kind -> (indent, key, value) -> the broken line, or None where the slip does not apply
SLIPS = {
    "colon without space": lambda i, k, v: f"{i}{k}:{v}",
    "full-width colon": lambda i, k, v: f"{i}{k}：{v}",
    "missing colon": lambda i, k, v: f"{i}{k} {v}",
    "semicolon for colon": lambda i, k, v: f"{i}{k}; {v}",
    "unclosed quote": lambda i, k, v: f'{i}{k}: "{v}',
    "two spaces more": lambda i, k, v: f"  {i}{k}: {v}",
    "one space more": lambda i, k, v: f" {i}{k}: {v}",
    "two spaces less": lambda i, k, v: f"{i[2:]}{k}: {v}" if len(i) >= 2 else None,
    "tab": lambda i, k, v: f"\t{i}{k}: {v}",
    "stuck dash": lambda i, k, v: f"{i[:-2]}-{k}: {v}" if i.endswith("- ") else None,
    "doubled dash": lambda i, k, v: f"{i}- {k}: {v}" if i.endswith("- ") else None,
    "colon and space in text": lambda i, k, v: f"{i}{k}: {v[:_middle(v)]}: {v[_middle(v):]}" if not v.isascii() else None,
    "half-width comma": lambda i, k, v: f"{i}{k}: {v[:_middle(v)]},{v[_middle(v):]}" if not v.isascii() else None,
    "right-to-left override": lambda i, k, v: f"{i}{k}: {v[:_middle(v)]}\u202e{v[_middle(v):]}" if not v.isascii() else None,
    "zero-width space": lambda i, k, v: f"{i}{k}: {v[:_middle(v)]}\u200b{v[_middle(v):]}" if not v.isascii() else None,
    "text starting with @": lambda i, k, v: f"{i}{k}: @{v}" if not v.isascii() else None,
    "text with ' #'": lambda i, k, v: f"{i}{k}: {v[:_middle(v)]} #{v[_middle(v):]}" if not v.isascii() else None,
}


def _reported_lines(lines: list[str]) -> set[int]:
    try:
        loader.load_bytes("plan.yaml", "\n".join(lines).encode("utf-8"))
    except PlanError as exc:
        return {problem.line for problem in exc.problems}
    return set()


@pytest.mark.parametrize("kind", sorted(SLIPS))
def test_each_slip_is_reported_at_the_line_it_broke(kind):
    missed = []
    tried = 0
    for index, line in enumerate(BASE):
        field = FIELD_LINE.match(line)
        broken = SLIPS[kind](*field.groups()) if field else None
        if broken is None:
            continue
        tried += 1
        lines = BASE[:index] + [broken] + BASE[index + 1:]
        reported = _reported_lines(lines)
        if reported != {index + 1}:
            missed.append(f"第 {index + 1} 行 {broken[:40]!r}: 报在 {sorted(reported)}")
    assert tried
    assert missed == []


def test_an_id_taking_a_generated_name_is_refused_at_its_line():
    """`index` (each folder's overview page) as the id of any entry; departments are named by
    their ids elsewhere too (owners), so renaming one is tried where nothing refers to it."""
    referred = set(re.findall(r"[a-z][a-z0-9-]*", " ".join(l for l in BASE if "owners:" in l)))
    tried = 0
    for index, line in enumerate(BASE):
        field = FIELD_LINE.match(line)
        if not field or field.group(2) != "id" or field.group(3) in referred:
            continue
        tried += 1
        lines = BASE[:index] + [f"{field.group(1)}id: index"] + BASE[index + 1:]
        assert _reported_lines(lines) == {index + 1}, line
    assert tried
