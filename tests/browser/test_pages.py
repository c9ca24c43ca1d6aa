"""Every built page, loaded in Chromium from nginx and from Python's server: the page asks nothing
of any other host (the intranet has no internet) and logs no console error."""
import pytest

from browsing import axe_violations, search_ready, site_pages, watch


def visit_all(new_context, base: str, site, axe: bool) -> tuple:
    context = new_context()
    traffic = watch(context, base)
    page = context.new_page()
    violations = {}
    for path in site_pages(site):
        page.goto(base + path)
        search_ready(page)  # the search worker has fetched its index and language scripts
        if axe:
            found = axe_violations(page)
            if found:
                violations[path] = found
    return traffic, violations


@pytest.fixture(scope="module")
def nginx_visit(browser, nginx_url, built_site):
    context = browser.new_context()
    try:
        yield visit_all(lambda: context, nginx_url, built_site, axe=True)
    finally:
        context.close()


def test_every_page_over_nginx_stays_on_the_intranet(nginx_visit, built_site):
    traffic, _ = nginx_visit
    assert len({r for r in traffic.requests if r.endswith(".html")}) >= len(site_pages(built_site))
    assert traffic.outside() == []


def test_every_page_over_nginx_logs_no_console_error(nginx_visit):
    traffic, _ = nginx_visit
    assert traffic.errors == []


def test_every_page_over_nginx_keeps_to_the_content_security_policy(nginx_visit):
    """deploy/nginx.conf's policy allows only the site itself and Material's own inline scripts."""
    traffic, _ = nginx_visit
    assert traffic.csp_violations() == []


def test_every_page_has_no_wcag21_aa_violation(nginx_visit):
    _, violations = nginx_visit
    assert violations == {}


def test_every_page_over_python_server_stays_local_and_quiet(new_context, python_url, built_site):
    traffic, _ = visit_all(new_context, python_url, built_site, axe=False)
    assert traffic.outside() == []
    assert traffic.errors == []


def test_a_missing_address_over_nginx_gets_the_styled_chinese_404_page(new_context, nginx_url):
    context = new_context()
    traffic = watch(context, nginx_url)
    page = context.new_page()
    response = page.goto(nginx_url + "areas/no-such-page.html")
    assert response.status == 404
    search_ready(page)  # its scripts and search index load from the site root
    assert page.locator("article h1").inner_text() == "找不到这个页面"
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert traffic.outside() == []
    assert [e for e in traffic.errors if "404" not in e] == []  # the page's own status is the only one
