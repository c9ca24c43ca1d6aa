"""Ways text reaches the search box, each with a text from the plan, and what must follow: the
page asks its search worker for the text once (text typed key by key: once for each longer
piece), never while an input method is still composing, and the text's page is among the first
results — without a further key being pressed. Both browsers' tests use these cases.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from queries import FIRST, page_of

HERE = Path(__file__).resolve().parent
# Dispatches a way's events in the page (the same events in both browsers).
SCRIPT = HERE / "arrivals.js"
# Run before each page's scripts: window.planQueryLog, every query sent to the search worker,
# and window.planTest, waits and readings done inside the page.
QUERY_LOG = HERE / "query_log.js"
IN_PAGE = HERE / "in_page.js"

DISPATCHED = ["paste by mouse", "drop", "candidate by key", "candidate by mouse"]
# Through the browser's own input: keys one by one, and the clipboard with Ctrl+C then Ctrl+V.
TYPED, PASTED = "typed", "paste by keyboard"
WAYS = [*DISPATCHED, TYPED, PASTED]


@dataclass(frozen=True)
class Arrival:
    way: str
    text: str
    page: str  # the page that holds the text: it is copied from there, and search must find it

    @property
    def expected(self) -> list[str]:
        """The queries the page must send, in order."""
        if self.way == TYPED:
            return [self.text[:n] for n in range(1, len(self.text) + 1)]
        return [self.text]


def arrivals(plan, ways=WAYS) -> list[Arrival]:
    """Each way with its own text: a department's name to type, else a problem's title, taken
    from a different focus area for each way."""
    firsts = [area.problems[0] for area in plan.areas if area.problems]
    cases, other = [], 0
    for way in ways:
        if way == TYPED:
            department = plan.departments[0]
            cases.append(Arrival(way, department.name, page_of(department)))
        else:
            problem = firsts[other % len(firsts)]
            other += 1
            cases.append(Arrival(way, problem.title, page_of(problem)))
    return cases


def wrong(arrival: Arrival, queries: list[dict], box: str, results: list[str]) -> list[str]:
    """What a reader (or the search worker) would notice went wrong, in words; [] if nothing.
    *queries* is window.planQueryLog; *results* the site-relative pages of the first results."""
    problems = []
    if box != arrival.text:
        problems.append(f"搜索框里是“{box}”")
    mid = [q["text"] for q in queries if q["composing"]]
    if mid:
        problems.append(f"输入法还在输入时就搜索了 {mid}")
    sent = [q["text"] for q in queries]
    # search.js may search again without the first characters (a retry): those never start the text
    if [text for text in sent if arrival.text.startswith(text)] != arrival.expected:
        problems.append(f"发给搜索线程的查询应为 {arrival.expected}，实为 {sent}")
    if arrival.page not in results[:FIRST]:
        problems.append(f"前 {FIRST} 个结果里没有 {arrival.page}：{results[:FIRST]}")
    return [f"{arrival.way}“{arrival.text}”：{problem}" for problem in problems]
