#!/usr/bin/env python3
"""Benchmark the site build: the real plan against its floor, and synthetic plans of growing scale.

    .venv/bin/python scripts/benchmark.py [--runs 3] [--scales 1,10,100] [--keep DIR]

In one run it builds
  (a) the real plan, as `mkdocs build` does;
  (b) the floor: a plain mkdocs-material site with the same pages holding the same Markdown (each
      page's Markdown captured after the macros rendered it), the same theme, navigation, search
      (jieba) and Markdown extensions, but neither the plan nor the macros plugin;
  (c) synthetic plans of scale k (plansite/data/synthetic.py), once each;
and prints wall and CPU times (median of --runs for (a) and (b), run alternately), the ratio (a)/(b),
time per page, the heaviest page (HTML+CSS+JS, gzip), the search index size and the PDF time.
Not a test: the figures depend on the machine; docs/performance.md records them.
"""
from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plansite.data import synthetic  # noqa: E402

# Builds are timed without the PDF handouts, which are timed on their own (pdf_time): a `make site`
# pays them only when the plan or the print templates changed (a cache hit costs ~10 ms).
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", PLAN_HANDOUTS="false")

# Runs after the macros (hooks come after every plugin): saves each page's final Markdown, front
# matter included, and the navigation and search settings the plan plugin put in place.
CAPTURE_HOOK = '''
import json, os
import yaml

OUT = os.environ["PLAN_FLOOR_DIR"]

def on_config(config):
    search = config.plugins["material/search"].config
    settings = {"nav": config.nav, "search": {"lang": search.lang, "separator": search.separator}}
    with open(os.path.join(OUT, "settings.json"), "w", encoding="utf-8") as handle:
        json.dump(settings, handle, ensure_ascii=False)

def on_page_markdown(markdown, page, config, files):
    path = os.path.join(OUT, "docs", page.file.src_uri)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    meta = "---\\n" + yaml.safe_dump(page.meta, allow_unicode=True) + "---\\n\\n" if page.meta else ""
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(meta + markdown)
    return markdown
'''


def build(config: Path, site: Path, handouts: bool = False) -> tuple[float, float]:
    """One `mkdocs build --strict` (with the handouts if *handouts*): (wall seconds, CPU seconds of the build process)."""
    shutil.rmtree(site, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(site)],
                            cwd=config.parent, env=dict(ENV, PLAN_HANDOUTS=str(handouts).lower()),
                            capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode:
        sys.exit(f"build failed: {config}\n{result.stderr[-3000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def synthetic_config(work: Path, k: int) -> Path:
    """The config of a project in *work* that builds a synthetic plan of scale *k* (its data/plan.yaml)."""
    plan_file = work / f"plan-k{k}.yaml"
    synthetic.write(k, str(plan_file), source_file=str(ROOT / "data" / "plan.yaml"))
    return Path(synthetic.project(str(work / f"k{k}"), str(plan_file)))


def floor_project(work: Path) -> Path:
    """Capture the real site's pages as Markdown and write the plain mkdocs-material project."""
    floor = work / "floor"
    (floor / "docs").mkdir(parents=True)
    hook = work / "capture_hook.py"
    hook.write_text(CAPTURE_HOOK, encoding="utf-8")
    capture = synthetic.project(str(work / "capture"), str(ROOT / "data" / "plan.yaml"), hooks=[str(hook)])
    env = dict(ENV, PLAN_FLOOR_DIR=str(floor))
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", capture, "-d", str(work / "capture-site")],
                   env=env, check=True, capture_output=True)
    for name in os.listdir(ROOT / "docs"):  # the site's own non-page files (stylesheets)
        if not name.endswith(".md"):
            shutil.copytree(ROOT / "docs" / name, floor / "docs" / name, dirs_exist_ok=True)
    (floor / "overrides").symlink_to(ROOT / "overrides", target_is_directory=True)  # the same theme
    settings = json.loads((floor / "settings.json").read_text(encoding="utf-8"))
    plugins = [{"search": settings["search"]}, "offline"]
    config = {"INHERIT": str(ROOT / "mkdocs.yml"), "docs_dir": str(floor / "docs"), "nav": settings["nav"], "plugins": plugins}
    path = floor / "mkdocs.yml"
    path.write_text(json.dumps(config, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


_ASSET = re.compile(r'<(?:script[^>]*\ssrc|link[^>]*rel="stylesheet"[^>]*\shref)="([^"]+)"')


def weights(site: Path) -> dict:
    """Pages, the heaviest page's first load (HTML + the CSS and JS it references, gzip) and the index."""
    pages = list(site.rglob("*.html"))
    heaviest, heaviest_size, sizes = None, 0, {}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        total = gz(page)
        for ref in _ASSET.findall(html):
            if "://" in ref:
                continue
            asset = (page.parent / ref.split("#")[0].split("?")[0]).resolve()
            if asset not in sizes:
                sizes[asset] = gz(asset) if asset.is_file() else 0
            total += sizes[asset]
        if total > heaviest_size:
            heaviest, heaviest_size = page, total
    index = site / "search" / "search_index.json"
    search_assets = [index, *site.glob("assets/javascripts/workers/search.*.min.js"),
                     *site.glob("assets/javascripts/lunr/min/lunr.stemmer.support.min.js"),
                     *site.glob("assets/javascripts/lunr/min/lunr.zh.min.js")]
    return {"pages": len(pages), "heaviest": heaviest.relative_to(site), "heaviest_gz": heaviest_size,
            "index": index.stat().st_size, "index_gz": gz(index), "search_gz": sum(gz(p) for p in search_assets if p.is_file())}


def pdf_time() -> str:
    """The PDF handouts rendered cold (empty cache), as scripts/bench_handouts.py measures them."""
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_handouts.py"), "--runs", "1"],
                            cwd=ROOT, env=ENV, capture_output=True, text=True)
    if result.returncode != 0:
        return f"失败（{result.stderr.strip()[-200:]}）"
    return "；".join(line.strip() for line in result.stdout.splitlines() if line.strip())


def kb(n: int) -> str:
    return f"{n / 1024:.0f} KB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="builds of (a) and (b) each; the median is reported")
    parser.add_argument("--scales", default="1,10,100", help="synthetic scales k, comma-separated ('' for none)")
    parser.add_argument("--keep", help="keep the work directory here instead of a temporary one")
    args = parser.parse_args(argv)
    with workspace(args.keep) as work:
        return run(work, args.runs, [int(k) for k in args.scales.split(",") if k])


@contextlib.contextmanager
def workspace(keep: str | None):
    """The directory builds go to: *keep* (left in place) or a temporary one (removed after)."""
    work = Path(keep or tempfile.mkdtemp(prefix="plan-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        yield work
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def run(work: Path, runs: int, scales: list[int]) -> int:
    print(f"机器：{os.cpu_count()} 核，Python {sys.version.split()[0]}；负载 {os.getloadavg()[0]:.2f}")
    floor = floor_project(work)
    real = ROOT / "mkdocs.yml"
    times = {"a": [], "b": []}
    for _ in range(runs):  # alternate, so that a burst of load on the machine hits both alike
        times["a"].append(build(real, work / "site-a"))
        times["b"].append(build(floor, work / "site-b"))
    a_wall, b_wall = (statistics.median(w for w, _ in times[x]) for x in "ab")
    a_cpu, b_cpu = (statistics.median(c for _, c in times[x]) for x in "ab")
    wa, wb = weights(work / "site-a"), weights(work / "site-b")
    print(f"(a) 真实方案 mkdocs build：墙钟 {a_wall:.2f} s，CPU {a_cpu:.2f} s（{runs} 次中位数；"
          f"各次墙钟 {', '.join(f'{w:.2f}' for w, _ in times['a'])}），{wa['pages']} 页，每页 {a_wall / wa['pages'] * 1000:.0f} ms")
    print(f"(b) 同样页面的纯 Markdown 站点（下限）：墙钟 {b_wall:.2f} s，CPU {b_cpu:.2f} s（各次墙钟 "
          f"{', '.join(f'{w:.2f}' for w, _ in times['b'])}），{wb['pages']} 页")
    print(f"(a)/(b)：墙钟 {a_wall / b_wall:.2f}，CPU {a_cpu / b_cpu:.2f}（目标 ≤ 1.2）")
    print(f"最重页面首次加载：{wa['heaviest']} {kb(wa['heaviest_gz'])}（HTML+CSS+JS，gzip；目标 ≤ 300 KB）；"
          f"加上搜索（worker、lunr、索引）另 {kb(wa['search_gz'])}")
    print(f"搜索索引：{kb(wa['index'])}（gzip {kb(wa['index_gz'])}）")
    print(f"PDF：{pdf_time()}")
    measured = {}
    for k in scales:
        wall, cpu = build(synthetic_config(work, k), work / f"site-k{k}")
        w = weights(work / f"site-k{k}")
        measured[k] = wall
        print(f"(c) k = {k}：墙钟 {wall:.2f} s，CPU {cpu:.2f} s，{w['pages']} 页，每页 {wall / w['pages'] * 1000:.0f} ms；"
              f"最重页面 {w['heaviest']} {kb(w['heaviest_gz'])}；搜索索引 {kb(w['index'])}（gzip {kb(w['index_gz'])}）")
    if 10 in measured and 100 in measured:
        print(f"time(100)/time(10)：{measured[100] / measured[10]:.1f}（目标 ≤ 12；k = 100 目标 ≤ 60 s）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
