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

from live_serve import ERROR_TITLE, FAILED_TITLE, get, serve, shows_site, wait

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


def test_any_other_failed_rebuild_answers_with_a_page_and_recovers(tmp_path):
    """Not only the plan: a rebuild that fails for another reason (here a hook) holds no request."""
    hook = tmp_path / "fail_on_demand.py"
    hook.write_text("import os\n\n\ndef on_post_build(config):\n"
                    "    if os.path.exists(os.path.join(os.path.dirname(__file__), 'fail')):\n"
                    "        raise RuntimeError('模拟的构建失败')\n", encoding="utf-8")
    with serve(tmp_path, VALID, hooks=[str(hook)]) as (url, plan, log):
        wait(url, shows_site)
        (tmp_path / "fail").touch()
        plan.write_bytes(plan.read_bytes() + b"\n")  # any edit starts a rebuild
        wait(url, lambda status, text: FAILED_TITLE in text and "RuntimeError: 模拟的构建失败" in text, timeout=60)
        status, text = get(url + "measures/accountability.html")
        assert status == 404 and FAILED_TITLE in text
        (tmp_path / "fail").unlink()
        plan.write_bytes(VALID.read_bytes())
        wait(url, shows_site, timeout=60)
