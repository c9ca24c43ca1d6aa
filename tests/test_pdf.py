"""The PDF handouts a reader downloads and prints, read back as a reader's tools see them.

Text comes from pdftotext and fonts from pdffonts (poppler-utils), page sizes from pypdf, and
positions, faces and rules from PyMuPDF (tests/pdfread.py); the handouts are the ones the strict
site build published under downloads/. Expectations come from the model and from GB/T 9704's
numbers (plansite.outputs.grid), never from the plan's wording or counts.
"""
from __future__ import annotations

import math
import os
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

import pdfread
from pdfread import pdftotext, squeeze
from printout import handout_look, printed_area
from plansite.data.model import MARKS
from plansite.data import loader
from plansite.data.fingerprint import fingerprint
from plansite.outputs import document, grid, handout_content, handouts
from sitepages import PAGE, all_pages, article_text

CHROMIUM = "/usr/bin/chromium"  # Debian's, never a downloaded one

A4 = (595.28, 841.89)  # points
CLAUSE = re.compile(r"[，；。：、]")
# Families a handout may use: the 公文 faces where installed, else the free stand-ins print.css names.
ALLOWED_FONT = re.compile(r"Noto-?S(erif|ans)-?CJK-?SC|KaitiM-?GB|FangSong|仿宋|KaiTi|楷体|SimHei|黑体|SimSun|宋体|FZ|方正",
                          re.I)
TOLERANCE = 0.5  # pt: a ruler's reading; the grid's cell is 15.79 pt
TITLE_FACE = re.compile(r"Black|Heavy")  # the boldest serif, standing in for 小标宋


def text_lines(path) -> list:
    """The type area's lines set on the 16 pt grid: not the title's (二号), not the 版记's (四号)."""
    return [line for line in pdfread.lines(path) if line.size == grid.BODY_SIZE]


@pytest.fixture(scope="module")
def published(built_site, plan) -> dict:
    """Each handout of the plan mapped to its PDF in the built site."""
    return {h: built_site / h.site_path for h in handouts.handouts(plan)}


@pytest.fixture(scope="module")
def full_pdf(published) -> Path:
    return next(path for h, path in published.items() if h.department is None)


@pytest.fixture(scope="module")
def full_lines(full_pdf) -> list:
    return pdfread.lines(full_pdf)


@pytest.fixture(scope="module")
def full_body(full_pdf) -> str:
    return body_text(full_pdf)


def test_every_handout_is_published(published):
    for handout, path in published.items():
        assert path.is_file() and path.read_bytes().startswith(b"%PDF-"), handout.name


def body_text(path) -> str:
    """The text of the type area, page after page: what a reader reads, without the folios."""
    return "".join(line.text for line in pdfread.lines(path))


def test_full_handout_holds_every_clause_of_the_plan(full_body, plan):
    clauses = {squeeze(c) for _, line in plan.texts() for c in CLAUSE.split(line) if c.strip()}
    missing = sorted(c for c in clauses if c not in full_body)
    assert not missing


def test_full_handout_reads_in_document_order(full_body, plan):
    body, _ = handout_content.full_plan(plan)
    position = 0
    for para in body:
        found = full_body.find(squeeze(para.text), position)
        assert found >= 0, f"not found whole, in order: {para.text[:40]}"
        position = found + len(squeeze(para.text))


def test_every_page_is_a4(published):
    for handout, path in published.items():
        for number, page in enumerate(PdfReader(path).pages, 1):
            size = (float(page.mediabox.width), float(page.mediabox.height))
            assert size == pytest.approx(A4, abs=1), f"{handout.name} page {number}: {size}"


def test_every_font_is_embedded_and_simplified_chinese(published):
    for handout, path in published.items():
        listing = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
        rows = [line.split() for line in listing.splitlines()[2:] if line.strip()]
        assert rows, f"{handout.name}: no fonts at all"
        for row in rows:
            name, emb = row[0], row[-5]
            assert emb == "yes", f"{handout.name}: font {name} not embedded"
            # A fallback font (DejaVu, a JP face…) here means a glyph missing from the CJK font.
            assert ALLOWED_FONT.search(name), f"{handout.name}: unexpected font {name}"


# --- the grid: 22 lines × 28 cells -------------------------------------------------------------

def _pages(lines):
    pages = {}
    for line in lines:
        pages.setdefault(line.page, []).append(line)
    return pages


def test_lines_sit_on_the_22_line_grid_and_pages_are_full(published):
    for handout, path in published.items():
        assert sorted(_pages(pdfread.lines(path))) == list(range(1, pdfread.page_count(path) + 1)), \
            f"{handout.name}: an empty page"
        pages = _pages(text_lines(path))
        first = min(line.baseline for line in pages[1])
        for number, lines in pages.items():
            assert len(lines) <= grid.LINES, (handout.name, number)
            top = lines[0].baseline if number > 1 else first
            for line in lines:
                if line.page == pdfread.page_count(path):
                    break  # the 版记 is set in 四号 at the last page's foot
                slot = (line.baseline - top) / grid.LINE
                assert slot == pytest.approx(round(slot), abs=0.05), (handout.name, number, line.text)
        # Only the break rules leave a slot empty on a page but the last: fewer slots than the lines
        # they moved together onto the next page. The title takes its lines and one more.
        title = sum(1 for line in pdfread.lines(path) if TITLE_FACE.search(line.font)) + 1
        body = text_lines(path)
        count = pdfread.page_count(path)
        for number, lines in list(pages.items())[:-1]:
            if number == count - 1 and not _pages(text_lines(path)).get(number + 1):
                break  # the 版记 went on to a page of its own: this page ends the text
            empty = grid.LINES - len(lines) - (title if number == 1 else 0)
            first = next(index for index, line in enumerate(body) if line.page > number)
            # The 版记 goes at the foot of the page its call is on, the text's last line: when it does
            # not fit below that line, the line and what the break rules keep with it go on with it.
            colophon = _colophon_slots(path, count) if number == count - 1 else 0
            assert empty < _moved_together(body, first) + colophon, f"{handout.name} page {number}: {len(lines)} lines"


def _colophon_slots(path, page: int) -> int:
    """How many grid lines the 版记 takes from the text at the foot of *page*: from its first rule
    to its last, and one for the space a program keeps between the text and a footnote."""
    rules = pdfread.rules(path, page)
    return math.ceil((max(rule.y1 for rule in rules) - min(rule.y0 for rule in rules)) / grid.LINE) + 1


def _moved_together(lines, first: int) -> int:
    """How many lines from *first*, a page's first, the break rules had to move there together.

    A heading goes with what follows it; a paragraph keeps two lines either side of a break, so one
    of three lines or fewer moves whole, a longer one by two lines; a paragraph already broken could
    have given one line back, unless only two are left.
    """
    moved = 0
    for paragraph in _paragraphs(lines):
        if paragraph[-1] < first:
            continue
        here = [index for index in paragraph if index >= first]
        if paragraph[0] < first:
            return 1 if len(here) > 2 else len(here)
        if pdfread.face(lines[paragraph[0]].font_of(0, 2)) in ("sans", "kai"):
            moved += len(here)  # a heading: 黑体 or 楷体
            continue
        return moved + (len(paragraph) if len(paragraph) <= 3 else 2)
    return moved


def _paragraphs(lines) -> list[list[int]]:
    """The body's lines (as indices) grouped in paragraphs: a paragraph's first line is indented."""
    paragraphs: list[list[int]] = []
    for index, line in enumerate(lines):
        if not paragraphs or line.indent_cells > 1.5:
            paragraphs.append([])
        paragraphs[-1].append(index)
    return paragraphs


def _paragraph_lines(lines):
    """(line, is the last of its paragraph) for the body: a paragraph's next line starts at the left edge."""
    for line, after in zip(lines, lines[1:] + [None]):
        yield line, after is None or after.indent_cells > 0.5


@pytest.fixture(scope="module")
def flush_within() -> float:
    """How close to the margin a justified line ends (test_libreoffice.py allows LibreOffice more)."""
    return TOLERANCE


def test_every_line_but_a_paragraphs_last_is_flush_with_the_block(published, flush_within):
    for handout, path in published.items():
        lines = [line for line in text_lines(path) if line.page < pdfread.page_count(path)
                 or line.baseline < pdfread.BOTTOM - 2 * grid.LINE]
        checked = 0
        for line, last in _paragraph_lines(lines):
            if last or line.indent_cells > 2.5:  # centred lines (the title) are not the grid's
                continue
            assert line.x1 == pytest.approx(pdfread.RIGHT, abs=flush_within), (handout.name, line.page, line.text)
            checked += 1
        assert checked, handout.name


def test_first_lines_are_indented_exactly_two_cells_and_others_start_at_the_edge(full_pdf):
    for line in text_lines(full_pdf):
        if line.indent_cells < 2.5:
            assert min(abs(line.indent_cells), abs(line.indent_cells - 2)) < TOLERANCE / grid.CELL, \
                (line.page, line.text)


def test_a_full_line_of_chinese_holds_28_cells(full_pdf):
    full = [line for line, last in _paragraph_lines(text_lines(full_pdf))
            if not last and all(not c[2].isascii() for c in line.chars)]
    cells = [round(line.indent_cells) + len(line.chars) for line in full]
    # 28, except where the line-breaking rules squeezed a closing mark in (29) or pushed a
    # character down (27) rather than start a line with a closing mark.
    # A note mark glued to its character may push two down.
    assert set(cells) <= {grid.CELLS - 2, grid.CELLS - 1, grid.CELLS, grid.CELLS + 1}
    assert cells.count(grid.CELLS) >= 0.8 * len(cells), cells
    for line, count in zip(full, cells):
        if count > grid.CELLS:
            assert line.text[-1] in grid.NO_START, line.text


def test_a_heading_is_followed_by_two_lines_on_its_page(full_lines, plan):
    """Two lines follow a heading on its page; a title-only item has one (its marker), which must follow."""
    body, _ = handout_content.full_plan(plan)
    headings = [squeeze(p.text) for p in body if p.kind in ("level1", "level2")]
    marker = squeeze(MARKS["title_only"])
    for index, line in enumerate(full_lines):
        if any(h.startswith(squeeze(line.text)) and line.indent_cells > 1.5 for h in headings):
            following = [other for other in full_lines[index + 1:index + 3] if other.page == line.page]
            one_line_item = following[:1] and squeeze(following[0].text) == marker
            assert len(following) == 2 or one_line_item, (line.page, line.text)


# --- faces per heading level ------------------------------------------------------------------

def test_faces_per_level(full_lines, plan):
    by_start = {squeeze(line.text)[:12]: line for line in full_lines}

    def line_of(text):
        return by_start[squeeze(text)[:12]]

    assert pdfread.face(line_of(plan.full_title).font) == "serif-black", "title: the boldest serif"
    for section in plan.sections:
        assert pdfread.face(line_of(section.label + section.title).font) == "sans", section.label
    for section in plan.sections:
        for obj in section.items:
            head = obj.label + (obj.heading or obj.target if hasattr(obj, "target") else obj.title)
            line = line_of(obj.label + document.heading_text(obj))
            assert pdfread.face(line.font_of(0, min(len(head), len(line.chars)))) == "kai", obj.code
    problem = plan.problems[0]
    assert pdfread.face(line_of(problem.label + problem.text).font) == "serif"


# --- folio and 版记 ----------------------------------------------------------------------------

def test_folio_in_dash_form_odd_right_even_left_dash_7_mm_below_the_block(full_pdf):
    count = pdfread.page_count(full_pdf)
    with __import__("pymupdf").open(full_pdf) as pdf:
        folios = [" ".join(w[4] for w in page.get_text("words") if w[1] > pdfread.BOTTOM) for page in pdf]
    for number in range(1, count + 1):
        assert re.fullmatch(rf"—\s*{number}\s*—", folios[number - 1]), (number, folios[number - 1])
    for number in {1, 2, count}:
        stroke, left, right = pdfread.folio_ink(full_pdf, number)
        assert (stroke - pdfread.BOTTOM) / pdfread.MM == pytest.approx(7, abs=0.3), number
        if number % 2:
            assert pdfread.RIGHT - right == pytest.approx(14, abs=1.5), (number, "one 四号 character in")
        else:
            assert left - pdfread.LEFT == pytest.approx(14, abs=1.5), (number, "one 四号 character in")


def test_colophon_last_rule_on_the_foot_of_the_last_pages_block(published):
    for handout, path in published.items():
        count = pdfread.page_count(path)
        bottom = max(rect.y1 for rect in pdfread.rules(path, count))
        assert bottom == pytest.approx(pdfread.BOTTOM, abs=TOLERANCE), handout.name
        for number in range(1, count):
            assert not pdfread.rules(path, number), f"{handout.name}: a rule on page {number}"


def test_outline_lists_every_heading(full_pdf, plan):
    outline = [squeeze(title) for title in pdfread.outline(full_pdf)]
    for section in plan.sections:
        assert squeeze(section.label + section.title) in outline
        for obj in section.items:
            assert squeeze(obj.label + obj.title) in outline


# --- content -----------------------------------------------------------------------------------

def test_markers_as_on_the_site(full_body, plan):
    items = plan.measures.items + plan.guarantees.items
    assert full_body.count("【原文仅存标题】") == sum(i.extent == "title_only" for i in items)
    assert full_body.count("【原文至此中断】") == sum(p.truncated for i in items for p in i.points)
    pending = [i for i in plan.measures.items if i.owners_pending]
    for item in pending:
        assert f"待明确（{item.owners_pending}）" in full_body
    assert full_body.count("责任部门：待明确") == len(pending)


def test_colophon_names_the_revision(full_pdf, plan):
    """The model's checksum, which any copy of the data gives alike (no git needed)."""
    text = squeeze(pdftotext(full_pdf))
    assert f"数据版本：校验值{fingerprint(plan)}" in text


def test_each_department_handout_holds_exactly_its_measures(published, plan):
    departments = [h for h in published if h.department is not None]
    assert {h.department for h in departments} == {d for d in plan.departments if d.owns}
    for handout in departments:
        text = body_text(published[handout])
        outline = [squeeze(title) for title in pdfread.outline(published[handout])]
        assert handout.department.name in text
        for item in plan.measures.items + plan.guarantees.items:
            owned = item in handout.department.owns
            assert (squeeze(item.label + item.title) in outline) == owned, (handout.name, item.code)
            for point in item.points:
                assert (squeeze(document.point_text(point)) in text) == owned, (handout.name, point.code)
        # The plan's context: its title, basis and focus areas in short.
        assert squeeze(plan.full_title) in text and squeeze(plan.basis) in text
        for area in plan.areas:
            assert squeeze(area.label + area.title) in text


def test_department_handouts_name_each_pending_measure_and_where_the_source_breaks_off(published, plan):
    pending = [i for i in plan.measures.items if i.owners_pending]
    incomplete = plan.incomplete()
    for handout, path in published.items():
        if handout.department is None:
            continue
        text = body_text(path)
        for item in pending:
            assert squeeze(f"{item.code}{item.title}：待明确（{item.owners_pending}）") in text, (handout.name, item.code)
        if incomplete:
            assert squeeze(f"所据原文副本在{incomplete[0].code}{incomplete[0].title}中途中断") in text


def test_departments_without_measures_get_no_handout_and_are_told_why(built_site, plan):
    downloads = article_text(built_site / PAGE["downloads"])
    for department in handouts.without_handout(plan):
        assert not (built_site / handouts.SITE_DIR / f"department-{department.id}.pdf").exists()
        assert department.name in downloads
        page = article_text(built_site / "departments" / f"{department.id}.html")
        assert "没有本部门的分册" in page
    assert "没有分册的部门" in downloads or not handouts.without_handout(plan)


def test_handouts_linked_from_home_downloads_and_department_pages(built_site, plan):
    pages = {path.relative_to(built_site).as_posix(): page for path, page in all_pages(built_site).items()}
    for handout in handouts.handouts(plan):
        for page in (PAGE["home"], PAGE["downloads"]):
            assert any(link.endswith(handout.site_path) for link in pages[page].links), (page, handout.name)
        assert any(link.endswith(handout.docx_site_path) for link in pages[PAGE["downloads"]].links)
        assert any(link.endswith(handouts.TASK_TABLE.site_path) for link in pages[PAGE["downloads"]].links)
        if handout.department:
            page = pages[f"departments/{handout.department.id}.html"]
            for path in (handout.site_path, handout.docx_site_path, handouts.TASK_TABLE.site_path):
                assert any(link.endswith(path) for link in page.links), (handout.name, path)


def test_unchanged_inputs_reuse_the_cached_handouts_and_a_preview_has_the_last_set(plan, tmp_path):
    plan_file, cache = Path(plan.file), tmp_path / "cache"
    first = handouts.build(plan, str(cache))
    stamps = {h: Path(p).stat().st_mtime_ns for h, p in first.items()}
    again = handouts.build(plan, str(cache))
    assert {h: Path(p).stat().st_mtime_ns for h, p in again.items()} == stamps
    assert handouts.cached(plan, str(cache)) == first
    # A comment changes no handout; a changed text asks for new ones, while `mkdocs serve` shows the last set.
    commented = tmp_path / "commented.yaml"
    commented.write_bytes(plan_file.read_bytes() + "# 编辑的注释\n".encode())
    assert list(handouts.cached(loader.load(str(commented)), str(cache)).values()) == list(first.values())
    problem = plan.problems[0]
    assert problem.text in plan_file.read_text(encoding="utf-8")
    edited = tmp_path / "edited.yaml"
    edited.write_text(plan_file.read_text(encoding="utf-8").replace(problem.text, problem.text + "又改", 1), encoding="utf-8")
    assert handouts.cached(loader.load(str(edited)), str(cache)) is None
    assert handouts.latest(plan, str(cache)) == first


def test_browser_print_shows_the_article_only_and_keeps_problem_items_whole(built_site, plan, tmp_path):
    area = printed_area(plan)
    page = built_site / "areas" / f"{area.id}.html"
    pdf = tmp_path / "printed.pdf"
    assert os.path.exists(CHROMIUM), "Debian's chromium is missing: `make test` installs it"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                    f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", page.as_uri()], check=True, capture_output=True, timeout=120)
    assert handout_look(pdf, plan, area) == []


def test_a_heading_line_mixing_kai_and_body_face_reads_as_one_line(full_pdf):
    """Text tools group characters into lines by their boxes: the two faces' boxes must agree."""
    import pymupdf

    mixed = 0
    with pymupdf.open(full_pdf) as pdf:
        for page in pdf:
            spans = [s for b in page.get_text("dict")["blocks"] for line in b.get("lines", [])
                     for s in line["spans"] if abs(s["size"] - grid.BODY_SIZE) < 0.1]
            for kai in (s for s in spans if "Kaiti" in s["font"]):
                for other in spans:
                    if "Kaiti" not in other["font"] and abs(other["origin"][1] - kai["origin"][1]) < 1:
                        assert other["bbox"][1] == pytest.approx(kai["bbox"][1], abs=0.5)
                        assert other["bbox"][3] == pytest.approx(kai["bbox"][3], abs=0.5)
                        mixed += 1
    assert mixed
