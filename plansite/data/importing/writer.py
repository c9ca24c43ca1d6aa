"""The writer: the plan file read and written as a round-trip YAML tree (ruamel.yaml).

A revision edits the existing file's tree in place, so comments, blank lines, quoting and the order
of fields survive and the pull request's YAML diff shows only what the document changed. A new
plan is laid out as data/plan.yaml is: the schema line for the editor, two spaces a level, owners
as ``[a, b]``, a blank line before each part. Every plan text stays on one line (the checker
refuses broken lines), and a text PyYAML would read as something else (``yes``, ``1:20``) is quoted:
ruamel.yaml speaks YAML 1.2, the plan's reader (PyYAML) 1.1.
"""
from __future__ import annotations

import io
import os
import re
import tempfile
from dataclasses import dataclass

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, ScalarString
from ruamel.yaml.util import load_yaml_guess_indent

from ..schema import SCHEMA_PATH

_TOP_LEVEL = re.compile(r"\n(?=(?:departments|focus_areas|measures|guarantees):)")
_NESTED_KEY = re.compile(r"^[a-z_]+:[ \t]*\n( +)[a-z_]+:", re.M)  # `period:` then `  start:`
_PLAIN_STR = "tag:yaml.org,2002:str"


@dataclass(frozen=True)
class Layout:
    """How a file indents (data/plan.yaml's own, by default): kept when the file is revised."""

    mapping: int = 2
    sequence: int = 4  # where an entry's fields stand, from the list's key
    offset: int = 2  # where its dash stands
    blank_parts: bool = True  # a blank line before each part (a new plan only; a revision keeps its own)


def _yaml(layout: Layout) -> YAML:
    handler = YAML()
    handler.indent(mapping=layout.mapping, sequence=layout.sequence, offset=layout.offset)
    handler.width = 1 << 30  # never fold a text onto a second line
    handler.preserve_quotes = True
    return handler


def _layout(text: str) -> Layout:
    _, sequence, offset = load_yaml_guess_indent(text)
    nested = _NESTED_KEY.search(text)
    return Layout(len(nested.group(1)) if nested else 2, sequence or 4, offset or 0, blank_parts=False)


class Factory:
    """The tree's own containers, for the merge step to build new entries with."""

    def map(self) -> CommentedMap:
        return CommentedMap()

    def list(self) -> CommentedSeq:
        return CommentedSeq()

    def flow(self, values) -> CommentedSeq:
        seq = CommentedSeq(values)
        seq.fa.set_flow_style()
        return seq

    def style(self, seq: CommentedSeq) -> None:
        """A list of entries: one a line, or ``[]`` when empty (as `problems: []`)."""
        if len(seq):
            seq.fa.set_block_style()
        else:
            seq.fa.set_flow_style()


def load(path: str) -> tuple[CommentedMap, str, Layout]:
    with open(path, encoding="utf-8-sig") as handle:
        text = handle.read().replace("\r\n", "\n")
    layout = _layout(text)
    return _yaml(layout).load(text), text, layout


def header(plan_file: str, document: str) -> str:
    schema = os.path.relpath(SCHEMA_PATH, os.path.dirname(os.path.abspath(plan_file)))
    schema = str(SCHEMA_PATH) if schema.startswith("..") else schema  # outside the repository: say where
    return (f"# yaml-language-server: $schema={schema}\n"
            "# 本文件是方案内容的唯一来源。编辑说明见 CONTRIBUTING.md；字段说明见站点“编辑指南”页。\n"
            f"# 由 scripts/build_data.py import 从 {os.path.basename(document)} 导入。\n")


def dump(tree: CommentedMap, head: str = "", layout: Layout = Layout()) -> str:
    _quote_where_needed(tree)
    out = io.StringIO()
    _yaml(layout).dump(tree, out)
    text = out.getvalue()
    if layout.blank_parts:  # as in data/plan.yaml, unless a blank or a comment is there already
        text = _TOP_LEVEL.sub(lambda m: m.group(0) if _blank_or_comment_before(text, m.start()) else "\n\n", text)
    return head + text


def _blank_or_comment_before(text: str, at: int) -> bool:
    line = text[text.rfind("\n", 0, at) + 1:at]
    return not line.strip() or line.lstrip().startswith("#")


def _quote_where_needed(node) -> None:
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in list(items):
        if isinstance(value, (dict, list)):
            _quote_where_needed(value)
        elif isinstance(value, str) and not isinstance(value, ScalarString) and _not_a_string_to_pyyaml(value):
            node[key] = DoubleQuotedScalarString(value)


def _not_a_string_to_pyyaml(value: str) -> bool:
    return pyyaml.resolver.Resolver().resolve(pyyaml.nodes.ScalarNode, value, (True, False)) != _PLAIN_STR


def write(path: str, text: str) -> None:
    """Write all of *text* or nothing: a temporary file beside *path*, renamed over it."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".import-", suffix=".yaml", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise
