"""Benchmark figures the site shows come from recorded runs, never from numbers typed into a page.

Each benchmark script (scripts/benchmark.py, bench_releases.py, …; ``make benchmarks`` runs them
all) appends its run to ``benchmarks/runs.yaml``: when, on what machine, the command, the commit and
a digest of the build code it measured, and its figures by name, each a value and a unit.
docs/performance.md shows them through the ``figure`` and ``measured`` macros (macros/bench_figures.py),
which also say when the build code has changed since a run; tests/test_recorded_runs.py fails when
the page states a figure that no recorded run holds.
"""
from __future__ import annotations

import datetime
import hashlib
import os
import platform
import subprocess
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
RUNS = ROOT / "benchmarks" / "runs.yaml"
# What a build is made of: a run measured other code when any of these changed since.
BUILD_CODE = ("plansite", "macros", "overrides", "docs/javascripts", "mkdocs.yml", "requirements.txt")
NOT_BUILD_CODE = ("plansite/data/importing",)  # build_data.py import only: no build runs it
HEADER = ("# Recorded benchmark runs: appended by the scripts (make benchmarks), rendered by docs/performance.md.\n"
          "# Not edited by hand: running a script again appends a run; the page shows each script's latest.\n")


@dataclass(frozen=True)
class Run:
    id: str  # <script>-<date>-<n>
    script: str
    date: str  # ISO date and time, local
    machine: str
    command: str
    commit: str
    code: str  # build_code() when the run was made
    figures: dict  # name -> {"value": number, "unit": str}

    def text(self, name: str) -> str:
        """The figure as the page prints it: the recorded value and its unit."""
        figure = self.figures[name]
        return format_figure(figure["value"], figure.get("unit", ""))


def format_figure(value, unit: str) -> str:
    number = str(value)  # as recorded: 4.0 stays 4.0
    return f"{number} {unit}" if unit and unit not in ("×", "倍", "%") else f"{number}{unit}"


def runs(path: Path = RUNS) -> list[Run]:
    """The recorded runs, oldest first (read once per version of the file: a page asks many times)."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return []
    return _read(path, stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=4)
def _read(path: Path, size: int, mtime: int) -> list[Run]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    return [Run(**entry) for entry in data.get("runs", [])]


def latest(script: str, path: Path = RUNS) -> Run | None:
    found = [run for run in runs(path) if run.script == script]
    return found[-1] if found else None


def build_code(root: Path = ROOT) -> str:
    """A digest of the files a build runs (BUILD_CODE), compiled files and caches left out."""
    digest = hashlib.sha256()
    for name in BUILD_CODE:
        top = root / name
        files = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file())
        for path in files:
            relative = path.relative_to(root).as_posix()
            if "__pycache__" in path.parts or path.suffix == ".pyc" or relative.startswith(NOT_BUILD_CODE):
                continue
            digest.update(relative.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def machine() -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{os.cpu_count()} 核，{platform.system()} {platform.machine()}，Python {platform.python_version()}，开始时负载 {load:.1f}"


def record(script: str, figures: dict, argv: list[str] | None = None, path: Path = RUNS) -> Run:
    """Append a run of *script* with *figures* ({name: (value, unit)}) to the recorded runs."""
    now = datetime.datetime.now().replace(microsecond=0)
    existing = runs(path)
    number = 1 + sum(run.script == script and run.date[:10] == now.date().isoformat() for run in existing)
    command = " ".join([".venv/bin/python", f"scripts/{script}.py", *(sys.argv[1:] if argv is None else argv)])
    run = Run(id=f"{script}-{now.date().isoformat()}-{number}", script=script, date=now.isoformat(sep=" "),
              machine=MACHINE_AT_START, command=command.strip(), commit=_commit(), code=build_code(),
              figures={name: {"value": value, "unit": unit} for name, (value, unit) in figures.items()})
    rows = [vars(r) for r in existing + [run]]
    path.parent.mkdir(parents=True, exist_ok=True)
    body = yaml.safe_dump({"runs": rows}, allow_unicode=True, sort_keys=False, width=1 << 20)
    path.write_text(HEADER + body, encoding="utf-8")
    print(f"已记录：{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}（{run.id}）")
    return run


def _commit() -> str:
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%h"], cwd=ROOT, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip()


MACHINE_AT_START = machine()  # the load when the script started, before its own builds raised it
