"""The built site: a page for everything, every clause of the plan readable, links that resolve.

Everything here is derived from the working plan (or, for the 原文 page, the original release), so
an editor's change never fails it; that the original release is the source is test_fidelity's audit.
"""
import re
from urllib.parse import unquote, urlsplit

import pytest

from plansite.outputs.document import full_text
from plansite.site import sitemap
from sitepages import all_pages, article_text


@pytest.fixture(scope="module")
def pages(built_site):
    return all_pages(built_site)


def page_for(built_site, obj):
    path = built_site / sitemap.built(sitemap.url(obj))
    assert path.is_file(), f"no page {path}"
    return path


def test_a_page_for_every_area_measure_guarantee_and_department(plan, built_site):
    for area in plan.areas:
        assert area.title in article_text(page_for(built_site, area))
    for item in plan.measures.items + plan.guarantees.items:
        assert item.title in article_text(page_for(built_site, item))
    for department in plan.departments:
        assert department.name in article_text(page_for(built_site, department))


def clauses(texts) -> set[str]:
    return {c.strip().replace(" ", "") for text in texts for c in re.split(r"[，；。：、]", text) if c.strip()}


def test_every_clause_of_the_working_plan_is_on_the_site(plan, built_site):
    text = "".join(article_text(p) for p in built_site.rglob("*.html"))
    missing = sorted(c for c in clauses(text for _, text in plan.texts()) if c not in text)
    assert not missing


def _in_order(text: str, blocks) -> str | None:
    """The first block not found in *text* after the ones before it, or None."""
    position = 0
    for block in blocks:
        wanted = block.text.replace(" ", "")
        found = text.find(wanted, position)
        if found < 0:
            return block.text[:40]
        position = found + len(wanted)
    return None


def test_full_text_page_holds_the_document_in_order(original, built_site):
    """The 原文 page is the original release's text (the working plan's while there is no release)."""
    text = article_text(built_site / sitemap.built(sitemap.SITE_PAGES["full_text"]))
    assert _in_order(text, full_text(original)) is None, _in_order(text, full_text(original))


def test_internal_links_and_anchors_resolve(pages, built_site):
    broken = []
    for path, page in pages.items():
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//"):
                continue
            base = built_site if parts.path.startswith("/") else path.parent  # 404.html links from the root
            target = (base / unquote(parts.path.lstrip("/"))).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if target not in pages and not target.is_file():
                broken.append((path.relative_to(built_site), href))
            elif parts.fragment and target in pages and parts.fragment not in pages[target].ids:
                broken.append((path.relative_to(built_site), href))
    assert not broken


def _links_to(page, built_site, target):
    wanted = target.resolve()
    return any((page.path.parent / unquote(urlsplit(h).path)).resolve() == wanted
               for h in page.links if urlsplit(h).path)


def test_measures_and_departments_link_both_ways(plan, pages, built_site):
    for measure in plan.measures.items:
        measure_page = pages[page_for(built_site, measure)]
        for department in measure.owners:
            department_page = pages[page_for(built_site, department)]
            assert _links_to(measure_page, built_site, department_page.path)
            assert _links_to(department_page, built_site, measure_page.path)


def test_problems_and_areas_link_both_ways(plan, pages, built_site):
    overview = pages[page_for(built_site, plan.focus)]
    for area in plan.areas:
        area_page = pages[page_for(built_site, area)]
        assert _links_to(overview, built_site, area_page.path)
        assert _links_to(area_page, built_site, overview.path)
        for problem in area.problems:
            assert problem.id in area_page.ids
            assert any(h.endswith(sitemap.built(sitemap.url(area)).rsplit("/", 1)[-1] + f"#{problem.id}") for h in overview.links)


def test_department_names_in_plan_text_link_to_the_department(plan, pages, built_site):
    for department in plan.departments:
        department_page = page_for(built_site, department)
        for mention in department.mentions:
            holder = getattr(mention.holder, "item", None)
            if holder is None:
                continue
            page = pages[page_for(built_site, holder)]
            assert _links_to(page, built_site, department_page)


def test_pages_are_chinese_and_need_nothing_from_outside(pages):
    for path, page in pages.items():
        assert '<html lang="zh"' in path.read_text(encoding="utf-8"), f"{path} is not marked as Chinese"
        outside = [r for r in page.resources if urlsplit(r).scheme in ("http", "https") or r.startswith("//")]
        assert not outside, (path, outside)


def test_truncation_and_pending_owners_are_visible(plan, built_site):
    status = article_text(built_site / sitemap.built(sitemap.SITE_PAGES["status"]))
    for item in plan.measures.items + plan.guarantees.items:
        page = article_text(page_for(built_site, item))
        if item.extent == "truncated":
            assert "原文不完整" in page and "【原文至此中断】" in page, item.code
        if item.extent == "title_only":
            assert "原文仅存标题" in page, item.code
        if item.owners_pending:
            assert f"待明确（{item.owners_pending}）" in page, item.code
        if item.extent != "complete" or item.owners_pending:
            assert item.title in status, item.code
