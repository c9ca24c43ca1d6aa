"""Chinese search as cadres use it, in Chromium against nginx.

Every department name, quoted term, problem and item title and their clauses, and the words inside
compounds (queries.py derives them all from the plan) find their page, nearly always as the first
result; every citation code, in the forms used in reports, opens its item at its anchor."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from browsing import first_result, result_pages, type_query, search_ready
from plansite.data.numerals import chinese
from plansite.site import search_index
from queries import FIRST, FIRST_SHARE, citations, misses, queries


@pytest.fixture(scope="module")
def search_page(browser, nginx_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(nginx_url + "index.html")
    search_ready(page)
    yield page
    context.close()


def test_every_derived_query_finds_its_page_first(plan, search_page, nginx_url):
    derived = queries(plan)
    found = {}
    for query in derived:
        type_query(search_page, query.text)
        found[query.text] = result_pages(search_page, nginx_url, FIRST)
    not_near, not_first = misses(derived, found, FIRST)
    share = 1 - (len(not_near) + len(not_first)) / len(derived)
    print(f"\n派生查询 {len(derived)} 个，第一个结果就是所在页面的占 {share:.1%}", *not_first, sep="\n")
    assert not_near == []
    assert share >= FIRST_SHARE, "\n".join(not_first)


def test_the_queries_cover_what_cadres_type(plan):
    kinds = {q.kind for q in queries(plan)}
    assert {"部门名称", "部门简称", "引号术语", "术语中的词", "问题标题", "标题片段", "条目标题"} <= kinds
    texts = {q.text for q in queries(plan)}
    assert all(d.name in texts for d in plan.departments)


def test_every_citation_code_opens_its_item(plan, search_page, nginx_url):
    wrong = []
    for form, location in citations(plan):
        type_query(search_page, form)
        found = first_result(search_page, nginx_url)
        if found != location:
            wrong.append(f"{form}：应为 {location}，第一个结果 {found}")
    assert wrong == []


def test_a_code_no_item_has_finds_nothing(plan, search_page, nginx_url):
    missing = [f"{plan.focus.code}（{chinese(len(plan.areas) + 1)}）",
               f"{plan.areas[0].code}{len(plan.areas[0].problems) + 1}",
               f"{chinese(len(plan.sections) + 1)}（一）"]
    for form in missing:
        type_query(search_page, form)
        assert first_result(search_page, nginx_url) is None, form


def test_a_result_says_where_it_is_and_opens_there(plan, browser, nginx_url):
    problem = plan.problems[0]
    page = browser.new_page()
    try:
        page.goto(nginx_url + "index.html")
        search_ready(page)
        type_query(page, problem.code)
        first = page.locator(".md-search-result__item a.md-search-result__link").first
        assert search_index.context(problem) in first.inner_text().replace("\u200b", "")
        first.click()
        page.wait_for_url(f"**#{problem.id}")
        assert page.evaluate(f"() => {{ const r = document.getElementById('{problem.id}').getBoundingClientRect();"
                             " return r.top >= 0 && r.top < innerHeight; }")
    finally:
        page.close()


def test_enter_opens_the_first_result_with_the_words_highlighted(plan, browser, nginx_url):
    """Material's Enter key opens the best-scored result: it must be the one shown first, and
    the page it opens marks what was typed."""
    words = [q.text for q in queries(plan) if q.kind == "部门简称"]
    texts = words + [plan.problems[-1].code]
    page = browser.new_page()
    try:
        for text in texts:
            page.goto(nginx_url + "index.html")
            search_ready(page)
            type_query(page, text)
            first = first_result(page, nginx_url)
            with page.expect_navigation():
                page.keyboard.press("Enter")
            parts = urlsplit(page.url)
            assert parts.path[len(urlsplit(nginx_url).path):] + (f"#{parts.fragment}" if parts.fragment else "") == first, text
            if text in words:
                page.wait_for_selector("mark[data-md-highlight]")
                assert text in page.eval_on_selector_all("mark[data-md-highlight]", "marks => marks.map(m => m.textContent)")
    finally:
        page.close()
