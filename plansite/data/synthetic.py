"""Synthetic plans of scale k, for benchmarks and scale tests; never published.

A plan of scale k has k times the real plan's areas, problems, measures, guarantees and departments.
Its text is the real plan's own clauses recombined (deterministically, from a seed) to the lengths
the real texts have, so pages, search segmentation and department links cost what real ones would.
Replicate 1 keeps the real plan's shape exactly (extents, owners, notes); later replicates draw
extents so that most items are complete, some truncated, some title-only, as resolve.py allows.
"""
from __future__ import annotations

import bisect
import json
import os
import random
import re
import shutil

import yaml

from . import loader
from .model import Area, Item, Plan
from .numerals import chinese

PENDING = "原文未载明"
_CLAUSE_END = re.compile(r"[，；：。]")
_PAIRS = ("“”", "《》", "（）", "<>")


def generate(k: int, source: Plan, seed: int = 0) -> dict:
    """The plan data (as plan.yaml holds it) of scale *k*, built from the clauses of *source*."""
    if k < 1:
        raise ValueError("k must be at least 1")
    rng = random.Random(seed)
    texts = _Texts(source, rng)
    departments, areas, measures, guarantees = [], [], [], []
    for r in range(1, k + 1):
        names = {d.name: _replicate_name(d.name, r) for d in source.departments}
        ids = [f"{d.id}-{r}" for d in source.departments]
        departments += [{"id": f"{d.id}-{r}", "name": names[d.name]} for d in source.departments]
        areas += [_area(a, r, texts, names) for a in source.areas]
        measures += [_item(m, r, texts, names, rng, ids) for m in source.measures.items]
        guarantees += [_item(g, r, texts, names, rng, None) for g in source.guarantees.items]
    return {
        "title": source.title,
        "period": {"start": source.period_start, "end": source.period_end},
        "preamble": source.preamble,
        "departments": departments,
        "focus_areas": _section(source.focus, areas=areas),
        "measures": _section(source.measures, items=measures),
        "guarantees": _section(source.guarantees, items=guarantees),
    }


def dump(data: dict) -> str:
    """YAML the plan reader accepts: no aliases, no line folding, Chinese as is."""
    class _Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data):
            return True

    header = "# 合成方案数据（scripts/synthetic_plan.py 生成）：仅供性能测试，不是方案内容。\n"
    return header + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1 << 20)


def write(k: int, path: str, seed: int = 0, source_file: str = "data/plan.yaml") -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(dump(generate(k, loader.load(source_file), seed)))


def _replicate_name(name: str, r: int) -> str:
    """区委组织部 → 区委第三组织部: unique, and no replicate's name is part of another's."""
    return f"{name[:2]}第{chinese(r)}{name[2:]}"


def _section(section, **children) -> dict:
    out = {"title": section.title}
    if section.intro:
        out["intro"] = section.intro
    return out | children


def _area(area: Area, r: int, texts: "_Texts", names: dict) -> dict:
    out = {"id": f"{area.id}-{r}"}
    if area.heading:
        out["heading"] = texts.like(area.heading, names, end="", joiner="、")
    out["target"] = texts.like(area.target, names)
    out["problems"] = []
    for problem in area.problems:
        entry = {"id": f"{problem.id}-{r}", "text": texts.like(problem.text, names)}
        if problem.note:
            entry["note"] = texts.like(problem.note, names)
        out["problems"].append(entry)
    if area.note:
        out["note"] = texts.like(area.note, names)
    return out


def _item(item: Item, r: int, texts: "_Texts", names: dict, rng: random.Random, departments: list | None) -> dict:
    extent = item.extent if r == 1 else rng.choices(["complete", "truncated", "title_only"], [8, 1, 1])[0]
    shape = item.points if r == 1 else [None] * (0 if extent == "title_only" else texts.point_count())
    out = {"id": f"{item.id}-{r}", "title": texts.like(item.title, names, end="", joiner="、")}
    if item.subtitle or (r > 1 and shape and rng.random() < 0.5):
        out["subtitle"] = texts.like(item.subtitle or texts.sample_subtitle(), names, end="")
    out["extent"] = extent
    if departments is not None:  # measures name owners, or say the source is silent
        if r == 1:
            owned = [f"{o.id}-{r}" for o in item.owners]
        else:
            owned = rng.sample(departments, rng.randint(1, min(3, len(departments)))) if extent == "complete" else []
        if owned:
            out["owners"] = owned
        else:
            out["owners_pending"] = item.owners_pending or PENDING
    if shape:
        out["points"] = []
        for n, point in enumerate(shape):
            model = point or texts.sample_point()
            entry = {"lead": texts.like(model.lead, names)}
            last_truncated = extent == "truncated" and n == len(shape) - 1
            if model.body:
                entry["body"] = texts.like(model.body, names, end="" if last_truncated else "。")
            if last_truncated:
                entry["truncated"] = True
            if point is not None and point.note:
                entry["note"] = texts.like(point.note, names)
            out["points"].append(entry)
    if item.note:
        out["note"] = texts.like(item.note, names)
    return out


class _Texts:
    """Recombined clauses of the source, each new text as long as the one it stands in for."""

    def __init__(self, source: Plan, rng: random.Random):
        self.source, self.rng = source, rng
        clauses = {c for _, text in source.texts() for c in _CLAUSE_END.split(text)}
        balanced = (c for c in clauses if c and all(c.count(a) == c.count(b) for a, b in _PAIRS))
        self.clauses = sorted(balanced, key=lambda c: (len(c), c))
        self.lengths = [len(c) for c in self.clauses]
        self.points = [p for item in source.measures.items + source.guarantees.items for p in item.points if p.body]
        self.point_counts = [len(i.points) for i in source.measures.items + source.guarantees.items if i.points]
        self.subtitles = [i.subtitle for i in source.measures.items + source.guarantees.items if i.subtitle]

    def point_count(self) -> int:
        return self.rng.choice(self.point_counts)

    def sample_point(self):
        return self.rng.choice(self.points)

    def sample_subtitle(self) -> str:
        return self.rng.choice(self.subtitles)

    def like(self, model: str, names: dict, end: str = "。", joiner: str = "，") -> str:
        """Clauses joined with full-width commas until as long as *model*, ended with *end*.

        A heading or title is its sentence's part before the first comma (plan.schema.json), so its
        clauses are joined with 、 (*joiner*): a document written from the plan then says where it ends.
        """
        target = len(model.rstrip("。"))
        parts, length = [], 0
        while length < target:  # any clause that does not overshoot by much; the shortest if none fits
            fitting = bisect.bisect_right(self.lengths, target - length + 4)
            parts.append(self.rng.choice(self.clauses[:fitting or 1]))
            length += len(parts[-1]) + 1
        text = joiner.join(parts) + end
        for real, replicate in names.items():  # mentions name this replicate's departments
            text = text.replace(real, replicate)
        return text


ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def project(directory: str, plan_file: str | None = None, **overrides) -> str:
    """A throwaway MkDocs project in *directory* that builds this repository's site; its config path.

    It inherits mkdocs.yml and reads the repository's docs/, macros/ and node_modules/, but its own
    data/plan.yaml (a copy of *plan_file*), so a synthetic plan builds exactly as the real one does.
    *overrides* are further top-level config keys (e.g. hooks).
    """
    os.makedirs(os.path.join(directory, "data"), exist_ok=True)
    for name in ("macros", "overrides", "node_modules"):
        link = os.path.join(directory, name)
        if not os.path.lexists(link):
            os.symlink(os.path.join(ROOT, name), link)
    if plan_file is not None:
        shutil.copyfile(plan_file, os.path.join(directory, "data", "plan.yaml"))
    config = {"INHERIT": os.path.join(ROOT, "mkdocs.yml"), "docs_dir": os.path.join(ROOT, "docs")} | overrides
    path = os.path.join(directory, "mkdocs.yml")
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(config, handle, ensure_ascii=False, indent=2)  # JSON is YAML
    return path
