"""compare.html in Debian's Chromium: any two versions' redline, the same as plan_diff's; chosen with
the two pickers, kept in the address (a bookmark opens the same comparison), shown within 300 ms of
choosing; served over HTTP, opened from a folder (file://) and served by nginx with the site's
content security policy, asking nothing of any other host. And the home page's 实施期限 status,
worked out by the reader's browser from its own date.

On the three-release fixture project (tests/released.py) with its unreleased edit.
"""
from __future__ import annotations

import datetime
import html
import re
from collections import Counter

import pytest

from browsing import local_nginx, watch
from plansite.outputs import plan_diff

LINES = ("() => [...document.querySelectorAll('#plan-compare-output li')].map(li => "
         "[li.dataset.kind, li.dataset.unit, [...li.querySelectorAll('del, ins')].map(m => [m.localName, m.textContent])])")


def expected(timeline, old: str, new: str) -> Counter:
    plans = {r.slug: r.plan for r in timeline.releases} | {"current": timeline.working}
    entries = plan_diff.entries(plan_diff.compare(plans[old], plans[new]), elide=False)
    return Counter((kind, "/".join(map(str, unit.key)),
                    tuple((tag, html.unescape(text)) for tag, text in re.findall(r"<(del|ins)>(.*?)</\1>", line)))
                   for kind, unit, line in entries)


def shown(page) -> Counter:
    return Counter((kind, unit, tuple(tuple(m) for m in marks)) for kind, unit, marks in page.evaluate(LINES))


def pairs(timeline) -> list[tuple[str, str]]:
    first, second, third = (r.slug for r in timeline.releases)
    return [(first, second), (second, third), (first, "current"), (third, first)]


@pytest.mark.parametrize("where", ["http", "file"])
def test_the_address_shows_plan_diffs_redline_for_the_two_versions(new_context, released, released_url, where):
    timeline = released.timeline()
    base = released_url if where == "http" else released.site.as_uri() + "/"
    context = new_context()
    traffic = watch(context, released_url if where == "http" else "file://")
    page = context.new_page()
    for old, new in pairs(timeline):
        page.goto(f"{base}compare.html?from={old}&to={new}")
        page.wait_for_selector("#plan-compare-output li")
        assert shown(page) == expected(timeline, old, new), (old, new)
        assert page.locator("#plan-compare-from").input_value() == old
        assert page.locator("#plan-compare-to").input_value() == new
        assert plan_diff.summary(plan_diff.compare(*(
            {r.slug: r.plan for r in timeline.releases}.get(s, timeline.working) for s in (old, new)))) in \
            page.locator("#plan-compare-status").inner_text()
    assert traffic.outside() == [] and traffic.errors == []


def test_choosing_shows_the_redline_within_300_ms_and_keeps_it_in_the_address(new_context, released, released_url):
    timeline = released.timeline()
    first, second, third = (r.slug for r in timeline.releases)
    page = new_context().new_page()
    page.goto(released_url + "compare.html")
    page.wait_for_selector("#plan-compare-output li")  # without an address: the latest change
    assert page.locator("#plan-compare-from").input_value() == third
    assert page.locator("#plan-compare-to").input_value() == "current"
    # From the change event to the next frame painted, measured in the page itself.
    elapsed = page.evaluate("""slug => new Promise(done => {
        const from = document.getElementById('plan-compare-from');
        from.value = slug;
        const start = performance.now();
        from.dispatchEvent(new Event('change'));
        requestAnimationFrame(() => setTimeout(() => done(performance.now() - start)));
    })""", first)
    assert elapsed < 300, elapsed
    assert page.url.endswith(f"compare.html?from={first}&to=current")
    assert shown(page) == expected(timeline, first, "current")
    page.locator("#plan-compare-to").select_option(second)  # as a reader picks
    assert page.url.endswith(f"compare.html?from={first}&to={second}")
    assert shown(page) == expected(timeline, first, second)
    page.reload()  # the bookmark
    page.wait_for_selector("#plan-compare-output li")
    assert shown(page) == expected(timeline, first, second)


def test_a_version_the_site_does_not_have_is_said(new_context, released, released_url):
    page = new_context().new_page()
    page.goto(released_url + "compare.html?from=2099-01-01&to=current")
    page.wait_for_selector("#plan-compare-output li")
    assert "2099-01-01" in page.locator("#plan-compare-status").inner_text()


def test_history_pages_keep_to_the_sites_content_security_policy(new_context, released, tmp_path):
    """Served by nginx with deploy/nginx.conf: no inline script is needed, none is refused."""
    with local_nginx.serve(released.site, tmp_path) as url:
        context = new_context()
        traffic = watch(context, url)
        page = context.new_page()
        slug = released.timeline().releases[0].slug
        for path in ("compare.html", f"releases/{slug}.html", "index.html"):
            page.goto(url + path)
            page.wait_for_load_state("load")
        assert page.locator(".plan-period-status").is_visible()  # period.js ran
        page.goto(url + f"compare.html?from={slug}&to=current")
        page.wait_for_selector("#plan-compare-output li")
    assert traffic.csp_violations() == [] and traffic.errors == [] and traffic.outside() == []


@pytest.mark.parametrize("today, status", [("2022-06-01", "实施中"), ("2024-01-01", "已届满"), ("2020-12-31", "尚未开始")])
def test_the_period_status_is_worked_out_from_the_readers_date(new_context, released, released_url, today, status):
    page = new_context().new_page()
    page.clock.set_fixed_time(datetime.datetime.fromisoformat(today + "T12:00:00"))
    page.goto(released_url + "index.html")
    assert page.locator(".plan-period-status").inner_text() == status


def test_without_script_the_period_alone_shows(new_context, released, released_url):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(released_url + "index.html")
    plan = released.timeline().working
    row = page.locator("tr", has_text="实施期限")
    assert row.inner_text().replace("\t", "").strip() == f"实施期限{plan.period}"
    assert not page.locator(".plan-period-status").is_visible()
