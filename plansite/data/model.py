"""The resolved plan: what every output (pages, PDF, search dictionary, diff) reads.

Numbers, labels and citation codes are computed here from document order, so reordering items in
the YAML renumbers everything while ids (and so page addresses and anchors) stay put.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Optional

from .numerals import chinese

OWNERS_LABEL = "责任部门："
# Markers that pages and PDFs print where the source copy breaks off: one wording everywhere.
MARKS = {"truncated": "【原文至此中断】", "title_only": "【原文仅存标题】"}
EXTENT_LABELS = {"complete": "原文完整", "truncated": "原文不完整（在此中断）", "title_only": "原文仅存标题"}


@dataclass(eq=False)
class Department:
    id: str
    name: str
    line: int = 0
    owns: list["Item"] = field(default_factory=list)
    mentions: list["Mention"] = field(default_factory=list)


@dataclass(eq=False)
class ProblemItem:
    """A problem under a focus area (一（三）2)."""

    id: str
    number: int
    text: str
    area: "Area"
    note: Optional[str] = None
    line: int = 0

    @property
    def label(self) -> str:
        return f"{self.number}."

    @property
    def code(self) -> str:
        return f"{self.area.code}{self.number}"

    @property
    def title(self) -> str:
        """The outline's short title: the full text's opening clause."""
        return self.text.split("，", 1)[0].rstrip("。；")


@dataclass(eq=False)
class Point:
    """一是/二是/… inside a measure or guarantee."""

    number: int
    lead: str
    item: "Item"
    body: Optional[str] = None
    truncated: bool = False
    note: Optional[str] = None

    @property
    def ordinal(self) -> str:
        return f"{chinese(self.number)}是"

    @property
    def anchor(self) -> str:
        return f"{self.item.id}-{self.number}"

    @property
    def code(self) -> str:
        return f"{self.item.code}{self.ordinal}"


@dataclass(eq=False)
class Section:
    """One of the plan's three parts (一、治理重点 / 二、工作措施 / 三、组织保障)."""

    key: str
    number: int
    title: str
    intro: Optional[str]
    items: list = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{chinese(self.number)}、"

    @property
    def code(self) -> str:
        return self.label[:-1]


class _NumberedInSection:
    """Areas, measures and guarantees are numbered （一）（二）… within their section."""

    number: int
    section: Section

    @property
    def label(self) -> str:
        return f"（{chinese(self.number)}）"

    @property
    def code(self) -> str:
        return f"{self.section.code}{self.label}"


@dataclass(eq=False)
class Area(_NumberedInSection):
    id: str
    number: int
    section: Section
    target: str
    heading: Optional[str] = None
    problems: list[ProblemItem] = field(default_factory=list)
    note: Optional[str] = None
    line: int = 0

    @property
    def title(self) -> str:
        """The outline's title: the heading clause, or the target where there is none (area 六)."""
        return self.heading or self.target.rstrip("。")


@dataclass(eq=False)
class Item(_NumberedInSection):
    """A work measure or an organisational guarantee: a title, maybe points, maybe owners."""

    id: str
    number: int
    section: Section
    title: str
    extent: str
    subtitle: Optional[str] = None
    text: Optional[str] = None  # a paragraph under the heading instead of (or before) points
    points: list[Point] = field(default_factory=list)
    owners: list[Department] = field(default_factory=list)
    owners_pending: Optional[str] = None
    note: Optional[str] = None
    line: int = 0

    @property
    def owners_line(self) -> str:
        """The document's own line naming the owners (“责任部门：区委组织部、区委宣传部”)."""
        return OWNERS_LABEL + "、".join(d.name for d in self.owners) if self.owners else ""

    @property
    def extent_label(self) -> str:
        return EXTENT_LABELS[self.extent]

    @property
    def is_measure(self) -> bool:
        return self.section.key == "measures"


@dataclass(frozen=True)
class Mention:
    """A department's name standing in a piece of plan text."""

    department: Department
    holder: object  # the Area/ProblemItem/Item/Point/Plan whose text names it
    text: str


@dataclass(eq=False)
class Plan:
    file: str
    title: str
    period_start: int
    period_end: int
    preamble: str
    basis: str
    departments: list[Department]
    focus: Section
    measures: Section
    guarantees: Section

    @property
    def period(self) -> str:
        return f"{self.period_start}—{self.period_end}年"

    @property
    def full_title(self) -> str:
        return f"{self.title}（{self.period}）"

    @property
    def sections(self) -> list[Section]:
        return [self.focus, self.measures, self.guarantees]

    @property
    def areas(self) -> list[Area]:
        return self.focus.items

    @property
    def problems(self) -> list[ProblemItem]:
        return [p for area in self.areas for p in area.problems]

    def notes(self) -> list:
        """Everything that carries an editor's note, in document order, each once (注1, 注2, …)."""
        seen = []
        for holder, _ in self.texts():
            if getattr(holder, "note", None) and holder not in seen:
                seen.append(holder)
        return seen

    def incomplete(self) -> list["Item"]:
        """Measures and guarantees the source copy holds only in part, in document order."""
        return [item for section in (self.measures, self.guarantees) for item in section.items
                if item.extent != "complete"]

    def texts(self) -> Iterator[tuple[object, str]]:
        """Every piece of plan text in document order, with the object that holds it."""
        yield self, self.preamble
        for section in self.sections:
            yield section, section.title
            if section.intro:
                yield section, section.intro
            for item in section.items:
                if isinstance(item, Area):
                    if item.heading:
                        yield item, item.heading
                    yield item, item.target
                    for problem in item.problems:
                        yield problem, problem.text
                    continue
                yield item, item.title
                if item.subtitle:
                    yield item, item.subtitle
                if item.text:
                    yield item, item.text
                for point in item.points:
                    yield point, point.lead
                    if point.body:
                        yield point, point.body
                if item.owners:
                    yield item, item.owners_line


def citation(obj) -> str:
    """How a place in the plan is cited: its code, or the part of the document it is."""
    if isinstance(obj, Plan):
        return "导言"
    if isinstance(obj, Section):
        return obj.label + obj.title
    return obj.code
