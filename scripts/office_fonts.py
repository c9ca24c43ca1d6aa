#!/usr/bin/env python3
"""The Simplified Chinese faces the Word handouts fall back to, as fonts of their own, for LibreOffice.

Debian ships Noto CJK as OpenType collections (.ttc): the JP, KR, SC, TC and HK faces share one CFF
table, named after the Japanese face (NotoSerifCJKjp-Regular). LibreOffice names the font it embeds
in a PDF after that table, so a reader running pdffonts on the SC text would read "jp". Each SC face
the handouts use (docx_handouts.FACES, regular and bold) is copied out of its collection with its own
character map, layout tables and outlines, untouched; only its names change: the PostScript name the
collection's name table gives the SC face (NotoSerifCJKsc-Regular) also in the CFF table, and a family
of its own (docx_handouts.office_family), since a second font named like a system family makes
fontconfig's choice between the two unpredictable. deploy/fontconfig/ gives the official faces' names
these families; nothing else asks for them, so WeasyPrint's PDFs keep the collection's faces.

Usage: office_fonts.py FOLDER — writes the copies there, redoing only those older than their
collection, this script or docx_handouts.py; scripts/ensure_fontconfig.sh installs them.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fontTools.ttLib import TTFont

from plansite.outputs import docx_handouts
from plansite.outputs.docx_handouts import FACES, office_family

WEIGHTS = ("regular", "bold")  # a run may be bold in any face
FAMILY_NAMES = (1, 4, 16)  # name IDs holding the family: family, full name, typographic family
POSTSCRIPT_NAME = 6


def collection_faces() -> list[tuple[str, int]]:
    """(collection file, face index) of each face the handouts' free families resolve to in a .ttc."""
    faces = []
    for family in dict.fromkeys(FACES.values()):
        for weight in WEIGHTS:
            file, index = subprocess.run(["fc-match", "-f", "%{file}\n%{index}", f"{family}:{weight}"],
                                         capture_output=True, text=True, check=True).stdout.split("\n")
            if file.endswith(".ttc"):
                faces.append((file, int(index)))
    return list(dict.fromkeys(faces))  # Black's bold is Black


def copy_face(collection: str, index: int, folder: Path) -> Path | None:
    """Write the face as a standalone font named as its own; None when the copy is up to date."""
    font = TTFont(collection, fontNumber=index, lazy=True, recalcTimestamp=False, recalcBBoxes=False)
    names = font["name"]
    postscript = names.getDebugName(POSTSCRIPT_NAME)
    target = folder / f"{postscript}.otf"
    newest = max(Path(source).stat().st_mtime for source in (collection, __file__, docx_handouts.__file__))
    if target.is_file() and target.stat().st_mtime >= newest:
        return None
    for record in names.names:
        if record.nameID in FAMILY_NAMES:
            names.setName(office_family(record.toUnicode()), record.nameID, record.platformID,
                          record.platEncID, record.langID)
    cff = font["CFF "].cff
    shared = cff.fontNames[0]  # the collection's: NotoSerifCJKjp-Regular
    cff.fontNames[0] = postscript
    top = cff.topDictIndex[0]
    top.FamilyName, top.FullName = names.getDebugName(1), names.getDebugName(4)
    for sub_font in getattr(top, "FDArray", []):  # NotoSerifCJKjp-Regular-Ideographs, …
        sub_font.FontName = sub_font.FontName.replace(shared, postscript, 1)
    folder.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    font.save(partial)
    partial.replace(target)
    return target


def main(folder: str) -> int:
    for collection, index in collection_faces():
        written = copy_face(collection, index, Path(folder))
        if written:
            print(f"已生成字体：{written}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
