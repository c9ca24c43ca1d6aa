"""The site in Debian's Firefox ESR, checked as in Chromium: every page over nginx with
deploy/nginx.conf asks nothing of another host, logs no console error, keeps to the Content
Security Policy and passes axe; search typed and by citation code lands on the item; text
reaching the search box in any way is searched for once and never mid-composition; a page
printed with the print stylesheet has the handout look.

The cases come from the plan (queries.py, arrivals.py, printout.py), as Chromium's do;
firefox.mjs drives one Firefox through all of them at once and reports what it saw, judged here.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from arrivals import IN_PAGE, QUERY_LOG, SCRIPT, WAYS, arrivals, wrong
from browsing import REPORT_CSP, AXE, ROOT, WCAG, Traffic, site_pages, site_relative
from printout import handout_look, printed_area
from queries import FIRST, FIRST_SHARE, citations, misses, page_of, queries

FIREFOX = "/usr/bin/firefox-esr"  # Debian's, never a downloaded one
DRIVER = ROOT / "tests" / "browser" / "firefox.mjs"
VIEWPORT = {"width": 1280, "height": 720}  # Playwright's default, as Chromium's page checks use


@pytest.fixture(scope="module")
def firefox(plan, nginx_url, built_site, tmp_path_factory):
    """Firefox's report on every case, from one run of firefox.mjs."""
    if not os.access(FIREFOX, os.X_OK):
        pytest.fail(f"找不到 {FIREFOX}：请运行 make test（它会安装 Debian 软件包 firefox-esr）")
    node = shutil.which("node")
    if not node:
        pytest.fail("找不到 node：请安装 Node.js（见 README.md）")
    work = tmp_path_factory.mktemp("firefox")
    job = {
        "firefox": FIREFOX,
        "profile": str(work / "profile"),  # fresh for every run
        "home": str(work),
        "base": nginx_url,
        "viewport": VIEWPORT,
        # Run in every page before its own scripts (the site's CSP does not apply to them).
        "init": [REPORT_CSP, *(path.read_text(encoding="utf-8") for path in (QUERY_LOG, IN_PAGE, AXE))],
        "wcag": WCAG,
        "pages": site_pages(built_site),
        "searches": {"texts": sorted({q.text for q in queries(plan)} | {form for form, _ in citations(plan)}),
                     "limit": FIRST},
        "arrivals": {"script": str(SCRIPT), "limit": FIRST,
                     "cases": [{"way": a.way, "text": a.text, "page": a.page} for a in arrivals(plan)]},
        "print": {"page": page_of(printed_area(plan)), "pdf": str(work / "printed.pdf")},
    }
    (work / "job.json").write_text(json.dumps(job, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run([node, str(DRIVER), str(work / "job.json")], capture_output=True, text=True, cwd=ROOT,
                         timeout=600)
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        report = {"failure": run.stdout[-2000:]}
    if run.returncode or "failure" in report:
        pytest.fail(f"Firefox 没能走完全部检查：{report.get('failure')}\n{run.stderr[-3000:]}")
    print(f"\n{report['version']}，各部分用时（秒）：{report['seconds']}")
    return report


@pytest.fixture(scope="module")
def traffic(firefox, nginx_url):
    return Traffic(nginx_url.rstrip("/"), firefox["requests"], firefox["errors"])


def test_every_page_in_firefox_stays_on_the_intranet(traffic, built_site):
    assert {site_relative(r, traffic.origin + "/") for r in traffic.requests if r.endswith(".html")} \
        >= set(site_pages(built_site))
    assert any("/workers/search." in r for r in traffic.requests)  # the search worker's own requests count too
    assert traffic.outside() == []


def test_every_page_in_firefox_logs_no_console_error(traffic):
    assert traffic.errors == []


def test_every_page_in_firefox_keeps_to_the_content_security_policy(traffic):
    assert traffic.csp_violations() == []


def test_every_page_in_firefox_has_no_wcag21_aa_violation(firefox):
    assert firefox["axe"] == {}


def test_every_derived_query_finds_its_page_in_firefox(plan, firefox, nginx_url):
    derived = queries(plan)
    found = {text: [site_relative(href, nginx_url) for href in hrefs] for text, hrefs in firefox["searches"].items()}
    not_near, not_first = misses(derived, found, FIRST)
    share = 1 - (len(not_near) + len(not_first)) / len(derived)
    print(f"\n派生查询 {len(derived)} 个，第一个结果就是所在页面的占 {share:.1%}", *not_first, sep="\n")
    assert not_near == []
    assert share >= FIRST_SHARE, "\n".join(not_first)


def test_every_citation_code_opens_its_item_in_firefox(plan, firefox, nginx_url):
    wrong_codes = []
    for form, location in citations(plan):
        shown = firefox["searches"][form]
        first = site_relative(shown[0], nginx_url, anchor=True) if shown else None
        if first != location:
            wrong_codes.append(f"{form}：应为 {location}，第一个结果 {first}")
    assert wrong_codes == []


def test_text_reaching_the_search_box_in_firefox_is_searched_once(plan, firefox, nginx_url):
    reported = firefox["arrivals"]
    assert [r["way"] for r in reported] == WAYS
    problems = []
    for arrival, seen in zip(arrivals(plan), reported):
        problems += wrong(arrival, seen["queries"], seen["box"], [site_relative(h, nginx_url) for h in seen["results"]])
    assert problems == []


def test_a_page_printed_in_firefox_has_the_handout_look(plan, firefox):
    assert handout_look(firefox["print"], plan, printed_area(plan)) == []
