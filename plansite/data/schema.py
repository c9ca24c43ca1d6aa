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
from typing import TYPE_CHECKING

from . import errors
from .errors import Problem
from .reader import LIST_LIMIT, Document

if TYPE_CHECKING:
    import jsonschema

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "data" / "plan.schema.json"

_TYPE_NAMES = {"string": "文字", "integer": "整数", "array": "列表（以“- ”开头的各项）",
               "object": "字段集合（“名称: 值”）", "boolean": "true 或 false", "number": "数字", "null": "空"}

# Half-width punctuation the plan's text must not contain, with the full-width form to use.
_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）"}


@lru_cache(maxsize=1)
def schema() -> dict:
    with open(SCHEMA_PATH, encoding="utf-8") as handle:
        return json.load(handle)


@lru_cache(maxsize=None)
def _validator(path: Path = SCHEMA_PATH) -> jsonschema.protocols.Validator:
    import jsonschema  # only when something is validated: a build whose models are cached never is

    if path == SCHEMA_PATH:
        document = schema()
    else:  # another file's schema (data/releases.schema.json), explained the same way
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
    cls = jsonschema.validators.validator_for(document)
    # The schema itself is checked by the tests (test_validation_schema), not on every build.
    # JSON Schema counts 2021.0 as an integer; a year written so would print as "2021.0".
    checker = cls.TYPE_CHECKER.redefine(
        "integer", lambda _, value: isinstance(value, int) and not isinstance(value, bool))
    return jsonschema.validators.extend(cls, type_checker=checker)(document)


@lru_cache(maxsize=1)
def field_names() -> frozenset:
    """Every field name the schema knows, for the reader to recognise a field whose colon slipped."""
    names = set()

    def walk(node):
        if isinstance(node, dict):
            names.update(node.get("properties", {}))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(schema())
    return frozenset(names)


def check(doc: Document, against: Path = SCHEMA_PATH) -> list[Problem]:
    """Every structural problem in *doc* (by default against the plan's schema), each located;
    half-width marks each at its column."""
    failures = list(_validator(against).iter_errors(doc.data))
    typos = _typos(failures)
    typos.update(_misplaced(failures, typos))
    found = [problem for error in failures for problem in _explain(doc, error, typos)]
    marks = [problem for problem in found if problem.kind == errors.HALFWIDTH]
    return [problem for problem in found if problem.kind != errors.HALFWIDTH] + errors.capped(marks, LIST_LIMIT)


def _explain(doc: Document, error, typos: dict) -> list[Problem]:
    path = tuple(error.absolute_path)
    kind = error.validator
    where = _field_name(path)
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = [k for k in error.instance if k not in error.schema.get("properties", {})]
        return [_typo_problem(doc, path, key, typos[(path, key)], where) if (path, key) in typos else
                errors.schema_violation(doc.file, *doc.where_key(path + (key,)), f"{where}中有未知字段“{key}”",
                                        _suggest(key, allowed)) for key in extra]
    if kind == "required":
        missing = _missing_key(error)
        if any(_wanted_at(p, wanted) == (path, missing) for (p, _), wanted in typos.items()):
            return []  # said at the misspelt or misplaced key
        return [errors.schema_violation(doc.file, *doc.where(path), f"{where}缺少必填字段“{missing}”",
                                        f"在这一项中加上 {missing}: …（参见站点“编辑指南”中的字段说明）。")]
    line, col = doc.where(path)
    if error.instance is None and kind in ("type", "pattern", "minLength"):
        names = "或".join(_TYPE_NAMES.get(t, t) for t in _expected_types(error))
        return [errors.schema_violation(doc.file, line, col, f"{where}的值为空{'，应为' + names if names else ''}",
                                        "在冒号后填写内容；不需要的可选字段整行删除。")]
    if kind in ("pattern", "minLength") and isinstance(error.instance, str) and _is_text(error.schema):
        return _text_problems(doc, path, where, error.instance)
    # A field's own wording explains a wrong value; a list or mapping where a value belongs is a
    # structural slip, said as such.
    if "x-message" in error.schema and not (kind == "type" and isinstance(error.instance, (list, dict))):
        return [errors.schema_violation(doc.file, line, col, f"{where}：{error.schema['x-message']}",
                                        error.schema.get("x-hint", ""))]
    if kind == "type":
        expected = _expected_types(error)
        names = "或".join(_TYPE_NAMES.get(t, t) for t in expected)
        hint = "文字若被当成数字、日期或 true/false，请给它加上引号。" if "string" in expected else "对照“编辑指南”中该字段的写法修改。"
        return [errors.schema_violation(doc.file, line, col, f"{where}应为{names}", hint)]
    if kind == "minItems":
        return [errors.schema_violation(doc.file, line, col, f"{where}不能为空列表", "至少写一项；不需要的可选字段整行删除。")]
    if kind == "uniqueItems":
        return [errors.schema_violation(doc.file, line, col, f"{where}中有重复的项", "删去重复的一项。")]
    return [errors.schema_violation(doc.file, line, col, f"{where}不符合要求（{error.message}）",
                                    "对照站点“编辑指南”中该字段的说明修改。")]


def _expected_types(error) -> list[str]:
    expected = error.schema.get("type", [])
    return expected if isinstance(expected, list) else [expected]


def _is_text(node: dict) -> bool:
    return node.get("pattern") == schema()["$defs"]["text"]["pattern"]


def _text_problems(doc: Document, path: tuple, where: str, value: str) -> list[Problem]:
    """Say exactly what is wrong with a plan text, at the offending characters where it can."""
    line, col = doc.where(path)
    if value == "":
        return [errors.schema_violation(doc.file, line, col, f"{where}的文字为空",
                                        "填写内容；不需要的可选字段整行删除。")]
    marks = [(i, char) for i, char in enumerate(value) if char in _FULL_WIDTH]
    if marks:
        columns = _columns(doc, line, col, value)
        return [errors.halfwidth_mark(doc.file, *columns(i), where, char, _FULL_WIDTH[char]) for i, char in marks]
    if value != value.strip():
        return [errors.schema_violation(doc.file, line, col, f"{where}的首尾有空格",
                                        "删去文字开头和结尾的空格（引号内的也要删）。")]
    return [errors.schema_violation(doc.file, line, col, f"{where}含有换行或制表符",
                                    "文字要写在同一行里；删去其中的换行和制表符。")]


def _columns(doc: Document, line: int, col: int, value: str):
    """Where the *i*-th character of *value* stands: exact when the text stands as written on its
    own line (plain or quoted without escapes), else the text's start."""
    text = doc.lines[line - 1] if 0 < line <= len(doc.lines) else ""
    start = text.find(value, col - 1)
    if start < 0:
        return lambda i: (line, col)
    return lambda i: (line, start + i + 1)


def _unknown_and_missing(found: list) -> tuple[list, list]:
    """(mapping, key) of every unknown field, and of every missing required one."""
    unknown, missing = [], []
    for error in found:
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            allowed = error.schema.get("properties", {})
            unknown += [(path, key) for key in error.instance if key not in allowed]
        elif error.validator == "required":
            missing.append((path, _missing_key(error)))
    return unknown, missing


def _typos(found: list) -> dict:
    """`titel` unknown and `title` missing in one mapping is one mistake: {(mapping, typo): field}."""
    unknown, missing = _unknown_and_missing(found)
    pairs = {}
    for path, key in unknown:
        wanted = [field for home, field in missing if home == path]
        close = difflib.get_close_matches(key, wanted, n=1, cutoff=0.6)
        if close:
            pairs[(path, key)] = close[0]
            missing.remove((path, close[0]))
    return pairs


def _misplaced(found: list, typos: dict) -> dict:
    """A field written at the wrong depth: unknown where it stands, missing in another mapping.

    {(where it stands, key): (the mapping that misses it, key)}; usually its line's indentation."""
    unknown, missing = _unknown_and_missing(found)
    pairs = {}
    for path, key in unknown:
        homes = [home for home, wanted in missing if wanted == key and home != path]
        if (path, key) not in typos and len(homes) == 1:
            pairs[(path, key)] = (homes[0], key)
            missing.remove((homes[0], key))
    return pairs


def _wanted_at(path: tuple, wanted) -> tuple:
    """Where a paired field belongs: in the same mapping (a typo) or another one (misplaced)."""
    return wanted if isinstance(wanted, tuple) else (path, wanted)


def _typo_problem(doc: Document, path: tuple, key: str, wanted, where: str) -> Problem:
    line, col = doc.where_key(path + (key,))
    if isinstance(wanted, tuple):
        return errors.misplaced_field(doc.file, line, col, key, where, _field_name(wanted[0]))
    return errors.misspelt_field(doc.file, line, col, key, wanted, where)


def _missing_key(error) -> str:
    return error.message.split("'")[1]


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
