"""Chinese search as cadres use it, in Chromium against nginx: every department name, every
quoted term, every problem and item title and their clauses, and the words inside compounds
(queries.py derives them all from the plan) find their page among the first results."""
import pytest

from browsing import result_pages, search_ready, type_query
from queries import queries

# How far down a reader looks: the first result groups (one per page) the search box shows.
FIRST = 5


@pytest.fixture(scope="module")
def search_page(browser, nginx_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(nginx_url + "index.html")
    search_ready(page)
    yield page
    context.close()


def test_every_derived_query_finds_its_page(plan, search_page, nginx_url):
    misses = []
    for query in queries(plan):
        type_query(search_page, query.text)
        found = result_pages(search_page, nginx_url, FIRST)
        if not query.pages & set(found):
            misses.append(f"{query.kind} “{query.text}”：应为 {sorted(query.pages)}，前 {FIRST} 个结果 {found}")
    assert misses == []


def test_the_queries_cover_what_cadres_type(plan):
    kinds = {q.kind for q in queries(plan)}
    assert {"部门名称", "部门简称", "引号术语", "术语中的词", "问题标题", "标题片段", "条目标题"} <= kinds
    texts = {q.text for q in queries(plan)}
    assert all(d.name in texts for d in plan.departments)
