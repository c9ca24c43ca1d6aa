"""Where each part of the plan lives on the site: generated pages, their navigation, and links.

Links are written docs-absolute (``/areas/x.md#id``); MkDocs' ``absolute_links:
relative_to_docs`` validates them and makes them relative, so they also work opened from a folder.
"""
from __future__ import annotations

import posixpath
from collections import Counter
from dataclasses import dataclass, replace

from ..data.addresses import DEPARTMENTS_DIR, INDEX, PREAMBLE_ANCHOR, SECTION_DIRS
from ..data.model import Area, Department, Item, Plan, Point, ProblemItem, Section

DEPARTMENTS_TITLE = "责任部门"
# The site's own pages (docs/*.md, and the generated compare page) that templates and tests link
# to, by name: a page moved is changed here only. Links are docs-absolute, like url()'s.
SITE_PAGES = {"home": "/index.md", "full_text": "/fulltext.md", "matrix": "/matrix.md", "status": "/status.md",
              "releases": "/releases.md", "downloads": "/downloads.md", "guide": "/guide.md",
              "quality": "/quality.md", "performance": "/performance.md", "compare": "/compare.md"}
# Every page carries the whole navigation, so a navigation that grows with the plan makes each page,
# and the build, grow with it (quadratic). A group with more entries than this lists only its
# overview, which links every entry; the entries' pages are still built, reached from there.
NAV_GROUP_MAX = 30


# Each release's full text, one page each (releases/<slug>.html), and the page comparing any two
# versions; neither is in the navigation, nor in search (they would compete with the current pages).
RELEASES_DIR = "releases"
COMPARE_PAGE = SITE_PAGES["compare"].lstrip("/")  # generated (history_pages()), not in docs/
CURRENT = "current"  # the working text, as compare.html?to=current names it


@dataclass(frozen=True)
class GeneratedPage:
    path: str  # docs-relative source path
    title: str  # navigation title
    macro: str  # the macro call that renders it
    section: str  # which nav group it belongs to
    listed: bool = True  # whether the navigation lists it (see NAV_GROUP_MAX)
    searched: bool = True  # whether search indexes it

    @property
    def source(self) -> str:
        """The page's Markdown: the macro call, after front matter that keeps it out of search."""
        front = "" if self.searched else "---\nsearch:\n  exclude: true\n---\n"
        return f"{front}{{{{ {self.macro} }}}}\n"


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
    if isinstance(obj, Plan):
        return PREAMBLE_ANCHOR
    return obj.id


def url(obj) -> str:
    """Docs-absolute link to *obj*, with an anchor where it is part of a page."""
    if isinstance(obj, ProblemItem):
        return f"/{_page(obj.area)}#{obj.id}"
    if isinstance(obj, Point):
        return f"/{_page(obj.item)}#{obj.anchor}"
    if isinstance(obj, Plan):
        return f"{SITE_PAGES['full_text']}#{PREAMBLE_ANCHOR}"
    return f"/{_page(obj)}"


def release_page(release) -> str:
    """The docs-relative source path of *release*'s full-text page."""
    return f"{RELEASES_DIR}/{release.slug}.md"


def release_url(release, obj=None) -> str:
    """Docs-absolute link to *release*'s full-text page, at *obj* (an area, item, point, department …)."""
    return f"/{release_page(release)}" + (f"#{anchor(obj)}" if obj is not None else "")


def address(link: str) -> str:
    """A docs-absolute link (``/areas/x.md#id``) as the built site's relative address (``areas/x.html#id``)."""
    path, _, rest = link.lstrip("/").partition("#")
    page = posixpath.splitext(path)[0] + ".html"
    return f"{page}#{rest}" if rest else page


def history_pages(releases: list) -> list[GeneratedPage]:
    """The pages of the plan in time: each release's full text, and the comparison of any two versions."""
    found = [GeneratedPage(release_page(r), r.label, f'release_page("{r.slug}")', RELEASES_DIR, listed=False,
                           searched=False) for r in releases]
    return found + [GeneratedPage(COMPARE_PAGE, "比较两个版本", "compare_page()", RELEASES_DIR, listed=False,
                                  searched=False)]


def built(link: str) -> str:
    """The site file a docs-absolute link (url(), SITE_PAGES) is built to: ``/areas/x.md#id`` → ``areas/x.html``."""
    return address(link).partition("#")[0]


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
