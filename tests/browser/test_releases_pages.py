"""The pages a plan with history adds or changes — 修订记录 with redlines, item pages with their
history and opened 本条已修订 details, 下载 with each release's PDFs, each release's full text and
compare.html with its redline shown — pass the same checks as every page (test_pages.py): nothing
asked of another host, no console error, no WCAG 2.1 AA violation.

The real plan may have a single release and no revision yet, so these pages are checked on the
three-release fixture project (tests/released.py), served over HTTP and opened from file://.
"""
from browsing import axe_violations, search_ready, site_pages, watch


def history_pages(site) -> list[str]:
    """The pages that show history: 修订记录, 下载, 原文, home, compare.html, each release's full text,
    and every item and department page."""
    return [p for p in site_pages(site)
            if p in ("releases.html", "downloads.html", "fulltext.html", "index.html", "compare.html")
            or p.split("/")[0] in ("areas", "measures", "guarantees", "departments", "releases")]


def test_history_pages_have_no_wcag21_aa_violation_and_stay_local(new_context, released, released_url):
    context = new_context()
    traffic = watch(context, released_url)
    page = context.new_page()
    violations, opened = {}, 0
    for path in history_pages(released.site):
        page.goto(released_url + path)
        search_ready(page)
        opened += page.evaluate("() => { const d = [...document.querySelectorAll('details')];"
                                " d.forEach(e => e.open = true); return d.length; }")
        found = axe_violations(page)
        if found:
            violations[path] = found
    assert opened > 0  # the 本条已修订 details were there, and checked open
    assert violations == {}
    assert traffic.outside() == []
    assert traffic.errors == []


def test_history_pages_from_a_folder_stay_local(new_context, released):
    context = new_context()
    traffic = watch(context, "file://")
    page = context.new_page()
    first = released.timeline().releases[0].slug
    for path in ("releases.html", "areas/decisions.html", "downloads.html", "compare.html", f"releases/{first}.html"):
        page.goto((released.site / path).as_uri())
        page.wait_for_load_state("load")
    assert traffic.outside() == []
    assert traffic.errors == []
