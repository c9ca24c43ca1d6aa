"""What cadres type into the search box, derived from the plan, with the pages that answer it.

Nothing here is hand-picked: department names, every quoted “…” term, every problem's title and
its clauses, and the tails of compound names (组织部 of 区委组织部) all come from the model; so do
the citation codes, in the forms reports write them. Each browser's test types them; how their
answers are judged is here too, the same for every browser.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

import jieba

from plansite.site import search_index
from plansite.data.model import Plan, Point, ProblemItem

_QUOTED = re.compile(r"“([^”]+)”")
_CLAUSE = re.compile(r"[，、；：“”]+")
# How far down a reader looks: the first result groups (one per page) the search box shows.
FIRST = 5
# Share of derived queries whose first result must be their page (issue 11).
FIRST_SHARE = 0.95
# A fragment that many pages contain (问题, 推动) has no one right answer.
_DISTINCT = 3
# jieba's own dictionary, without the plan's terms: the words it sees inside a compound term.
_PLAIN = jieba.Tokenizer()


@dataclass(frozen=True)
class Query:
    text: str
    kind: str
    pages: frozenset[str]  # built pages (site-relative .html paths) any of which is a right answer


def page_of(obj) -> str:
    """The built page that shows *obj* (site-relative .html path)."""
    return search_index.location(obj).partition("#")[0]


def _holders(plan: Plan, term: str) -> frozenset[str]:
    return frozenset(page_of(holder) for holder, text in plan.texts() if term in text)


def _common_prefix(names: list[str]) -> str:
    return os.path.commonprefix(names) if len(names) > 1 else ""


def queries(plan: Plan) -> list[Query]:
    found: dict[tuple[str, str], Query] = {}

    def add(text: str, kind: str, pages: frozenset[str]) -> None:
        if len(text) >= 2 and pages:
            found.setdefault((text, kind), Query(text, kind, pages))

    def add_distinct(text: str, kind: str) -> None:
        pages = _holders(plan, text)
        if len(pages) <= _DISTINCT and re.search(r"[\u4e00-\u9fff]{2}", text):
            add(text, kind, pages)

    names = [d.name for d in plan.departments]
    prefix = _common_prefix(names)
    for department in plan.departments:
        add(department.name, "部门名称", frozenset({page_of(department)}))
        # 组织部 for 区委组织部: the word in the middle of the compound a cadre actually says
        add(department.name[len(prefix):], "部门简称", frozenset({page_of(department)}))
    for holder, text in plan.texts():
        for term in _QUOTED.findall(text):
            add(term, "引号术语", _holders(plan, term))
            for word in _PLAIN.lcut(term)[1:]:  # 攻坚战 of 三大攻坚战
                add_distinct(word, "术语中的词")
    for item in [*plan.areas, *plan.measures.items, *plan.guarantees.items]:
        add(item.title, "条目标题", frozenset({page_of(item)}))
        for clause in _CLAUSE.split(item.title):
            if clause != item.title:
                add_distinct(clause, "标题片段")
    for problem in plan.problems:
        add(problem.title, "问题标题", frozenset({page_of(problem)}))
        for clause in _CLAUSE.split(problem.title):
            if clause != problem.title:
                add_distinct(clause, "标题片段")
    return sorted(found.values(), key=lambda q: (q.kind, q.text))


def misses(derived: list[Query], found: dict[str, list[str]], first: int) -> tuple[list[str], list[str]]:
    """Judged by *found*, the pages of each query's first results in order: the queries whose
    page is not among the *first*, and those whose page is not the first result, in words."""
    not_near, not_first = [], []
    for query in derived:
        pages = found[query.text][:first]
        if not query.pages & set(pages):
            not_near.append(f"{query.kind} “{query.text}”：应为 {sorted(query.pages)}，前 {first} 个结果 {pages}")
        elif pages[0] not in query.pages:
            not_first.append(f"{query.kind} “{query.text}”：第一个结果 {pages[0]}")
    return not_near, not_first


def _forms(obj) -> list[str]:
    """The ways reports write *obj*'s code: as the plan does, with ASCII brackets, with 、 after the
    part's numeral, and 第N条 for a problem."""
    code = obj.code
    forms = [code, code.replace("（", "(").replace("）", ")")]
    part = (obj.area if isinstance(obj, ProblemItem) else obj.item if isinstance(obj, Point) else obj).section
    forms.append(part.label + code[len(part.code):])
    if isinstance(obj, ProblemItem):
        forms.append(f"{obj.area.code}第{obj.number}条")
    return forms


def citations(plan: Plan) -> list[tuple[str, str]]:
    """Every citation code in every form, with where it must lead (page.html#anchor)."""
    return [(form, search_index.location(obj)) for obj in search_index.items(plan) if search_index.code_token(obj)
            for form in _forms(obj)]
