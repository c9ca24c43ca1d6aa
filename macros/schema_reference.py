"""The 编辑指南 page's field reference, generated from data/plan.schema.json (the one schema).

Walks the schema from its root, following ``$ref``, and lists every kind of entry the plan file
holds with its fields: name, whether required, what kind of value, and the schema's own Chinese
description. Editing the schema therefore updates the page; nothing here restates it.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

import jinja2
import markup
from plansite.data import schema as plan_schema
from plansite.site import jinja_cache

_TEMPLATES = os.path.join(os.path.dirname(__file__), "templates")

# Names of the schema's named kinds of entry, as the page calls them.
_DEF_TITLES = {"area": "治理重点", "problem": "问题条目", "point": "措施中的一点", "measure": "工作措施",
               "guarantee": "组织保障"}


@dataclass
class Field:
    name: str
    required: bool
    kind: str
    description: str


@dataclass
class Entry:
    path: str  # where it stands in the file, e.g. measures.items[]
    title: str
    description: str
    anchor: str
    fields: list[Field] = field(default_factory=list)


def _resolve(node: dict, root: dict) -> tuple[dict, str | None]:
    """The node behind a $ref (merged with the referring node's own keys), and the def's name."""
    name = None
    while "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        target = root["$defs"][name]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node, name


def _kind(node: dict, root: dict, path: str, entries: list, seen: set) -> str:
    node, name = _resolve(node, root)
    if "enum" in node:
        return "以下之一：" + "、".join(f"`{v}`" for v in node["enum"])
    kind = node.get("type")
    if kind == "array":
        inner = _kind(node.get("items", {}), root, path + "[]", entries, seen)
        return f"列表，每项为{inner}"
    if kind == "object":
        anchor = _walk(node, root, path, entries, seen, name)
        return f"[字段集合](#{anchor})"
    if name == "id":
        return "id（小写英文字母、数字、连字符）"
    if name in ("text", "note"):
        return "原文文字（全角标点，不换行）"
    if name == "year":
        return f"年份（{node.get('minimum')}—{node.get('maximum')} 之间的整数）"
    return {"string": "文字", "integer": "整数", "boolean": "`true` 或 `false`"}.get(kind, str(kind))


def _walk(node: dict, root: dict, path: str, entries: list, seen: set, name: str | None = None) -> str:
    anchor = "field-" + (name or path.replace(".", "-").replace("[]", "") or "root")
    if anchor in seen:
        return anchor
    seen.add(anchor)
    entry = Entry(path or "文件顶层", _DEF_TITLES.get(name, ""), node.get("description", ""), anchor)
    entries.append(entry)
    required = set(node.get("required", []))
    for key, sub in node.get("properties", {}).items():
        resolved, _ = _resolve(sub, root)
        entry.fields.append(Field(key, key in required,
                                  _kind(sub, root, f"{path}.{key}" if path else key, entries, seen),
                                  sub.get("description") or resolved.get("description", "")))
    return anchor


def reference() -> list[Entry]:
    root = plan_schema.schema()
    entries: list[Entry] = []
    _walk(root, root, "", entries, set())
    return entries


def define_env(env) -> None:
    templates = jinja2.Environment(loader=jinja2.FileSystemLoader(_TEMPLATES), undefined=jinja2.StrictUndefined,
                                   finalize=markup.escape, trim_blocks=True, lstrip_blocks=True,
                                   bytecode_cache=jinja_cache.bytecode_cache())

    def schema_reference() -> str:
        return templates.get_template("schema_reference.md.j2").render(
            entries=reference(), Markup=jinja2.utils.markupsafe.Markup)

    env.macro(schema_reference, "schema_reference")
