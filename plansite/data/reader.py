"""Read the plan file into plain data plus the line and column of every value.

PyYAML's defaults are wrong for hand-edited plan text: duplicate keys silently keep the last one
(an editor's paragraph disappears), aliases can expand exponentially, ``#`` after a space silently
cuts a text short, and errors come as English tracebacks. So the file is checked as bytes first,
composed into nodes with aliases, tags and deep nesting refused, and the nodes turned into data
here, where duplicate keys are caught with both positions.

YAML also notices many slips a line or more late (``id:people`` is one word to it; a first entry
indented wrongly is only wrong once the second one comes): the slips an editor makes with field
names, colons and indentation are looked for at their own line, before and after parsing.
"""
from __future__ import annotations

import errno
import os
import re
import unicodedata
from dataclasses import dataclass, field

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from . import errors
from .errors import PlanError, Problem

MAX_BYTES = 8 * 1024 * 1024  # a hundredfold synthetic plan is ~2.6 MB; more than this is not a plan.
MAX_DEPTH = 32  # the plan nests 7 deep; deeper input only exhausts the recursive composer.

Path = tuple  # keys and indexes from the document root, e.g. ("measures", "items", 0, "title")

# Characters PyYAML counts as line breaks but editors do not show as such: they would shift
# every line number after them.
_HIDDEN_BREAKS = {"\x85": "U+0085", "\u2028": "U+2028", "\u2029": "U+2029"}
# Bidirectional controls make an editor (and a reviewer's diff) show text in another order than
# the one stored ("Trojan Source"); they are one kind of invisible format character (Unicode
# category Cf), and Chinese text needs none of those: zero-width spaces and joiners only hide
# inside words and break search. Full-width spaces (U+3000) are ordinary spaces, category Zs.
_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_BOM = b"\xef\xbb\xbf"
# Everything but printable ASCII and the ranges Chinese text is made of (CJK ideographs and
# punctuation, general punctuation before U+2028 and after U+202F, full-width forms), none of
# which holds a format character: only these few are looked at one by one (a large plan has
# millions of characters).
_UNUSUAL = re.compile("[^\x20-\x7e\u2010-\u2027\u2030-\u205e\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
# A field name at the start of a line, as a key would stand: "  - id" or "    title".
_FIELD_AT_START = re.compile(r"^\s*(?:-\s+)?([A-Za-z_]+)")
_DASH_STUCK = re.compile(r"^\s*-([A-Za-z_]+)\s*:")  # "-id: x"
_DASH_DOUBLED = re.compile(r"^\s*-\s+(-)\s*([A-Za-z_]+)\s*:")  # "- - id: x"
# How many problems of one kind are listed; the rest are counted.
LIST_LIMIT = 20


@dataclass
class Document:
    """The plan as plain data, with where each value (and each mapping key) stands."""

    file: str
    data: object
    positions: dict  # Path -> (line, col) of the value
    key_positions: dict  # Path -> (line, col) of the key that introduces the value
    lines: list = field(default_factory=list)  # the text, one entry per editor line
    # Problems that leave the data well-formed (a duplicate key keeps its first value), reported
    # together with the schema's so that an editor sees everything in one round.
    problems: list = field(default_factory=list)

    def where(self, path: Path) -> tuple[int, int]:
        """The nearest known position for *path*: itself, else its closest ancestor."""
        path = tuple(path)
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))

    def where_key(self, path: Path) -> tuple[int, int]:
        return self.key_positions.get(tuple(path)) or self.where(path)


class _Refused(Exception):
    def __init__(self, problem_for):
        self.problem_for = problem_for  # file -> Problem


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses anchors, aliases, tags and deep nesting before building anything."""

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        line, col = event.start_mark.line + 1, event.start_mark.column + 1
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Refused(lambda file: errors.alias_used(file, line, col))
        if isinstance(event, (ScalarEvent, CollectionStartEvent)) and event.tag is not None:
            raise _Refused(lambda file: errors.tag_used(file, line, col, event.tag))
        if self._depth >= MAX_DEPTH:
            raise _Refused(lambda file: errors.too_deep(file, line, col, MAX_DEPTH))
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def read(file: str, raw: bytes | None = None, fields: frozenset = frozenset()) -> Document:
    """Read *file* (or the given bytes, shown as *file*); *fields* are the plan's field names.

    Raises PlanError when the file cannot be read as YAML at all; problems that still leave
    well-formed data are returned in ``Document.problems``.
    """
    if raw is None:
        try:
            with open(file, "rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                raw = handle.read(MAX_BYTES + 1)  # never more: the size alone condemns a bigger file
        except OSError as exc:
            raise PlanError([errors.file_unreadable(file, _REASONS.get(exc.errno, exc.strerror or str(exc)))]) from None
    else:
        size = len(raw)
    if size > MAX_BYTES:
        raise PlanError([errors.file_too_large(file, size, MAX_BYTES)])
    text = _decode(file, raw)
    lines = text.split("\n")
    _check_characters(file, lines)
    _check_field_colons(file, lines, fields)
    loader = None
    try:
        loader = _Loader(text)  # its reader refuses control characters right here
        node = loader.get_single_node()
    except _Refused as exc:
        raise PlanError([exc.problem_for(file)]) from None
    except yaml.MarkedYAMLError as exc:
        line, col = _mark_of(exc)
        slip = _slip_above(file, lines, line) if not _inside_quotes_or_brackets(exc) else None
        if slip:
            raise PlanError([slip]) from None
        what, hint = _translate(exc)
        raise PlanError([errors.yaml_syntax(file, line, col, what, hint)]) from None
    except yaml.YAMLError as exc:  # e.g. a reader error on a control character
        mark = getattr(exc, "position", None)
        line, col = _line_col(text, mark) if isinstance(mark, int) else (1, 1)
        what, hint = _translate(exc)
        raise PlanError([errors.yaml_syntax(file, line, col, what, hint)]) from None
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        raise PlanError([errors.file_empty(file)])
    builder = _Builder(file, lines)
    data = builder.build(node, ())
    return Document(file, data, builder.positions, builder.key_positions, lines, builder.problems)


_REASONS = {errno.ENOENT: "文件不存在", errno.EISDIR: "这是一个文件夹，不是文件", errno.EACCES: "没有读取权限"}


def _decode(file: str, raw: bytes) -> str:
    # Windows Notepad and some editors start UTF-8 files with a byte order mark: it says nothing
    # the file does not already say (it is UTF-8), so it is accepted and ignored.
    raw = raw[len(_BOM):] if raw.startswith(_BOM) else raw
    if b"\x00" in raw:
        at = raw.index(b"\x00")
        raise PlanError([errors.file_binary(file, *_byte_line_col(raw, at))])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PlanError([errors.file_not_utf8(file, *_byte_line_col(raw, exc.start))]) from None
    if not text.strip():
        raise PlanError([errors.file_empty(file)])
    # Windows and old Mac line ends count as one line break each, as in every editor.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _byte_line_col(raw: bytes, offset: int) -> tuple[int, int]:
    raw = raw.replace(b"\r\n", b" \n")  # keep offsets, count CRLF once
    line_start = raw.rfind(b"\n", 0, offset) + 1
    prefix = raw[line_start:offset].decode("utf-8", errors="replace")
    return raw.count(b"\n", 0, offset) + 1, len(prefix) + 1


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _check_characters(file: str, lines: list[str]) -> None:
    """Characters an editor does not see: tabs, hidden line breaks, format characters.

    Each is fatal or misleading to YAML, or changes what a reader sees; every occurrence is
    listed (up to LIST_LIMIT of each kind), since an editor cannot find them by looking.
    """
    tabs, breaks, invisible = [], [], []
    for number, line in enumerate(lines, start=1):
        for match in _UNUSUAL.finditer(line):
            char, col = match.group(), match.start() + 1
            if char == "\t":
                tabs.append(errors.tab_character(file, number, col))
            elif char in _HIDDEN_BREAKS:
                breaks.append(errors.hidden_line_break(file, number, col, _HIDDEN_BREAKS[char]))
            elif unicodedata.category(char) == "Cf":
                invisible.append(errors.invisible_character(file, number, col, _char_name(char), char in _BIDI))
    found = errors.capped(tabs, LIST_LIMIT) + errors.capped(breaks, LIST_LIMIT) + errors.capped(invisible, LIST_LIMIT)
    if found:
        raise PlanError(found)


def _char_name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, '')}".strip()


def _check_field_colons(file: str, lines: list[str], fields: frozenset) -> None:
    """A field name whose colon is missing, full-width, or not followed by a space, or whose list
    dash is stuck to it or doubled.

    YAML reads ``id:people`` as one word, so its own error lands on a later line (or on none),
    and its hint about colons inside texts would mislead; said here, at the line itself.
    """
    found = []
    for number, line in enumerate(lines, start=1):
        doubled, stuck = _DASH_DOUBLED.match(line), _DASH_STUCK.match(line)
        if doubled and doubled.group(2) in fields:
            found.append(errors.dash_doubled(file, number, doubled.start(1) + 1, doubled.group(2)))
            continue
        if stuck and stuck.group(1) in fields:
            found.append(errors.dash_without_space(file, number, stuck.start(1), stuck.group(1)))
            continue
        match = _FIELD_AT_START.match(line)
        if not match or match.group(1) not in fields:
            continue
        name, rest, col = match.group(1), line[match.end():], match.end() + 1
        mark = rest.lstrip(" ")
        at = col + len(rest) - len(mark)  # the column of what follows the name
        if mark.startswith("："):
            found.append(errors.full_width_colon(file, number, at, name))
        elif mark.startswith(":"):
            if mark[1:2] not in ("", " ", "#"):
                found.append(errors.colon_without_space(file, number, at + 1, name))
        elif not mark.startswith("#"):  # `title 文字`, `title; 文字`, or the name alone
            found.append(errors.colon_missing(file, number, col, name))
    if found:
        raise PlanError(errors.capped(found, LIST_LIMIT))


def _while_scanning(exc: yaml.MarkedYAMLError) -> bool:
    context = exc.context or ""
    return context.startswith("while scanning") or context.startswith("while parsing a flow")


def _inside_quotes_or_brackets(exc: yaml.MarkedYAMLError) -> bool:
    return any(word in (exc.context or "") for word in ("quoted", "flow", "block scalar"))


def _mark_of(exc: yaml.MarkedYAMLError) -> tuple[int, int]:
    """The place an editor must fix.

    While *scanning* a token (a quoted text, a key) or inside a flow ``[ ]``/``{ }``, the problem
    mark is where PyYAML gave up (often the next line, or the end of the file); the context mark
    is where the unfinished thing began. For block structure errors the problem mark is the
    misplaced line itself, and the context is some distant parent.
    """
    mark = (exc.context_mark if _while_scanning(exc) else None) or exc.problem_mark or exc.context_mark
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


# --- when YAML's error lands on a line that is itself right ---------------------------------

_KEY_LINE = re.compile(r"^(\s*(?:-\s+)?)[^\s:#'\"-][^:#]*:(?:\s+(.*))?$")
_DASH_LINE = re.compile(r"^(\s*)-(?:\s+|$)")
_COMMENT = re.compile(r"^\s*(?:#.*)?$")
_DOCUMENT_MARK = re.compile(r"^(?:---|\.\.\.|%)")


def _slip_above(file: str, lines: list[str], line: int) -> Problem | None:
    """The editor's actual slip when YAML reports *line* (1-based), or None to keep YAML's word.

    Two slips make YAML complain one line late: a text broken by Enter (the continuation is not
    a field) and a first entry of a block indented differently from the entries after it. The
    plan is indented two spaces a level (see .yamllint), which says which of two lines is wrong.
    """
    if not 0 < line <= len(lines):
        return None
    above = _content_line_before(lines, line - 1)
    text = lines[line - 1]
    if above is not None and not _structural(text):
        key = _KEY_LINE.match(lines[above])
        if key and key.group(2) and not key.group(2).startswith(("|", ">", "[", "{", "'", '"')):
            col = lines[above].index(key.group(2), key.end(1)) + 1
            return errors.text_spans_lines(file, above + 1, col, line)
        return None
    slip = _indentation_slip(lines, line - 1)
    if slip is None or not _one_block(lines, slip[0], line - 1):
        return None
    if slip[0] == line - 1 and above is not None and _repairs_further(lines, above, line - 1):
        # A line dedented by mistake leaves the next one stranded: moving the one above back fixes
        # both, moving this one would strand its own block in turn.
        slip = above, _indent(lines[above]), [_indent(lines[line - 1])]
    number, actual, expected = slip
    return errors.indentation(file, number + 1, actual + 1, actual, expected)


def _one_block(lines: list[str], first: int, last: int) -> bool:
    """Whether lines *first* to *last* are one block: none between them is indented less than
    the first (then YAML's error at *last* follows from the slip at *first*, not from elsewhere)."""
    return all(_indent(lines[i]) >= _indent(lines[first]) for i in range(first + 1, last)
               if not _COMMENT.match(lines[i]))


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _repairs_further(lines: list[str], above: int, index: int) -> bool:
    """Whether re-indenting line *above* to line *index*'s indentation leaves the file consistent
    further down than re-indenting line *index* itself to any indentation would."""
    def reach(changed: int, indent: int) -> int:
        trial = list(lines)
        trial[changed] = " " * indent + trial[changed].lstrip(" ")
        slip = _indentation_slip(trial, len(trial) - 1)
        return len(trial) if slip is None else slip[0]
    best_here = max(reach(index, indent) for indent in range(0, _indent(lines[index]) + 3, 2))
    return reach(above, _indent(lines[index])) > best_here


def _content_line_before(lines: list[str], index: int) -> int | None:
    for i in range(index - 1, -1, -1):
        if not _COMMENT.match(lines[i]):
            return i
    return None


def _structural(text: str) -> bool:
    return bool(_COMMENT.match(text) or _KEY_LINE.match(text) or _DASH_LINE.match(text) or _DOCUMENT_MARK.match(text))


def _indentation_slip(lines: list[str], last: int) -> tuple[int, int, list[int]] | None:
    """The first line up to index *last* indented against the two-space convention, as
    (index, its indentation, the indentations allowed there); None if there is none, or if a
    line is not a field or list entry (a block of text: the convention says nothing there)."""
    allowed = [0]  # indentations that continue an open block, outermost first
    opened_at = None  # indentation of a field with no value on the line before: its block follows
    for index in range(last + 1):
        text = lines[index]
        if _COMMENT.match(text):
            continue
        if not _structural(text):
            return None
        indent = len(text) - len(text.lstrip(" "))
        expected = [opened_at + 2] if opened_at is not None else allowed
        if indent not in expected:
            return index, indent, expected
        allowed = [a for a in allowed if a < indent] + [indent]
        dash = _DASH_LINE.match(text)
        inner = dash.end() if dash else indent  # where a list entry's own fields stand
        if dash and text[inner:].strip():
            allowed.append(inner)
        key = _KEY_LINE.match(text)
        opened_at = inner if key and not (key.group(2) or "").split("#")[0].strip() else None
    return None


_QUOTE_HINT = "若这段文字本身含有该符号，请给整段文字加上引号（例如 title: \"……\"）。"
_INDENT_HINT = "同一层级的字段左侧空格数必须相同，列表项以“- ”开头；对照上下几行对齐缩进。"

# (pattern in PyYAML's problem text, Chinese explanation, hint). First match wins.
_PHRASES = [
    (r"^mapping values are not allowed here",
     "此处不能出现“: ”（冒号加空格）",
     "多半是文字中含有英文冒号：改用全角“：”；若是字段，检查缩进是否与同级字段对齐。"),
    (r"^could not find expected ':'",
     "这一行缺少冒号“:”，或是上一段文字断行后的续行",
     "字段写成“名称: 值”（英文冒号后加空格）；一段文字要写在同一行里，不能换行。"),
    (r"^found unexpected end of stream",
     "引号没有闭合：从这里开始的引号直到文件末尾都没有配对",
     "在文字末尾补上同样的引号（\" 或 '）；正文里的引号请用全角“”。"),
    (r"^found unknown escape character",
     "双引号文字中有无法识别的反斜杠“\\”",
     "删去反斜杠，或改用单引号 '……' 包住文字。"),
    (r"^expected a comment or a line break",
     "“|”或“>”后面不能直接跟文字",
     "“|”“>”在 YAML 中表示多行文字块；文字以它们开头时请加引号。"),
    (r"^expected alphabetic or numeric character",
     "“&”或“*”在 YAML 中表示锚点或别名",
     _QUOTE_HINT),
    (r"^found character .* that cannot start any token",
     "此处的字符（如 @ ` %）不能作为一段文字的开头",
     _QUOTE_HINT),
    (r"^expected ',' or '\]'",
     "方括号“[ ]”没有正确闭合",
     "检查这一行的 [ 与 ] 是否成对，列表各项用英文逗号分隔，例如 owners: [zuzhibu, xuanchuanbu]。"),
    (r"^expected ',' or '\}'",
     "花括号“{ }”没有正确闭合",
     "花括号在 YAML 中有特殊含义；文字以“{”开头时请加引号。"),
    (r"^expected <block end>, but found '<scalar>'",
     "引号或字段之后还有多余的文字",
     "引号只能包住整段文字；若文字中间需要引号，请用全角“”。"),
    (r"^expected <block end>, but found",
     "缩进不对齐",
     _INDENT_HINT),
    (r"^did not find expected key",
     "缩进不对齐，找不到下一个字段",
     _INDENT_HINT),
    (r"^did not find expected '-' indicator",
     "列表项缩进不对齐（列表项以“- ”开头）",
     _INDENT_HINT),
    (r"^sequence entries are not allowed here",
     "此处不能开始一个列表（“- ”）",
     "列表应另起一行并缩进；若“-”是文字的开头，请给整段文字加引号。"),
    (r"^expected the node content",
     "此处缺少内容（遇到了多余的符号）",
     _QUOTE_HINT),
    (r"^but found another document|^expected '<document start>'",
     "文件中出现了第二个文档（“---”或“...”分隔线，或以“%”开头的行）",
     "方案文件只能有一个文档：删去这一行及其后多余的内容。"),
    (r"^found undefined tag handle|^could not determine a constructor",
     "不允许使用 YAML 标签（以“!”开头）",
     _QUOTE_HINT),
    (r"^unacceptable character|special characters are not allowed",
     "含有不允许的控制字符",
     "删去这个看不见的字符（多半是从其他文档复制时带入的）。"),
]
_GENERIC_HINT = "检查这一行及上一行：缩进是否对齐、冒号后是否有空格、引号是否成对。"


def _translate(exc: yaml.YAMLError) -> tuple[str, str]:
    problem = getattr(exc, "problem", None) or getattr(exc, "reason", None) or str(exc)
    for pattern, chinese, hint in _PHRASES:
        if re.search(pattern, problem):
            return chinese, hint
    return f"无法解析（{problem}）", _GENERIC_HINT


class _Builder:
    """Turns composed nodes into plain data, recording positions and catching duplicate keys."""

    def __init__(self, file: str, lines: list[str]):
        self.file = file
        self.lines = lines
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
        self._trailing_comment(node)
        self._broken_text(node)
        try:
            return self._constructor.construct_object(node, deep=True)
        except Exception:  # noqa: BLE001 - e.g. ValueError for a date-like 2021-13-45
            mark = node.start_mark
            self.problems.append(errors.value_unreadable(self.file, mark.line + 1, mark.column + 1, node.value))
            return node.value

    def _trailing_comment(self, node: ScalarNode) -> None:
        # In plain (unquoted) text, " #" starts a comment: the rest of the line is silently lost.
        if node.style is not None:
            return
        end = node.end_mark
        rest = self.lines[end.line][end.column:] if end.line < len(self.lines) else ""
        if rest.lstrip().startswith("#"):
            col = end.column + len(rest) - len(rest.lstrip()) + 1
            self.problems.append(errors.trailing_comment(self.file, end.line + 1, col))

    def _broken_text(self, node: ScalarNode) -> None:
        # A text continued on the next line is joined with a space: legal YAML, but never what
        # an editor who pressed Enter in the middle of a Chinese sentence meant.
        if node.style in (None, "'", '"') and node.end_mark.line > node.start_mark.line:
            mark = node.start_mark
            self.problems.append(errors.text_spans_lines(self.file, mark.line + 1, mark.column + 1,
                                                         node.end_mark.line + 1))

    def _mapping(self, node: MappingNode, path: Path) -> dict:
        result: dict = {}
        first_seen: dict = {}
        repeated: list = []  # consecutive repeated keys, as (key, line, col, first line)
        for key_node, value_node in node.value:
            line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if not isinstance(key_node, ScalarNode):
                self.problems.append(errors.non_string_key(self.file, line, col))
                continue
            key = key_node.value
            if key in first_seen:
                repeated.append((key, line, col, first_seen[key]))
                continue
            self._repeated(repeated)
            first_seen[key] = line
            self.key_positions[path + (key,)] = (line, col)
            result[key] = self.build(value_node, path + (key,))
        self._repeated(repeated)
        return result

    def _repeated(self, run: list) -> None:
        """One run of repeated keys is one mistake: a duplicate field, or, when several fields come
        again in a row, a new list entry whose "- " is missing."""
        if not run:
            return
        key, line, col, first = run[0]
        if len(run) > 1:
            self.problems.append(errors.entry_without_dash(self.file, line, col, [entry[0] for entry in run]))
        else:
            self.problems.append(errors.duplicate_key(self.file, line, col, key, first))
        run.clear()
