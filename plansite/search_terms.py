"""The jieba user dictionary, built from the plan's own terms.

Material's search matches a query against the start of jieba tokens; terms jieba does not know
(区委专项办, 指尖上的形式主义, 中梗阻) would be cut apart and a cadre typing them would find
nothing. The plan marks its own terms: quoted phrases, titles in 《》, department names.
"""
from __future__ import annotations

import os
import re

from .model import Plan

_QUOTED = re.compile(r"“([^”]{2,16})”|《([^》]{2,40})》")
# High frequency so that jieba keeps the term whole rather than its usual split.
_FREQ = 100000


def terms(plan: Plan) -> list[str]:
    found = {d.name for d in plan.departments}
    for _, text in plan.texts():
        for match in _QUOTED.finditer(text):
            term = match.group(1) or match.group(2)
            if not re.search(r"\s", term):
                found.add(term)
    return sorted(found)


def write_user_dict(plan: Plan, path: str) -> None:
    content = "".join(f"{term} {_FREQ}\n" for term in terms(plan))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    try:  # leave the file (and its mtime) alone when nothing changed: serve watches build/
        with open(path, encoding="utf-8") as handle:
            if handle.read() == content:
                return
    except FileNotFoundError:
        pass
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(content)
