"""The oldest browsers the site supports: package.json's "browserslist", written out on the 质量与无障碍
page and in README.md. Every script the site ships — ours (docs/javascripts/) and material's and
the offline shim as built — parses at those browsers' language level, built-in features
included (es-check, pinned in package.json), so that a change of ours or an upgrade of material
that needs newer browsers fails here rather than on an old intranet machine.
"""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ES_CHECK = ROOT / "node_modules" / ".bin" / "es-check"
NAMES = {"chrome": "Chromium", "firefox": "Firefox"}


def floor() -> dict[str, int]:
    """Browser → oldest version supported, from package.json's browserslist."""
    queries = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["browserslist"]
    found = {}
    for query in queries:
        match = re.fullmatch(r"(\w+) >= (\d+)", query)
        assert match, f"package.json browserslist：只写“浏览器 >= 版本”，不是 {query!r}"
        found[match[1]] = int(match[2])
    return found


def es_check(*files: Path) -> subprocess.CompletedProcess:
    if not ES_CHECK.exists():
        pytest.fail("找不到 es-check：请运行 make test（它用 npm ci 安装 package.json 中的软件包）")
    # checkBrowser: the language level of package.json's browserslist; checkFeatures: built-ins too
    return subprocess.run([str(ES_CHECK), "checkBrowser", *map(str, files), "--checkFeatures", "--noColor"],
                          cwd=ROOT, capture_output=True, text=True)


def test_the_floor_names_chromium_and_firefox():
    assert set(floor()) == set(NAMES)


def test_our_javascript_parses_in_the_oldest_browsers_we_support():
    ours = sorted((ROOT / "docs" / "javascripts").glob("*.js"))
    assert ours
    result = es_check(*ours)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_script_the_site_ships_parses_there_too(built_site):
    shipped = sorted(built_site.rglob("*.js"))
    assert any("bundle." in p.name for p in shipped) and any(p.parent.name == "workers" for p in shipped)
    result = es_check(*shipped)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("page", ["docs/quality.md", "README.md"])
def test_the_floor_is_written_where_readers_look(page):
    text = (ROOT / page).read_text(encoding="utf-8")
    for browser, version in floor().items():
        assert f"{NAMES[browser]} {version}" in text, f"{page} 应写明支持的最低版本：{NAMES[browser]} {version}"
