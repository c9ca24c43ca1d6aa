"""Where each part of the plan lives on the site: generated pages, their navigation, and links.

Links are written docs-absolute (``/areas/x.md#id``); MkDocs' ``absolute_links:
relative_to_docs`` validates them and makes them relative, so they also work opened from a folder.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from ..data.addresses import DEPARTMENTS_DIR, INDEX, PREAMBLE_ANCHOR, SECTION_DIRS
from ..data.model import Area, Department, Item, Plan, Point, ProblemItem, Section

DEPARTMENTS_TITLE = "责任部门"
# The site's own pages (docs/*.md) that templates and tests link to, by name: a page moved is
# changed here only. Links are docs-absolute, like url()'s.
SITE_PAGES = {"home": "/index.md", "full_text": "/fulltext.md", "matrix": "/matrix.md", "status": "/status.md",
              "releases": "/releases.md", "downloads": "/downloads.md", "guide": "/guide.md",
              "quality": "/quality.md", "performance": "/performance.md"}
# Every page carries the whole navigation, so a navigation that grows with the plan makes each page,
# and the build, grow with it (quadratic). A group with more entries than this lists only its
# overview, which links every entry; the entries' pages are still built, reached from there.
NAV_GROUP_MAX = 30


@dataclass(frozen=True)
class GeneratedPage:
    path: str  # docs-relative source path
    title: str  # navigation title
    macro: str  # the macro call that renders it
    section: str  # which nav group it belongs to
    listed: bool = True  # whether the navigation lists it (see NAV_GROUP_MAX)


def _page(obj) -> str:
    if isinstance(obj, Section):
        return f"{SECTION_DIRS[obj.key]}/{INDEX}.md"
    if isinstance(obj, (Area, Item)):
        return f"{SECTION_DIRS[obj.section.key]}/{obj.id}.md"
    if isinstance(obj, Department):
        return f"{DEPARTMENTS_DIR}/{obj.id}.md"
    if obj is None:
        return f"{DEPARTMENTS_DIR}/{INDEX}.md"
    raise TypeError(obj)


def anchor(obj) -> str:
    """The element id of *obj* on its page: stable ids, never the (changeable) numbering."""
    if isinstance(obj, Point):
        return obj.anchor
    if isinstance(obj, Section):
        return SECTION_DIRS[obj.key]
    return obj.id


def url(obj) -> str:
    """Docs-absolute link to *obj*, with an anchor where it is part of a page."""
    if isinstance(obj, ProblemItem):
        return f"/{_page(obj.area)}#{obj.id}"
    if isinstance(obj, Point):
        return f"/{_page(obj.item)}#{obj.anchor}"
    if isinstance(obj, Plan):
        return f"/fulltext.md#{PREAMBLE_ANCHOR}"
    return f"/{_page(obj)}"


def built(link: str) -> str:
    """The site file a docs-absolute link (url(), SITE_PAGES) is built to: ``/areas/x.md#id`` → ``areas/x.html``."""
    path = link.lstrip("/").split("#", 1)[0]
    return path[:-3] + ".html" if path.endswith(".md") else path


def pages(plan: Plan) -> list[GeneratedPage]:
    """Every page generated from the data, in navigation order."""
    result = []
    for section in plan.sections:
        group = section.label + section.title
        result.append(GeneratedPage(_page(section), "概览", f'section_page("{section.key}")', group))
        for item in section.items:
            result.append(GeneratedPage(_page(item), item.label + item.title, f'item_page("{section.key}", "{item.id}")', group))
    result.append(GeneratedPage(_page(None), "概览", "departments_page()", DEPARTMENTS_TITLE))
    for department in plan.departments:
        result.append(GeneratedPage(_page(department), department.name, f'department_page("{department.id}")', DEPARTMENTS_TITLE))
    sizes = Counter(page.section for page in result)
    return [replace(page, listed=False) if sizes[page.section] > NAV_GROUP_MAX + 1 and not page.path.endswith("index.md") else page
            for page in result]


def nav(plan: Plan, configured: list | None) -> list:
    """The site's navigation: the configured first entry (home), the plan's groups, then the rest."""
    groups: dict[str, list] = {}
    for page in pages(plan):
        if page.listed:
            groups.setdefault(page.section, []).append({page.title: page.path})
    generated = [{title: entries} for title, entries in groups.items()]
    configured = list(configured or [{"首页": "index.md"}])
    return configured[:1] + generated + configured[1:]
