#!/usr/bin/env python3
"""Print how long the PDF handouts take: cold (rendered from scratch) and warm (from the cache).

    .venv/bin/python scripts/bench_handouts.py [--runs N]

Cold runs render into a fresh temporary cache, as a first `make site` on a clean clone does (font
subsetting with libharfbuzz-subset included); warm runs are what every later build and every
`mkdocs serve` reload pay while the plan and the print templates are unchanged.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from plansite.outputs import handouts
from plansite.data import loader  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("plan", nargs="?", default=os.path.join(ROOT, "data", "plan.yaml"))
    args = parser.parse_args()

    plan = loader.load(args.plan)
    started = time.perf_counter()
    import weasyprint  # noqa: F401  (its import is part of a cold build's cost)
    imported = time.perf_counter() - started
    print(f"import weasyprint: {imported:.2f} s")

    with tempfile.TemporaryDirectory() as scratch:
        for run in range(1, args.runs + 1):
            cache = os.path.join(scratch, f"cold-{run}")
            started = time.perf_counter()
            paths = handouts.build(plan, args.plan, cache)
            cold = time.perf_counter() - started
            sizes = ", ".join(f"{h.file_name} {os.path.getsize(p) // 1024} KB" for h, p in paths.items())
            print(f"cold run {run}: {cold:.2f} s for {len(paths)} handouts ({sizes})")
        started = time.perf_counter()
        for _ in range(args.runs):
            handouts.build(plan, args.plan, cache)
        warm = (time.perf_counter() - started) / args.runs
        print(f"warm (cached), mean of {args.runs}: {warm * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
