"""Cross-reference checks and resolution of validated data into the model.

Runs only on data that passed the schema (MkDocs' habit: structure first, then cross-checks), so
every field here has its declared type. Collects every problem before deciding.
"""
from __future__ import annotations

import re

from . import errors
from .errors import Problem
from .model import Area, Department, Item, Mention, Plan, Point, ProblemItem, Section
from .reader import Document

# The basis is the first document named in the preamble: 《…》 plus its number （〔2021〕—8）.
_BASIS = re.compile(r"《[^》]+》(?:（[^）]*）)?")


def resolve(doc: Document, release: bool = False) -> tuple[Plan | None, list[Problem]]:
    """Build the model; return it with the problems found (the model is None if any)."""
    data, file = doc.data, doc.file
    found: list[Problem] = []
    found += _unique_ids(doc)

    departments = [Department(d["id"], d["name"], doc.where(("departments", i))[0])
                   for i, d in enumerate(data["departments"])]
    by_id = {d.id: d for d in departments}

    focus = Section("focus_areas", 1, data["focus_areas"]["title"], data["focus_areas"].get("intro"))
    for a, raw in enumerate(data["focus_areas"]["areas"]):
        area = Area(raw["id"], a + 1, focus, raw["target"], raw.get("heading"), note=raw.get("note"),
                    line=doc.where(("focus_areas", "areas", a))[0])
        area.problems = [ProblemItem(p["id"], n + 1, p["text"], area, p.get("note"),
                                     doc.where(("focus_areas", "areas", a, "problems", n))[0])
                         for n, p in enumerate(raw.get("problems", []))]
        focus.items.append(area)

    measures = _items(doc, "measures", 2, by_id, found, release)
    guarantees = _items(doc, "guarantees", 3, by_id, found, release)

    period = data["period"]
    if period["start"] > period["end"]:
        found.append(errors.period_reversed(file, *doc.where(("period",)), period["start"], period["end"]))
    basis = _BASIS.search(data["preamble"])
    if not basis:
        found.append(errors.basis_missing(file, *doc.where(("preamble",))))
    if found:
        return None, found

    plan = Plan(file, data["title"], period["start"], period["end"], data["preamble"], basis.group(0),
                departments, focus, measures, guarantees)
    _link_mentions(plan)
    return plan, []


def _items(doc: Document, key: str, number: int, by_id: dict, found: list, release: bool) -> Section:
    raw_section = doc.data[key]
    section = Section(key, number, raw_section["title"], raw_section.get("intro"))
    for i, raw in enumerate(raw_section["items"]):
        path = (key, "items", i)
        item = Item(raw["id"], i + 1, section, raw["title"], raw["extent"], raw.get("subtitle"), raw.get("text"),
                    owners_pending=raw.get("owners_pending"), note=raw.get("note"), line=doc.where(path)[0])
        item.points = [Point(n + 1, p["lead"], item, p.get("body"), p.get("truncated", False), p.get("note"))
                       for n, p in enumerate(raw.get("points", []))]
        for j, ident in enumerate(raw.get("owners", [])):
            if ident in by_id:
                item.owners.append(by_id[ident])
                by_id[ident].owns.append(item)
            else:
                found.append(errors.unknown_department(doc.file, *doc.where(path + ("owners", j)), ident, sorted(by_id)))
        if key == "measures":
            found += _owner_rule(doc, path, raw, release)
        found += _extent_rule(doc, path, item)
        section.items.append(item)
    return section


def _owner_rule(doc: Document, path: tuple, raw: dict, release: bool) -> list[Problem]:
    has_owners, pending = "owners" in raw, raw.get("owners_pending")
    where = doc.where(path)
    if has_owners and pending:
        return [errors.owner_both(doc.file, *doc.where_key(path + ("owners_pending",)), raw["title"])]
    if not has_owners and not pending:
        return [errors.owner_silent(doc.file, *where, raw["title"])]
    # Release mode: pending is honest only where the source copy itself stops short of the owners.
    if pending and release and raw["extent"] == "complete":
        return [errors.owner_pending_in_release(doc.file, *doc.where(path + ("owners_pending",)), raw["title"], pending)]
    return []


def _extent_rule(doc: Document, path: tuple, item: Item) -> list[Problem]:
    truncated = [p.number for p in item.points if p.truncated]
    where = doc.where(path + ("extent",))
    if item.extent == "title_only" and (item.points or item.text):
        return [errors.extent_mismatch(doc.file, *where, f"“{item.title}”标为 title_only（仅存标题），却写有 {'points' if item.points else 'text'}",
                                       "原文有正文时把 extent 改为 complete 或 truncated。")]
    if item.extent == "complete" and (truncated or not (item.points or item.text)):
        return [errors.extent_mismatch(doc.file, *where, f"“{item.title}”标为 complete（完整），但{'有中断的点' if truncated else '没有 points 或 text'}",
                                       "原文中断时 extent 写 truncated；只有标题时写 title_only。")]
    # Truncated: the break is in the last point, or, without points, at the end of the text.
    if item.extent == "truncated" and truncated != ([len(item.points)] if item.points else []):
        return [errors.extent_mismatch(doc.file, *where, f"“{item.title}”标为 truncated（中断），但中断处不是最后一点",
                                       "在原文中断的那一点（最后一点）写 truncated: true，其他点不写。")]
    if item.extent == "truncated" and not (item.points or item.text):
        return [errors.extent_mismatch(doc.file, *where, f"“{item.title}”标为 truncated（中断），但没有 points 或 text",
                                       "原文只有标题时 extent 写 title_only。")]
    return []


def _unique_ids(doc: Document) -> list[Problem]:
    """Ids are unique across the whole file: they become page addresses and anchors."""
    seen: dict[str, int] = {}
    found = []
    for path, value in _walk_ids(doc.data, ()):
        line, col = doc.where(path)
        if value in seen:
            found.append(errors.duplicate_id(doc.file, line, col, value, seen[value]))
        else:
            seen[value] = line
    return found


def clashing_ids(doc: Document, generated: dict[str, str]) -> list[Problem]:
    """Ids equal to a name the site generates itself (*generated*: name -> what it names)."""
    return [errors.reserved_id(doc.file, *doc.where(path), value, generated[value])
            for path, value in _walk_ids(doc.data, ()) if value in generated]


def _walk_ids(node, path):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "id" and isinstance(value, str):
                yield path + (key,), value
            else:
                yield from _walk_ids(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk_ids(value, path + (index,))


def _link_mentions(plan: Plan) -> None:
    for holder, text in plan.texts():
        for department in plan.departments:
            if department.name in text:
                department.mentions.append(Mention(department, holder, text))
