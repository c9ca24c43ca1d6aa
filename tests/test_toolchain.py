"""A toolchain that outlives its makers: ProperDocs, the maintained MkDocs 1.x line, builds the very
site MkDocs builds (the generator tag aside), and a MkDocs 2 is refused in Chinese before it runs.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from plansite.site import toolchain
from sitepages import PAGE

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_properdocs_builds_the_same_site_as_mkdocs(built_site, tmp_path):
    site = tmp_path / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-4000:]
    assert b"ProperDocs" in GENERATOR.search((site / PAGE["home"]).read_bytes()).group(1)  # it was ProperDocs
    ours, theirs = files(built_site), files(site)
    assert ours.keys() == theirs.keys()
    differing = [path for path in ours if GENERATOR.sub(b"", ours[path]) != GENERATOR.sub(b"", theirs[path])]
    assert not differing, f"ProperDocs built these differently: {differing[:10]}"


def test_mkdocs_2_is_refused_in_chinese():
    for installed in ("2.0.0", "2.1.0rc1", "10.0"):
        reason = toolchain.refusal(installed)
        assert reason and installed in reason and "MkDocs 1.x" in reason and "properdocs build" in reason
    assert toolchain.refusal("1.6.1") is None


def test_the_site_is_built_by_a_supported_mkdocs():
    assert toolchain.refusal() is None  # requirements.txt pins mkdocs<2
