#!/usr/bin/env python3
"""Type what a cadre would type into the built site's search box (Chromium, site served by nginx)
and print how often the first result holds the query, and where each citation code lands.

    .venv/bin/python scripts/search_probe.py [SITE]     # default: site/ (make site first)

The queries are written by hand from reading the plan as a reader would (words, phrases, parts
of words, departments, citation codes in the forms used in reports); they are not derived from
the data like the test's queries (tests/browser/queries.py). A result "holds" a query when the
section it opens (its title and text in the search index) contains every word of it. Codes are
checked against the model: the first result must open the item whose code it is.
"""
from __future__ import annotations

import argparse
import html
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from browsing import CHROMIUM, CHROMIUM_ARGS, first_result, local_nginx, search_ready, type_query  # noqa: E402
from plansite.data import loader  # noqa: E402
from plansite.site import search_index  # noqa: E402

WORDS = [
    # terms and words a cadre remembers from the plan
    "形式主义", "官僚主义", "不担当不作为", "营商环境", "中梗阻", "为基层减负", "督查检查考核",
    "政务APP", "微信工作群", "共同富裕", "京津冀协同发展", "国企改革", "天津八条", "民营经济19条",
    "十四五", "调查研究", "走秀式", "蜻蜓点水", "一刀切", "以案三促", "战区制", "吹哨", "好人主义",
    "圈子文化", "庸懒散浮拖", "腾挪闪避绕", "急难愁盼", "条条框框", "推诿扯皮", "官僚习气",
    "指尖上的形式主义", "正负面清单", "一阅了之", "周末大讲堂", "理想信念教育", "党史学习教育",
    "信访举报", "雄安新区", "非首都功能", "严肃追责问责", "打通梗阻堵点", "考核激励", "舆论宣传",
    "两个责任", "六个结合", "组织领导", "工作机制", "主体责任", "干事创业", "乡村振兴",
    # phrases
    "有令不行", "欺上瞒下", "为了不出事宁可不干事", "迎来送往", "想一出是一出", "明减暗增",
    "东拼西凑", "照抄照搬", "吃劲岗位顶不住", "小鬼当家", "层层陪同", "放责不放权",
    # parts of words and departments
    "组织部", "宣传部", "专项办", "党校", "梗阻", "减负", "营商", "拖沓", "区委组织部", "区委党校",
]
# (typed, the code of the item it means — None: no such item, no result wanted)
CODES = [
    ("一（三）2", "一（三）2"), ("一(三)2", "一（三）2"), ("一、（三）2", "一（三）2"),
    ("一（三）第2条", "一（三）2"), ("二（一）", "二（一）"), ("二(一)", "二（一）"),
    ("三（二）", "三（二）"), ("二（二）二是", "二（二）二是"), ("一（五）6", "一（五）6"),
    ("一（一）5", "一（一）5"), ("二（一）三是", "二（一）三是"), ("一（四）第一条", "一（四）1"),
    ("三（五）", "三（五）"), ("一（六）", "一（六）"), ("一 （二） 4", "一（二）4"),
    ("一（九）", None), ("一（三）9", None), ("二（二）五是", None), ("四（一）", None),
]

_TAG = re.compile(r"<[^>]*>")


def plain(text: str) -> str:
    """Text as the reader sees it (search.js compares the same way)."""
    return re.sub(r"[\s\u200b]+", "", html.unescape(_TAG.sub("", text or ""))).lower()


class Index:
    """The published search index: what text each result address opens."""

    def __init__(self, site: Path):
        self.docs = {d["location"]: d for d in json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]}

    def text(self, location: str) -> str:
        page, _, anchor = location.partition("#")
        if anchor:
            doc = self.docs.get(f"{page}?at={anchor}") or self.docs.get(location) or {}
            return plain(doc.get("title", "")) + "\n" + plain(doc.get("text", ""))
        # a page: its own entry and the headings grouped under it
        return "\n".join(plain(d["title"]) + "\n" + plain(d["text"])
                         for loc, d in self.docs.items() if loc == page or loc.startswith(page + "#"))


def probe(site: Path) -> int:
    from playwright.sync_api import sync_playwright
    plan = loader.load(str(ROOT / "data" / "plan.yaml"))
    by_code = {obj.code: obj for obj in search_index.items(plan) if hasattr(obj, "code")}
    index = Index(site)
    with local_nginx.serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(base + "index.html")
        search_ready(page)
        held, misses = 0, []
        for query in WORDS:
            type_query(page, query)
            first = first_result(page, base)
            if first and all(plain(w) in index.text(first) for w in query.split()):
                held += 1
            else:
                misses.append(f"  {query}：第一个结果 {first}")
        landed, wrong = 0, []
        for typed, code in CODES:
            type_query(page, typed)
            first = first_result(page, base)
            want = search_index.location(by_code[code]) if code else None
            if first == want:
                landed += 1
            else:
                wrong.append(f"  {typed}：应为 {want}，第一个结果 {first}")
        browser.close()
    print(f"词语和短语：{held}/{len(WORDS)} 个查询的第一个结果含有所查内容（{held / len(WORDS):.0%}）")
    print("\n".join(misses))
    print(f"引用编号：{landed}/{len(CODES)} 个落在所指条目上（不存在的编号应无结果）")
    print("\n".join(wrong))
    return 0 if not misses and not wrong else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", nargs="?", default=str(ROOT / "site"), help="生成的站点目录")
    args = parser.parse_args(argv)
    return probe(Path(args.site))


if __name__ == "__main__":
    sys.exit(main())
