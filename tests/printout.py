"""A site page as a browser prints it, read back sheet by sheet (pdftotext): the print stylesheet
gives the handout look when only the article prints (no navigation, header or footer, so no other
page's name) and each problem item stays whole, its heading and text on one sheet.

Firefox's PDFs (cairo) name some characters wrongly in their text layer, though they print
right: a Chinese glyph shared with a Kangxi or CJK radical reads as the radical (⼀ for 一), and
one chosen for Simplified Chinese by the font's language rules reads as U+FFFD (cairo maps
glyphs back to text through the first face of the font collection, the Japanese one), curly
quotes among them. Such a character stands for any one character when text is compared.
"""
from __future__ import annotations

import re

from pdfread import pdftotext, squeeze

_UNSURE = "\ufffd\u2e80-\u2fdf"
_READ_UNSURE = re.compile(f"[{_UNSURE}]")
_QUOTES = "“”"


def printed_area(plan):
    """The page printed: the focus area with the most problem items."""
    return max(plan.areas, key=lambda a: len(a.problems))


def _sheet(text: str) -> str:
    # Chromium sets curly quotes in a Latin face that pdftotext reads out of line: read without them.
    return re.sub(f"[{_QUOTES}]", "", squeeze(text))


def _shows(sheet: str, text: str) -> bool:
    """Whether *sheet* holds *text*: every character in order, an unsure one standing for any, at
    least a third of them read as themselves (curly quotes optional, see _sheet)."""
    chars = [c for c in squeeze(text)]
    pattern = "".join("\ufffd?" if c in _QUOTES else f"[{re.escape(c)}{_UNSURE}]" for c in chars)
    needed = max(2, -(-len([c for c in chars if c not in _QUOTES]) // 3))
    return any(len(found) - len(_READ_UNSURE.findall(found)) >= needed
               for found in re.findall(f"(?=({pattern}))", sheet))


def handout_look(pdf, plan, area) -> list[str]:
    """What a reader would see is wrong with *area*'s page printed to *pdf*, in words; [] if nothing."""
    sheets = [_sheet(text) for text in pdftotext(pdf).split("\f")]
    printed = "".join(sheets)
    wrong = [f"打印出了导航或页眉页脚：{other.label}{other.title}" for other in plan.areas
             if other is not area and _shows(printed, other.label + other.title)]
    wrong += [f"打印出了站点栏目：{name}" for name in ("责任矩阵", "编辑状态") if _shows(printed, name)]
    for problem in area.problems:
        if not any(_shows(sheet, problem.title) and _shows(sheet, problem.text) for sheet in sheets):
            wrong.append(f"{problem.code} 与标题分在两页、自身被分页，或没有打印出来")
    return wrong
