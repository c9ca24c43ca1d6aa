"""What compare.html shows for every pair of versions, worked out here so that the browser only picks.

The redline between two versions is :func:`plan_diff.compare` and :func:`plan_diff.entries`, the same
comparison and wording as 修订记录 and the 修订说明 PDFs, run here for every ordered pair of versions
(the releases and the current text) and grouped by the item each change belongs to. The page gets
them as one script (``window.planCompare``), loaded by a script element: it works from a folder
(file://, where pages may not fetch files) and under the site's content security policy.

A pair's result depends only on the two models and their addresses, so it is cached by content
(:mod:`derived`): pairs of releases are worked out once, ever; an edit recomputes the current text's.
"""
from __future__ import annotations

import html
import json
from dataclasses import dataclass
from typing import Callable, Optional

import markdown

from ..data.model import Plan
from . import derived, plan_diff

GLOBAL = "planCompare"
_MODULES = ("plansite.outputs.compare_data", "plansite.outputs.plan_diff")


@dataclass(frozen=True, eq=False)
class Version:
    slug: str  # a release's slug, or "current"
    label: str  # as readers call it: 2026年11月25日 首次发布
    plan: Plan
    page: str  # the address of its full text, relative to the site root
    address: Callable[[tuple], Optional[str]]  # where a unit (by plan_diff key) stands in this version
    same_as: Optional[str] = None  # the slug of a version with the same content (current = latest release)


def script(versions: list[Version], cache: derived.Cache, site_code: str) -> str:
    """compare.html's data: every version, and the redline of every ordered pair of distinct versions.

    *site_code* is a key over the code that lays out addresses (it shapes the cached links).
    """
    distinct = [v for v in versions if v.same_as is None]
    pairs = [(a, b) for a in distinct for b in distinct if a is not b]
    keys = {(a.slug, b.slug): _pair_key(a, b, site_code) for a, b in pairs}
    listed = [{"slug": v.slug, "label": v.label, "page": v.page, "same": v.same_as} for v in versions]

    def make() -> str:
        strings: dict[str, int] = {}

        def intern(text: str) -> int:
            return strings.setdefault(text, len(strings))

        table = {}
        for a, b in pairs:  # a pair: its summary, then each group as [heading, line, line, …], by string number
            found = json.loads(cache.text(keys[a.slug, b.slug], lambda a=a, b=b: json.dumps(pair(a, b), ensure_ascii=False)))
            table[f"{a.slug}~{b.slug}"] = [intern(found["summary"])] + [[intern(part) for part in group]
                                                                        for group in found["groups"]]
        data = {"versions": listed, "strings": list(strings), "pairs": table}
        return f"window.{GLOBAL} = {json.dumps(data, ensure_ascii=False, separators=(',', ':'))};\n"

    whole = derived.key("script", json.dumps(listed, ensure_ascii=False), *keys.values())
    for name in keys.values():  # read back only when the whole script is missing, but kept either way
        cache.used.add(name)
    return cache.text(whole + ".js", make)


def _pair_key(a: Version, b: Version, site_code: str) -> str:
    return derived.key("pair", derived.digest(a.plan), derived.digest(b.plan), a.slug, b.slug, a.label, b.label,
                       derived.code_key(*_MODULES), site_code)


def pair(old: Version, new: Version) -> dict:
    """The redline from *old* to *new* as HTML: a summary, then per item that changed its heading and
    its changes (compare.js puts each in a section: a change shared by many pairs is sent once)."""
    changes = plan_diff.compare(old.plan, new.plan)
    if not changes:
        return {"summary": f'<p class="plan-compare-summary">{html.escape(old.label)}与{html.escape(new.label)}'
                           "的方案内容相同。</p>", "groups": []}

    def link(unit: plan_diff.Unit) -> Optional[str]:  # where it stands in the newer text, else the older
        return new.address(unit.key) or old.address(unit.key)

    grouped: dict[tuple, list[str]] = {}
    for kind, unit, text in plan_diff.entries(changes, link, elide=False):
        unit_id = "/".join(map(str, unit.key))
        grouped.setdefault(_group(unit), []).append(
            f'<li data-kind="{kind}" data-unit="{html.escape(unit_id)}"><strong>{plan_diff.KINDS[kind]}</strong>：'
            f"{_inline(text)}</li>")
    named = {u.key: u for u in plan_diff.units(old.plan)} | {u.key: u for u in plan_diff.units(new.plan)}
    newer = _order(new.plan)
    order = newer + [k for k in _order(old.plan) if k not in set(newer)]
    groups = []
    for key in sorted(grouped, key=order.index):
        unit = named[key]
        url = link(unit)
        groups.append([_inline(f"[{plan_diff.label(unit)}]({url})" if url else plan_diff.label(unit))] + grouped[key])
    summary = f"从{html.escape(old.label)}到{html.escape(new.label)}：{plan_diff.summary(changes)}"
    return {"summary": f'<p class="plan-compare-summary">{summary}</p>', "groups": groups}


def _group(unit: plan_diff.Unit) -> tuple:
    """The item a change belongs to: a problem's area, a point's measure or guarantee, else the unit itself."""
    return unit.parent if unit.key[0] in ("problem", "point") else unit.key


def _order(plan: Plan) -> list[tuple]:
    """Group keys in document order, departments last."""
    keys = [u.key for u in plan_diff.units(plan) if u.key[0] not in ("problem", "department")]
    return keys + [u.key for u in plan_diff.units(plan) if u.key[0] == "department"]


_markdown = markdown.Markdown()


def _inline(text: str) -> str:
    """One line of plan_diff's Markdown as HTML (its plan text is escaped already, its marks are HTML)."""
    _markdown.reset()
    out = _markdown.convert(text)
    return out.removeprefix("<p>").removesuffix("</p>")
