"""The generators this site is built with, and the one it must refuse.

The site is a MkDocs 1.x project: the ``plan`` plugin, mkdocs-macros and mkdocs-material all run as
MkDocs 1.x plugins and read mkdocs.yml. MkDocs 2.0 is announced to drop both plugins and
mkdocs.yml, so it would build nothing of this site (or something else): requirements.txt pins
``mkdocs==1.6.1``, and the build entry points (scripts/build_site.py, ``make serve``) refuse a
MkDocs 2 in Chinese rather than fail somewhere inside it (the plan plugin would not even load). ProperDocs, the
maintained MkDocs 1.x line, builds the same site byte for byte (tests/test_toolchain.py); the
README's 维护 section has the plan.

    .venv/bin/python -m plansite.site.toolchain     # exit 2 and say why under MkDocs 2
"""
from __future__ import annotations

import sys
from importlib.metadata import PackageNotFoundError, version

SUPPORTED_MAJOR = 1


def refusal(installed: str | None = None) -> str | None:
    """Why this MkDocs cannot build the site (Chinese), or None when it can."""
    if installed is None:
        try:
            installed = version("mkdocs")
        except PackageNotFoundError:
            return None  # ProperDocs alone is fine: it is the 1.x line
    major = installed.split(".", 1)[0]
    if major.isdigit() and int(major) <= SUPPORTED_MAJOR:
        return None
    return (f"已安装的 MkDocs 为 {installed}：本站只能用 MkDocs 1.x（或 ProperDocs）生成。"
            "MkDocs 2 不再支持插件和 mkdocs.yml，本站的方案插件、宏和主题都无法运行。"
            "请运行 .venv/bin/pip install -r requirements.txt 装回锁定的版本（mkdocs==1.6.1），"
            "或改用 ProperDocs：.venv/bin/properdocs build（见 README“维护”一节）。")


def main() -> int:
    reason = refusal()
    if reason:
        print(reason, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
