#!/usr/bin/env python3
"""Benchmark `make site` with many releases against none: the real plan in two throwaway projects.

    .venv/bin/python scripts/bench_releases.py [--releases 20] [--runs 3] [--keep DIR]

Project (a) holds a copy of data/plan.yaml and no release. Project (b) holds the same plan released
--releases times by the release code (plansite.data.releases.record), each release after an ordinary
edit (one problem's text extended), so every release has a redline, item history and two PDFs.
Both are built once to fill their caches (the first build of (b) renders every release's PDFs), then
alternately --runs times as `make site` builds them (mkdocs build --strict, PDFs on): the warm,
normal case. Prints the minimum of the runs (wall and CPU) and the ratio (b)/(a).

Then what the releases' own pages add to (b)'s warm build, timed inside it (scripts/release_timing_hook.py):
each release's full-text page, compare.html and the files beside them (open data, compare.html's
data), against the rest of the build; and, in Debian's Chromium on (b)'s site opened from its folder,
the time from choosing a version in compare.html to the redline painted, for every pair of versions.
Appends the run to benchmarks/runs.yaml, which docs/performance.md renders.
"""
from __future__ import annotations

import argparse
import datetime
import gzip
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plansite.data import loader, releases, synthetic  # noqa: E402
from plansite.data.numerals import chinese  # noqa: E402
from plansite.site import recorded_runs  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from benchmark import ENV, build  # noqa: E402  (the same timed build as the other benchmarks)

FIRST = datetime.date(2022, 6, 1)


def release_many(plan_file: Path, count: int) -> None:
    """*count* releases, a week apart, each after extending one problem's text (an ordinary edit)."""
    for n in range(1, count + 1):
        plan = loader.load(str(plan_file))
        problem = plan.problems[(n - 1) % len(plan.problems)]
        text = plan_file.read_text(encoding="utf-8")
        edited = problem.text.rstrip("。") + f"，测试修订{chinese(n)}。"
        plan_file.write_text(text.replace(problem.text, edited, 1), encoding="utf-8")
        title = "首次发布" if n == 1 else f"第{chinese(n - 1)}次修订"
        releases.record(str(plan_file), FIRST + datetime.timedelta(weeks=n - 1), title, "性能测试用的发布。")


def compare_speed(site: Path) -> dict:
    """In Chromium, from choosing a version in compare.html (opened from the folder) to the next frame."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page()
        page.goto((site / "compare.html").as_uri())
        slugs = page.evaluate("() => window.planCompare.versions.map(v => v.slug)")
        times = []
        for old in slugs:
            for new in slugs:
                times.append(page.evaluate("""([a, b]) => new Promise(done => {
                    const from = document.getElementById('plan-compare-from');
                    document.getElementById('plan-compare-to').value = b;
                    from.value = a;
                    const start = performance.now();
                    from.dispatchEvent(new Event('change'));
                    requestAnimationFrame(() => setTimeout(() => done(performance.now() - start)));
                })""", [old, new]))
        browser.close()
    data = (site / "javascripts" / "compare-data.js").read_bytes()
    print(f"compare.html, choosing to painted, {len(times)} pairs: median {statistics.median(times):.1f} ms,"
          f" slowest {max(times):.1f} ms (target ≤ 300 ms); compare-data.js {len(data) / 1024:.0f} KB,"
          f" gzip {len(gzip.compress(data)) / 1024:.0f} KB")
    return {"compare_pairs": (len(times), "对"), "compare_median_ms": (round(statistics.median(times), 1), "ms"),
            "compare_slowest_ms": (round(max(times), 1), "ms"), "compare_data_kb": (round(len(data) / 1024), "KB"),
            "compare_data_gzip_kb": (round(len(gzip.compress(data)) / 1024), "KB")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--releases", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", help="work in this folder and keep it (default: a temporary one)")
    args = parser.parse_args()
    work = Path(args.keep or tempfile.mkdtemp(prefix="bench-releases-"))
    try:
        none = synthetic.project(str(work / "none"), str(ROOT / "data" / "plan.yaml"))
        many = synthetic.project(str(work / "many"), str(ROOT / "data" / "plan.yaml"),
                                 hooks=[str(ROOT / "scripts" / "release_timing_hook.py")])
        ENV["PLAN_TIMING_OUT"] = str(work / "timing.json")  # for the hook, in the builds' environment
        start = time.perf_counter()
        release_many(work / "many" / "data" / "plan.yaml", args.releases)
        print(f"made {args.releases} releases in {time.perf_counter() - start:.1f} s")
        projects = {"(a) no release": none, f"(b) {args.releases} releases": many}
        first = {}
        for name, config in projects.items():
            first[name] = build(Path(config), work / "site", handouts=True)
            print(f"{name}: first build (fills the caches) wall {first[name][0]:.2f} s, CPU {first[name][1]:.2f} s")
        times = {name: [] for name in projects}
        added = []  # seconds of (b)'s builds spent on the releases' own pages and files
        for _ in range(args.runs):
            for name, config in projects.items():
                times[name].append(build(Path(config), work / "site", handouts=True))
            timing = json.loads((work / "timing.json").read_text(encoding="utf-8"))
            added.append([timing["pages"][i] + timing["files"][i] for i in (0, 1)])
        least = {}
        for name, runs in times.items():
            least[name] = min(w for w, _ in runs), min(c for _, c in runs)
            print(f"{name}: warm build (make site), least of {args.runs}: wall {least[name][0]:.2f} s, CPU {least[name][1]:.2f} s "
                  f"(all: {', '.join(f'{w:.2f}/{c:.2f}' for w, c in runs)})")
        (a_wall, a_cpu), (b_wall, b_cpu) = least.values()
        print(f"ratio (b)/(a): wall {b_wall / a_wall:.2f}, CPU {b_cpu / a_cpu:.2f} (target ≤ 1.5)")
        shares = {"wall": [], "CPU": []}
        for (wall_in, cpu_in), (wall, cpu) in zip(added, times[f"(b) {args.releases} releases"]):
            shares["wall"].append(wall_in / (wall - wall_in))
            shares["CPU"].append(cpu_in / (cpu - cpu_in))
            print(f"(b) release pages and their files: wall {wall_in:.3f} of {wall:.2f} s, CPU {cpu_in:.3f} of {cpu:.2f} s")
        added_share = {name: statistics.median(values) for name, values in shares.items()}
        print("they add to the rest of the build (median): "
              + ", ".join(f"{name} {value:.1%}" for name, value in added_share.items()) + " (target ≤ 20%)")
        compare = compare_speed(work / "site")
        recorded_runs.record("bench_releases", {
            "releases": (args.releases, "次"), "runs": (args.runs, "次"),
            "none_wall": (round(a_wall, 2), "s"), "none_cpu": (round(a_cpu, 2), "s"),
            "many_wall": (round(b_wall, 2), "s"), "many_cpu": (round(b_cpu, 2), "s"),
            "ratio_wall": (round(b_wall / a_wall, 2), "×"), "ratio_cpu": (round(b_cpu / a_cpu, 2), "×"),
            "many_first_wall": (round(first[f"(b) {args.releases} releases"][0], 1), "s"),
            "pages_added_wall": (round(100 * added_share["wall"], 1), "%"),
            "pages_added_cpu": (round(100 * added_share["CPU"], 1), "%"),
            **compare})
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
