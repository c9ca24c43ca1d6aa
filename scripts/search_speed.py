#!/usr/bin/env python3
"""Print how long the search box takes, in Chromium, from a reader's last keystroke to the first
result on screen: on the real site and on a synthetic plan of scale k = 10.

    .venv/bin/python scripts/search_speed.py [--scale 10] [--keep DIR]

Both sites are built without PDFs and served by nginx with deploy/nginx.conf. The queries come
from each plan's model (department names, titles, citation codes, parts of names, and reversed
titles that no page holds), so the same kinds are timed on both. The clock starts at the input event of the last character typed and
stops when the results are on screen (or the line saying there are none); the index is loaded
before timing starts.
"""
from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from benchmark import build, synthetic_config, workspace  # noqa: E402
from browsing import CHROMIUM, CHROMIUM_ARGS, local_nginx, search_ready  # noqa: E402
from plansite.data import loader  # noqa: E402
from plansite.data.model import Plan  # noqa: E402
from plansite.site import recorded_runs  # noqa: E402

SAMPLE = 8  # of each kind

# Clock in the page: the last input event starts it; the results (or the word that there are
# none) on screen stop it. Material writes the status line and the list in one go.
CLOCK = """() => {
  window.__typed = null; window.__shown = null;
  const input = document.querySelector('input.md-search__input');
  const meta = document.querySelector('.md-search-result__meta');
  input.addEventListener('input', () => { window.__typed = performance.now(); window.__shown = null; });
  new MutationObserver(() => {
    if (window.__typed !== null && window.__shown === null && /结果/.test(meta.textContent))
      window.__shown = performance.now();
  }).observe(meta, { childList: true, characterData: true, subtree: true });
}"""


def spread(items: list, n: int = SAMPLE) -> list:
    step = max(1, len(items) // n)
    return items[::step][:n]


def sample_queries(plan: Plan) -> list[str]:
    names = [d.name for d in plan.departments]
    return (spread(names) + [name[2:] for name in spread(names)]  # 组织部 of 区委组织部
            + spread([a.title for a in plan.areas]) + spread([i.title for i in plan.measures.items])
            + spread([p.title for p in plan.problems]) + spread([p.code for p in plan.problems])
            # reversed titles: held by no page, so search.js retries the most before giving up
            + spread([p.title[::-1] for p in plan.problems]))


def time_queries(site: Path, queries: list[str]) -> list[float]:
    from playwright.sync_api import sync_playwright
    times = []
    with local_nginx.serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(base + "index.html")
        search_ready(page)
        page.evaluate(CLOCK)
        box = page.locator("input.md-search__input")
        page.keyboard.press("s")
        for query in queries:
            box.fill("")
            box.press("End")
            page.wait_for_timeout(50)
            box.press_sequentially(query[:-1])
            page.wait_for_timeout(50)
            box.press_sequentially(query[-1])
            box.press("End")  # material searches on keyup; typed CJK characters send none
            page.wait_for_function("() => window.__shown !== null", timeout=30000)
            times.append(page.evaluate("() => window.__shown - window.__typed"))
        browser.close()
    return times


def report(name: str, times: list[float], target: float) -> dict:
    print(f"{name}：{len(times)} 个查询，中位数 {statistics.median(times):.0f} ms，最慢 {max(times):.0f} ms"
          f"（目标 ≤ {target:.0f} ms）")
    return {f"{name}_queries": (len(times), "个"), f"{name}_median": (round(statistics.median(times)), "ms"),
            f"{name}_slowest": (round(max(times)), "ms")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=10, help="scale k of the synthetic plan")
    parser.add_argument("--keep", help="build into this directory (kept) instead of a temporary one")
    args = parser.parse_args(argv)
    with workspace(args.keep) as work:
        build(ROOT / "mkdocs.yml", work / "site")
        figures = report("real", time_queries(work / "site", sample_queries(loader.load(str(ROOT / "data" / "plan.yaml")))), 300)
        config = synthetic_config(work, args.scale)
        build(config, work / f"site-k{args.scale}")
        plan = loader.load(str(config.parent / "data" / "plan.yaml"))
        figures |= report(f"k{args.scale}", time_queries(work / f"site-k{args.scale}", sample_queries(plan)), 1000)
    recorded_runs.record("search_speed", figures, argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
