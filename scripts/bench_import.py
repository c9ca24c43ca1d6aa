#!/usr/bin/env python3
"""How long `build_data.py import` takes for the Word file of a synthetic plan of scale k (issue #17: k = 10
in at most 2 s), as the editor runs it: the whole command, a new plan each time.

    .venv/bin/python scripts/bench_import.py [--k 10] [--runs 5]
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from plansite.data import loader, synthetic  # noqa: E402
from plansite.outputs import handouts  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source = os.path.join(folder, "synthetic.yaml")
        synthetic.write(args.k, source, source_file=os.path.join(ROOT, "data", "plan.yaml"))
        plan = loader.load(source)
        document = os.path.join(folder, "plan.docx")
        handouts.render_docx(plan, handouts.handouts(plan)[0], "", document)
        times = []
        for run in range(args.runs):
            target = os.path.join(folder, f"imported-{run}.yaml")
            start = time.perf_counter()
            subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "build_data.py"), "import", document, target],
                           check=True, capture_output=True)
            times.append(time.perf_counter() - start)
    print(f"{time.strftime('%Y-%m-%d %H:%M')} · {platform.node()} · {os.cpu_count()} cores · "
          f"load {os.getloadavg()[0]:.1f} · k={args.k} ({len(plan.problems)} problems, "
          f"{len(plan.measures.items) + len(plan.guarantees.items)} measures and guarantees)")
    print(f"import of the Word file, whole command, {args.runs} runs: best {min(times):.2f} s, "
          f"median {statistics.median(times):.2f} s, worst {max(times):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
