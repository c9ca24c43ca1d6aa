"""Figures that cannot go stale: every figure the 性能 page states comes from a recorded run
(benchmarks/runs.yaml, plansite/site/recorded_runs.py), and the page types none of its own.

Targets (≤ 1.05, ≤ 300 KB) are typed: they are what a figure is held to, not a measurement.
A run measured on build code that has changed since stays on the page, which says so (no test
fails for it: the figures are re-measured with `make benchmarks`, not in every pull request).
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from plansite.site import recorded_runs
from sitepages import PAGE

ROOT = recorded_runs.ROOT

# A measurement as this page writes one: a decimal, or a number with a unit of time, size, ratio or count.
MEASUREMENT = re.compile(r"(?<![\d.])(?:\d+\.\d+(?![\w.])|\d+\s*(?:(?:ms|s|KB|MB|GB)(?![\w.])|[倍×%]|毫秒|秒|分钟|小时|页|次))")
TARGET = re.compile(r"[≤≥<>]\s*$")


class Figures(HTMLParser):
    """The article's figure spans, and its text outside them, code and preformatted blocks."""

    def __init__(self):
        super().__init__()
        self.figures: list[tuple[str, str, str]] = []  # (run, figure, text)
        self.runs: set[str] = set()
        self.text: list[str] = []
        self._stack: list[tuple[str, dict]] = []
        self._in_article = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self._in_article += 1
        self._stack.append((tag, attrs))
        if tag == "span" and "data-run" in attrs and "run" in (attrs.get("class") or "").split():
            self.runs.add(attrs["data-run"])

    def handle_endtag(self, tag):
        while self._stack:
            name, _ = self._stack.pop()
            if name == tag:
                break
        if tag == "article":
            self._in_article -= 1

    def handle_data(self, data):
        if not self._in_article:
            return
        inside = {name for name, _ in self._stack}
        figure = next((a for name, a in reversed(self._stack) if name == "span" and "figure" in (a.get("class") or "").split()), None)
        if figure is not None:
            self.figures.append((figure["data-run"], figure["data-figure"], data))
        elif not inside & {"code", "pre"} and not any(name == "span" and "run" in (a.get("class") or "").split()
                                                        for name, a in self._stack):
            self.text.append(data)


@pytest.fixture(scope="module")
def page(built_site) -> Figures:
    parser = Figures()
    parser.feed((built_site / PAGE["performance"]).read_text(encoding="utf-8"))
    return parser


def test_every_figure_on_the_page_is_a_recorded_one(page):
    recorded = {run.id: run for run in recorded_runs.runs()}
    assert page.figures, "the page shows no recorded figure"
    for run_id, name, text in page.figures:
        assert run_id in recorded, f"{name}: run {run_id} is not in benchmarks/runs.yaml"
        assert text == recorded[run_id].text(name), f"{name}: the page says {text!r}, run {run_id} holds {recorded[run_id].text(name)!r}"
    assert page.runs <= recorded.keys()


def test_every_figure_the_page_asks_for_was_measured():
    """A figure the page names but no run holds shows a dash: `make benchmarks` must run before landing."""
    page = (ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
    missing = [(script, name) for script, name in re.findall(r'figure\("(\w+)", "([^"]+)"\)', page)
               if recorded_runs.latest(script) is None or name not in recorded_runs.latest(script).figures]
    assert not missing, f"figures no recorded run holds (run make benchmarks): {missing}"


def test_the_page_types_no_figure_of_its_own(page):
    text = "".join(page.text)
    typed = [m.group(0) for m in MEASUREMENT.finditer(text) if not TARGET.search(text[:m.start()])]
    assert not typed, f"figures typed into docs/performance.md rather than taken from a recorded run: {typed}"


def test_a_run_is_recorded_with_when_where_what_and_its_figures(tmp_path):
    path = tmp_path / "runs.yaml"
    first = recorded_runs.record("benchmark", {"real_cpu": (1.83, "s"), "ratio_cpu": (0.97, "×")}, ["--runs", "5"], path)
    second = recorded_runs.record("benchmark", {"real_cpu": (1.9, "s")}, [], path)
    assert [run.id for run in recorded_runs.runs(path)] == [first.id, second.id] and first.id != second.id
    assert recorded_runs.latest("benchmark", path) == second
    assert first.command == ".venv/bin/python scripts/benchmark.py --runs 5"
    assert first.code == recorded_runs.build_code() and first.date and first.machine
    assert (first.text("real_cpu"), first.text("ratio_cpu")) == ("1.83 s", "0.97×")
