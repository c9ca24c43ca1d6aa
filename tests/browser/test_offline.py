"""The site copied to a folder and opened with file:// (no server at all): pages navigate, search
works through the local iframe-worker shim, and nothing is fetched from anywhere else."""
import pytest

from browsing import result_pages, type_query, watch
from queries import page_of


@pytest.fixture
def folder(built_site, new_context):
    context = new_context()
    traffic = watch(context, "file://")
    page = context.new_page()
    page.goto(built_site.joinpath("index.html").as_uri())
    return page, traffic, built_site.as_uri() + "/"


def test_navigation_works_from_a_folder(folder, plan):
    page, traffic, base = folder
    overview = page_of(plan.focus)
    page.locator(f'article a[href="{overview}"]').first.click()  # the home page's own links
    page.wait_for_url(base + overview)
    area = plan.areas[-1]
    page.get_by_role("navigation", name="导航栏").get_by_role("link", name=area.label + area.title).click()
    page.wait_for_url(base + page_of(area))
    assert area.title in page.locator("article h1").inner_text()
    assert traffic.outside() == [] and traffic.errors == []


def test_search_works_from_a_folder(folder, plan):
    page, traffic, base = folder
    # (the shim's worker reports ready only once asked: type_query waits for the results)
    department = plan.departments[-1]
    type_query(page, department.name)
    assert page_of(department) in result_pages(page, base, 5)
    page.locator("input.md-search__input").press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.startswith(base) and page_of(department) in url)
    assert department.name in page.locator("article h1").inner_text()
    assert traffic.outside() == [] and traffic.errors == []
    assert any(url.endswith("iframe-worker-shim.js") for url in traffic.requests)
