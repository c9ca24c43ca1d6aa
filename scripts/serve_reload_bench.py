#!/usr/bin/env python3
"""Time `mkdocs serve`'s rebuild after an edit to plan.yaml, as an editor previewing a change sees it.

    .venv/bin/python scripts/serve_reload_bench.py [--edits 3] [--plan FILE]

Starts `mkdocs serve` on an ephemeral 127.0.0.1 port for a throwaway copy of the project (its own
data/plan.yaml, so the repository is never touched), then edits the copy's plan.yaml several times
and measures, for each edit, the time from saving the file to the served page showing the change.
That includes mkdocs' file polling (every 0.5 s), so it is what the editor waits, not only the
build. Not a test: it prints figures (docs/performance.md records them).
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plansite.data import synthetic  # noqa: E402
from plansite.site import recorded_runs  # noqa: E402

PAGE = "fulltext.html"  # shows the preamble, which each edit changes
ANCHOR = "制定如下实施方案"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, text: str, timeout: float) -> float | None:
    """Seconds until *url* serves *text*, polling every 20 ms; None on timeout."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        page = fetch(url)
        if page is not None and text in page:
            return time.perf_counter() - start
        time.sleep(0.02)
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--plan", default=str(ROOT / "data" / "plan.yaml"), help="plan to serve (e.g. a synthetic one)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="plan-serve-") as work:
        config = synthetic.project(work, args.plan)
        plan = Path(work, "data", "plan.yaml")
        original = plan.read_text(encoding="utf-8")
        if ANCHOR not in original:
            sys.exit(f"{args.plan}: the preamble does not contain {ANCHOR}")
        port = free_port()
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        log = open(Path(work, "serve.log"), "w+")
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", config, "-a", f"127.0.0.1:{port}"],
                                  cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}/{PAGE}"
            first = wait_for(url, ANCHOR, 120)
            if first is None:
                log.seek(0)
                sys.exit("mkdocs serve did not come up:\n" + log.read()[-3000:])
            print(f"mkdocs serve 首次构建并开始服务：{first:.2f} s（端口 {port}）")
            waits = []
            for n in range(1, args.edits + 1):
                marker = f"（改动标记{n}）"
                plan.write_text(original.replace(ANCHOR, ANCHOR + marker, 1), encoding="utf-8")
                took = wait_for(url, marker, 60)
                if took is None:
                    log.seek(0)
                    sys.exit(f"edit {n} never showed up:\n" + log.read()[-3000:])
                waits.append(took)
                print(f"第 {n} 次修改 plan.yaml → 页面显示改动：{took:.2f} s")
                time.sleep(1.0)  # let the server settle before the next edit
            print(f"中位数 {statistics.median(waits):.2f} s（目标 ≤ 2 s；含 mkdocs 每 0.5 s 一次的文件轮询）")
            recorded_runs.record("serve_reload_bench", {
                "edits": (len(waits), "次"), "first": (round(first, 2), "s"), "fastest": (round(min(waits), 2), "s"),
                "median": (round(statistics.median(waits), 2), "s"), "slowest": (round(max(waits), 2), "s")}, argv)
        finally:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
            log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
