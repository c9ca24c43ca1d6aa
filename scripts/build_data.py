#!/usr/bin/env python3
"""Check the plan, show the resolved model, or say what changed, without building the site.

    python scripts/build_data.py check [FILE] [--release]  exit 0, or FILE:LINE:COL: 错误 lines
    python scripts/build_data.py model [FILE]              the resolved model as JSON
    python scripts/build_data.py diff OLD [NEW] [--markdown]  the changes in plan terms: plain text
                                                           for a terminal, Markdown for a web page
    python scripts/build_data.py release --date YYYY-MM-DD --title TITLE [--note TEXT]
                                                          record a release in data/releases/
    python scripts/build_data.py import DOCUMENT [PLAN]    read a .docx or .txt plan document into PLAN:
                                                           a new plan, or a revision that keeps ids and notes

`check` also checks the release record (data/releases/ beside FILE). ``--release`` is release
mode, which `release` runs first: a measure whose source text is complete must name its owners.

OLD and NEW are files, or git revisions (``main``, ``HEAD~1``, ``origin/main``) meaning
data/plan.yaml at that revision (``REV:path`` for another path); NEW defaults to the working file.

The same loader runs inside `mkdocs build` / `mkdocs serve` (the ``plan`` plugin), so what this
command accepts is exactly what the site builds from.
"""
from __future__ import annotations

import argparse
import datetime
import html
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)  # runs from a plain checkout too, before `pip install -e .`

try:
    from plansite.data import loader, releases
    from plansite.outputs import plan_diff
    from plansite.data.errors import PlanError
    from plansite.outputs.export import model_dict
except ImportError as missing:  # run with a Python that lacks the project's packages
    VENV = os.path.join(ROOT, ".venv")
    if os.path.isfile(os.path.join(VENV, "bin", "python")) and os.path.abspath(sys.prefix) != VENV:
        # `scripts/build_data.py` run by Debian's python3: the project's own Python has them.
        os.execv(os.path.join(VENV, "bin", "python"), [os.path.join(VENV, "bin", "python"), *sys.argv])
    sys.exit(f"缺少依赖（{missing.name}）：请先运行 make check，或用 .venv/bin/python 运行本脚本。")

DEFAULT = os.path.relpath(os.path.join(ROOT, "data", "plan.yaml"))
PLAN_IN_REPO = "data/plan.yaml"


class _ChineseParser(argparse.ArgumentParser):
    """argparse, but a mistyped command line is answered in Chinese too."""

    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: 命令行参数有误（{message}）。运行 {self.prog} --help 查看用法。\n")


def main(argv: list[str] | None = None) -> int:
    parser = _ChineseParser(prog="build_data.py", description="检查方案数据，输出解析后的模型，或列出两版之间的变更。")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_ChineseParser)
    check = commands.add_parser("check", help="检查方案数据；有错误时逐条列出并以非零状态退出")
    check.add_argument("file", nargs="?", default=DEFAULT)
    check.add_argument("--release", action="store_true",
                       help="发布模式（发布前运行的检查）：原文完整的工作措施必须写明责任部门")
    check.add_argument("--strict", action="store_true", dest="release", help=argparse.SUPPRESS)  # old name
    model = commands.add_parser("model", help="以 JSON 输出解析后的模型（编号、引用编号、反向引用）")
    model.add_argument("file", nargs="?", default=DEFAULT)
    diff = commands.add_parser("diff", help="列出两版方案之间的变更（加 --markdown 输出 Markdown，可贴到合并请求中）")
    diff.add_argument("old", help="旧版：文件路径，或 git 版本（如 main、HEAD~1，指该版本的 data/plan.yaml）")
    diff.add_argument("new", nargs="?", default=DEFAULT, help="新版：同上，默认是当前工作区的 data/plan.yaml")
    diff.add_argument("--markdown", action="store_true", help="输出 Markdown（CI 的摘要页、合并请求评论用）")
    release = commands.add_parser("release", help="发布新版本：按发布模式检查，把当前方案存为快照并写入发布记录")
    release.add_argument("--date", required=True, type=_date, help="发布日期 YYYY-MM-DD（不能早于上一次发布）")
    release.add_argument("--title", required=True, type=_line, help="发布标题，例如 第一次修订（不能与以前的重复）")
    release.add_argument("--note", type=_line, help="发布说明（可选）：为什么发布、依据什么")
    imports = commands.add_parser("import", help="从方案文件（Word .docx 或纯文本 .txt）导入：新方案，或在现有方案上修订")
    imports.add_argument("document", help="方案文件：.docx，或 .txt（UTF-8、带 BOM 的 UTF-8 或 GB18030/GBK）")
    imports.add_argument("plan", nargs="?", default=DEFAULT,
                         help="写入的方案数据文件，默认 data/plan.yaml；已存在时按修订处理，保留 id 和编者注")
    args = parser.parse_args(argv)

    try:
        if args.command == "diff":
            return _diff(args.old, args.new, args.markdown)
        if args.command == "release":
            return _release(args)
        if args.command == "import":
            return _import(args.document, args.plan)
        return _check_or_model(args)
    except Exception as exc:  # noqa: BLE001 - an editor must never see a traceback
        if os.environ.get("PLANSITE_DEBUG"):
            raise
        print(f"内部错误：{type(exc).__name__}: {exc}\n    提示: 这不是方案文件的问题，请把这条信息告诉站点维护者"
              "（设置环境变量 PLANSITE_DEBUG=1 可看到详细信息）。", file=sys.stderr)
        return 2


def _check_or_model(args) -> int:
    try:
        if args.command == "model":
            plan = loader.load_bytes(args.file, None)
        else:
            timeline = releases.load(args.file, release=args.release)
            plan = timeline.working
    except PlanError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    if args.command == "model":
        json.dump(model_dict(plan), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(f"{args.file}: 通过检查{'（发布模式）' if args.release else ''}：{len(plan.areas)} 个治理重点、"
          f"{len(plan.problems)} 条问题、{len(plan.measures.items)} 项工作措施、{len(plan.guarantees.items)} 项组织保障、"
          f"{len(plan.departments)} 个部门。")
    print(_version_line(timeline))
    pending = [m for m in plan.measures.items if m.owners_pending]
    if pending:
        print(f"注意：{len(pending)} 项工作措施的责任部门还没有写明（{'、'.join(m.code for m in pending)}）。"
              "原文残缺的措施可以这样发布；原文完整的措施，发布前必须写明责任部门。")
    return 0


def _version_line(timeline) -> str:
    if timeline.current is None:
        return "尚未发布：发布第一个版本见 CONTRIBUTING.md“维护者：发布新版本”。"
    more = "，此后另有尚未发布的修改" if timeline.unreleased else "，与当前方案一致"
    return f"现行版本：{timeline.current.label}（共 {len(timeline.releases)} 次发布{more}）。"


def _release(args) -> int:
    try:
        made = releases.record(DEFAULT, args.date, args.title, args.note)
    except PlanError as exc:
        print("\n".join(p.format() for p in exc.problems), file=sys.stderr)
        print(f"共 {len(exc.problems)} 处问题，没有发布。修改后重新运行。", file=sys.stderr)
        return 1
    where = releases.folder(DEFAULT)
    print(f"已发布：{made.label}（第 {made.number} 次发布）。\n"
          f"写入了 {where}/{made.slug}.yaml（方案快照）和 {where}/{releases.INDEX}（发布记录）："
          "请提交这两个文件，像其他修改一样发起合并请求审阅。")
    return 0


def _import(document: str, plan_file: str) -> int:
    from plansite.data import importing  # the importer's libraries load only for this command

    try:
        result = importing.run(document, plan_file)
    except PlanError as exc:
        print("\n".join(p.format() for p in exc.problems), file=sys.stderr)
        print(f"共 {len(exc.problems)} 处问题，没有写入 {plan_file}。修改文件后重新导入。", file=sys.stderr)
        return 1
    print("\n".join(importing.report(result)))
    check = ("make check" if os.path.abspath(plan_file) == os.path.abspath(DEFAULT)  # make check reads data/plan.yaml
             else f".venv/bin/python scripts/build_data.py check {plan_file}")
    print(f"下一步：运行 {check} 检查，用 git diff {plan_file} 审阅改动，再提交合并请求"
          "（见 CONTRIBUTING.md“收到新文件时”）。")
    if result.old is not None:  # last, as `diff` says it: what the pull request will show
        print()
        print(_plain(plan_diff.markdown(plan_diff.compare(result.old, result.new), f"{plan_file}（导入前）",
                                        f"{plan_file}（导入后）")), end="")
    return 0


# Command-line values, refused in Chinese before anything is read.
def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是 YYYY-MM-DD 格式的日期（例如 2022-06-01）") from None


def _line(text: str) -> str:
    if not text.strip() or any(c in text for c in "\n\r\t"):
        raise argparse.ArgumentTypeError(f"“{text}”应为一行文字，不能为空")
    return text.strip()


def _diff(old_spec: str, new_spec: str, markdown: bool) -> int:
    out = (lambda text: print(text, end="")) if markdown else (lambda text: print(_plain(text), end=""))
    plans, failures = [], []
    for role, spec in (("旧版", old_spec), ("新版", new_spec)):
        try:
            name, raw = _plan_bytes(spec)
            plans.append((name, loader.load_bytes(name, raw)))
        except _NotFound as exc:
            failures.append(f"**{role}无法读取**：{exc}")
        except PlanError as exc:
            failures.append(f"**{role}（{spec}）有错误，无法比较：**\n\n```text\n{exc.report()}\n```")
    if failures:
        out("## 方案变更\n\n" + "\n\n".join(failures) + "\n")
        return 1
    (old_name, old), (new_name, new) = plans
    out(plan_diff.markdown(plan_diff.compare(old, new), old_name, new_name))
    return 0


def _plain(markdown: str) -> str:
    """The Markdown diff as a terminal shows it: changes marked [-删去-]{+新增+} as in git's word
    diff, headings, emphasis, code fences and HTML tags dropped, escaped characters as themselves."""
    text = re.sub(r"<details><summary>(.*?)，点击展开</summary>", r"\1：", markdown)
    text = re.sub(r"^</details>\n|^```(?:text)?\n", "", text, flags=re.M)
    for tag, mark in (("<del>", "[-"), ("</del>", "-]"), ("<ins>", "{+"), ("</ins>", "+}")):
        text = text.replace(tag, mark)
    text = re.sub(r"^#+ ", "", text, flags=re.M)
    text = re.sub(r"\*\*(.+?)\*\*|`([^`\n]*)`", lambda m: m.group(1) or m.group(2), text)
    return html.unescape(text)  # last: plan text escaped as &#60; is text, never a tag


class _NotFound(Exception):
    pass


def _plan_bytes(spec: str) -> tuple[str, bytes]:
    """A plan file's bytes: a path if there is such a file, else a git revision of the plan."""
    if os.path.isfile(spec):
        with open(spec, "rb") as handle:
            return spec, handle.read()
    rev, _, path = spec.partition(":")
    path = path or PLAN_IN_REPO
    try:
        result = subprocess.run(["git", "-C", ROOT, "show", f"{rev}:{path}"], capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise _NotFound(f"无法运行 git（{exc}）。") from None
    if result.returncode != 0:
        raise _NotFound(f"“{spec}”既不是文件，也不是含有 {path} 的 git 版本"
                        f"（git 说：{result.stderr.decode('utf-8', 'replace').strip()}）。")
    return f"{rev}:{path}", result.stdout


if __name__ == "__main__":
    sys.exit(main())
