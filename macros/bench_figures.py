"""The 性能 page's figures, each from a recorded run (plansite/site/recorded_runs.py), never typed.

``figure(script, name)`` prints one figure of the latest run of *script*, marked with the run it
comes from (tests/test_recorded_runs.py checks every figure on the page against the record);
``measured(script)`` says when, where and with which command that run was made, and whether the
build code has changed since.
"""
from __future__ import annotations

from functools import lru_cache

import markup
from plansite.site import recorded_runs


@lru_cache(maxsize=1)
def _current_code() -> str:
    return recorded_runs.build_code()


NOT_MEASURED = markup.Markup("—")


def figure(script: str, name: str) -> markup.Markup:
    """A figure of the latest run of *script*; a dash where that run does not hold it yet (the script
    is new, or learnt to measure it since: `make benchmarks` fills it in), so the page never shows a
    figure that was not measured, and a new figure does not stop the very benchmark that measures it."""
    run = recorded_runs.latest(script)
    if run is None or name not in run.figures:
        return NOT_MEASURED
    return markup.Markup(f'<span class="figure" data-run="{run.id}" data-figure="{markup.escape(name)}">'
                         f'{markup.escape(run.text(name))}</span>')


def measured(script: str) -> markup.Markup:
    run = recorded_runs.latest(script)
    if run is None:
        return markup.Markup(f"尚无 {script} 的测量记录（运行 `make benchmarks`）")
    text = (f'<span class="run" data-run="{run.id}">{markup.escape(run.date[:10])}，{markup.escape(run.machine)}'
            f'（提交 {markup.escape(run.commit or "未知")}）</span>；命令 `{run.command}`')
    if run.code != _current_code():
        text += "。此后构建代码已有改动，这些数字待重新测量（`make benchmarks`）"
    return markup.Markup(text)


def define_env(env) -> None:
    env.macro(figure, "figure")
    env.macro(measured, "measured")
