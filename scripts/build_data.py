"""Check the plan and show the resolved model, without building the site.

    python scripts/build_data.py check [FILE] [--strict]   exit 0, or FILE:LINE:COL: 错误 lines
    python scripts/build_data.py model [FILE]              the resolved model as JSON

The same loader runs inside `mkdocs build` / `mkdocs serve` (the ``plan`` plugin), so what this
command accepts is exactly what the site builds from.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)  # runs from a plain checkout too, before `pip install -e .`

from plansite import loader  # noqa: E402
from plansite.errors import PlanError  # noqa: E402
from plansite.export import model_dict  # noqa: E402

DEFAULT = os.path.relpath(os.path.join(ROOT, "data", "plan.yaml"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build_data.py", description="检查方案数据，输出解析后的模型。")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="检查方案数据；有错误时逐条列出并以非零状态退出")
    check.add_argument("file", nargs="?", default=DEFAULT)
    check.add_argument("--strict", action="store_true", help="发布模式：责任部门待明确也算错误")
    model = commands.add_parser("model", help="以 JSON 输出解析后的模型（编号、引用编号、反向引用）")
    model.add_argument("file", nargs="?", default=DEFAULT)
    args = parser.parse_args(argv)

    try:
        plan = loader.load_bytes(args.file, None, strict=getattr(args, "strict", False))
    except PlanError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    if args.command == "model":
        json.dump(model_dict(plan), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    pending = [m for m in plan.measures.items if m.owners_pending]
    print(f"{args.file}: 通过检查：{len(plan.areas)} 个治理重点、{len(plan.problems)} 条问题、"
          f"{len(plan.measures.items)} 项工作措施、{len(plan.guarantees.items)} 项组织保障、"
          f"{len(plan.departments)} 个部门。")
    if pending:
        print(f"注意：{len(pending)} 项工作措施责任部门待明确（发布模式 --strict 下会报错）：" +
              "、".join(m.code + m.title for m in pending))
    return 0


if __name__ == "__main__":
    sys.exit(main())
