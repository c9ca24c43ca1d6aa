"""A PDF handout read back as a checker with a ruler would: lines with their position and faces,
the folio's ink, the rules. PyMuPDF gives each character's box, origin and font."""
from __future__ import annotations

import functools
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

# The faces a handout prints in, by the names PDF writers give them. WeasyPrint names a face of a
# Noto CJK collection by its own name (Noto-Serif-CJK-SC); LibreOffice by the font's CFF table
# (NotoSerifCJKsc-Regular-… for set-up's standalone copies, scripts/office_fonts.py; a collection's
# face would say …jp…, whichever face it is); AR PL KaitiM GB is GBZenKai to its PostScript name.
FACES = (("serif-black", r"Serif-?CJK[\w-]*-(Black|Heavy)"), ("kai", r"Kaiti|ZenKai"), ("sans", r"Sans-?CJK"),
         ("serif-bold", r"Serif-?CJK[\w-]*-Bold"), ("serif", r"Serif-?CJK"))


def face(font: str) -> str:
    """Which of the handout's faces *font* (a PDF font name) is: serif, serif-bold, serif-black, sans, kai."""
    return next((name for name, pattern in FACES if re.search(pattern, font)), font)


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


def outline_by_level(path) -> list[tuple[int, str]]:
    """The bookmarks as (level, text without white space), level 1 the outermost."""
    with pymupdf.open(path) as document:
        return [(level, squeeze(title)) for level, title, _ in document.get_toc()]


def same_headings(ours: list[tuple[int, str]], theirs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """*theirs* with each entry cut to the length of *ours* at its place: equal to *ours* when both
    list the same headings at the same levels, where an entry of theirs may hold the heading's whole
    paragraph (Word's and LibreOffice's do) and ours only its title."""
    return [(level, entry[:len(title)]) for (level, entry), (_, title) in zip(theirs, ours)] + theirs[len(ours):]


DARK = re.compile(rb"[\x00-\x7f]")  # a grey pixel darker than half


def folio_ink(path, number: int) -> tuple[float, float, float]:
    """Where the folio is inked on page *number*: the dash's stroke (its top), and its left and right ends."""
    with pymupdf.open(path) as document:
        page = document[number - 1]
        clip = pymupdf.Rect(LEFT - 20, BOTTOM + 2, RIGHT + 20, BOTTOM + 20 * MM)
        pixmap = page.get_pixmap(dpi=600, clip=clip, colorspace=pymupdf.csGRAY)
    scale = 72 / 600
    samples, stride = pixmap.samples, pixmap.stride  # one byte a pixel (grey)
    dark = [(match.start() - y * stride, y) for y in range(pixmap.height)
            for match in DARK.finditer(samples, y * stride, y * stride + pixmap.width)]
    left = min(x for x, _ in dark)
    # The leftmost few points of ink are the first dash alone: its rows are the stroke.
    stroke = min(y for x, y in dark if x < left + 40)
    return clip.y0 + stroke * scale, clip.x0 + left * scale, clip.x0 + max(x for x, _ in dark) * scale


def rules(path, number: int) -> list[pymupdf.Rect]:
    """The rules and borders on page *number*, where they are inked: a filled rectangle as it is
    (WeasyPrint's), a stroked line grown by half its width either side (LibreOffice's)."""
    with pymupdf.open(path) as document:
        drawings = document[number - 1].get_drawings()
    half = [(drawing.get("width") or 0) / 2 if "s" in drawing["type"] else 0 for drawing in drawings]
    return [drawing["rect"] + (-h, -h, h, h) for drawing, h in zip(drawings, half)]


# --- regional forms ------------------------------------------------------------------------------

def regional_forms(path, region: str, collection: tuple[str, str] = ("Serif", "Regular")) -> tuple[int, list[str]]:
    """How many characters of *path* set in a Noto CJK *collection* (the body face's: reading a
    collection's character maps takes seconds) it draws differently for *region* (SC, JP, …) than for
    another region, and those of them not drawn in *region*'s form.

    For LibreOffice's PDFs: it writes a collection's face as a Type 1 font whose glyphs keep their
    CID names (cid12345), and the collection's faces share those CIDs, differing only in which CID
    each one's character map gives a character.
    """
    checked, wrong = 0, []
    with pymupdf.open(path) as document:
        for xref in range(1, document.xref_length()):
            font = document.xref_object(xref)
            name = re.search(r"/BaseFont /\w+\+(Noto(Sans|Serif)CJK\w+-(\w+?))(-\w+)?\s", font)
            unicode = re.search(r"/ToUnicode (\d+) 0 R", font)
            if not (name and unicode and "/FontDescriptor" in font) or name.group(2, 3) != collection:
                continue
            program = document.extract_font(xref)[3]
            glyphs = {int(code): int(cid) for code, cid in re.findall(rb"dup (\d+) /cid(\d+) put", program)}
            maps = _collection(name.group(2), name.group(3))
            for code, char in _to_unicode(document.xref_stream(int(unicode.group(1)))).items():
                forms = {_cid(cmap.get(ord(char))) for cmap in maps.values()}
                if code in glyphs and len(forms) > 1:
                    checked += 1
                    if glyphs[code] != _cid(maps[region].get(ord(char))):
                        wrong.append(char)
    return checked, wrong


@functools.lru_cache(maxsize=None)
def _collection(style: str, weight: str) -> dict:
    """Each region's character map (region → {code point: glyph name}) in the Noto CJK collection."""
    from fontTools.ttLib import TTCollection

    file = subprocess.run(["fc-match", "-f", "%{file}", f"Noto {style} CJK SC:{weight.lower()}"],
                          capture_output=True, text=True, check=True).stdout
    return {face["name"].getDebugName(1).split()[-1]: face.getBestCmap()
            for face in TTCollection(file, lazy=True).fonts}


def _cid(glyph) -> int | None:
    return int(glyph[3:]) if glyph and glyph.startswith("cid") else None


def _to_unicode(stream: bytes) -> dict[int, str]:
    """A ToUnicode CMap's single characters, code → character."""
    result = {}
    text = stream.decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for code, char in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]{4})>", block):
            result[int(code, 16)] = chr(int(char, 16))
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for first, last, char in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]{4})>", block):
            for code in range(int(first, 16), int(last, 16) + 1):
                result[code] = chr(int(char, 16) + code - int(first, 16))
    return result
