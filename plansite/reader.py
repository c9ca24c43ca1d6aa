"""Read the plan file into plain data plus the line and column of every value.

PyYAML's defaults are wrong for hand-edited plan text: duplicate keys silently keep the last one
(an editor's paragraph disappears), aliases can expand exponentially, and errors come as English
tracebacks. So the file is checked as bytes first, composed into nodes with aliases refused, and
the nodes turned into data here, where duplicate keys are caught with both positions.
"""
from __future__ import annotations

from dataclasses import dataclass

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from . import errors
from .errors import PlanError, Problem

MAX_BYTES = 8 * 1024 * 1024  # a hundredfold plan is ~2 MB; more than this is not a plan.

Path = tuple  # keys and indexes from the document root, e.g. ("measures", "items", 0, "title")


@dataclass
class Document:
    """The plan as plain data, with where each value (and each mapping key) stands."""

    file: str
    data: object
    positions: dict  # Path -> (line, col) of the value
    key_positions: dict  # Path -> (line, col) of the key that introduces the value

    def where(self, path: Path) -> tuple[int, int]:
        """The nearest known position for *path*: itself, else its closest ancestor."""
        path = tuple(path)
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))

    def where_key(self, path: Path) -> tuple[int, int]:
        return self.key_positions.get(tuple(path)) or self.where(path)


class _AliasRefused(Exception):
    def __init__(self, mark):
        self.mark = mark


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses anchors and aliases before anything is expanded."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _AliasRefused(event.start_mark)
        return super().compose_node(parent, index)


def read(file: str, raw: bytes | None = None) -> Document:
    """Read *file* (or the given bytes, shown as *file*). Raises PlanError with every problem."""
    if raw is None:
        try:
            with open(file, "rb") as handle:
                raw = handle.read(MAX_BYTES + 1)
        except OSError as exc:
            raise PlanError([errors.file_unreadable(file, exc.strerror or str(exc))]) from None
    text = _decode(file, raw)
    _check_tabs(file, text)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except _AliasRefused as exc:
        raise PlanError([errors.alias_used(file, exc.mark.line + 1, exc.mark.column + 1)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise PlanError([errors.yaml_syntax(file, line, col, _translate(exc))]) from None
    except yaml.YAMLError as exc:  # e.g. a reader error on a control character
        mark = getattr(exc, "position", None)
        line, col = _line_col(text, mark) if isinstance(mark, int) else (1, 1)
        raise PlanError([errors.yaml_syntax(file, line, col, _translate(exc))]) from None
    if node is None:
        raise PlanError([errors.file_empty(file)])
    builder = _Builder(file)
    data = builder.build(node, ())
    if builder.problems:
        raise PlanError(builder.problems)
    return Document(file, data, builder.positions, builder.key_positions)


def _decode(file: str, raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise PlanError([errors.file_too_large(file, len(raw), MAX_BYTES)])
    if not raw.strip():
        raise PlanError([errors.file_empty(file)])
    if raw.startswith(b"\xef\xbb\xbf"):
        raise PlanError([errors.file_bom(file)])
    if b"\x00" in raw:
        at = raw.index(b"\x00")
        raise PlanError([errors.file_binary(file, *_byte_line_col(raw, at))])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PlanError([errors.file_not_utf8(file, *_byte_line_col(raw, exc.start))]) from None


def _byte_line_col(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    prefix = raw[line_start:offset].decode("utf-8", errors="replace")
    return raw.count(b"\n", 0, offset) + 1, len(prefix) + 1


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _check_tabs(file: str, text: str) -> None:
    found = [errors.tab_character(file, number, line.index("\t") + 1)
             for number, line in enumerate(text.split("\n"), start=1) if "\t" in line]
    if found:
        raise PlanError(found)


_PHRASES = {
    "mapping values are not allowed here": "此处不能出现“键: 值”（多半是文字中含有英文冒号加空格，请改用全角“：”或给整段文字加引号）",
    "could not find expected ':'": "缺少冒号“:”（字段名后要有英文冒号和空格）",
    "did not find expected key": "缩进不对齐，找不到下一个字段",
    "did not find expected '-' indicator": "列表项缩进不对齐（列表项以“- ”开头）",
    "found unexpected end of stream": "文件意外结束（引号或括号没有闭合）",
    "found character that cannot start any token": "此处的字符不能作为内容的开头（请给整段文字加引号）",
    "found undefined alias": "引用了未定义的别名",
    "expected <block end>, but found": "缩进不对齐",
    "found unknown escape character": "双引号字符串中有未知的转义符（反斜杠）",
    "unacceptable character": "含有不允许的控制字符",
}


def _translate(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or str(exc)
    for english, chinese in _PHRASES.items():
        if problem.startswith(english):
            return chinese
    return f"无法解析（{problem}）"


class _Builder:
    """Turns composed nodes into plain data, recording positions and catching duplicate keys."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self.positions: dict = {}
        self.key_positions: dict = {}
        self._constructor = yaml.SafeLoader("")

    def build(self, node, path: Path):
        self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        try:
            return self._constructor.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            mark = node.start_mark
            self.problems.append(errors.yaml_syntax(self.file, mark.line + 1, mark.column + 1, _translate(exc)))
            return None

    def _mapping(self, node: MappingNode, path: Path) -> dict:
        result: dict = {}
        first_seen: dict = {}
        for key_node, value_node in node.value:
            line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if not isinstance(key_node, ScalarNode):
                self.problems.append(errors.non_string_key(self.file, line, col))
                continue
            key = key_node.value
            if key in first_seen:
                self.problems.append(errors.duplicate_key(self.file, line, col, key, first_seen[key]))
                continue
            first_seen[key] = line
            self.key_positions[path + (key,)] = (line, col)
            result[key] = self.build(value_node, path + (key,))
        return result
