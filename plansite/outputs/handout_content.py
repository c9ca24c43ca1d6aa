"""What goes in a handout, paragraph by paragraph, for every print format (PDF and Word).

The full plan follows the document walk (plansite.outputs.document); a department's handout holds
the plan's basis and focus areas in short, then its own measures in full, and says which measures
still have no owner and where the source copy breaks off. The PDF templates and the Word writer
both render these paragraphs, so the two formats cannot drift apart.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from . import document
from ..data.model import MARKS, OWNERS_LABEL, Area, Department, Item, Plan, citation
from ..data.numerals import chinese


@dataclass(frozen=True)
class Span:
    text: str
    style: str = ""  # "" body | "head" （一） heading clause | "lead" 一是… | "marker" | "strong" | "note"
    note: int = 0  # for style "note": the note's number


@dataclass
class Para:
    kind: str  # level1 (一、) | unnumbered (centred, 黑体) | level2 (（一）) | body | note
    spans: list[Span]
    anchor: Optional[str] = None
    bookmark: Optional[str] = None
    classes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The paragraph as a reader reads it, note marks included."""
        return "".join(s.text for s in self.spans)

    @property
    def plain(self) -> str:
        """The text without note marks: what the plan itself says here."""
        return "".join(s.text for s in self.spans if s.style != "note")


def anchor(obj) -> str:
    section = obj.section if hasattr(obj, "section") else obj.area.section
    return f"{section.key}-{obj.id}"


class Notes:
    """Numbers editor's notes in the order the handout shows them (注1, 注2, …)."""

    def __init__(self, holders: list):
        self.holders = holders

    def ref(self, holder) -> list[Span]:
        if holder in self.holders:
            number = self.holders.index(holder) + 1
            return [Span(f"注{number}", "note", number)]
        return []

    def paragraphs(self) -> list[Para]:
        if not self.holders:
            return []
        result = [Para("unnumbered", [Span("编者注")], anchor="notes")]
        for number, holder in enumerate(self.holders, 1):
            result.append(Para("note", [Span(f"注{number}　{citation(holder)}：{holder.note}")],
                               anchor=f"note-{number}"))
        return result


# --- the pieces of a handout ------------------------------------------------------------------

def owners(item: Item, current: Optional[Department] = None) -> Optional[Para]:
    if item.owners:
        spans = [Span(OWNERS_LABEL)]
        for number, department in enumerate(item.owners):
            if number:
                spans.append(Span("、"))
            spans.append(Span(department.name, "strong" if department is current else ""))
        return Para("body", spans, classes=["owners"])
    if item.owners_pending:
        return Para("body", [Span(OWNERS_LABEL), Span(f"待明确（{item.owners_pending}）", "marker")],
                    classes=["owners", "pending"])
    return None


def heading(obj, notes: Notes) -> list[Para]:
    """An area's or item's heading: the heading clause in 楷体, the rest of its sentence in body face."""
    if isinstance(obj, Area):
        head, rest = (obj.heading, obj.target) if obj.heading else (obj.target, None)
    else:
        head, rest = obj.title, obj.subtitle
    spans = [Span(obj.label + head, "head")] + ([Span("，"), Span(rest)] if rest else []) + notes.ref(obj)
    result = [Para("level2", spans, anchor=anchor(obj), bookmark=obj.label + obj.title)]
    if isinstance(obj, Item) and obj.extent == "title_only":
        result.append(Para("body", [Span(MARKS["title_only"], "marker")]))
    return result


def text(item: Item) -> Para:
    """The paragraph under a heading that has no points (or stands before them); marked where the copy breaks off in it."""
    spans = [Span(item.text)]
    if item.extent == "truncated" and not item.points:
        spans.append(Span(MARKS["truncated"], "marker"))
    return Para("body", spans, classes=["item-text"])


def point(point, notes: Notes) -> Para:
    spans = [Span(point.ordinal + point.lead, "lead")]
    if point.body:
        spans.append(Span(point.body))
    if point.truncated:
        spans.append(Span(MARKS["truncated"], "marker"))
    return Para("body", spans + notes.ref(point), classes=["point"])


def item(obj: Item, notes: Notes, current: Optional[Department] = None) -> list[Para]:
    result = heading(obj, notes) + ([text(obj)] if obj.text else []) + [point(p, notes) for p in obj.points]
    line = owners(obj, current) if obj.is_measure else None
    return result + ([line] if line else [])


def section_heading(section) -> Para:
    return Para("level1", [Span(section.label + section.title)], anchor=section.key,
                bookmark=section.label + section.title)


def truncation_notice(plan: Plan) -> list[Para]:
    incomplete = plan.incomplete()
    if not incomplete:
        return []
    first = incomplete[0]
    return [Para("body", [Span(f"所据原文副本在{first.code}{first.title}中途中断：共有{chinese(len(incomplete))}项工作措施或"
                               "组织保障原文不完整或仅存标题，本材料照原样标出，不补写。")], classes=["notice"])]


def pending_notice(plan: Plan) -> list[Para]:
    """Measures whose owners the source leaves open, each with its reason: no department's handout holds them."""
    pending = [i for i in plan.measures.items if i.owners_pending]
    if not pending:
        return []
    return [Para("body", [Span(f"方案中另有{chinese(len(pending))}项工作措施的责任部门待明确，不在任何分册中，"
                               "见方案全文：")], classes=["notice", "pending"])] + [
        Para("body", [Span(f"{i.code}{i.title}："), Span(f"待明确（{i.owners_pending}）", "marker")],
             classes=["notice", "pending"]) for i in pending]


# --- whole handouts ---------------------------------------------------------------------------

def full_plan(plan: Plan) -> tuple[list[Para], list[Para]]:
    """The whole plan in document order; and the front matter (notices) before it."""
    notes = Notes(plan.notes())
    body: list[Para] = []
    for block in document.full_text(plan):
        if block.kind in ("preamble", "intro"):
            body.append(Para("body", [Span(block.text)]))
        elif block.kind == "section":
            body.append(section_heading(block.obj))
        elif block.kind in ("area", "item"):
            body += heading(block.obj, notes)
        elif block.kind == "problem":
            body.append(Para("body", [Span(block.text)] + notes.ref(block.obj), anchor=anchor(block.obj),
                             classes=["problem"]))
        elif block.kind == "text":
            body.append(text(block.obj))
        elif block.kind == "point":
            body.append(point(block.obj, notes))
        elif block.kind == "owners":
            body.append(owners(block.obj))
        if block.kind in ("item", "text", "point") and _ends_pending_item(block):
            body.append(owners(_item_of(block.obj)))
    return body + notes.paragraphs(), []


def colophon(plan: Plan, full: bool, revision: str, version: str = "", made: str = "") -> list[str]:
    """The 版记's lines: how the handout was made, which release it is (*version*, in words) and,
    last, the data's checksum (*revision*; none for a release's point-in-time copy)."""
    lines = [notice.text for notice in truncation_notice(plan)] if full else []
    lines.append(made or "本材料由方案数据文件data/plan.yaml自动排版生成，与内网站点内容一致；原文副本中断、"
                 "仅存标题和责任部门待明确之处，均照站点标出，不补写。")
    if version:
        lines.append(version)
    if revision:
        lines.append(f"数据版本：{revision}")
    return lines


def _item_of(obj) -> Item:
    return getattr(obj, "item", obj)


def _ends_pending_item(block) -> bool:
    """After an item's last paragraph (its heading when it has no points), its pending-owners line."""
    item = _item_of(block.obj)
    if not (item.is_measure and item.owners_pending):
        return False
    if item.points:
        return block.obj is item.points[-1]
    return block.kind == ("text" if item.text else "item")


def department(plan: Plan, current: Department) -> tuple[list[Para], list[Para]]:
    """A department's measures with the plan's context; and the front matter that explains it."""
    measures = current.owns
    notes = Notes([h for h in plan.notes() if _item_of(h) in measures])
    front = [Para("body", [Span(f"本分册收录方案中写明由{current.name}负责的工作措施（共{chinese(len(measures))}项），"
                                "并附方案的依据和治理重点概要；其余内容见方案全文。")], classes=["explanation"])]
    front += pending_notice(plan) + truncation_notice(plan)
    body = [Para("unnumbered", [Span("依据和实施期限")], anchor="basis", bookmark="依据和实施期限"),
            Para("body", [Span(f"依据：{plan.basis}")]),
            Para("body", [Span(f"实施期限：{plan.period}")]),
            section_heading(plan.focus),
            Para("body", [Span(f"概要：方案的治理重点分以下{chinese(len(plan.areas))}个方面"
                               "（各方面列出的具体问题见方案全文）。")], classes=["context"])]
    body += [Para("body", [Span(area.label + area.title)], classes=["area-summary"]) for area in plan.areas]
    body.append(section_heading(plan.measures))
    if plan.measures.intro:
        body.append(Para("body", [Span(plan.measures.intro)]))
    for measure in measures:
        body += item(measure, notes, current)
    return body + notes.paragraphs(), front
