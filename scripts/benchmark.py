#!/usr/bin/env python3
"""Benchmark the site build: the real plan against its floor, and synthetic plans of growing scale.

    .venv/bin/python scripts/benchmark.py [--runs 5] [--scales 1,10,100] [--scale-runs 2] [--keep DIR]

In one run it builds
  (a) the real plan, as `mkdocs build` does;
  (b) the floor: a plain mkdocs-material site with the same pages holding the same Markdown (each
      page's Markdown captured after the macros rendered it), the same theme, navigation, search
      (jieba) and Markdown extensions, but neither the plan nor the macros plugin;
  (c) synthetic plans of scale k (plansite/data/synthetic.py): a first build (cold: nothing cached
      for that plan) and --scale-runs warm ones, as `make site` builds an unchanged project.
(a) and (b) are built once to warm up, then --runs times alternately (a burst of load on this
shared machine hits both alike); the figures are the minimum of the runs (the least disturbed),
CPU time beside wall time. Prints the ratio (a)/(b), k = 100 against (a), time per page, the
heaviest page (HTML+CSS+JS, gzip) and the search index size, and appends the run to
benchmarks/runs.yaml, which docs/performance.md renders (plansite/site/recorded_runs.py).
The handouts are off (PLAN_HANDOUTS=false): scripts/bench_handouts.py times them.
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
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plansite.data import synthetic  # noqa: E402
from plansite.site import recorded_runs  # noqa: E402

# Builds are timed without the PDF handouts, which bench_handouts.py times on their own: a `make site`
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


def kb(n: int) -> str:
    return f"{n / 1024:.0f} KB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed builds of (a) and (b) each; the minimum is reported")
    parser.add_argument("--scales", default="1,10,100", help="synthetic scales k, comma-separated ('' for none)")
    parser.add_argument("--scale-runs", type=int, default=2, help="warm builds of each synthetic plan")
    parser.add_argument("--keep", help="keep the work directory here instead of a temporary one")
    parser.add_argument("--no-record", action="store_true", help="print only; do not append to benchmarks/runs.yaml")
    args = parser.parse_args(argv)
    with workspace(args.keep) as work:
        figures = run(work, args.runs, [int(k) for k in args.scales.split(",") if k], args.scale_runs)
    if not args.no_record:
        recorded_runs.record("benchmark", figures, argv)
    return 0


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


def run(work: Path, runs: int, scales: list[int], scale_runs: int) -> dict:
    print(f"机器：{recorded_runs.MACHINE_AT_START}")
    floor = floor_project(work)
    real = ROOT / "mkdocs.yml"
    build(real, work / "site-a"), build(floor, work / "site-b")  # warm-up: caches filled as after any build
    times = {"a": [], "b": []}
    for _ in range(runs):  # alternate, so that a burst of load on the machine hits both alike
        times["a"].append(build(real, work / "site-a"))
        times["b"].append(build(floor, work / "site-b"))
    (a_wall, a_cpu), (b_wall, b_cpu) = (tuple(min(t[i] for t in times[x]) for i in (0, 1)) for x in "ab")
    wa, wb = weights(work / "site-a"), weights(work / "site-b")
    listed = lambda x: ", ".join(f"{w:.2f}/{c:.2f}" for w, c in times[x])  # noqa: E731
    print(f"(a) 真实方案 mkdocs build：{runs} 次最少 墙钟 {a_wall:.2f} s，CPU {a_cpu:.2f} s（各次 墙钟/CPU {listed('a')}），"
          f"{wa['pages']} 页，每页 CPU {a_cpu / wa['pages'] * 1000:.0f} ms")
    print(f"(b) 同样页面的纯 Markdown 站点（下限）：墙钟 {b_wall:.2f} s，CPU {b_cpu:.2f} s（各次 {listed('b')}），{wb['pages']} 页")
    print(f"(a)/(b)：墙钟 {a_wall / b_wall:.2f}，CPU {a_cpu / b_cpu:.2f}（目标 ≤ 1.05）")
    print(f"最重页面首次加载：{wa['heaviest']} {kb(wa['heaviest_gz'])}（HTML+CSS+JS，gzip；目标 ≤ 300 KB）；"
          f"加上搜索（worker、lunr、索引）另 {kb(wa['search_gz'])}")
    print(f"搜索索引：{kb(wa['index'])}（gzip {kb(wa['index_gz'])}）")
    figures = {"real_wall": (round(a_wall, 2), "s"), "real_cpu": (round(a_cpu, 2), "s"),
               "floor_wall": (round(b_wall, 2), "s"), "floor_cpu": (round(b_cpu, 2), "s"),
               "ratio_wall": (round(a_wall / b_wall, 2), "×"), "ratio_cpu": (round(a_cpu / b_cpu, 2), "×"),
               "runs": (runs, "次"), "pages": (wa["pages"], "页"), "cpu_per_page": (round(a_cpu / wa["pages"] * 1000), "ms"),
               "heaviest": (round(wa["heaviest_gz"] / 1024), "KB"), "heaviest_page": (str(wa["heaviest"]), ""),
               "search_assets": (round(wa["search_gz"] / 1024), "KB"),
               "index": (round(wa["index"] / 1024), "KB"), "index_gz": (round(wa["index_gz"] / 1024), "KB")}
    for k in scales:
        config = synthetic_config(work, k)
        cold_wall, cold_cpu = build(config, work / f"site-k{k}")
        warm = [build(config, work / f"site-k{k}") for _ in range(scale_runs)]
        wall, cpu = min(w for w, _ in warm), min(c for _, c in warm)
        w = weights(work / f"site-k{k}")
        print(f"(c) k = {k}：第一次构建 墙钟 {cold_wall:.2f} s，CPU {cold_cpu:.2f} s；再次构建（{scale_runs} 次最少）墙钟 {wall:.2f} s，"
              f"CPU {cpu:.2f} s；{w['pages']} 页，每页 CPU {cpu / w['pages'] * 1000:.0f} ms；最重页面 {w['heaviest']} "
              f"{kb(w['heaviest_gz'])}；搜索索引 {kb(w['index'])}（gzip {kb(w['index_gz'])}）")
        figures.update({f"k{k}_cold_wall": (round(cold_wall, 1), "s"), f"k{k}_cold_cpu": (round(cold_cpu, 1), "s"),
                        f"k{k}_wall": (round(wall, 1), "s"), f"k{k}_cpu": (round(cpu, 1), "s"),
                        f"k{k}_pages": (w["pages"], "页"), f"k{k}_cpu_per_page": (round(cpu / w["pages"] * 1000), "ms"),
                        f"k{k}_heaviest": (round(w["heaviest_gz"] / 1024), "KB"), f"k{k}_heaviest_page": (str(w["heaviest"]), ""),
                        f"k{k}_index": (round(w["index"] / 1e6, 1), "MB"), f"k{k}_index_gz": (round(w["index_gz"] / 1e6, 2), "MB"),
                        f"k{k}_vs_real_cpu": (round(cpu / a_cpu, 1), "×"), f"k{k}_vs_real_wall": (round(wall / a_wall, 1), "×")})
        print(f"    k = {k} 对真实方案：CPU {cpu / a_cpu:.1f} 倍，墙钟 {wall / a_wall:.1f} 倍（k = 100 目标 ≤ 15 倍）")
    return figures


if __name__ == "__main__":
    sys.exit(main())
