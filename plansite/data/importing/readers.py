"""Readers: a document file in, its located lines out, one reader per format.

The formats differ only in how lines are read (Doorstop's importer habit): a text file by its
encoding and line ends, a Word file by its paragraphs, with what a paragraph's formatting says
that its text does not (where a 楷体 heading clause or a bold 一是 sentence ends, a note mark in
superscript, a ruled 版记 line, automatic numbering). What the lines mean is decided once, by the
outline parser.
"""
from __future__ import annotations

import os
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from .. import errors, reader
from ..errors import PlanError
from . import problems
from .problems import Place


@dataclass(frozen=True)
class Line:
    number: int  # line (text file) or paragraph (Word), 1-based, as the editor counts
    text: str
    # Word: how many characters open the paragraph in a face or weight other than the body text's
    # (a 楷体 heading clause, a bold lead sentence); None when it opens like the body text.
    head: int | None = None
    boxed: bool = False  # Word: a ruled paragraph (a 版记 is ruled, but so are other lines)


@dataclass
class Source:
    path: str
    kind: str  # 文本文件 / Word 文件
    place: Place
    description: str  # what was detected, for the report
    lines: list[Line] = field(default_factory=list)


# --- text --------------------------------------------------------------------------------------

_BOMS = ((b"\xef\xbb\xbf", "utf-8", "UTF-8（带 BOM）"), (b"\xff\xfe", "utf-16-le", "UTF-16"),
         (b"\xfe\xff", "utf-16-be", "UTF-16"))


def read_text(path: str) -> Source:
    raw = _bytes(path)
    encoding, text = _decode(path, raw)
    crlf, lf, cr = raw.count(b"\r\n"), raw.count(b"\n") - raw.count(b"\r\n"), raw.count(b"\r") - raw.count(b"\r\n")
    ends = [name for count, name in ((crlf, "CRLF（Windows）"), (lf, "LF"), (cr, "CR（旧 Mac）")) if count]
    ending = "混合（" + "、".join(ends) + "）" if len(ends) > 1 else (ends[0] if ends else "无换行")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    source = Source(path, "文本文件", Place(path, "行"), f"编码 {encoding}，换行 {ending}，共 {len(lines)} 行")
    source.lines = [Line(number, line) for number, line in enumerate(lines, 1)]
    return source


def _bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        # In the words `check` uses for the plan file (the reasons it knows in Chinese).
        reason = reader._REASONS.get(exc.errno, exc.strerror or str(exc))
        raise PlanError([errors.file_unreadable(path, reason)]) from None


def _decode(path: str, raw: bytes) -> tuple[str, str]:
    for bom, codec, name in _BOMS:
        if raw.startswith(bom):
            try:
                return name, raw[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise PlanError([problems.encoding_unknown(path, raw.count(b"\n", 0, exc.start) + 1)]) from None
    if b"\x00" in raw:
        raise PlanError([problems.not_text(path, raw.count(b"\n", 0, raw.index(b"\x00")) + 1)])
    try:
        return "UTF-8", raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_stop = exc.start
    # Chinese office systems export GBK; GB18030 is its superset, so it reads both.
    try:
        return "GB18030（GBK）", raw.decode("gb18030")
    except UnicodeDecodeError as exc:
        stop = max(utf8_stop, exc.start)  # the reading that got further is the file's encoding
        raise PlanError([problems.encoding_unknown(path, raw.count(b"\n", 0, stop) + 1)]) from None


# --- Word ---------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_NOTE_MARK = re.compile(r"^注\d+$")
_TOC_PAGE = re.compile(r"\t+\s*\d+\s*$")  # a table of contents line ends in a tab and its page


def read_docx(path: str) -> Source:
    _bytes(path)  # says "unreadable" in the reader's words
    try:
        body, styles_root, numbering_root = _package(path)
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError):
        raise PlanError([problems.not_docx(path)]) from None
    place = Place(path, "段")
    numbering = _Numbering(numbering_root, place)
    styles = _paragraph_styles(styles_root)
    # A text box is stored twice, for Word (mc:Choice) and for older readers (mc:Fallback): read it once.
    paragraphs = [p for p in body.iter(_W + "p") if not any(a.tag == _FALLBACK for a in p.iterancestors())]
    runs = [list(_runs(p)) for p in paragraphs]
    plain = _dominant(runs)
    lines = []
    for number, (p, shown) in enumerate(zip(paragraphs, runs), 1):
        text = "".join(run.text for run in shown if not run.note)
        label = numbering.label(p, styles, number, text)
        head = _head(shown, plain)
        # Superscript note marks (注1) number the 编者注 list: left out of the text.
        lines.append(Line(number, _TOC_PAGE.sub("", label + text),
                          head=None if head is None else head + len(label),
                          boxed=p.find(f"{_W}pPr/{_W}pBdr") is not None))
    extra = f"，其中 {numbering.used} 段的自动编号已按编号格式还原为文字" if numbering.used else ""
    return Source(path, "Word 文件", place, f"共 {len(paragraphs)} 段（含空段）{extra}", lines)


@dataclass(frozen=True)
class _Run:
    text: str
    look: tuple  # (East Asian face, bold): what sets a heading clause or a lead sentence apart
    note: bool  # a superscript note mark (注1)


def _runs(p):
    """The runs of paragraph *p* that hold text, in order: tracked deletions left out, and so are the
    paragraphs of a text box anchored in it (they are paragraphs of their own)."""
    for r in p.iter(_W + "r"):
        if r.getparent().tag in (_W + "del", _W + "moveFrom") or next(r.iterancestors(_W + "p")) is not p:
            continue
        text = "".join(node.text or "" if node.tag == _W + "t" else "\t" for node in r
                       if node.tag in (_W + "t", _W + "tab"))
        if not text:
            continue
        props = r.find(_W + "rPr")
        face, bold, sup = None, False, False
        if props is not None:
            fonts = props.find(_W + "rFonts")
            face = fonts.get(_W + "eastAsia") if fonts is not None else None
            b = props.find(_W + "b")
            bold = b is not None and b.get(_W + "val") not in ("0", "false")
            va = props.find(_W + "vertAlign")
            sup = va is not None and va.get(_W + "val") == "superscript"
        yield _Run(text, (face, bold), bool(sup and _NOTE_MARK.match(text)))


def _dominant(paragraphs: list) -> tuple:
    """The look most of the document's characters have: its body text."""
    counts: dict = {}
    for runs in paragraphs:
        for run in runs:
            counts[run.look] = counts.get(run.look, 0) + len(run.text)
    return max(counts, key=counts.get) if counts else (None, False)


def _head(runs: list, plain: tuple) -> int | None:
    """How many characters open the paragraph in another look than the body's (楷体 heading clause,
    bold lead sentence); None when it opens in the body's look."""
    shown = [run for run in runs if not run.note]
    if not shown:
        return None
    (face, bold), (plain_face, plain_bold) = shown[0].look, plain
    if not (bold and not plain_bold) and (face is None or face == plain_face):
        return None  # a run without a face of its own (typed in later, say) sets nothing apart
    offset = 0
    for run in shown:
        if run.look != shown[0].look:
            break
        offset += len(run.text)
    return offset


_R = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def _package(path: str):
    """The main document's body, its styles and its numbering (None where it has none), as XML.

    Read with zipfile and lxml, the parts found through the package's relationships: three XML
    parts are all a reading needs (python-docx would take a third of a large import's time to load)."""
    with zipfile.ZipFile(path) as package:
        def part(name: str):
            return etree.fromstring(package.read(name))

        def targets(rels: str, folder: str) -> dict:
            if rels not in package.namelist():
                return {}
            return {r.get("Type").rsplit("/", 1)[-1]: posixpath.normpath(posixpath.join(folder, r.get("Target")))
                    for r in part(rels).iter(_R) if r.get("TargetMode") != "External"}

        main = targets("_rels/.rels", "").get("officeDocument", "word/document.xml").lstrip("/")
        folder = posixpath.dirname(main)
        related = targets(posixpath.join(folder, "_rels", posixpath.basename(main) + ".rels"), folder)
        body = part(main).find(_W + "body")
        if body is None:
            raise ValueError("no body")
        extra = [part(related[kind]) if kind in related else None for kind in ("styles", "numbering")]
    return body, *extra


def _paragraph_styles(root) -> dict:
    """Style id → its paragraph properties' numbering (numId, ilvl), following basedOn."""
    found = {}
    if root is None:
        return found
    by_id = {s.get(_W + "styleId"): s for s in root.iter(_W + "style")}

    def numbering(style_id, depth=0):
        style = by_id.get(style_id)
        if style is None or depth > 10:
            return None
        num = style.find(f"{_W}pPr/{_W}numPr")
        if num is not None:
            return _num_pr(num)
        based = style.find(_W + "basedOn")
        return numbering(based.get(_W + "val"), depth + 1) if based is not None else None

    for style_id in by_id:
        found[style_id] = numbering(style_id)
    return found


def _num_pr(num) -> tuple[str | None, int]:
    num_id = num.find(_W + "numId")
    ilvl = num.find(_W + "ilvl")
    return (num_id.get(_W + "val") if num_id is not None else None,
            int(ilvl.get(_W + "val")) if ilvl is not None else 0)


class _Numbering:
    """Word's automatic numbering turned back into the typed label (（一） 1. 一是 …) it shows."""

    def __init__(self, root, place: Place):
        self.place, self.used = place, 0
        self.levels: dict = {}  # numId -> {ilvl: (start, format, text)}
        self.counters: dict = {}  # abstract id -> [counts by level]
        self.abstract_of: dict = {}
        # Word's 重新开始编号: a w:num whose level overrides its start restarts the shared list there,
        # the first time a paragraph uses it.
        self.restarts: dict = {}  # numId -> levels with a startOverride not yet used
        if root is None:
            return
        abstracts = {a.get(_W + "abstractNumId"): a for a in root.iter(_W + "abstractNum")}
        for num in root.iter(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            abstract = abstracts.get(ref.get(_W + "val")) if ref is not None else None
            if abstract is None:
                continue
            levels, restarts = {}, set()
            for lvl in abstract.iter(_W + "lvl"):
                levels[int(lvl.get(_W + "ilvl"))] = (_val(lvl, "start", "1"), _val(lvl, "numFmt", "decimal"),
                                                     _val(lvl, "lvlText", ""))
            for override in num.iter(_W + "lvlOverride"):
                start = override.find(_W + "startOverride")
                level = int(override.get(_W + "ilvl"))
                if start is not None and level in levels:
                    levels[level] = (start.get(_W + "val"),) + levels[level][1:]
                    restarts.add(level)
            num_id = num.get(_W + "numId")
            self.restarts[num_id] = restarts
            self.levels[num_id] = levels
            self.abstract_of[num_id] = ref.get(_W + "val")

    def label(self, p, styles: dict, number: int, text: str) -> str:
        direct = p.find(f"{_W}pPr/{_W}numPr")
        if direct is not None:
            num_id, ilvl = _num_pr(direct)
        else:
            style = p.find(f"{_W}pPr/{_W}pStyle")
            num_id, ilvl = (styles.get(style.get(_W + "val")) or (None, 0)) if style is not None else (None, 0)
        if not num_id or num_id == "0" or num_id not in self.levels or not text.strip():
            return ""
        levels = self.levels[num_id]
        counts = self.counters.setdefault(self.abstract_of[num_id], {})
        start, fmt, pattern = levels.get(ilvl, ("1", "decimal", f"%{ilvl + 1}."))
        if ilvl in self.restarts[num_id]:
            self.restarts[num_id].discard(ilvl)
            counts.pop(ilvl, None)
        counts[ilvl] = counts.get(ilvl, int(start) - 1) + 1
        for deeper in [level for level in counts if level > ilvl]:
            del counts[deeper]  # a new item at this level restarts the levels under it
        label = pattern
        for level in range(ilvl + 1):
            value = counts.get(level, int(levels.get(level, ("1",))[0]))
            shown = _format(levels.get(level, (None, "decimal"))[1], value)
            if shown is None:
                raise PlanError([problems.numbering_unsupported(self.place, number, text, levels[level][1])])
            label = label.replace(f"%{level + 1}", shown)
        self.used += 1
        return label


def _val(node, tag: str, default: str) -> str:
    child = node.find(_W + tag)
    return child.get(_W + "val", default) if child is not None else default


def _format(fmt: str, value: int) -> str | None:
    from ..numerals import chinese

    if fmt in ("decimal", "decimalZero"):
        return str(value)
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographDigital", "taiwaneseCounting",
               "japaneseCounting"):
        return chinese(value)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(value))
    if fmt == "decimalEnclosedParen":
        return f"({value})"
    return None


READERS = {".txt": read_text, ".docx": read_docx}


def read(path: str) -> Source:
    """The located lines of *path*, read by the reader its extension names."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix not in READERS:
        raise PlanError([problems.unknown_format(path, suffix, list(READERS))])
    source = READERS[suffix](path)
    if not any(line.text.strip() for line in source.lines):
        raise PlanError([problems.empty(path)])
    return source
