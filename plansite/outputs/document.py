"""The plan in document order, as the source lays it out: the outline (目录) and the full text.

Pages, the PDF and the fidelity tests all walk the plan through here, so that "document order"
and the way a heading joins its clauses are decided in one place.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ..data.model import Area, Plan, Point


@dataclass(frozen=True)
class Block:
    """One paragraph of the document: its kind, the object it renders, and its plain text."""

    kind: str  # title | preamble | section | intro | area | problem | item | text | point | owners
    obj: object
    text: str


def heading_text(obj) -> str:
    """The full heading line of an area or item, clauses joined as in the document."""
    if isinstance(obj, Area):
        return f"{obj.heading}，{obj.target}" if obj.heading else obj.target
    return f"{obj.title}，{obj.subtitle}" if obj.subtitle else obj.title


def point_text(point: Point) -> str:
    return point.lead + (point.body or "")


def full_text(plan: Plan) -> Iterator[Block]:
    yield Block("title", plan, plan.full_title)
    yield Block("preamble", plan, plan.preamble)
    for section in plan.sections:
        yield Block("section", section, section.label + section.title)
        if section.intro:
            yield Block("intro", section, section.intro)
        for item in section.items:
            yield from _item_blocks(item)


def _item_blocks(item) -> Iterator[Block]:
    if isinstance(item, Area):
        yield Block("area", item, item.label + heading_text(item))
        for problem in item.problems:
            yield Block("problem", problem, problem.label + problem.text)
        return
    yield Block("item", item, item.label + heading_text(item))
    if item.text:
        yield Block("text", item, item.text)
    for point in item.points:
        yield Block("point", point, point.ordinal + point_text(point))
    if item.owners:
        yield Block("owners", item, item.owners_line)


def outline(plan: Plan) -> Iterator[Block]:
    """The 目录: section, area, problem and item titles only."""
    for section in plan.sections:
        yield Block("section", section, section.label + section.title)
        for item in section.items:
            yield Block("area" if isinstance(item, Area) else "item", item, item.label + item.title)
            for problem in getattr(item, "problems", []):
                yield Block("problem", problem, problem.label + problem.title)
