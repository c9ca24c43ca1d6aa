"""A failed validation or build leaves the previously built site/ exactly as it was."""
from __future__ import annotations

import hashlib
from pathlib import Path

from test_inert_text import EXCERPT, build, make_project


def snapshot(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_broken_plan_leaves_the_previous_site_untouched(tmp_path):
    plan = EXCERPT.read_text(encoding="utf-8")
    make_project(tmp_path, plan)
    first = build(tmp_path)
    assert first.returncode == 0, first.stderr[-4000:]
    site = tmp_path / "site"
    before = snapshot(site)
    assert "index.html" in before

    # An editor's slip: two measures with the same id.
    broken = plan.replace("- id: clear-blockages", "- id: accountability", 1)
    assert broken != plan
    (tmp_path / "data" / "plan.yaml").write_text(broken, encoding="utf-8")
    second = build(tmp_path)

    assert second.returncode != 0
    assert "编号（id）“accountability”重复" in second.stderr
    assert "site/ 保持上一次成功构建的内容" in second.stderr
    assert snapshot(site) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("site")) == ["site"]  # no half-built copy
