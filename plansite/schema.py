"""Structural validation against data/plan.schema.json, the one schema of the plan.

jsonschema finds the failures; this module only says them in Chinese at the right place. A schema
node may carry ``x-message``/``x-hint`` for its own wording, since a regex or enum failure
explained generically helps no editor.
"""
from __future__ import annotations

import difflib
import json
from functools import lru_cache
from pathlib import Path

import jsonschema

from . import errors
from .errors import Problem
from .reader import Document

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "data" / "plan.schema.json"

_TYPE_NAMES = {"string": "文字", "integer": "整数", "array": "列表（以“- ”开头的各项）",
               "object": "字段集合（“名称: 值”）", "boolean": "true 或 false", "number": "数字", "null": "空"}


@lru_cache(maxsize=1)
def schema() -> dict:
    with open(SCHEMA_PATH, encoding="utf-8") as handle:
        return json.load(handle)


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    cls = jsonschema.validators.validator_for(schema())
    cls.check_schema(schema())
    return cls(schema())


def check(doc: Document) -> list[Problem]:
    """Every structural problem in *doc*, each located."""
    found = []
    for error in _validator().iter_errors(doc.data):
        found.extend(_explain(doc, error))
    return found


def _explain(doc: Document, error) -> list[Problem]:
    path = tuple(error.absolute_path)
    kind = error.validator
    where = _field_name(path)
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = [k for k in error.instance if k not in error.schema.get("properties", {})]
        return [errors.schema_violation(doc.file, *doc.where_key(path + (key,)),
                                        f"{where}中有未知字段“{key}”",
                                        _suggest(key, allowed)) for key in extra]
    if kind == "required":
        missing = error.message.split("'")[1]
        return [errors.schema_violation(doc.file, *doc.where(path),
                                        f"{where}缺少必填字段“{missing}”",
                                        f"在这一项中加上 {missing}: …（参见站点“编辑指南”中的字段说明）。")]
    line, col = doc.where(path)
    if "x-message" in error.schema:
        return [errors.schema_violation(doc.file, line, col, f"{where}：{error.schema['x-message']}",
                                        error.schema.get("x-hint", ""))]
    if kind == "type":
        expected = error.schema["type"]
        expected = expected if isinstance(expected, list) else [expected]
        names = "或".join(_TYPE_NAMES.get(t, t) for t in expected)
        hint = "文字若被当成数字、日期或 true/false，请给它加上引号。" if "string" in expected else "对照“编辑指南”中该字段的写法修改。"
        if error.instance is None:
            return [errors.schema_violation(doc.file, line, col, f"{where}的值为空，应为{names}", "在冒号后填写内容；不需要的可选字段整行删除。")]
        return [errors.schema_violation(doc.file, line, col, f"{where}应为{names}", hint)]
    if kind == "minItems":
        return [errors.schema_violation(doc.file, line, col, f"{where}不能为空列表", "至少写一项；不需要的可选字段整行删除。")]
    if kind == "uniqueItems":
        return [errors.schema_violation(doc.file, line, col, f"{where}中有重复的项", "删去重复的一项。")]
    return [errors.schema_violation(doc.file, line, col, f"{where}不符合要求（{error.message}）",
                                    "对照站点“编辑指南”中该字段的说明修改。")]


def _field_name(path: tuple) -> str:
    if not path:
        return "文件顶层"
    parts = []
    for step in path:
        parts.append(f"[{step + 1}]" if isinstance(step, int) else ("." if parts else "") + str(step))
    return "“" + "".join(parts) + "”"


def _suggest(key: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    fields = "、".join(allowed)
    if close:
        return f"是否想写“{close[0]}”？此处允许的字段：{fields}。"
    return f"此处允许的字段：{fields}。"
