"""The outline of a 公文 plan: located lines in, the plan's data in the schema's shape out (no ids yet).

A plan reads: [目录] title [title again] preamble, then 一、 二、 三、 parts, each with an optional intro
paragraph and （一）（二）… headings; under a heading of part 一 numbered problems (1. 1． 1、), under
one of parts 二 and 三 an optional paragraph, points (一是……), and in part 二 an owners line
(责任部门：/责任单位：/牵头单位：). The received copy adds its own oddities, all handled here:
an outline before the title (which also supplies the headings the copy holds only as titles), the title
twice, ASCII punctuation for the official full-width marks, text that stops mid-sentence. Our own
handouts add markers (【原文至此中断】, 【原文仅存标题】, 责任部门：待明确（……）), an 编者注 list and a
版记; each maps back to the data it was printed from.

How a heading sentence splits is decided in this order: the Word paragraph's own formatting (the
heading clause set in 楷体, the lead sentence in bold; a sentence wholly in 楷体 counts as unsplit only
where the document sets some heading's clause apart from the rest, for GB/T 9704 sets whole 二级标题
in 楷体), else the outline's title for that heading, else the words: an area's heading ends at its
first comma unless the sentence opens the way the other areas' targets do (深入治理……); a measure's
title ends at its first comma; a lead at its first 。.
"""
from __future__ import annotations

import collections
import re
from dataclasses import dataclass, field
from typing import Optional

from ..errors import PlanError
from ..model import MARKS, OWNERS_LABEL
from ..numerals import chinese
from . import problems
from .readers import Line, Source

PENDING = "原文未载明"
_HALF = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）"})  # as the hand encoding did
_BLANKS = " \t\u3000\xa0\ufeff"
# Control and format characters (Unicode Cc, Cf) but tab, and the line breaks editors do not show.
_UNSEEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
                     "\u2028\u2029\u2060-\u206f\ufeff\ufff9-\ufffb]")
_NUMERAL = "一二三四五六七八九十百"
_VALUE = {chinese(n): n for n in range(1, 200)}

PART = re.compile(rf"^([{_NUMERAL}]+)、\s*(.*)$")
HEADING = re.compile(rf"^（([{_NUMERAL}]+)）\s*(.*)$")
NUMBERED = re.compile(r"^(?:(\d+)\s*[.．、]|（(\d+)）)\s*(.+)$")  # 1. 1． 1、 （1）
POINT = re.compile(rf"^([{_NUMERAL}]+)是(.+)$")
OWNERS = re.compile(r"^（?(责任部门|责任单位|牵头单位)：\s*(.*?)）?$")  # also in brackets: （责任单位：……）
PENDING_LINE = re.compile(rf"^{OWNERS_LABEL}待明确（(.+)）$")
TITLE = re.compile(r"^(.+?)（\s*(\d{4})\s*年?\s*(?:—+|–|－|-|至|到)\s*(\d{4})\s*年?\s*）$")  # also 2024年—2025年
CONTENTS = re.compile(r"^目\s*录$")
NOTES = "编者注"
NOTE = re.compile(r"^注(\d+)\s*(\S+?)：(.+)$")
NOTE_MARK = re.compile(r"注(\d+)$")
# The 版记 of our own handouts (plansite.outputs.handout_content.colophon): its lines, not the plan's.
COLOPHON = ("本材料由方案数据文件", "所据原文副本在", "现行版本：", "数据版本：")
# A 公文's 版记 (GB/T 9704): its 抄送 line, and the 印发机关 line that ends with the date and 印发.
_COPIED = re.compile(r"^(?:抄送|抄报)[：:]|日\s*印发$")
_ENDS = "。！？…"
_COMPLETE = _ENDS + "；"
_CLOSERS = "”’」』）》"
_NAMES = re.compile(r"[、，]")
# The 落款 a 公文 may end with: the issuing office, then the date (2024年3月1日, 二〇二四年三月一日, XX年X月X日).
SIGNED = re.compile(r"^[\dX〇零一二三四五六七八九十]{2,4}年[\dX〇一二三四五六七八九十]{1,2}月[\dX〇一二三四五六七八九十]{1,3}日$")


@dataclass
class Text:
    """A piece of the document's text and the line it stands on."""

    line: Line
    text: str
    head: Optional[int] = None  # Word's formatting hint, relative to text


@dataclass
class Point:
    body: Text
    truncated: bool = False


@dataclass
class Heading:
    """（一）…: an area under part 一, a measure or guarantee under parts 二 and 三."""

    number: int
    sentence: Text
    problems: list = field(default_factory=list)  # Text
    text: Optional[Text] = None
    points: list = field(default_factory=list)
    owners: Optional[Text] = None
    pending: Optional[str] = None
    title_only: bool = False  # 【原文仅存标题】, or known from the outline alone
    truncated: bool = False  # its text stops mid-sentence


@dataclass
class Part:
    number: int
    title: Text
    intro: Optional[Text] = None
    headings: list = field(default_factory=list)


@dataclass
class Parsed:
    """The document as plan data (ids and department ids still to give) and what the report says about it."""

    data: dict
    facts: list  # what was recognised, in Chinese, for the report
    warnings: list  # outline and text disagree, etc.


def parse(source: Source) -> Parsed:
    return _Parser(source).run()


def normal(text: str) -> str:
    """A line as the plan stores it: full-width marks, no surrounding blanks, nothing invisible (the
    checker refuses zero-width and direction characters, which Word and web pages leave behind)."""
    if _UNSEEN.search(text):
        text = _UNSEEN.sub("", text)
    return text.strip(_BLANKS).replace("\t", " ").translate(_HALF)


class _Parser:
    def __init__(self, source: Source):
        self.source, self.place = source, source.place
        self.problems: list = []
        self.facts: list = []
        self.warnings: list = []

    def fail(self, problem) -> None:
        self.problems.append(problem)

    # --- the document's regions ------------------------------------------------------------

    def run(self) -> Parsed:
        lines, notes = self._lines()
        self.note_marks = bool(notes)
        start = next((i for i, t in enumerate(lines) if TITLE.match(t.text) and not _structural(t.text)), None)
        if start is None:
            raise PlanError([problems.no_title(self.place)])
        title = lines[start]
        match = TITLE.match(title.text)
        if int(match.group(2)) > int(match.group(3)):
            self.fail(problems.period_reversed(self.place, title.line.number, title.text, match.group(2), match.group(3)))
        outline = []
        for t in lines[:start]:
            if CONTENTS.match(t.text):
                continue
            if _structural(t.text):
                outline.append(t)
            else:
                self.fail(problems.before_title(self.place, t.line.number, t.text))
        rest = lines[start + 1:]
        repeated = 0
        while rest and rest[0].text == title.text:
            rest, repeated = rest[1:], repeated + 1
        if rest and CONTENTS.match(rest[0].text):  # an outline after the title, under its own heading
            rest = rest[1:]
            while rest and _structural(rest[0].text):
                outline.append(rest.pop(0))
        preamble = None
        while rest and not PART.match(rest[0].text):
            if preamble is None:
                preamble = rest[0]
            else:
                self.fail(problems.second_preamble(self.place, rest[0].line.number, rest[0].text))
            rest = rest[1:]
        if preamble is None:
            first = rest[0] if rest else title
            self.fail(problems.no_preamble(self.place, first.line.number, first.text))
        parts = self._body(rest)
        # Whole-sentence runs mean "no split" only where the document marks the clause by formatting.
        self.clause_marked = any(h.sentence.head is not None and 0 < h.sentence.head < len(h.sentence.text)
                                 for part in parts for h in part.headings)
        outline_parts = self._outline(outline)
        self._notes(notes, parts)
        if self.problems:
            raise PlanError(self.problems)
        data = self._data(match, preamble, parts, outline_parts)
        if self.problems:
            raise PlanError(self.problems)
        span = f"第 {outline[0].line.number}—{outline[-1].line.number} {self.place.unit}" if outline else ""
        self.facts.insert(0, f"标题：{match.group(1)}；实施期限 {match.group(2)}—{match.group(3)}年"
                             + (f"（标题另重复 {repeated} 次，已略去）" if repeated else ""))
        if outline:
            self.facts.insert(1, f"目录：{span}，共 {len(outline)} 条（用于补出正文中只有标题的各项，并与正文核对）")
        return Parsed(data, self.facts, self.warnings)

    def _lines(self) -> tuple[list[Text], list[Text]]:
        """The document's non-empty lines, and the 编者注 list; the 版记 and what follows it left out."""
        lines: list[Text] = []
        notes: list[Text] = []
        target = lines
        shown = [(line, normal(line.text.replace("\r", ""))) for line in self.source.lines]
        shown = [(line, text) for line, text in shown if text]
        for at, (line, text) in enumerate(shown):
            raw = line.text.replace("\r", "")
            lead = len(raw) - len(raw.lstrip(_BLANKS))
            # A 版记 ends the plan: its lines are recognisable; a ruled paragraph (a border) is one only
            # when it or the next begins like one, for received files draw rules elsewhere too.
            after = shown[at + 1][1] if at + 1 < len(shown) else ""
            if lines and (_colophon(text) or line.boxed and _colophon(after)):
                self.facts.append(f"版记：第 {line.number} {self.place.unit}起 {len(shown) - at} "
                                  f"{self.place.unit}已略去（不是方案正文）")
                break
            if text == NOTES and lines:
                target = notes
                continue
            head = None if line.head is None else max(0, min(line.head - lead, len(text)))
            target.append(Text(line, text, head))
        if lines and SIGNED.match(lines[-1].text):
            signed = [lines.pop()]
            if lines and len(lines[-1].text) <= 30 and not set(lines[-1].text) & set(_COMPLETE + "，：") \
                    and not _structural(lines[-1].text):
                signed.insert(0, lines.pop())
            self.facts.append("落款：" + "　".join(t.text for t in signed) + "（不是方案正文，已略去）")
        return lines, notes

    # --- the body ---------------------------------------------------------------------------

    def _body(self, lines: list[Text]) -> list[Part]:
        parts: list[Part] = []
        for t in lines:
            text = t.text
            part = parts[-1] if parts else None
            heading = part.headings[-1] if part and part.headings else None
            if m := PART.match(text):
                number = _VALUE.get(m.group(1), 0)
                if len(parts) >= 3:  # the schema has three parts; a fourth (and all it holds) cannot be imported
                    self.fail(problems.part_number(self.place, t.line.number, text, ""))
                    break
                if number != len(parts) + 1:
                    self.fail(problems.part_number(self.place, t.line.number, text, chinese(len(parts) + 1)))
                if not m.group(2).strip(_BLANKS):
                    self.fail(problems.title_empty(self.place, t.line.number, text, "部分标题"))
                parts.append(Part(len(parts) + 1, Text(t.line, m.group(2).strip(_BLANKS))))
            elif part is None:
                self.fail(problems.outside_part(self.place, t.line.number, text))
            elif m := HEADING.match(text):
                number = _VALUE.get(m.group(1), 0)
                if number != len(part.headings) + 1:
                    self.fail(problems.heading_number(self.place, t.line.number, text, chinese(len(part.headings) + 1)))
                label = len(text) - len(m.group(2))
                sentence = Text(t.line, self._unmarked(m.group(2)), None if t.head is None else t.head - label)
                if not sentence.text:
                    self.fail(problems.title_empty(self.place, t.line.number, text, "这个标题"))
                part.headings.append(Heading(len(part.headings) + 1, sentence))
            elif m := NUMBERED.match(text):
                if part.number != 1 or heading is None:
                    self.fail(problems.problem_outside(self.place, t.line.number, text))
                    continue
                number = int(m.group(1) or m.group(2))
                if number != len(heading.problems) + 1:
                    self.fail(problems.problem_number(self.place, t.line.number, text, len(heading.problems) + 1))
                heading.problems.append(Text(t.line, self._unmarked(m.group(3).strip(_BLANKS))))
            elif (m := POINT.match(text)) and m.group(1) in _VALUE:
                if part.number == 1 or heading is None:
                    self.fail(problems.point_outside(self.place, t.line.number, text))
                    continue
                self._points(heading, t, text)
            elif m := PENDING_LINE.match(text):
                if part.number != 2 or heading is None:
                    self.fail(problems.owners_outside(self.place, t.line.number, text))
                else:
                    heading.pending = m.group(1)
            elif m := OWNERS.match(text):
                if part.number != 2 or heading is None:
                    self.fail(problems.owners_outside(self.place, t.line.number, text))
                elif heading.owners is not None:
                    self.fail(problems.owners_twice(self.place, t.line.number, text, heading.owners.line.number))
                elif not _names(m.group(2)) or set(m.group(2)) & set("；："):
                    self.fail(problems.owners_empty(self.place, t.line.number, text))
                elif repeated := [n for n, count in collections.Counter(_names(m.group(2))).items() if count > 1]:
                    self.fail(problems.owners_repeated(self.place, t.line.number, text, repeated[0]))
                else:
                    heading.owners = Text(t.line, m.group(2))
            elif text == MARKS["title_only"]:
                if part.number == 1 or heading is None or heading.points or heading.text:
                    self.fail(problems.marker_misplaced(self.place, t.line.number, text))
                else:
                    heading.title_only = True
            else:
                self._prose(part, heading, t)
        # A copy that stops mid-sentence: an item whose last point (or paragraph) ends without its full
        # stop is where it breaks off, at the end of the document or before what the copy adds after.
        for part in parts[1:]:
            for heading in part.headings:
                if heading.points and not _complete(heading.points[-1].body.text):
                    heading.points[-1].truncated = True
                elif heading.text is not None and not heading.points and not _complete(heading.text.text):
                    heading.truncated = True
        return parts

    def _points(self, heading: Heading, t: Text, text: str):
        """One paragraph may hold several points (……。二是……): each becomes its own."""
        pieces = []
        while True:
            m = POINT.match(text)
            number = _VALUE[m.group(1)]
            if number != len(heading.points) + len(pieces) + 1:
                self.fail(problems.point_number(self.place, t.line.number, t.text,
                                                chinese(len(heading.points) + len(pieces) + 1)))
            rest = m.group(2)
            nxt = re.search(rf"(?<=[。！？])(?={re.escape(chinese(number + 1))}是)", rest)
            head = None if t.head is None or pieces else t.head - (len(text) - len(rest))
            pieces.append((rest[:nxt.start()] if nxt else rest, head))
            if not nxt:
                break
            text = rest[nxt.start():]
        for body, head in pieces:
            body = self._unmarked(body)
            truncated = body.endswith(MARKS["truncated"])
            if truncated:
                body = body[: -len(MARKS["truncated"])]
            heading.points.append(Point(Text(t.line, body, head), truncated))

    def _prose(self, part: Part, heading: Optional[Heading], t: Text):
        """A plain paragraph: a part's intro, or the paragraph under a heading of part 二 or 三."""
        if heading is None:
            if part.intro is None:
                part.intro = t
                return
            self.fail(problems.unplaceable(self.place, t.line.number, t.text, "这一部分已有引言段落，这是另一段",
                                           "引言只能有一段：若它是上一段的后半，在文件中把两段接成一段。"))
            return
        if part.number == 1:
            self.fail(problems.unplaceable(self.place, t.line.number, t.text,
                                           "治理重点之下只能有编号的问题条目（1. 2. ……）",
                                           "若这是上一条问题的后半，在文件中把两段接成一段；若是一条问题，在段首补上编号。"))
            return
        if heading.text is not None or heading.points or heading.owners or heading.title_only:
            where = "要点之后" if heading.points else "这一项已有一段正文"
            self.fail(problems.unplaceable(self.place, t.line.number, t.text,
                                           f"{where}，又有一段不带“一是、二是”的文字",
                                           "一项措施的标题下只能有一段正文，其余写成要点（一是……）：若这是上一段的后半，"
                                           "在文件中把两段接成一段。"))
            return
        body = self._unmarked(t.text)
        if body.endswith(MARKS["truncated"]):
            body, heading.truncated = body[: -len(MARKS["truncated"])], True
        heading.text = Text(t.line, body)

    def _unmarked(self, text: str) -> str:
        """A paragraph without the note mark (注1) it ends with in a text copy of our handouts: the
        mark numbers a 编者注 (read from the 编者注 list), it is not plan text. Word's are superscript
        and left out by the reader."""
        m = NOTE_MARK.search(text)
        return text[: m.start()] if m and self.note_marks and m.start() > 0 else text

    # --- the outline (目录) -------------------------------------------------------------------

    def _outline(self, lines: list[Text]) -> dict:
        """Part number -> (title, {heading number: title or None}); a heading the outline skips is None."""
        parts: dict = {}
        current = None
        counts: dict = {}
        for t in lines:
            if m := PART.match(t.text):
                current = _VALUE.get(m.group(1), 0)
                parts[current] = (m.group(2).strip(_BLANKS), {})
                counts = {}
            elif current is None:
                self.fail(problems.outside_part(self.place, t.line.number, t.text))
            elif m := HEADING.match(t.text):
                headings = parts[current][1]
                number = _VALUE.get(m.group(1), 0)
                if number != len(headings) + 1:
                    self.fail(problems.heading_number(self.place, t.line.number, t.text, chinese(len(headings) + 1)))
                headings[len(headings) + 1] = Text(t.line, m.group(2))
                counts[len(headings)] = 0
            elif m := NUMBERED.match(t.text):
                headings = parts[current][1]
                number = int(m.group(1) or m.group(2))
                last = len(headings)
                if number == 1 and last and counts.get(last):
                    headings[last + 1] = None  # the outline skips this heading (the copy's area 二)
                    counts[last + 1] = 0
                    last += 1
                if number != counts.get(last, 0) + 1:
                    self.fail(problems.problem_number(self.place, t.line.number, t.text, counts.get(last, 0) + 1))
                counts[last] = number
        return parts

    # --- 编者注 -------------------------------------------------------------------------------

    def _notes(self, lines: list[Text], parts: list[Part]) -> None:
        self.note_lines = []
        for t in lines:
            m = NOTE.match(t.text)
            if not m:
                self.fail(problems.unplaceable(self.place, t.line.number, t.text, "编者注中的这一行不是“注N　引用编号：说明”",
                                               "编者注逐条写成“注1　二（一）二是：……”。"))
                continue
            self.note_lines.append((t, m.group(1), m.group(2), m.group(3)))

    # --- to data ------------------------------------------------------------------------------

    def _data(self, title, preamble: Text, parts: list[Part], outline: dict) -> dict:
        keys = ("focus_areas", "measures", "guarantees")
        names = {1: "一、治理重点", 2: "二、工作措施", 3: "三、组织保障"}
        for number in (1, 2, 3):
            if number > len(parts):
                if number not in outline:
                    self.fail(problems.part_missing(self.place, names[number]))
                    continue
                parts.append(Part(number, Text(Line(0, ""), outline[number][0])))
            known = outline.get(number, ("", {}))[1]
            part = parts[number - 1]
            if known and outline[number][0] and outline[number][0] != part.title.text:
                self.warnings.append(f"目录中的部分标题“{outline[number][0]}”与正文“{part.title.text}”不同：采用正文。")
            for n, entry in sorted(known.items()):
                if n <= len(part.headings):
                    shown = part.headings[n - 1].sentence.text
                    if entry is not None and not shown.startswith(entry.text.rstrip("。")):
                        self.warnings.append(f"目录第 {entry.line.number} {self.place.unit}“{entry.text}”与正文"
                                             f"第 {part.headings[n - 1].sentence.line.number} {self.place.unit}的标题不同：采用正文。")
                    continue
                if entry is None or number == 1:
                    self.fail(problems.areas_missing(self.place))
                    continue
                part.headings.append(Heading(n, entry, title_only=True))
        if self.problems:
            return {}
        data = {"title": title.group(1).strip(_BLANKS), "period": {"start": int(title.group(2)), "end": int(title.group(3))},
                "preamble": preamble.text}
        for key, part in zip(keys, parts):
            section = {"title": part.title.text}
            if not part.title.line.number:
                section["outline_only"] = True  # the document holds this part only in its outline
            if part.intro is not None:
                section["intro"] = part.intro.text
            if part.number == 1:
                openings = _target_openings(part.headings)
                section["areas"] = [self._area(h, outline.get(1, ("", {}))[1].get(h.number), openings)
                                    for h in part.headings]
                if not part.headings:
                    self.fail(problems.areas_missing(self.place))
            else:
                section["items"] = [self._item(h, outline.get(part.number, ("", {}))[1].get(h.number), part.number == 2)
                                    for h in part.headings]
                if not part.headings:
                    self.fail(problems.part_missing(self.place, names[part.number] + "的（一）（二）……"))
            data[key] = section
        self._attach_notes(data, parts)
        self._count(data)
        return data

    def _area(self, h: Heading, outline: Optional[Text], openings: collections.Counter) -> dict:
        sentence = h.sentence
        head = _split_at(sentence, outline, self.clause_marked)
        if head is None:
            text = sentence.text
            if "，" not in text or any(text.startswith(o) for o in openings):
                head = len(text)
            else:
                head = text.index("，")
        heading, target = sentence.text[:head], sentence.text[head + 1:]
        area = {"heading": heading, "target": target} if target else {"target": heading}
        area["problems"] = [{"text": p.text} for p in h.problems]
        return area

    def _item(self, h: Heading, outline: Optional[Text], measure: bool) -> dict:
        sentence = h.sentence
        head = _split_at(sentence, outline, self.clause_marked)
        if head is None:
            text = sentence.text
            head = text.index("，") if "，" in text else len(text)
        title, subtitle = sentence.text[:head], sentence.text[head + 1:]
        stop = title.find("。")
        run_in = sentence.text[stop + 1:] if stop > 0 else ""
        if stop > 0 and (not run_in or h.text is None):
            # A heading sentence that ends itself (（一）强化组织领导。), maybe with its paragraph run
            # in after it (……。成立……): the paragraph is the item's text, as if it stood on its own.
            title, subtitle = title[:stop], ""
            if run_in:
                h.text = Text(sentence.line, run_in)
        item = {"title": title}
        if subtitle:
            item["subtitle"] = subtitle
        points = [self._point(p) for p in h.points]
        if h.title_only or not (points or h.text):
            item["extent"] = "title_only"
        elif h.truncated or any(p.get("truncated") for p in points):
            item["extent"] = "truncated"
        else:
            item["extent"] = "complete"
        if measure:
            if h.owners is not None:
                item["owners"] = _names(h.owners.text)
            elif h.pending:
                item["owners_pending"] = h.pending
        if h.text is not None:
            item["text"] = h.text.text
        if points:
            item["points"] = points
        return item

    def _point(self, p: Point) -> dict:
        text, head = p.body.text, p.body.head
        if head and 0 < head <= len(text):  # Word sets the lead sentence apart (bold): it ends there
            cut = head
        else:
            ends = [text.find(c) for c in _ENDS if c in text]
            cut = min(ends) + 1 if ends else len(text)
        point = {"lead": text[:cut]}
        if text[cut:]:
            point["body"] = text[cut:]
        if p.truncated:
            point["truncated"] = True
        return point

    def _attach_notes(self, data: dict, parts: list[Part]) -> None:
        """编者注 lines (注1　二（一）二是：……) back onto what they cite."""
        if not self.note_lines:
            return
        holders = {}
        for a, area in enumerate(data["focus_areas"]["areas"], 1):
            holders[f"一（{chinese(a)}）"] = area
            for n, problem in enumerate(area["problems"], 1):
                holders[f"一（{chinese(a)}）{n}"] = problem
        for key, section in (("measures", "二"), ("guarantees", "三")):
            for i, item in enumerate(data[key]["items"], 1):
                holders[f"{section}（{chinese(i)}）"] = item
                for n, point in enumerate(item.get("points", []), 1):
                    holders[f"{section}（{chinese(i)}）{chinese(n)}是"] = point
        for t, _, code, note in self.note_lines:
            holder = holders.get(code)
            if holder is None:
                self.fail(problems.note_unknown(self.place, t.line.number, t.text, code))
            else:
                holder["note"] = note
        self.facts.append(f"编者注：{len(self.note_lines)} 条，已按引用编号放回各条目")

    def _count(self, data: dict) -> None:
        areas = data["focus_areas"]["areas"]
        self.facts.append(f"一、{data['focus_areas']['title']}：{len(areas)} 个治理重点、"
                          f"{sum(len(a['problems']) for a in areas)} 条问题")
        for number, key, what in ((2, "measures", "工作措施"), (3, "guarantees", "组织保障")):
            items = data[key]["items"]
            extents = collections.Counter(i["extent"] for i in items)
            said = "、".join(f"{label} {extents[e]} 项" for e, label in
                            (("complete", "完整"), ("truncated", "中断"), ("title_only", "仅存标题")) if extents[e])
            self.facts.append(f"{chinese(number)}、{data[key]['title']}：{len(items)} 项{what}（{said}）")
            for i, item in enumerate(items, 1):
                for n, point in enumerate(item.get("points", []), 1):
                    if point.get("truncated"):
                        self.facts.append(f"原文在 {chinese(number)}（{chinese(i)}）{chinese(n)}是 中途中断")
                if item["extent"] == "truncated" and not item.get("points"):
                    self.facts.append(f"原文在 {chinese(number)}（{chinese(i)}）的正文中途中断")


def _colophon(text: str) -> bool:
    """A 版记 line: our handouts' (COLOPHON), or a 公文's 抄送/印发 line."""
    return text.startswith(COLOPHON) or bool(_COPIED.search(text))


def _structural(text: str) -> bool:
    return bool(PART.match(text) or HEADING.match(text) or NUMBERED.match(text))


def _complete(text: str) -> bool:
    return text.rstrip(_CLOSERS)[-1:] in _COMPLETE if text.rstrip(_CLOSERS) else True


def _names(text: str) -> list[str]:
    return [name for name in (n.strip(_BLANKS + "。；") for n in _NAMES.split(text)) if name]


def _split_at(sentence: Text, outline: Optional[Text], clause_marked: bool) -> Optional[int]:
    """Where a heading sentence's first clause ends, from Word's formatting or the outline's title.
    A sentence wholly in the heading's face is unsplit only if *clause_marked*: the document sets
    clauses apart elsewhere (our plan.docx); else it is a heading set whole in 楷体, which says nothing."""
    text = sentence.text
    if clause_marked and sentence.head is not None and sentence.head == len(text):
        return len(text)
    if sentence.head is not None and 0 < sentence.head < len(text) and text[sentence.head] == "，":
        return sentence.head
    if outline is not None:
        title = outline.text.rstrip("。")
        if text.rstrip("。") == title:
            return len(text)
        if text.startswith(title + "，"):
            return len(title)
    return None


def _target_openings(headings: list[Heading]) -> set:
    """How this plan's area targets open (深入治理……), learnt from the areas that have a heading."""
    openings = collections.Counter(h.sentence.text.split("，", 1)[1][:4] for h in headings
                                   if "，" in h.sentence.text and len(h.sentence.text.split("，", 1)[1]) >= 4)
    return {opening for opening, count in openings.items() if count >= 2}
