#!/usr/bin/env python3
"""Build the site atomically: into a fresh folder, swapped into site/ only when the build passed.

A failed validation or build therefore leaves the previous site/ as it was: nothing half-built is
ever published, even by a developer's `make site`.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from plansite.site import toolchain  # noqa: E402


def build(site_dir: str = "site", extra_args: list[str] | None = None) -> int:
    refusal = toolchain.refusal()  # MkDocs 2 would not run the site's plugins at all
    if refusal:
        print(refusal, file=sys.stderr)
        return 2
    target = os.path.join(ROOT, site_dir)
    staging = target + ".new"
    shutil.rmtree(staging, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", staging, *(extra_args or [])]
    result = subprocess.run(command, cwd=ROOT)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"构建失败：{site_dir}/ 保持上一次成功构建的内容，未作改动。", file=sys.stderr)
        return result.returncode
    previous = target + ".old"
    shutil.rmtree(previous, ignore_errors=True)
    if os.path.exists(target):
        os.rename(target, previous)
    os.rename(staging, target)
    shutil.rmtree(previous, ignore_errors=True)
    print(f"站点已生成：{site_dir}/")
    return 0


if __name__ == "__main__":
    sys.exit(build(extra_args=sys.argv[1:]))
