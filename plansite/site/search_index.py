"""What the search index holds, entry by entry: plan items first, the rest last.

Material indexes every page as a page entry plus one entry per heading, and groups results by page,
so a problem or a measure's point would show as its page, opened at the top. This module reshapes
the entries after material made them:

* Every plan item (focus area, problem, measure, guarantee, point, department) is a result of its
  own: a problem's or point's entry gets an address that material does not group under its page
  (``page.html?at=anchor``); ``docs/javascripts/search.js`` turns it back into ``#anchor``.
* Each item carries its citation code as a hidden token (``cite1x3x2`` for 一（三）2), which the
  script searches for when a reader types a code, and a ``context`` line the script shows under
  the result (一（三）2 · 围绕推进经济社会高质量发展).
* Every page not generated for a plan item (home, overviews, guide, …) ranks last. The page
  holding the whole text (原文) is not indexed at all (its front matter): every sentence of it is
  on its item's page.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from ..data.model import Area, Department, Item, Plan, Point, ProblemItem
from . import sitemap

# Hidden field for citation codes; search.js builds the same token from what a reader types.
CODE_FIELD = "code"
CODE_PREFIX = "cite"
# Document boost of pages that are not a plan item: far below any plan item holding the words.
SITE_PAGE_BOOST = 1e-4
CONTEXT_SEPARATOR = " · "
# How a problem's or point's entry is addressed so that material does not group it under its page.
ITEM_ADDRESS = "?at="


def location(obj) -> str:
    """The index location of *obj*'s page or heading (``areas/x.html#id``), as material writes it."""
    return sitemap.address(sitemap.url(obj))


def items(plan: Plan) -> Iterator[object]:
    """Every plan item a search result can be, in document order."""
    for area in plan.areas:
        yield area
        yield from area.problems
    for item in [*plan.measures.items, *plan.guarantees.items]:
        yield item
        yield from item.points
    yield from plan.departments


def code_token(obj) -> str | None:
    """The hidden token of *obj*'s citation code: its numbers from the section down."""
    if isinstance(obj, (Area, Item)):
        numbers = [obj.section.number, obj.number]
    elif isinstance(obj, ProblemItem):
        numbers = [obj.area.section.number, obj.area.number, obj.number]
    elif isinstance(obj, Point):
        numbers = [obj.item.section.number, obj.item.number, obj.number]
    else:
        return None
    return CODE_PREFIX + "x".join(map(str, numbers))


def context(obj) -> str:
    """Where *obj* is in the plan, as its result shows it."""
    if isinstance(obj, ProblemItem):
        return obj.code + CONTEXT_SEPARATOR + obj.area.title
    if isinstance(obj, Point):
        return obj.code + CONTEXT_SEPARATOR + obj.item.title
    if isinstance(obj, (Area, Item)):
        return obj.code + CONTEXT_SEPARATOR + obj.section.label + obj.section.title
    if isinstance(obj, Department):
        return sitemap.DEPARTMENTS_TITLE
    raise TypeError(obj)


def shape(plan: Plan, entries: Iterable[dict]) -> list[dict]:
    """The index entries to publish (idempotent: serve rebuilds from the same entries)."""
    by_location = {location(obj): obj for obj in items(plan)}
    item_pages = {loc.partition("#")[0] for loc in by_location}
    shaped = []
    for entry in entries:
        page, _, anchor = entry["location"].replace(ITEM_ADDRESS, "#").partition("#")  # reshaped: serve
        obj = by_location.get(f"{page}#{anchor}" if anchor else page)
        if obj is None:
            if page not in item_pages:
                entry["boost"] = SITE_PAGE_BOOST
        else:
            if anchor:  # its own result, not a section of its page
                entry["location"] = f"{page}{ITEM_ADDRESS}{anchor}"
            token = code_token(obj)
            if token:
                entry[CODE_FIELD] = token
            entry["context"] = context(obj)
        shaped.append(entry)
    return shaped
