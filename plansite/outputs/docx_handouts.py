"""The handouts as Word documents (.docx), set up as a 公文 so that offices can edit and print them.

Same paragraphs as the PDF (plansite.outputs.handout_content). Offices' machines have the official
faces that no free font matches, so runs name those (仿宋_GB2312, 黑体, 楷体_GB2312, 方正小标宋简体);
the font table gives each the free face the PDF uses as its alternative (w:altName), which Word and
WPS fall back to where the official face is missing. The document language is zh-CN, so that a
program missing a face falls back to a Simplified Chinese one (LibreOffice ignores w:altName).

The 22 × 28 grid: 22 lines are Word's line grid (w:docGrid type "lines", linePitch in twips); 28
characters come from the body text's character spacing (紧缩), which brings a 三号 character to
the grid's cell. A character grid (type "linesAndChars", charSpace) would say the same to Word, but
its pitch is narrower than the 16 pt glyphs, and LibreOffice and the suites built on it then give
each character two cells: 14 a line.

As in the PDF, the title and the 一、 and （一） headings carry outline levels (Word's navigation
pane, LibreOffice's PDF bookmarks), and the 版记 is a footnote, so that it stands at the foot of the
last page's type area.
"""
from __future__ import annotations

import math

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, Twips

from . import grid
from .handout_content import Para

BODY_PT = 16  # 三号
TITLE_PT = 22  # 二号
FOLIO_PT = 14  # 四号
COLOPHON_LINE_PT = 21  # the 版记's lines, exactly, as print.css sets them
COLOPHON_NOTE = 1  # the 版记's footnote (Word numbers its separators −1 and 0)
SEPARATOR_TWIPS = 20  # an empty separator's one line: a point
ZERO_WIDTH_SPACE = "\u200b"
MARGINS_MM = dict(top=37, bottom=35, left=28, right=26)  # type area 156 × 225 mm on A4
LINE_PITCH = int(grid.LINE * 20)  # twips, rounded down (579: 28.95 pt) so that 22 lines fit
# The spacing after each character is whole twips: the grid's 15.79 pt cell becomes 15.8 pt (−4;
# −5 would leave every line a point short of the margin, LibreOffice justifying in whole twips).
CHAR_SPACING = math.ceil((grid.CELL - BODY_PT) * 20)
CELL_TWIPS = BODY_PT * 20 + CHAR_SPACING
# 28 such cells are 0.2 mm wider than 156 mm, and LibreOffice measures a 三号 glyph a hair over
# 320 twips: the type area is widened by that much (SLACK), half on either side, so that 28 fit and
# a line's ends stay within a quarter point of the standard's.
SLACK_TWIPS = 8
LINE_TWIPS = grid.CELLS * CELL_TWIPS + SLACK_TWIPS
INDENT_TWIPS = 2 * CELL_TWIPS
LANGUAGE = "zh-CN"

# Official face → the free face the PDF prints with (print.css), for machines without the first.
FACES = {
    "仿宋_GB2312": "Noto Serif CJK SC",
    "黑体": "Noto Sans CJK SC",
    "楷体_GB2312": "AR PL KaitiM GB",
    "方正小标宋简体": "Noto Serif CJK SC Black",
    "宋体": "Noto Serif CJK SC",
}
# Debian ships the Noto CJK faces in collections whose one CFF table is named after the Japanese
# face, and LibreOffice names the fonts it embeds after it: set-up copies each SC face out under
# a family of its own (scripts/office_fonts.py), which fontconfig gives the official names.
OFFICE_SUFFIX = " Office"


def office_family(family: str) -> str:
    """The family of set-up's standalone copy of a Noto CJK SC face (Noto Serif CJK SC Office Black)."""
    return family.replace("CJK SC", "CJK SC" + OFFICE_SUFFIX, 1)


BODY_FACE, LEVEL1_FACE, LEVEL2_FACE, TITLE_FACE, FOLIO_FACE = "仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "宋体"
FACE_OF_KIND = {"title": TITLE_FACE, "subtitle": LEVEL2_FACE, "level1": LEVEL1_FACE, "unnumbered": LEVEL1_FACE}
# Outline levels (0: Word's "1 级"), as the PDF's bookmarks (print.css): Word's navigation pane and
# LibreOffice's PDF bookmarks list these paragraphs. Set on the paragraphs, not through Word's heading
# styles, whose own faces, sizes and spacing the official look would have to undo.
OUTLINE_LEVEL = {"title": 0, "level1": 0, "unnumbered": 0, "level2": 1}


def write(title: str, subtitle: str, paragraphs: list[Para], colophon: list[str], target: str) -> None:
    """Write one handout: its title (and subtitle), its paragraphs, and the 版记 lines."""
    document = Document()
    _set_up(document)
    _heading(document, title, "title", blank_after=not subtitle)
    if subtitle:
        _heading(document, subtitle, "subtitle", blank_after=True)
    for number, para in enumerate(paragraphs, 1):
        _paragraph(document, para, number)
    _colophon(document, colophon)
    _fonts(document)
    document.core_properties.title = title + (f"（{subtitle}）" if subtitle else "")
    document.core_properties.language = "zh-CN"
    document.save(target)


# --- page, grid, folio -------------------------------------------------------------------------

def _set_up(document) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    widened = Twips(LINE_TWIPS) - Pt(grid.BLOCK_WIDTH)
    section.left_margin = Mm(MARGINS_MM["left"]) - widened // 2
    section.right_margin = Mm(MARGINS_MM["right"]) - (widened - widened // 2)
    section.header_distance = Mm(15)
    # The folio's dash 7 mm below the type area: its stroke is 2.4 mm above the foot of the folio's
    # exact 14 pt line (measured in LibreOffice), and that foot is the footer distance above the page's.
    section.footer_distance = Mm(MARGINS_MM["bottom"] - 7 - 2.4)
    sect_pr = section._sectPr
    for old in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(old)
    doc_grid = OxmlElement("w:docGrid")
    doc_grid.set(qn("w:type"), "lines")
    doc_grid.set(qn("w:linePitch"), str(LINE_PITCH))
    sect_pr.append(doc_grid)

    _language(document)
    normal = document.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    _faces(normal.element.get_or_add_rPr(), BODY_FACE)
    _character_spacing(normal.element.get_or_add_rPr(), CHAR_SPACING)
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE  # one grid line each
    fmt.widow_control = True  # Word's widow control: at least two lines either side of a break
    # Punctuation may hang past the margin: Word's default, said explicitly because LibreOffice reads
    # this switch inverted (writerfilter: hanging = val is 0) and so, given "1", hangs nothing, as
    # our PDF does: a closing mark that does not fit takes the character before it to the next line.
    overflow = OxmlElement("w:overflowPunct")
    overflow.set(qn("w:val"), "1")
    normal.element.get_or_add_pPr().insert_element_before(overflow, *_AFTER_OVERFLOW)

    # Odd pages right, even pages left, one character in: Word's odd/even footers.
    document.settings.odd_and_even_pages_header_footer = True
    # A line ending in a line break (the 版记's) is not stretched to the margin: Word's "不扩展以
    # Shift-Return 结尾的行中的字符间距", which LibreOffice reads too.
    document.settings.element.find(qn("w:compat")).insert(0, OxmlElement("w:doNotExpandShiftReturn"))
    _folio(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    _folio(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)


def _folio(footer, alignment) -> None:
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.alignment = alignment
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Pt(0)
    if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
        fmt.right_indent = Pt(FOLIO_PT)
    else:
        fmt.left_indent = Pt(FOLIO_PT)
    _snap(paragraph, False)
    fmt.line_spacing = Pt(FOLIO_PT)  # exactly: no face's line gap moves the dash
    _run(paragraph, "— ", FOLIO_FACE, FOLIO_PT)
    _field(paragraph, "PAGE", FOLIO_FACE, FOLIO_PT)
    _run(paragraph, " —", FOLIO_FACE, FOLIO_PT)


def _field(paragraph, instruction: str, face: str, size: float) -> None:
    """A field the program computes when it lays out the page (PAGE: this page's number).

    No result is stored with it: Word, WPS and LibreOffice compute a footer's PAGE field on every
    page, and LibreOffice 7.4 would append a stored result to the 版记's footnote mark (_colophon)."""
    for kind, text in (("begin", None), ("instr", f" {instruction} "), ("separate", None), ("end", None)):
        run = _run(paragraph, "", face, size)
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


# --- paragraphs --------------------------------------------------------------------------------

def _heading(document, text: str, kind: str, blank_after: bool) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    size = TITLE_PT if kind == "title" else BODY_PT
    _run(paragraph, text, FACE_OF_KIND[kind], size)
    _kai_strut(paragraph)
    if kind == "title":  # 二号 on the grid's pitch
        _snap(paragraph, False)  # else a line taller than the grid's pitch takes two grid lines
        paragraph.paragraph_format.line_spacing = Twips(LINE_PITCH)
    if blank_after:  # a blank grid line between the headings and the text
        paragraph.paragraph_format.space_after = Twips(LINE_PITCH)
    paragraph.paragraph_format.keep_with_next = True
    _outline(paragraph, kind)


def _paragraph(document, para: Para, number: int) -> None:
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    if para.kind == "unnumbered":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        _indent_two_characters(paragraph)
    if para.kind in ("level1", "level2", "unnumbered"):
        fmt.keep_with_next = True
    _outline(paragraph, para.kind)
    if para.anchor:
        _bookmark(paragraph, para.anchor, number)
    default = FACE_OF_KIND.get(para.kind, BODY_FACE)
    for span in para.spans:
        face = LEVEL2_FACE if span.style == "head" else default
        run = _run(paragraph, span.text, face, BODY_PT if span.style != "note" else 10)
        if span.style in ("lead", "marker", "strong"):
            run.bold = True
        if span.style == "note":
            run.font.superscript = True
    _kai_strut(paragraph)


def _kai_strut(paragraph) -> None:
    """End a paragraph set all in 楷体 with a space in the body face.

    LibreOffice places a line in its grid line by the line's fonts' ascent and descent, and AR PL
    KaitiM GB declares a much smaller box than the body face: a line of 楷体 alone would sit 1.5 pt
    above the grid. The space, invisible at the paragraph's end, gives the line the body face's box,
    as a line mixing the two has.
    """
    faces = {run._r.rPr.rFonts.get(qn("w:eastAsia")) for run in paragraph.runs}
    if faces == {LEVEL2_FACE}:
        _run(paragraph, " ", BODY_FACE, BODY_PT)


def _indent_two_characters(paragraph) -> None:
    """First line indented two characters: in character units (what Word shows), and in twips."""
    ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), "200")
    ind.set(qn("w:firstLine"), str(INDENT_TWIPS))


def _colophon(document, lines: list[str]) -> None:
    """The 版记: its lines between rules, at the foot of the last page's type area (GB/T 9704).

    Set as our PDF sets it (print.css): as a footnote, which Word and LibreOffice put at the foot
    of the page its call is on, the call being the text's last character. One paragraph, its lines
    ended by line breaks and kept together: LibreOffice continues a footnote of several paragraphs
    on the next page, where one paragraph kept whole takes the call's line along with it. The mark
    is a zero-width space (a custom mark: nothing to see at the call, nor before the 版记, where
    LibreOffice repeats it); the footnote separator is empty: no rule but the 版记's own.
    """
    from docx.text.paragraph import Paragraph

    note = OxmlElement("w:footnote")
    note.set(qn("w:id"), str(COLOPHON_NOTE))
    _footnotes(document).append(note)
    paragraph = Paragraph(OxmlElement("w:p"), document._body)
    note.append(paragraph._p)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Pt(FOLIO_PT)
    fmt.keep_together = True  # whole, on one page: not continued on the next
    _snap(paragraph, False)  # not on the body's grid: 21 pt lines, as in our PDF
    fmt.line_spacing = Pt(COLOPHON_LINE_PT)
    _rules_above_and_below(paragraph)
    for number, text in enumerate(lines):
        run = _run(paragraph, text, BODY_FACE, FOLIO_PT)
        if number < len(lines) - 1:
            run.add_break()
    # The mark in the reference's run: LibreOffice 7.4 ignores one in a run of its own.
    call = document.paragraphs[-1].add_run()._r
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:customMarkFollows"), "1")
    reference.set(qn("w:id"), str(COLOPHON_NOTE))
    call.append(reference)
    call.add_t(ZERO_WIDTH_SPACE)


def _footnotes(document):
    """A footnotes part for the document (python-docx's template has none), with Word's two
    separators, left empty."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import XmlPart
    from docx.oxml import parse_xml

    empty = (f'<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="{SEPARATOR_TWIPS}" w:lineRule="exact"/>'
             '</w:pPr></w:p>')
    separators = "".join(f'<w:footnote w:type="{kind}" w:id="{number}">{empty}</w:footnote>'
                         for number, kind in ((-1, "separator"), (0, "continuationSeparator")))
    element = parse_xml(f'<w:footnotes {nsdecls("w")}>{separators}</w:footnotes>')
    part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, element, document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    return element


def _rules_above_and_below(paragraph) -> None:
    borders = OxmlElement("w:pBdr")
    for side in ("top", "bottom"):
        line = OxmlElement(f"w:{side}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "8")  # eighths of a point: 1 pt ≈ 0.35 mm
        line.set(qn("w:space"), "3")  # points between rule and text, print.css's padding
        line.set(qn("w:color"), "000000")
        borders.append(line)
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_BORDERS)


def _outline(paragraph, kind: str) -> None:
    if kind in OUTLINE_LEVEL:
        level = OxmlElement("w:outlineLvl")
        level.set(qn("w:val"), str(OUTLINE_LEVEL[kind]))
        paragraph._p.get_or_add_pPr().insert_element_before(level, *_AFTER_OUTLINE)


def _bookmark(paragraph, name: str, number: int) -> None:
    """A bookmark named like the PDF's anchor, so that a link into the plan can name the place."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name.replace("-", "_")[:40])
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), start.get(qn("w:id")))
    paragraph._p.append(start)
    paragraph._p.append(end)


# Word rejects a paragraph's properties out of the schema's order: what must follow each one we add.
_AFTER_SNAP = ("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
               "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
               "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_AFTER_OUTLINE = ("w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_AFTER_OVERFLOW = ("w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
                   "w:snapToGrid") + _AFTER_SNAP
_AFTER_BORDERS = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
                  "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
                  "w:snapToGrid") + _AFTER_SNAP


# A run's properties in the schema's order: what must follow w:spacing.
_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr",
                  "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
                  "w:specVanish", "w:oMath")


def _snap(paragraph, on: bool) -> None:
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "1" if on else "0")
    paragraph._p.get_or_add_pPr().insert_element_before(snap, *_AFTER_SNAP)


# --- runs and faces ----------------------------------------------------------------------------

def _run(paragraph, text: str, face: str, size: float):
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    _faces(run._r.get_or_add_rPr(), face)
    if size != BODY_PT:  # the title, folio and 版记 are not set on the 三号 grid
        _character_spacing(run._r.get_or_add_rPr(), 0)
    return run


def _character_spacing(r_pr, twips: int) -> None:
    """Space added after each character (negative: 紧缩), as Word's font dialog sets it."""
    spacing = r_pr.find(qn("w:spacing"))
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        r_pr.insert_element_before(spacing, *_AFTER_SPACING)
    spacing.set(qn("w:val"), str(twips))


def _language(document) -> None:
    """Every run in zh-CN by default: the document's defaults and its theme fonts' language."""
    # python-docx's template says en-US in both, and ja-JP for the theme's East Asian face.
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for element in (defaults.find(qn("w:lang")), document.settings.element.find(qn("w:themeFontLang"))):
        for attribute in ("w:val", "w:eastAsia"):
            element.set(qn(attribute), LANGUAGE)


def _faces(r_pr, face: str) -> None:
    """Name *face* for every script: Chinese (eastAsia), and the digits and Latin letters in it."""
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), face)
    fonts.set(qn("w:hint"), "eastAsia")


def _fonts(document) -> None:
    """Declare each official face in the font table, with its free alternative and GB2312 charset."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    part = next(rel.target_part for rel in document.part.rels.values() if rel.reltype == RT.FONT_TABLE)
    root = etree.fromstring(part.blob)  # python-docx keeps the font table as plain bytes
    for old in list(root):
        if old.get(qn("w:name")) in FACES:
            root.remove(old)
    for name, alternative in FACES.items():
        font = etree.SubElement(root, qn("w:font"), {qn("w:name"): name})
        for tag, value in (("w:altName", alternative), ("w:charset", "86"), ("w:family", "auto"),
                           ("w:pitch", "variable")):
            etree.SubElement(font, qn(tag), {qn("w:val"): value})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
