"""The 楷体 stand-in with the body face's vertical metrics, so that a line mixing the two is one line.

A （一） heading sets its heading clause in AR PL KaitiM GB and the rest of the sentence in the body
face. The two fonts declare different ascents and descents (0.88/0.12 em against 1.15/0.29 em), so
on the same baseline their text boxes differ by several points, and tools that read a PDF by its
text boxes (copying, pdftotext, accessibility, measuring) split such a line in two. A copy of the
font with the body face's ascent and descent, made once per machine, removes that difference; the
glyphs and their positions are unchanged.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile

from . import grid

FAMILY = grid.FACES["kai"]
CSS_FAMILY = "AR PL KaitiM GB Grid"  # the copy's name in print.css, before FAMILY as its fallback
BODY_ASCENT, BODY_DESCENT = 1.151, 0.286  # em: Noto Serif CJK SC's
VERSION = 2  # of the adjustment: part of the copy's name


def kai_with_body_metrics(folder: str | None = None) -> str | None:
    """Path of the adjusted copy, made if missing; None where the font is not installed."""
    found = subprocess.run(["fc-match", "-f", "%{file}", FAMILY], capture_output=True, text=True).stdout
    if not found.endswith(".ttf") or "KaitiM" not in _family(found):
        return None
    folder = folder or os.path.join(tempfile.gettempdir(), "plansite-fonts")
    stat = os.stat(found)
    key = hashlib.sha256(f"{found}\0{stat.st_size}\0{stat.st_mtime_ns}".encode()).hexdigest()[:16]
    target = os.path.join(folder, f"kai-{key}-{VERSION}.ttf")
    if not os.path.isfile(target):
        from fontTools.ttLib import TTFont

        font = TTFont(found, lazy=True)
        units = font["head"].unitsPerEm
        ascent, descent = round(BODY_ASCENT * units), round(BODY_DESCENT * units)
        hhea, os2 = font["hhea"], font["OS/2"]
        hhea.ascent, hhea.descent, hhea.lineGap = ascent, -descent, 0
        os2.sTypoAscender, os2.sTypoDescender, os2.sTypoLineGap = ascent, -descent, 0
        os2.usWinAscent, os2.usWinDescent = ascent, descent
        head = font["head"]  # WeasyPrint writes the PDF's ascent and descent from the font's box
        head.yMax, head.yMin = max(head.yMax, ascent), min(head.yMin, -descent)
        os.makedirs(folder, exist_ok=True)
        partial = f"{target}.{os.getpid()}"
        font.save(partial)
        os.replace(partial, target)  # atomic: a concurrent build never reads half a font
    return target


def _family(path: str) -> str:
    return subprocess.run(["fc-query", "-f", "%{family}", path], capture_output=True, text=True).stdout
