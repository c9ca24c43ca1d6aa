"""Keyboard and screen-reader use beyond the per-page axe check (test_pages.py): the open search
dialog with its results passes axe too, and search works with the keyboard alone."""
import pytest

from browsing import DESKTOP, PHONE, axe_violations, result_pages, search_ready, type_query
from queries import page_of


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_open_search_with_results_has_no_wcag21_aa_violation(new_context, nginx_url, plan, viewport):
    page = new_context(viewport=viewport).new_page()
    page.goto(nginx_url + "index.html")
    search_ready(page)
    type_query(page, plan.departments[0].name)
    assert axe_violations(page) == []


def test_search_with_the_keyboard_alone(new_context, nginx_url, plan):
    page = new_context(viewport=DESKTOP).new_page()
    page.goto(nginx_url + "index.html")
    search_ready(page)
    for _ in range(30):  # Tab from the top of the page to the search box
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('input.md-search__input')"):
            break
    else:
        pytest.fail("按 Tab 键到不了搜索框")
    department = plan.departments[1]
    page.keyboard.type(department.name)
    page.keyboard.press("End")
    assert page_of(department) in result_pages_after_typing(page, nginx_url)
    page.keyboard.press("ArrowDown")  # into the results
    assert page.evaluate("document.activeElement.matches('.md-search-result__link')")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: page_of(department) in url)
    assert department.name in page.locator("article h1").inner_text()


def test_search_shortcut_on_a_phone(new_context, nginx_url, plan):
    page = new_context(viewport=PHONE).new_page()
    page.goto(nginx_url + "index.html")
    search_ready(page)
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.matches('input.md-search__input')")
    department = plan.departments[2]
    type_query(page, department.name)
    assert page_of(department) in result_pages(page, nginx_url, 5)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: page_of(department) in url)


def result_pages_after_typing(page, base):
    page.wait_for_function("() => /结果/.test(document.querySelector('.md-search-result__meta').textContent)")
    return result_pages(page, base, 5)
