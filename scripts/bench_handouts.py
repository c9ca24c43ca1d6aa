#!/usr/bin/env python3
"""Print how long the handouts take: every PDF and Word file and the task table, cold and cached.

    .venv/bin/python scripts/bench_handouts.py [--runs N] [PLAN]

Cold runs render into a fresh temporary cache, as a first `make site` on a clean clone does (font
subsetting with libharfbuzz-subset included); warm runs are what every later build and every
`mkdocs serve` reload pay while the plan, the print templates and the output modules are unchanged.
One more run times each format on its own: the grid typesetting and WeasyPrint for the PDFs,
python-docx for the Word files, openpyxl for the task table.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from plansite.data import loader  # noqa: E402
from plansite.outputs import handouts, task_table  # noqa: E402
from plansite.site import recorded_runs  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("plan", nargs="?", default=os.path.join(ROOT, "data", "plan.yaml"))
    args = parser.parse_args()

    plan = loader.load(args.plan)
    figures = {}
    started = time.perf_counter()
    import weasyprint  # noqa: F401  (its import is part of a cold build's cost)
    import docx  # noqa: F401
    import openpyxl  # noqa: F401
    imported = time.perf_counter() - started
    print(f"import weasyprint, python-docx, openpyxl: {imported:.2f} s")
    figures["import"] = (round(imported, 2), "s")

    with tempfile.TemporaryDirectory() as scratch:
        for run in range(1, args.runs + 1):
            cache = os.path.join(scratch, f"cold-{run}")
            started = time.perf_counter()
            paths = handouts.build(plan, cache)
            cold = time.perf_counter() - started
            sizes = ", ".join(f"{os.path.basename(p)} {os.path.getsize(p) // 1024} KB"
                              for _, p in handouts.files(paths))
            print(f"cold run {run}: {cold:.2f} s for {len(paths)} handouts as PDF and Word + task table ({sizes})")
            figures[f"cold_{run}"] = (round(cold, 2), "s")
            figures["handouts"] = (len(paths), "份")
            for _, path in handouts.files(paths):
                figures[f"size_{os.path.basename(path)}"] = (os.path.getsize(path) // 1024, "KB")
        started = time.perf_counter()
        for _ in range(args.runs):
            handouts.build(plan, cache)
        warm = (time.perf_counter() - started) / args.runs
        print(f"warm (cached), mean of {args.runs}: {warm * 1000:.1f} ms")
        figures["warm"] = (round(warm * 1000, 1), "ms")

        revision = handouts.revision(plan)
        timings = {"PDF": 0.0, "Word": 0.0}
        for handout in handouts.handouts(plan):
            started = time.perf_counter()
            handouts.render_pdf(handouts.render_html(plan, handout, revision), os.path.join(scratch, "x.pdf"))
            timings["PDF"] += time.perf_counter() - started
            started = time.perf_counter()
            handouts.render_docx(plan, handout, revision, os.path.join(scratch, "x.docx"))
            timings["Word"] += time.perf_counter() - started
        started = time.perf_counter()
        task_table.write(plan, os.path.join(scratch, "x.xlsx"))
        timings["task table"] = time.perf_counter() - started
        print("by format: " + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in timings.items()))
        figures.update({f"format_{name.replace(' ', '_')}": (round(seconds, 2), "s") for name, seconds in timings.items()})
    recorded_runs.record("bench_handouts", figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
