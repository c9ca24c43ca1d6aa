"""Data in: a plan document (.docx, .txt) read into data/plan.yaml, as a new plan or a revision.

    readers  one reader per format → located lines (line or paragraph number, text, Word's hints)
    outline  the lines → the plan's data in the schema's shape (no ids)
    merge    that data laid onto the plan file's data: ids, notes and what the document cannot say kept
    writer   the plan file read and written as a round-trip YAML tree

Nothing is written unless the result passes the same checks as `build_data.py check`.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Optional

import yaml

from .. import addresses, loader, reader, resolve, schema
from ..errors import PlanError
from ..model import Plan
from . import merge, outline, problems, readers, writer
from .merge import Outcome
from .outline import Parsed
from .readers import Source


@dataclass
class Imported:
    source: Source
    parsed: Parsed
    outcome: Outcome
    plan_file: str
    old: Optional[Plan]  # the plan before, for a revision
    new: Plan
    written: bool  # False when the file already said exactly this


def run(document: str, plan_file: str) -> Imported:
    """Import *document* into *plan_file*; raises PlanError (nothing written) on any problem."""
    source = readers.read(document)
    parsed = outline.parse(source)
    old = None
    if os.path.exists(plan_file):
        try:
            old = loader.load_bytes(plan_file, None)
        except PlanError as exc:
            raise PlanError([problems.plan_invalid(plan_file, exc.report())]) from None
        tree, before, layout = writer.load(plan_file)
        head = ""
    else:
        tree, before, layout = writer.Factory().map(), None, writer.Layout()
        head = writer.header(plan_file, document)
    outcome = merge.merge(tree, parsed.data, writer.Factory())
    if not tree["departments"]:  # the register needs one department; a document naming none cannot give it
        raise PlanError([problems.no_departments(source.place)])
    text = writer.dump(tree, head, layout)
    new = _checked(plan_file, text, tree)
    if text != before:
        writer.write(plan_file, text)
    return Imported(source, parsed, outcome, plan_file, old, new, text != before)


def _checked(plan_file: str, text: str, tree) -> Plan:
    """The written text's plan, checked as `check` would: read back (libyaml: a large plan's located
    reading takes half a second), compared with what was meant, validated and resolved."""
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    doc = reader.Document(plan_file, data, {}, {})
    found = schema.check(doc)
    plan = None
    if not found:
        plan, found = resolve.resolve(doc)
        found += resolve.clashing_ids(doc, addresses.generated_names(plan)) if plan else []
    if found or data != json.loads(json.dumps(tree)):
        try:  # the located reading says where
            loader.load_bytes(plan_file, text.encode("utf-8"))
            report = "\n".join(p.format() for p in found) or "写出的文字读回后与导入的内容不一致"
        except PlanError as exc:
            report = exc.report()
        raise PlanError([problems.result_invalid(plan_file, report)])
    plan.file = plan_file
    return plan


def report(result: Imported) -> list[str]:
    """What was read and what was done, in Chinese, one line each (the plan diff follows it)."""
    source, outcome = result.source, result.outcome
    lines = [f"读取 {source.path}：{source.kind}，{source.description}。", "识别出："]
    lines += [f"  {fact}" for fact in result.parsed.facts]
    lines += [f"  注意：{warning}" for warning in result.parsed.warnings]
    if not outcome.revision:
        lines.append(f"新方案：写入 {result.plan_file}（新建）。各条目的 id 由标题的拼音生成；"
                     f"登记了 {len(outcome.departments_added)} 个部门（责任部门一行中出现的部门）。")
        if outcome.departments_added:
            lines.append("  部门：" + "、".join(outcome.departments_added))
        return lines
    verb = "写入" if result.written else "没有改动"
    lines.append(f"修订：{verb} {result.plan_file}。按位置和文字对应上原有条目 {outcome.matched} 项，"
                 "保留了它们的 id、编者注和责任部门 id。")
    for title, entries in (("新增条目（id 由标题的拼音生成）", outcome.added),
                           ("删除条目（文件中已没有）", outcome.removed),
                           ("新登记的部门", outcome.departments_added),
                           ("文件在此处残缺，保留了方案中已有的正文和责任部门", outcome.kept_beyond_break),
                           ("登记表中的部门，方案已不再提及（保留，请审阅是否删去）", outcome.departments_unnamed)):
        if entries:
            lines.append(f"  {title}：")
            lines += [f"    {entry}" for entry in entries]
    return lines
