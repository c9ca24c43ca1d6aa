"""The names the site gives to things that are not the plan's own ids: folders, overview pages, anchors.

An id is a page name in its section's folder and an anchor on the full-text page, so these names are
part of what an id may not be. They live in the data layer, which refuses a clashing id when it reads
the plan; the site's page layout (plansite.site.sitemap) takes them from here.
"""
from __future__ import annotations

from .model import Plan

SECTION_DIRS = {"focus_areas": "areas", "measures": "measures", "guarantees": "guarantees"}
DEPARTMENTS_DIR = "departments"
INDEX = "index"  # each folder's overview page: index.md
PREAMBLE_ANCHOR = "preamble"  # the preamble on the full-text page


def generated_names(plan: Plan | None) -> dict[str, str]:
    """Names the site gives to things other than the plan's ids, with what each names.

    An id is a page name in its folder and an anchor on the full-text page, so an id equal to one
    of these would silently replace that page or anchor. Without a plan (it has other problems),
    the names every plan has.
    """
    names = {INDEX: "概览页（index）", PREAMBLE_ANCHOR: "原文页导言的位置（preamble）"}
    names.update({name: f"原文页一个部分标题的位置（{name}）" for name in SECTION_DIRS.values()})
    for section in plan.sections if plan else []:
        for item in section.items:
            for point in getattr(item, "points", []):
                names[point.anchor] = f"{point.code}的位置（{point.anchor}）"
    return names
