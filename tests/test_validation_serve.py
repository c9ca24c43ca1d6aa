"""`mkdocs serve` with a broken plan answers at once with a Chinese page listing every error, and
turns back into the site when the plan is fixed; the terminal shows the same list.

Runs the real `mkdocs serve` (tests/live_serve.py) for a throwaway project whose plan comes from
the case folders. The browser's side (the page reloading itself) is tests/browser/test_serve_errors.py.
"""
from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

from live_serve import ERROR_TITLE, get, serve, shows_site, wait

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
VALID = CASES / "00_valid" / "plan.yaml"
BROKEN = CASES / "39_colon_without_space" / "plan.yaml"


def expected_errors(plan: Path) -> list[tuple[str, str]]:
    """(LINE:COL, message) of each error, as the check command reports them for *plan*."""
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_data.py"), "check", plan.name],
                            cwd=plan.parent, capture_output=True, text=True)
    return re.findall(rf"^{re.escape(plan.name)}:(\d+:\d+): 错误: (.*)$", result.stderr, re.M)


def test_broken_plan_is_shown_in_the_browser_and_the_site_returns_when_fixed(tmp_path):
    expected = expected_errors(BROKEN)
    assert len(expected) >= 2

    def shows_errors(status, text):
        return ERROR_TITLE in text and all(f"plan.yaml:{where}</code> 错误：{message}" in text
                                           for where, message in expected)

    with serve(tmp_path, BROKEN) as (url, plan, log):
        for round in ("broken at start", "broken while serving the site"):
            wait(url, lambda status, text: status == 200 and shows_errors(status, text))
            status, text = get(url + "measures/accountability.html")  # any other address: the same list
            assert status == 404 and shows_errors(status, text), round
            assert "提示：" in text and "/livereload/" in text  # it reloads itself (see the browser test)
            terminal = log.read_text(encoding="utf-8")
            assert all(f"plan.yaml:{where}: 错误: {message}" in terminal for where, message in expected), round

            started = time.monotonic()
            plan.write_bytes(VALID.read_bytes())
            wait(url, shows_site, timeout=60)
            wait(url + "measures/accountability.html", shows_site, timeout=10)
            assert time.monotonic() - started < 60, round
            plan.write_bytes(BROKEN.read_bytes())  # the second round starts from here
