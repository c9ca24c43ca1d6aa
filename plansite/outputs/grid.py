"""Sets the handouts' paragraphs on the GB/T 9704 grid: 28 cells to a line, every full line flush.

WeasyPrint justifies only at spaces, and Chinese text has none, so its lines end ragged and an
indented first line holds 27 cells. This module therefore breaks the lines itself, before
WeasyPrint sees the HTML: it measures each character with the font that will print it, applies the
Chinese line-breaking rules (no closing mark at the start of a line, no opening mark at its end,
digits and Latin letters kept together), and gives each full line the letter-spacing that makes it
exactly the width of the text block. Lines are separated by ``<br>``, so they stay line boxes of
one paragraph and ``orphans``/``widows`` still decide where a page may break.
"""
from __future__ import annotations

import functools
import math
import subprocess
import unicodedata
from dataclasses import dataclass

from lxml import html as lxml_html

MM = 72 / 25.4
BLOCK_WIDTH = 156 * MM  # pt, the type area's width
BLOCK_HEIGHT = 225 * MM
CELLS = 28
LINES = 22
CELL = BLOCK_WIDTH / CELLS  # pt: one character of 三号 (16 pt) with its share of spacing
LINE = BLOCK_HEIGHT / LINES  # pt: one line of the grid
BODY_SIZE = 16.0
INDENT_CELLS = 2

# Elements set on the grid, by class (body, headings, title, 版记); only the folio is left to CSS.
GRID_CLASS = "grid"

# The faces as fontconfig names them. print.css names the same families for WeasyPrint; these are
# only for measuring, so a missing face falls back as fontconfig would.
FACES = {
    "serif": "Noto Serif CJK SC",
    "serif-bold": "Noto Serif CJK SC:bold",
    "sans": "Noto Sans CJK SC",
    "kai": "AR PL KaitiM GB",
    "serif-black": "Noto Serif CJK SC:black",
}
# Which face an inline element's class (or tag) asks for; the innermost one that says wins.
FACE_OF_CLASS = {"doc-title": "serif-black", "level1": "sans", "level2-head": "kai", "lead": "serif-bold",
                 "marker": "serif-bold", "strong": "serif-bold", "b": "serif-bold"}
SIZE_OF_CLASS = {"note-ref": 10.0, "doc-title": 22.0, "colophon-line": 14.0}
# A last line that ends this close to the right edge is justified too: a line that reaches the
# edge ends flush with it, as every full line does.
FLUSH_WITHIN = 2 * CELL

NATURAL = CELL - BODY_SIZE  # the spacing of a line of ideographs on the grid (about −0.21 pt)

# Chinese line-breaking rules (GB/T 15834 practice, W3C clreq): marks that may not begin a line,
# and marks that may not end one.
NO_START = set("，。、；：？！）》」』】〕〗〉”’…—·%‰℃,.;:?!)]}")
NO_END = set("（《「『【〔〖〈“‘([{")


# --- measuring ----------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def _font(face: str):
    from fontTools.ttLib import TTFont  # WeasyPrint's own dependency

    found = subprocess.run(["fc-match", "-f", "%{file}\n%{index}", FACES[face]],
                           capture_output=True, text=True, check=True).stdout.split("\n")
    font = TTFont(found[0], fontNumber=int(found[1] or 0), lazy=True)
    return font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm


@functools.lru_cache(maxsize=None)
def advance(char: str, face: str, size: float) -> float:
    """The width WeasyPrint gives *char* in *face* at *size* pt, before letter-spacing."""
    if not char.isascii() and unicodedata.east_asian_width(char) in "WFA":
        # Ideographs and Chinese punctuation are one em. For marks of ambiguous width (— … “ ”)
        # the cmap holds the proportional Western glyph, but shaping for zh-CN picks the full one.
        return size
    cmap, metrics, units = _font(face)
    glyph = cmap.get(ord(char))
    if glyph is None:  # fontconfig would fall back to another face; CJK faces are 1 em wide
        return size
    return metrics[glyph][0] * size / units


# --- the paragraph as runs ----------------------------------------------------------------------

@dataclass
class Run:
    """A stretch of text with the inline elements around it (outermost first)."""

    text: str
    wrappers: tuple  # lxml elements, used as templates (tag and attributes) when writing out
    face: str
    size: float
    glue: bool = False  # may not be separated from the text before it (a note reference)


def _runs(element, wrappers=(), face="serif", size=BODY_SIZE, glue=False) -> list[Run]:
    runs = []
    if element.text:
        runs.append(Run(element.text, wrappers, face, size, glue))
    for child in element:
        classes = (child.get("class") or "").split() + [child.tag]
        child_face = next((FACE_OF_CLASS[c] for c in classes if c in FACE_OF_CLASS), face)
        child_size = next((SIZE_OF_CLASS[c] for c in classes if c in SIZE_OF_CLASS), size)
        runs += _runs(child, wrappers + (child,), child_face, child_size, glue or "note-ref" in classes)
        if child.tail:
            runs.append(Run(child.tail, wrappers, face, size, glue))
    return runs


@dataclass
class Unit:
    """What may not be broken inside: one character, a word of Latin letters or digits, a note mark."""

    pieces: list  # (Run, text)
    width: float
    chars: int


def _units(runs: list[Run]) -> list[Unit]:
    units: list[Unit] = []
    for run in runs:
        for char in run.text:
            if char in "\n\r\t":
                char = " "
            width = advance(char, run.face, run.size)
            previous = units[-1] if units else None
            last = previous.pieces[-1][1][-1] if previous else ""
            joins = previous is not None and (
                run.glue or (_latin(char) and _latin(last)) or char in NO_START or last in NO_END)
            if joins:
                if previous.pieces[-1][0] is run:
                    previous.pieces[-1] = (run, previous.pieces[-1][1] + char)
                else:
                    previous.pieces.append((run, char))
                previous.width += width
                previous.chars += 1
            else:
                units.append(Unit([(run, char)], width, 1))
    return units


def _latin(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in "-_/")


# --- breaking and spacing -----------------------------------------------------------------------

def break_lines(units: list[Unit], first_indent: float) -> list[list[Unit]]:
    """Greedy lines of at most 28 cells; a closing mark that alone overflows is squeezed in.

    Each character counts with the grid's spacing (a cell is 15.79 pt for a 16 pt glyph). A unit
    that overflows only by the closing marks it ends with stays on the line, which is then
    squeezed: Chinese typesetting prefers that (挤进) to pushing a character down (推出).
    """
    lines: list[list[Unit]] = [[]]
    used = first_indent
    for unit in units:
        width = unit.width + unit.chars * NATURAL
        overflow = used + width - (BLOCK_WIDTH - NATURAL)
        if lines[-1] and overflow > 0.01 and not (overflow <= CELL and unit.pieces[-1][1][-1] in NO_START
                                                  and _marks_width(unit) >= overflow - 0.01):
            lines.append([])
            used = 0.0
        lines[-1].append(unit)
        used += width
    return [line for line in lines if line]


def _marks_width(unit: Unit) -> float:
    """The width of the closing marks *unit* ends with, on the grid."""
    text = "".join(t for _, t in unit.pieces)
    marks = len(text) - len(text.rstrip("".join(NO_START)))
    return marks * CELL


def spacing(line: list[Unit], width: float) -> float:
    """The letter-spacing that makes *line*'s last glyph end exactly at *width*."""
    natural = sum(u.width for u in line)
    gaps = sum(u.chars for u in line) - 1
    return (width - natural) / gaps if gaps > 0 else 0.0


def _write_line(parent, line: list[Unit], letter_spacing: float, size: float) -> None:
    """Append one line to *parent*: a span with the line's letter-spacing, the text inside copies
    of its inline elements.

    WeasyPrint writes each glyph's spacing into the PDF as whole thousandths of an em, truncated:
    a spacing of 13.4 thousandths becomes 13, and a 28-character line ends a quarter point long.
    So the line is split in two spans whose spacings are whole thousandths (k + 1 for the first
    characters, k for the rest) in the proportion that adds up to the exact width.
    """
    pieces = [piece for unit in line for piece in unit.pieces]
    gaps = sum(len(text) for _, text in pieces) - 1
    thousandths = -letter_spacing * 1000 / size
    whole = math.floor(abs(thousandths))
    wider = round((abs(thousandths) - whole) * gaps)
    sign = 1 if thousandths >= 0 else -1

    def style(k: int) -> dict:  # + 0.1: past the truncation, not onto it
        return {"style": f"letter-spacing:{-sign * (k + 0.1) * size / 1000:.4f}pt"}

    holder = lxml_html.Element("span", {"class": "line", **style(whole + 1)})
    rest = lxml_html.Element("span", {"class": "rest", **style(whole)})
    first, second = _split(line, wider)
    _write_pieces(holder, first)
    _write_pieces(rest, second)
    holder.append(rest)
    parent.append(holder)


def _split(line: list[Unit], count: int) -> tuple[list, list]:
    """The pieces of the units holding about the first *count* characters, and the others; a unit
    (a note mark with its character, a number) is never split."""
    taken = 0
    for index, unit in enumerate(line):
        if taken + unit.chars / 2 > count:
            break
        taken += unit.chars
    else:
        index = len(line)
    return [p for u in line[:index] for p in u.pieces], [p for u in line[index:] for p in u.pieces]


def _write_pieces(holder, pieces: list) -> None:
    """Each piece's text inside copies of its inline elements, sharing them between neighbours."""
    chain: list = []  # (template, copy) of the inline elements open at the end so far
    for run, text in pieces:
        common = 0
        while common < min(len(chain), len(run.wrappers)) and chain[common][0] is run.wrappers[common]:
            common += 1
        del chain[common:]
        for wrapper in run.wrappers[common:]:
            clone = lxml_html.Element(wrapper.tag, {k: v for k, v in wrapper.attrib.items() if k != "id"})
            (chain[-1][1] if chain else holder).append(clone)
            chain.append((wrapper, clone))
        target = chain[-1][1] if chain else holder
        if len(target):
            target[-1].tail = (target[-1].tail or "") + text
        else:
            target.text = (target.text or "") + text


def set_paragraph(element, indent_cells: int = INDENT_CELLS, justify_last: bool = False) -> int:
    """Replace *element*'s inline content by grid lines; returns how many lines it takes."""
    classes = (element.get("class") or "").split()
    size = next((SIZE_OF_CLASS[c] for c in classes if c in SIZE_OF_CLASS), BODY_SIZE)
    runs = _runs(element, face=_block_face(element), size=size)
    lines = break_lines(_units(runs), indent_cells * CELL)
    for child in list(element):
        element.remove(child)
    element.text = None
    for number, line in enumerate(lines):
        width = BLOCK_WIDTH - (indent_cells * CELL if number == 0 else 0)
        last = number == len(lines) - 1
        natural = sum(u.width for u in line) + NATURAL * (sum(u.chars for u in line) - 1)
        # A last line is set at the grid's pitch, unless it nearly fills the line (or, pushed by
        # the rules, overfills it): then it is justified like the others.
        full = not last or justify_last or natural > width - FLUSH_WITHIN
        letter_spacing = spacing(line, width) if full else NATURAL
        _write_line(element, line, letter_spacing, size)
        if not last:
            element.append(lxml_html.Element("br"))
    return len(lines)


def _block_face(element) -> str:
    classes = (element.get("class") or "").split()
    return next((FACE_OF_CLASS[c] for c in classes if c in FACE_OF_CLASS), "serif")


def set_on_grid(document: str) -> str:
    """The handout's HTML with every element of class ``grid`` broken into justified grid lines."""
    tree = lxml_html.document_fromstring(document)
    for element in tree.find_class(GRID_CLASS):
        classes = element.get("class").split()
        set_paragraph(element, indent_cells=0 if "no-indent" in classes else INDENT_CELLS)
    return "<!DOCTYPE html>\n" + lxml_html.tostring(tree, encoding="unicode")
