"""The merge step: what a document says, laid onto the plan file's data, keeping what it cannot say.

The plan file's data is edited in place (a round-trip YAML tree, see writer), so an item matched to
one the plan had keeps its id, its notes (编者注), its owners' ids and its comments, and only what the
document changed is written. Matching is by position and wording, the way plan_diff pairs points:
entries are aligned in order on how alike their texts are; what is left between two matches is
paired up in place when as many went as came (an edited heading), otherwise added and removed; an
entry left out that stands elsewhere nearly word for word has moved, and keeps its id.

What a document cannot speak of is kept: ids, notes, departments registered for a reason the text
does not show, and, where the document itself breaks off (truncated, title only), the content and
owners the plan already has beyond the break.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from ..addresses import generated_names
from ..numerals import chinese
from .ids import Ids
from .outline import PENDING

MATCH = 0.5  # how alike two texts must be (difflib's ratio) to be the same entry wherever they stand

ORDER = {
    "plan": ("title", "period", "preamble", "departments", "focus_areas", "measures", "guarantees"),
    "section": ("title", "intro", "areas", "items"),
    "area": ("id", "heading", "target", "problems", "note"),
    "problem": ("id", "text", "note"),
    "item": ("id", "title", "subtitle", "extent", "owners", "owners_pending", "text", "points", "note"),
    "point": ("lead", "body", "truncated", "note"),
    "department": ("id", "name"),
}
_RANK = {"title_only": 0, "truncated": 1, "complete": 2}
SECTIONS = (("focus_areas", "一"), ("measures", "二"), ("guarantees", "三"))


@dataclass
class Outcome:
    """What the merge did, for the report: each entry a line in Chinese."""

    revision: bool
    matched: int = 0
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    kept_beyond_break: list = field(default_factory=list)
    departments_added: list = field(default_factory=list)
    departments_unnamed: list = field(default_factory=list)


def merge(tree, parsed: dict, make) -> Outcome:
    """Lay *parsed* (the outline parser's data) onto *tree* (the plan file's data, empty for a new plan).

    *make* builds the tree's own mappings and lists (writer.Factory)."""
    return _Merge(tree, make).run(parsed)


def similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.ratio() if matcher.real_quick_ratio() >= MATCH and matcher.quick_ratio() >= MATCH else 0.0


def align(old: list[str], new: list[str]) -> list[tuple]:
    """Pairs (old index or None, new index or None) in order: a best order-keeping match on wording,
    then what is left between two matches paired in place when the counts agree."""
    n, m = len(old), len(new)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    alike = {}
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            s = similarity(old[i], new[j])
            alike[i, j] = s
            best = max(score[i + 1][j], score[i][j + 1])
            if s >= MATCH:
                best = max(best, score[i + 1][j + 1] + s)
            score[i][j] = best
    matches, i, j = [], 0, 0
    while i < n and j < m:
        if alike[i, j] >= MATCH and score[i][j] == score[i + 1][j + 1] + alike[i, j]:
            matches.append((i, j))
            i, j = i + 1, j + 1
        elif score[i + 1][j] >= score[i][j + 1]:
            i += 1
        else:
            j += 1
    pairs, i, j = [], 0, 0
    for a, b in matches + [(n, m)]:
        gone, came = list(range(i, a)), list(range(j, b))
        if len(gone) == len(came):
            pairs += list(zip(gone, came))
        else:
            pairs += [(x, None) for x in gone] + [(None, y) for y in came]
        if a < n:
            pairs.append((a, b))
        i, j = a + 1, b + 1
    return pairs


class _Merge:
    def __init__(self, tree, make):
        self.tree, self.make = tree, make
        self.outcome = Outcome(revision=bool(tree))
        old_ids = set(_ids(tree))
        anchors = {f"{item['id']}-{n}" for key in ("measures", "guarantees")
                   for item in tree.get(key, {}).get("items", []) for n in range(1, len(item.get("points", [])) + 1)}
        self.ids = Ids(old_ids | anchors, set(generated_names(None)))
        self.register = {d["name"]: d["id"] for d in tree.get("departments", [])}

    def run(self, parsed: dict) -> Outcome:
        tree = self.tree
        put(tree, "title", parsed["title"], ORDER["plan"])
        period = tree.get("period")
        if period is None:
            put(tree, "period", self.make.map(), ORDER["plan"])
            period = tree["period"]
        put(period, "start", parsed["period"]["start"], ("start", "end"))
        put(period, "end", parsed["period"]["end"], ("start", "end"))
        put(tree, "preamble", parsed["preamble"], ORDER["plan"])
        if "departments" not in tree:
            put(tree, "departments", self.make.list(), ORDER["plan"])
        for key, label in SECTIONS:
            self._section(key, label, parsed[key])
        self._unnamed()
        return self.outcome

    # --- sections and their entries -----------------------------------------------------------

    def _section(self, key: str, label: str, new: dict) -> None:
        if key not in self.tree:
            put(self.tree, key, self.make.map(), ORDER["plan"])
        section = self.tree[key]
        put(section, "title", new["title"], ORDER["section"])
        if "intro" in new or not new.get("outline_only"):
            put(section, "intro", new.get("intro"), ORDER["section"])
        if key == "focus_areas":
            self._list(section, "areas", new["areas"], _area_text, self._update_area, self._new_area, label)
        else:
            self._list(section, "items", new["items"], _item_text,
                       lambda old, entry: self._update_item(old, entry, key == "measures"),
                       lambda entry: self._new_item(entry, key == "measures"), label)

    def _list(self, holder, key: str, entries: list, text, update, create, label: str) -> None:
        if key not in holder:
            put(holder, key, self.make.list(), ORDER["section"] if key in ("areas", "items") else ORDER["area"])
        seq = holder[key]
        pairs = align([text(e) for e in seq], [text(e) for e in entries])
        moved = _moves(pairs, [text(e) for e in seq], [text(e) for e in entries])
        if moved:  # an entry that changed places keeps its id: the list is laid out anew in the new order
            kept = {j: seq[i] for i, j in pairs if i is not None and j is not None} | {j: seq[i] for i, j in moved.items()}
            gone = [i for i, j in pairs if j is None and i not in moved]
            for i in gone:
                self.outcome.removed.append(f"{_code(label, i + 1, key)} {_name(seq[i])}（{seq[i].get('id')}）")
            del seq[:]
            for j, entry in enumerate(entries):
                if j in kept:
                    seq.append(kept[j])
                    update(seq[j], entry)
                    self.outcome.matched += 1
                else:
                    seq.append(create(entry))
                    self.outcome.added.append(f"{_code(label, j + 1, key)} {_name(seq[j])}（{seq[j]['id']}）")
            self.make.style(seq)
            return
        removed, added = _lay(seq, pairs, entries, create, update)
        self.outcome.removed += [f"{_code(label, i + 1, key)} {_name(e)}（{e.get('id')}）" for i, e in removed]
        self.outcome.added += [f"{_code(label, j + 1, key)} {_name(seq[j])}（{seq[j]['id']}）" for j in added]
        self.outcome.matched += len(entries) - len(added)
        self.make.style(seq)

    def _update_area(self, old, new: dict) -> None:
        put(old, "heading", new.get("heading"), ORDER["area"])
        put(old, "target", new["target"], ORDER["area"])
        label = f"一（{chinese(self._position(old, 'focus_areas', 'areas'))}）"
        self._list(old, "problems", new["problems"], lambda e: e["text"], self._update_problem, self._new_problem,
                   label)
        _keep_note(old, new, ORDER["area"])

    def _new_area(self, new: dict):
        area = self.make.map()
        area["id"] = self.ids.give(new.get("heading") or new["target"], "area")
        for key in ("heading", "target"):
            if new.get(key):
                area[key] = new[key]
        area["problems"] = self.make.list()
        for problem in new["problems"]:
            area["problems"].append(self._new_problem(problem))
        self.make.style(area["problems"])
        if new.get("note"):
            area["note"] = new["note"]
        return area

    def _update_problem(self, old, new: dict) -> None:
        put(old, "text", new["text"], ORDER["problem"])
        _keep_note(old, new, ORDER["problem"])

    def _new_problem(self, new: dict):
        problem = self.make.map()
        problem["id"] = self.ids.give(new["text"].split("，", 1)[0], "problem")
        problem["text"] = new["text"]
        if new.get("note"):
            problem["note"] = new["note"]
        return problem

    def _update_item(self, old, new: dict, measure: bool) -> None:
        order = ORDER["item"]
        put(old, "title", new["title"], order)
        put(old, "subtitle", new.get("subtitle"), order)
        if _RANK[new["extent"]] < _RANK[old["extent"]] and _extends(old, new):
            # The document breaks off where the plan already goes further: keep what the plan has.
            self.outcome.kept_beyond_break.append(f"{new['title']}（{old['id']}）")
            _keep_note(old, new, order)
            return
        put(old, "extent", new["extent"], order)
        if measure:
            self._owners(old, new)
        put(old, "text", new.get("text"), order)
        if new.get("points"):
            if "points" not in old:
                put(old, "points", self.make.list(), order)
            self._points(old["points"], new["points"])
        else:
            put(old, "points", None, order)
        _keep_note(old, new, order)

    def _owners(self, old, new: dict) -> None:
        order = ORDER["item"]
        if new.get("owners"):
            ids = [self._department(name) for name in new["owners"]]
            if list(old.get("owners", [])) != ids:
                put(old, "owners", self.make.flow(ids), order)
            put(old, "owners_pending", None, order)
        elif new.get("owners_pending") or new["extent"] == "complete":
            # The document says the owners are open, or is complete and names none.
            put(old, "owners", None, order)
            put(old, "owners_pending", new.get("owners_pending") or old.get("owners_pending") or PENDING, order)
        elif "owners" not in old and not old.get("owners_pending"):
            put(old, "owners_pending", PENDING, order)
        # else: the document stops before its owners line; the plan's owners stand.

    def _points(self, seq, entries: list) -> None:
        def update(old, new: dict) -> None:
            for key in ("lead", "body", "truncated"):
                put(old, key, new.get(key), ORDER["point"])
            _keep_note(old, new, ORDER["point"])

        _lay(seq, align([_point_text(p) for p in seq], [_point_text(p) for p in entries]), entries,
             self._new_point, update)
        self.make.style(seq)

    def _new_point(self, new: dict):
        point = self.make.map()
        for key in ORDER["point"]:
            if new.get(key) is not None:
                point[key] = new[key]
        return point

    def _new_item(self, new: dict, measure: bool):
        item = self.make.map()
        item["id"] = self.ids.give(new["title"], "measure" if measure else "guarantee", len(new.get("points", [])))
        for key in ("title", "subtitle", "extent"):
            if new.get(key):
                item[key] = new[key]
        if measure:
            if new.get("owners"):
                item["owners"] = self.make.flow([self._department(name) for name in new["owners"]])
            else:
                item["owners_pending"] = new.get("owners_pending") or PENDING
        if new.get("text"):
            item["text"] = new["text"]
        if new.get("points"):
            item["points"] = self.make.list()
            for point in new["points"]:
                item["points"].append(self._new_point(point))
        if new.get("note"):
            item["note"] = new["note"]
        return item

    # --- departments --------------------------------------------------------------------------

    def _department(self, name: str) -> str:
        """A department named as owner: the registered one of that name, or a new registration."""
        if name not in self.register:
            entry = self.make.map()
            entry["id"] = self.ids.give(name, "department")
            entry["name"] = name
            self.tree["departments"].append(entry)
            self.register[name] = entry["id"]
            self.outcome.departments_added.append(f"{name}（{entry['id']}）")
        return self.register[name]

    def _unnamed(self) -> None:
        """Registered departments the plan now names nowhere: kept (the register may know why), listed."""
        texts = "\n".join(_texts({k: v for k, v in self.tree.items() if k != "departments"}))
        owners = {o for key in ("measures",) for item in self.tree[key]["items"] for o in item.get("owners", [])}
        for entry in self.tree["departments"]:
            if entry["id"] not in owners and entry["name"] not in texts:
                self.outcome.departments_unnamed.append(f"{entry['name']}（{entry['id']}）")

    def _position(self, entry, key: str, list_key: str) -> int:
        return next(n for n, e in enumerate(self.tree[key][list_key], 1) if e is entry)


# --- helpers ---------------------------------------------------------------------------------------

def put(mapping, key: str, value, order: tuple) -> None:
    """Set (or, with None, remove) *key* in *mapping*, keeping the schema's order for a new key and the
    old value's own formatting when the value did not change."""
    if value is None:
        if key in mapping:
            del mapping[key]
        return
    if key in mapping:
        if mapping[key] != value:
            mapping[key] = value
        return
    later = order[order.index(key) + 1:] if key in order else ()
    position = next((n for n, existing in enumerate(mapping) if existing in later), len(mapping))
    mapping.insert(position, key, value)


def _moves(pairs: list, old: list[str], new: list[str]) -> dict:
    """Entries the in-order alignment left out that stand elsewhere, nearly word for word: {old: new}."""
    gone = [i for i, j in pairs if j is None]
    came = [j for i, j in pairs if i is None]
    moved = {}
    for j in came:
        best = max(gone, key=lambda i: similarity(old[i], new[j]), default=None)
        if best is not None and best not in moved and similarity(old[best], new[j]) >= 0.9:
            moved[best] = j
    return moved


def _lay(seq, pairs: list, entries: list, create, update) -> tuple[list, list]:
    """Lay *entries* onto *seq* in place along their alignment *pairs*: old entries left unmatched go,
    matched ones are updated, new ones created where they stand. Returns the removed (old position,
    entry) and the added entries' positions, both in document order."""
    gone = sorted(i for i, j in pairs if j is None)
    removed = [(i, seq[i]) for i in gone]
    for i in reversed(gone):
        del seq[i]
    added, k = [], 0
    for i, j in pairs:
        if j is None:
            continue
        if i is None:
            seq.insert(k, create(entries[j]))
            added.append(k)
        else:
            update(seq[k], entries[j])
        k += 1
    return removed, added


def _keep_note(old, new: dict, order: tuple) -> None:
    """An editor's note stays; a note the document itself carries (our handouts' 编者注) fills a gap."""
    if not old.get("note") and new.get("note"):
        put(old, "note", new["note"], order)


def _extends(old, new: dict) -> bool:
    """Whether the plan's item says everything the broken-off document does, and more."""
    def said(entry) -> str:
        return (entry.get("text") or "") + "".join(_point_text(p) for p in entry.get("points", []))
    if new["extent"] == "title_only":
        return old["extent"] != "title_only"
    return said(old).startswith(said(new)) and len(said(old)) > len(said(new))


def _area_text(entry) -> str:
    return (entry.get("heading") or "") + "，" + entry["target"]


def _item_text(entry) -> str:
    return entry["title"] + "，" + (entry.get("subtitle") or "")


def _point_text(entry) -> str:
    return entry["lead"] + (entry.get("body") or "")


def _name(entry) -> str:
    return entry.get("title") or entry.get("heading") or entry.get("target") or entry.get("text", "")[:20]


def _code(label: str, number: int, key: str) -> str:
    if key == "problems":
        return f"{label}{number}"
    return f"{label}（{chinese(number)}）"


def _ids(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "id" and isinstance(value, str):
                yield value
            else:
                yield from _ids(value)
    elif isinstance(node, list):
        for value in node:
            yield from _ids(value)


def _texts(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in ("id", "owners"):
                yield from _texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _texts(value)
    elif isinstance(node, str):
        yield node
