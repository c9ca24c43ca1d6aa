"""What changed between two versions of the plan, said in the plan's own terms, as Markdown.

Compares two resolved models, never YAML lines: an editor's pull request reads as "二（三）打通梗阻堵点:
责任部门 待明确 → 区委组织部", not as a line diff. Things are matched by id (departments, areas,
problems, measures, guarantees), points by their position among the item's points after aligning
their lead sentences, so that inserting a point shows as one addition, not as every later point
changed. Changed text is marked character by character (difflib suits Chinese, which has no
spaces between words) with <del>/<ins>: CommonMark's ~~ and ** do not open next to full-width
punctuation, which Chinese text is full of.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from ..data.model import Area, Item, Plan

# Unchanged text kept around each change, in characters; the rest is elided.
CONTEXT = 12

_FIELD_NAMES = {"title": "标题", "subtitle": "副标题", "intro": "引言", "heading": "引领句", "target": "治理目标",
                "text": "条文", "note": "编者注", "lead": "要点句", "body": "正文", "extent": "原文保存程度",
                "truncated": "中断标记", "name": "名称", "preamble": "导言", "period": "实施期限"}
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]<>&#|!~^=+$%@]")


@dataclass
class Unit:
    """One citable thing in the plan: what it is called, where it stands, and its fields."""

    key: tuple  # stable identity: ("item", id), ("point", item id, n), …
    kind: str  # 治理重点 / 问题 / 工作措施 / 组织保障 / 要点 / 部门 / 部分 / 方案
    code: str  # citation code at this version, e.g. 二（三）
    name: str  # a short title for the reader
    fields: dict = field(default_factory=dict)
    owners: tuple | None = None  # department names, or ("待明确：…",) for a measure
    parent: tuple | None = None  # the key of the area or item it stands under
    number: int = 0  # its number under that parent


@dataclass
class Changes:
    """What changed, kind by kind (the fields named in KINDS), each list in document order."""

    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    moved: list = field(default_factory=list)  # (old unit, new unit)
    owners: list = field(default_factory=list)  # (old unit, new unit)
    texts: list = field(default_factory=list)  # (new unit, field, old value, new value)
    followers: dict = field(default_factory=dict)  # moved parent key -> how many renumbered with it

    def __bool__(self) -> bool:
        return any((self.added, self.removed, self.moved, self.owners, self.texts))


# The kinds of change, as every output names them (diff, 修订记录, item history, 修订说明).
KINDS = {"added": "新增", "removed": "删除", "moved": "编号变化", "owners": "责任部门变化", "texts": "文字修改"}


def units(plan: Plan) -> list[Unit]:
    """Every citable unit of *plan* in document order."""
    found = [Unit(("plan",), "方案", "", "方案",
                  {"title": plan.title, "period": plan.period, "preamble": plan.preamble})]
    for department in plan.departments:
        found.append(Unit(("department", department.id), "部门", "", department.name, {"name": department.name}))
    for section in plan.sections:
        found.append(Unit(("section", section.key), "部分", section.code, section.title,
                          {"title": section.title, "intro": section.intro}))
        for item in section.items:
            if isinstance(item, Area):
                found.append(Unit(("area", item.id), "治理重点", item.code, item.title,
                                  {"heading": item.heading, "target": item.target, "note": item.note}))
                found += [Unit(("problem", p.id), "问题", p.code, p.title, {"text": p.text, "note": p.note},
                               parent=("area", item.id), number=p.number) for p in item.problems]
                continue
            found.append(_item_unit(item))
    return found


def _item_unit(item: Item) -> Unit:
    kind = "工作措施" if item.is_measure else "组织保障"
    owners = None
    if item.is_measure:
        owners = tuple(d.name for d in item.owners) or (f"待明确（{item.owners_pending}）",)
    return Unit(("item", item.id), kind, item.code, item.title,
                {"title": item.title, "subtitle": item.subtitle, "text": item.text, "extent": item.extent_label,
                 "note": item.note},
                owners)


def _points(item: Item) -> list[Unit]:
    return [Unit(("point", item.id, p.number), "要点", p.code, p.lead,
                 {"lead": p.lead, "body": p.body, "truncated": "是" if p.truncated else None, "note": p.note},
                 parent=("item", item.id), number=p.number)
            for p in item.points]


def compare(old: Plan, new: Plan) -> Changes:
    changes = Changes()
    old_units = {u.key: u for u in units(old)}
    new_units = {u.key: u for u in units(new)}
    for key, unit in new_units.items():
        if key not in old_units:
            changes.added.append(unit)
            continue
        _compare_unit(old_units[key], unit, changes)
    changes.removed = [u for k, u in old_units.items() if k not in new_units]
    moved_parents = {b.key for _, b in changes.moved}
    # A problem keeping its number under an area that moved is told with the area, not again.
    kept = []
    for a, b in changes.moved:
        if b.parent in moved_parents and a.parent == b.parent and a.number == b.number:
            changes.followers[b.parent] = changes.followers.get(b.parent, 0) + 1
        else:
            kept.append((a, b))
    changes.moved = kept
    old_items = {i.id: i for s in (old.measures, old.guarantees) for i in s.items}
    for section in (new.measures, new.guarantees):
        for item in section.items:
            if item.id in old_items:
                _compare_points(_points(old_items[item.id]), _points(item), changes)
    return changes


def _compare_unit(old: Unit, new: Unit, changes: Changes) -> None:
    if old.code != new.code:
        changes.moved.append((old, new))
    if old.owners != new.owners:
        changes.owners.append((old, new))
    for name, value in new.fields.items():
        if old.fields.get(name) != value:
            changes.texts.append((new, name, old.fields.get(name), value))


def _compare_points(old: list[Unit], new: list[Unit], changes: Changes) -> None:
    """Align points by their lead sentences; pair up what is left in place as edits."""
    matcher = difflib.SequenceMatcher(None, [p.fields["lead"] for p in old], [p.fields["lead"] for p in new],
                                      autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        pairs = list(zip(old[i1:i2], new[j1:j2]))
        for a, b in pairs:
            for name, value in b.fields.items():
                if a.fields.get(name) != value:
                    changes.texts.append((b, name, a.fields.get(name), value))
            if tag == "equal" and a.code != b.code:
                changes.moved.append((a, b))
        changes.removed += old[i1 + len(pairs):i2]
        changes.added += new[j1 + len(pairs):j2]


# --- Markdown --------------------------------------------------------------------------------

def escape(text: str) -> str:
    """Plan text shown literally in Markdown (and in the HTML GitHub renders from it)."""
    return _MARKDOWN_SPECIAL.sub(lambda m: f"&#{ord(m.group(0))};", text)


def marked(old: str | None, new: str | None, elide: bool = True) -> str:
    """*new* with what changed from *old* marked: <del>removed</del><ins>added</ins>.

    *elide* shortens long unchanged runs to their CONTEXT (a summary); printed notes keep them whole.
    """
    old, new = old or "", new or ""
    parts = []
    opcodes = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            same = old[i1:i2]
            parts.append(escape(_elide(same, first=index == 0, last=index == len(opcodes) - 1) if elide else same))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(old[i1:i2])}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(new[j1:j2])}</ins>")
    return "".join(parts)


def _elide(text: str, first: bool, last: bool) -> str:
    """Keep CONTEXT characters next to each change; the rest of an unchanged run becomes ……"""
    head = "" if first else text[:CONTEXT]
    tail = "" if last else text[-CONTEXT:]
    if len(text) <= len(head) + len(tail) + 2:
        return text
    return head + "……" + tail


def field_name(name: str) -> str:
    """A unit field as readers call it (text → 原文)."""
    return _FIELD_NAMES.get(name, name)


def label(unit: Unit) -> str:
    """How a unit is named to readers (问题 一（二）3 …), escaped for Markdown."""
    if unit.key == ("plan",):
        return "方案"
    where = f"{unit.code} " if unit.code else ""
    return f"{unit.kind} {where}{escape(unit.name)}"


def _cite(unit: Unit, url: str | None = None) -> str:
    if unit.key == ("plan",):
        return "方案"
    ident = unit.key[1] if len(unit.key) == 2 else None
    text = label(unit)
    if url:
        text = f"[{text}]({url})"
    return text + (f"（`{ident}`）" if ident else "")


def _followers(unit: Unit, changes: Changes) -> str:
    count = changes.followers.get(unit.key)
    return f"（其下 {count} 条问题随之改号）" if count else ""


def summary(changes: Changes) -> str:
    """How many changes of each kind, as one sentence: 新增 1 处、文字修改 2 处。"""
    counts = [f"{label} {len(getattr(changes, kind))} 处" for kind, label in KINDS.items() if getattr(changes, kind)]
    return "、".join(counts) + "。"


def markdown(changes: Changes, old_name: str, new_name: str) -> str:
    lines = [f"## 方案变更：{escape(old_name)} → {escape(new_name)}", ""]
    if not changes:
        lines.append("方案内容没有变化。")
        return "\n".join(lines) + "\n"
    return "\n".join(lines + [summary(changes), ""] + details(changes, level=3))


def entries(changes: Changes, link=None, elide: bool = True) -> list[tuple[str, Unit, str]]:
    """Every change as (kind, unit, Markdown text), kind by kind in KINDS order, each in document order.

    The one wording of a change: 修订记录 lists these under a heading per kind, compare.html under
    the item they belong to. *link* maps a unit to the address of its page (or None); *elide*
    shortens unchanged runs in changed text (see :func:`marked`).
    """
    def cite(unit: Unit) -> str:
        return _cite(unit, link(unit) if link else None)

    found = [("added", u, cite(u)) for u in changes.added]
    found += [("removed", u, f"{cite(u)}（原编号 {u.code or '无'}）") for u in changes.removed]
    found += [("moved", b, f"{cite(b)}：{a.code} → {b.code}{_followers(b, changes)}") for a, b in changes.moved]
    found += [("owners", b, f"{cite(b)}：{escape('、'.join(a.owners))} → {escape('、'.join(b.owners))}")
              for a, b in changes.owners]
    for unit, name, old, new in changes.texts:
        what = field_name(name)
        if old is None:
            found.append(("texts", unit, f"{cite(unit)} · 新增{what}：<ins>{escape(str(new))}</ins>"))
        elif new is None:
            found.append(("texts", unit, f"{cite(unit)} · 删去{what}：<del>{escape(str(old))}</del>"))
        else:
            found.append(("texts", unit, f"{cite(unit)} · {what}：{marked(str(old), str(new), elide)}"))
    return found


TEXTS_LEGEND = "<del>删去的文字</del>，<ins>新增的文字</ins>；未改动的长段以“……”省略。"
_KIND_HEADINGS = {"moved": "编号变化（移动，或前面有增删）", "owners": "责任部门"}


def details(changes: Changes, level: int = 3, link=None) -> list[str]:
    """The changes kind by kind, under headings of *level*, as Markdown lines.

    *link* maps a unit to the address of its page (or None): the site links what changed.
    """
    heading = "#" * level
    by_kind: dict[str, list[str]] = {}
    for kind, _, text in entries(changes, link):
        by_kind.setdefault(kind, []).append(f"- {text}")
    lines = []
    for kind, items in by_kind.items():
        lines += [f"{heading} {_KIND_HEADINGS.get(kind, KINDS[kind])}", ""]
        if kind == "texts":
            lines += [TEXTS_LEGEND, ""]
        # A renumbering cascade: the summary stays short, the detail one click away (markdown="1":
        # the site's md_in_html renders the list inside too; GitHub ignores the attribute).
        if kind == "moved" and len(items) > 10:
            items = [f"<details markdown=\"1\"><summary>共 {len(items)} 处，点击展开</summary>", ""] + items + ["", "</details>"]
        lines += items + [""]
    return lines
