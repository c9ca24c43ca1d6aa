"""A PDF handout read back as a checker with a ruler would: lines with their position and faces,
the folio's ink, the rules. PyMuPDF gives each character's box, origin and font."""
from __future__ import annotations

import re
import subprocess
from collections import Counter
from dataclasses import dataclass

import pymupdf

from plansite.outputs import grid


def squeeze(text: str) -> str:
    """*text* without white space: PDF and Word text is compared as the characters a reader reads."""
    return re.sub(r"\s+", "", text)


def pdftotext(pdf, *args: str) -> str:
    """poppler's text of *pdf* (pages separated by form feeds)."""
    return subprocess.run(["pdftotext", *args, str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout

MM = grid.MM
LEFT, TOP = 28 * MM, 37 * MM
RIGHT, BOTTOM = LEFT + grid.BLOCK_WIDTH, TOP + grid.BLOCK_HEIGHT


@dataclass
class Line:
    page: int  # 1-based
    baseline: float
    chars: list  # (x0, x1, char, font, size)

    @property
    def text(self) -> str:
        return "".join(c[2] for c in self.chars)

    @property
    def x0(self) -> float:
        return self.chars[0][0]

    @property
    def x1(self) -> float:
        return self.chars[-1][1]

    @property
    def indent_cells(self) -> float:
        return (self.x0 - LEFT) / grid.CELL

    def font_of(self, start: int, end: int) -> str:
        return Counter(c[3] for c in self.chars[start:end]).most_common(1)[0][0]

    @property
    def font(self) -> str:
        return self.font_of(0, len(self.chars))

    @property
    def size(self) -> float:
        return Counter(c[4] for c in self.chars).most_common(1)[0][0]


def lines(path, body_only: bool = True) -> list[Line]:
    """Every line of text in reading order; *body_only* keeps the type area (drops the folio)."""
    result = []
    with pymupdf.open(path) as document:
        for number, page in enumerate(document, 1):
            rows: dict[float, list] = {}
            for block in page.get_text("rawdict")["blocks"]:
                for line in block.get("lines", []):
                    for span in line["spans"]:
                        for char in span["chars"]:
                            if not char["c"].strip():
                                continue
                            y = char["origin"][1]
                            if body_only and not TOP <= y <= BOTTOM:
                                continue
                            key = next((k for k in rows if abs(k - y) < grid.LINE / 3), y)  # superscripts join their line
                            rows.setdefault(key, []).append((char["bbox"][0], char["bbox"][2], char["c"],
                                                             span["font"], round(span["size"], 1), round(y, 1)))
            for chars in sorted(rows.values(), key=lambda chars: chars[0][5]):
                baseline = Counter(c[5] for c in chars).most_common(1)[0][0]  # not a superscript's
                result.append(Line(number, baseline, sorted(c[:5] for c in chars)))
    return result


def page_count(path) -> int:
    with pymupdf.open(path) as document:
        return document.page_count


def outline(path) -> list[str]:
    with pymupdf.open(path) as document:
        return [title for _, title, _ in document.get_toc()]


def folio_ink(path, number: int) -> tuple[float, float, float]:
    """Where the folio is inked on page *number*: the dash's stroke (its top), and its left and right ends."""
    with pymupdf.open(path) as document:
        page = document[number - 1]
        clip = pymupdf.Rect(LEFT - 20, BOTTOM + 2, RIGHT + 20, BOTTOM + 20 * MM)
        pixmap = page.get_pixmap(dpi=600, clip=clip, colorspace=pymupdf.csGRAY)
    scale = 72 / 600
    dark = [(x, y) for y in range(pixmap.height) for x in range(0, pixmap.width, 2)
            if pixmap.pixel(x, y)[0] < 128]
    left = min(x for x, _ in dark)
    # The leftmost few points of ink are the first dash alone: its rows are the stroke.
    stroke = min(y for x, y in dark if x < left + 40)
    return clip.y0 + stroke * scale, clip.x0 + left * scale, clip.x0 + max(x for x, _ in dark) * scale


def rules(path, number: int) -> list[pymupdf.Rect]:
    """The filled rectangles (rules, borders) on page *number*."""
    with pymupdf.open(path) as document:
        return [drawing["rect"] for drawing in document[number - 1].get_drawings()]
