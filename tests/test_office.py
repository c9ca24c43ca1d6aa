"""The Word handouts and the task table, read back with python-docx and openpyxl from the built site.

Expectations come from the model (the document walk, handout_content) and GB/T 9704's numbers,
never from the plan's wording or counts, so an editor's change to data/plan.yaml cannot fail them.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn

import pdfread
from pdfread import squeeze
from plansite.outputs import docx_handouts, grid, handout_content, handouts

CLAUSE = re.compile(r"[，；。：、]")
FONTCONFIG = Path(__file__).resolve().parent.parent / "deploy" / "fontconfig" / "35-official-faces.conf"
EMU_PER_MM = 36000


@pytest.fixture(scope="module")
def word_files(built_site, plan) -> dict:
    return {h: built_site / h.docx_site_path for h in handouts.handouts(plan)}


@pytest.fixture(scope="module")
def full_docx(word_files):
    return docx.Document(next(path for h, path in word_files.items() if h.department is None))


def text_of(document) -> str:
    return squeeze("".join(p.text for p in document.paragraphs))


def east_asian_face(run) -> str:
    return run._r.rPr.rFonts.get(qn("w:eastAsia"))


# --- set-up ------------------------------------------------------------------------------------

def test_a4_with_the_standard_margins_and_type_area(word_files):
    for handout, path in word_files.items():
        section = docx.Document(path).sections[0]
        mm = lambda length: length / EMU_PER_MM  # noqa: E731
        assert (mm(section.page_width), mm(section.page_height)) == pytest.approx((210, 297), abs=0.5)
        assert mm(section.top_margin) == pytest.approx(37, abs=0.5), handout.name
        assert mm(section.left_margin) == pytest.approx(28, abs=0.5), handout.name
        width = mm(section.page_width - section.left_margin - section.right_margin)
        height = mm(section.page_height - section.top_margin - section.bottom_margin)
        assert (width, height) == pytest.approx((156, 225), abs=0.5), handout.name


def test_grid_of_22_lines_by_28_characters_each_a_16_pt_glyph_with_its_spacing(word_files):
    """22 lines: Word's line grid. 28 characters: 三号 with the body's character spacing (紧缩), not a
    character grid narrower than the glyphs (which LibreOffice sets at two cells a character)."""
    for handout, path in word_files.items():
        document = docx.Document(path)
        section = document.sections[0]
        doc_grid = section._sectPr.find(qn("w:docGrid"))
        assert doc_grid.get(qn("w:type")) == "lines" and doc_grid.get(qn("w:charSpace")) is None, handout.name
        height_pt = (section.page_height - section.top_margin - section.bottom_margin) / 12700  # EMU
        width_pt = (section.page_width - section.left_margin - section.right_margin) / 12700
        line_pitch = int(doc_grid.get(qn("w:linePitch"))) / 20
        normal = document.styles["Normal"]
        body_size = normal.font.size.pt
        pitch = body_size + int(normal.element.rPr.find(qn("w:spacing")).get(qn("w:val"))) / 20
        assert int(height_pt / line_pitch) == grid.LINES, handout.name
        assert grid.CELLS * pitch <= width_pt < (grid.CELLS + 1) * pitch, handout.name
        assert body_size == grid.BODY_SIZE


def test_chinese_is_the_documents_language(word_files):
    """So that a program missing the official faces takes Simplified Chinese ones (and Word its theme's)."""
    for handout, path in word_files.items():
        document = docx.Document(path)
        defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        assert defaults.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN", handout.name
        assert document.settings.element.find(qn("w:themeFontLang")).get(qn("w:eastAsia")) == "zh-CN"
        assert document.core_properties.language == "zh-CN"


def test_folio_is_a_page_field_in_dash_form_odd_right_even_left(word_files):
    for handout, path in word_files.items():
        document = docx.Document(path)
        assert document.settings.odd_and_even_pages_header_footer
        section = document.sections[0]
        for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
            paragraph = footer.paragraphs[0]
            instructions = [i.text.strip() for i in paragraph._p.iter(qn("w:instrText"))]
            assert instructions == ["PAGE"], handout.name
            # No stored number: the program computes each page's (docx_handouts._field).
            assert paragraph.text == "—  —", paragraph.text
            assert paragraph.alignment.name.lower() == side
            indent = paragraph.paragraph_format.right_indent if side == "right" else \
                paragraph.paragraph_format.left_indent
            assert indent.pt == pytest.approx(14, abs=0.5)  # one 四号 character in
            assert all(run.font.size.pt == 14 for run in paragraph.runs)


def test_colophon_is_a_footnote_called_without_a_visible_mark_at_the_end_of_the_text(word_files, plan):
    """Word sets a footnote at the foot of the page its call is on: the 版记 is the one footnote,
    called at the text's very end with a custom mark of nothing visible, under no separator rule,
    one paragraph kept whole between its two rules (as LibreOffice's PDF shows, test_libreoffice)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    for handout, path in word_files.items():
        document = docx.Document(path)
        part = next(rel.target_part for rel in document.part.rels.values() if rel.reltype == RT.FOOTNOTES)
        notes = etree.fromstring(part.blob).findall(qn("w:footnote"))
        [colophon] = [note for note in notes if note.get(qn("w:type")) is None]
        assert not [note for note in notes if note.find(f".//{qn('w:separator')}") is not None]
        [paragraph] = colophon.findall(qn("w:p"))
        assert paragraph.find(f"{qn('w:pPr')}/{qn('w:keepLines')}") is not None
        assert {side.tag for side in paragraph.find(f"{qn('w:pPr')}/{qn('w:pBdr')}")} == {qn("w:top"), qn("w:bottom")}
        text = squeeze("".join(t.text for t in paragraph.iter(qn("w:t"))))
        for line in handout_content.colophon(plan, handout.department is None, ""):
            assert squeeze(line) in text, handout.name
        call = document.paragraphs[-1]._p
        [reference] = call.iter(qn("w:footnoteReference"))
        assert reference.get(qn("w:id")) == colophon.get(qn("w:id"))
        assert reference.get(qn("w:customMarkFollows")) == "1"
        mark = "".join(t.text for t in reference.getparent().iter(qn("w:t")))
        assert mark and not mark.strip("\u200b"), repr(mark)


# --- faces -------------------------------------------------------------------------------------

def test_faces_by_their_official_names_with_free_alternatives(full_docx, plan):
    paragraphs = {squeeze(p.text): p for p in full_docx.paragraphs}
    title = paragraphs[squeeze(plan.full_title)]
    assert {east_asian_face(r) for r in title.runs} == {"方正小标宋简体"}
    for section in plan.sections:
        heading = paragraphs[squeeze(section.label + section.title)]
        assert {east_asian_face(r) for r in heading.runs} == {"黑体"}
        for obj in section.items:
            heading = next(p for text, p in paragraphs.items() if text.startswith(squeeze(obj.label + obj.title)))
            assert east_asian_face(heading.runs[0]) == "楷体_GB2312", obj.code
    normal = full_docx.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "仿宋_GB2312"
    problem = paragraphs[squeeze(plan.problems[0].label + plan.problems[0].text)]
    assert {east_asian_face(r) for r in problem.runs} == {"仿宋_GB2312"}
    # Where an official face is missing, Word and WPS take the font table's alternative.
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    table = next(r.target_part for r in full_docx.part.rels.values() if r.reltype == RT.FONT_TABLE)
    fonts = {f.get(qn("w:name")): f for f in etree.fromstring(table.blob)}
    for face in ("仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体"):
        assert fonts[face].find(qn("w:altName")).get(qn("w:val")), face
        assert fonts[face].find(qn("w:charset")).get(qn("w:val")) == "86"  # GB2312


def test_body_paragraphs_justified_with_a_two_character_first_line_indent(full_docx, plan):
    body, _ = handout_content.full_plan(plan)
    wanted = {squeeze(p.text) for p in body if p.kind == "body"}
    checked = set()
    for paragraph in full_docx.paragraphs:
        if squeeze(paragraph.text) in wanted:
            assert paragraph.alignment.name == "JUSTIFY"
            ind = paragraph._p.pPr.find(qn("w:ind"))
            assert ind.get(qn("w:firstLineChars")) == "200"
            assert int(ind.get(qn("w:firstLine"))) / 20 == pytest.approx(2 * grid.CELL, abs=0.1)
            checked.add(squeeze(paragraph.text))
    assert checked == wanted


def test_headings_carry_outline_levels_as_the_pdf_has_bookmarks(word_files, built_site):
    """Word's navigation pane lists the title, the 一、 and the （一） headings by level: the PDF's
    outline, each paragraph's own outline level (w:outlineLvl, 0 for Word's level 1)."""
    for handout, path in word_files.items():
        levels = []
        for paragraph in docx.Document(path).paragraphs:
            level = paragraph._p.pPr.find(qn("w:outlineLvl")) if paragraph._p.pPr is not None else None
            if level is not None:
                levels.append((int(level.get(qn("w:val"))) + 1, squeeze(paragraph.text)))
        ours = pdfread.outline_by_level(built_site / handout.site_path)
        assert pdfread.same_headings(ours, levels) == ours, handout.name


def test_the_free_faces_stand_in_for_the_official_names():
    """deploy/fontconfig/ points each official face's name at the free face docx_handouts.FACES names
    (first at set-up's standalone copy of it, where the face comes from a Noto CJK collection), and
    `make test` installed both: a machine without the official faces (this one, LibreOffice on an
    intranet's Linux desktops) shows the Word files in the PDF's faces."""
    from lxml import etree

    conf = etree.parse(str(FONTCONFIG))
    aliases = {alias.findtext("family"): [family.text for family in alias.iterfind("accept/family")]
               for alias in conf.iter("alias")}
    assert {official: families[-1] for official, families in aliases.items()} == docx_handouts.FACES
    for official, families in aliases.items():
        copy = docx_handouts.office_family(families[-1])
        assert families[0] == copy
        found = subprocess.run(["fc-match", "-f", "%{family}", f"{official}:lang=zh-cn"], capture_output=True,
                               text=True, check=True).stdout.split(",")
        assert copy in found or official in found, \
            f"{official}: fontconfig gives {found} (`make test` installs {FONTCONFIG.name} and the copies)"


# --- content -----------------------------------------------------------------------------------

def test_full_word_file_holds_every_clause_of_the_plan_in_document_order(full_docx, plan):
    text = text_of(full_docx)
    clauses = {squeeze(c) for _, line in plan.texts() for c in CLAUSE.split(line) if c.strip()}
    assert not sorted(c for c in clauses if c not in text)
    body, _ = handout_content.full_plan(plan)
    position = 0
    for para in body:
        found = text.find(squeeze(para.text), position)
        assert found >= 0, para.text[:40]
        position = found + len(squeeze(para.text))


def test_word_and_pdf_hold_the_same_markers(full_docx, plan):
    text = text_of(full_docx)
    items = plan.measures.items + plan.guarantees.items
    assert text.count("【原文仅存标题】") == sum(i.extent == "title_only" for i in items)
    assert text.count("【原文至此中断】") == sum(p.truncated for i in items for p in i.points)
    for number, holder in enumerate(plan.notes(), 1):
        assert squeeze(holder.note) in text and f"注{number}" in text


def test_department_word_files_hold_their_measures_and_the_pending_notice(word_files, plan):
    pending = [i for i in plan.measures.items if i.owners_pending]
    for handout, path in word_files.items():
        if handout.department is None:
            continue
        text = text_of(docx.Document(path))
        body, front = handout_content.department(plan, handout.department)
        for para in front + body:
            assert squeeze(para.text) in text, (handout.name, para.text[:30])
        for item in pending:
            assert squeeze(f"{item.code}{item.title}：待明确（{item.owners_pending}）") in text


# --- the task table ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def task_sheet(built_site):
    return openpyxl.load_workbook(built_site / handouts.TASK_TABLE.site_path).active


def test_task_table_has_one_row_per_measure_from_the_model(task_sheet, plan):
    rows = list(task_sheet.iter_rows(values_only=True))
    assert rows[0] == ("序号", "引用编号", "工作措施", "责任部门", "原文程度", "备注")
    assert len(rows) - 1 == len(plan.measures.items)
    for number, (row, item) in enumerate(zip(rows[1:], plan.measures.items), 1):
        assert row[:3] == (number, item.code, item.title)
        if item.owners:
            assert row[3].split("、") == [d.name for d in item.owners]
        else:
            assert row[3] == "待明确" and row[5] == item.owners_pending
        assert row[4] == item.extent_label


def test_task_table_prints_on_a4_landscape_with_a_frozen_repeated_header(task_sheet):
    assert task_sheet.freeze_panes == "A2"
    assert task_sheet.page_setup.orientation == "landscape"
    assert int(task_sheet.page_setup.paperSize) == int(task_sheet.PAPERSIZE_A4)
    assert task_sheet.print_title_rows == "$1:$1"
    assert task_sheet.sheet_properties.pageSetUpPr.fitToPage and task_sheet.page_setup.fitToWidth == 1


def test_task_table_columns_are_wide_enough_for_chinese(task_sheet):
    for column in task_sheet.iter_cols():
        letter = column[0].column_letter
        width = task_sheet.column_dimensions[letter].width
        longest = max(len(str(c.value or "")) for c in column)
        # A Chinese character takes two columns of width; long cells wrap instead of spilling over.
        assert width >= min(2 * longest, 40), (letter, width, longest)
        assert all(c.alignment.wrap_text for c in column)
