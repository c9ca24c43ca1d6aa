"""The Word and Excel downloads opened as many readers open them: in LibreOffice (Debian's, the
OpenOffice line several domestic office suites descend from), converted to PDF and measured.

The Word files are measured by the WeasyPrint PDF's own tests, imported from tests/test_pdf.py and
run here on LibreOffice's PDFs (the fixtures below stand in for test_pdf's): one set of measures for
both, so "lays out like our PDF" means the same rulers. All files are converted in one soffice run
with a private profile, so that parallel runs do not share LibreOffice's user folder.
"""
from __future__ import annotations

import bisect
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pymupdf
import pytest

import pdfread
from pdfread import squeeze
from plansite.data import loader, synthetic
from plansite.outputs import docx_handouts, grid, handout_content, handouts, task_table, verified
from plansite.outputs.handout_content import Para, Span
from sitepages import PAGE, article_text
from test_pdf import body_text
from test_pdf import (  # noqa: F401 (collected here, on LibreOffice's PDFs)
    test_a_full_line_of_chinese_holds_28_cells,
    test_a_heading_is_followed_by_two_lines_on_its_page,
    test_colophon_last_rule_on_the_foot_of_the_last_pages_block,
    test_colophon_names_the_revision,
    test_department_handouts_name_each_pending_measure_and_where_the_source_breaks_off,
    test_every_line_but_a_paragraphs_last_is_flush_with_the_block,
    test_every_page_is_a4,
    test_faces_per_level,
    test_first_lines_are_indented_exactly_two_cells_and_others_start_at_the_edge,
    test_folio_in_dash_form_odd_right_even_left_dash_7_mm_below_the_block,
    test_full_handout_holds_every_clause_of_the_plan,
    test_full_handout_reads_in_document_order,
    test_lines_sit_on_the_22_line_grid_and_pages_are_full,
    test_markers_as_on_the_site,
)

SOFFICE = "/usr/bin/soffice"  # Debian's libreoffice-writer-nogui / -calc-nogui
TIMEOUT = 120  # s; the conversions take about 10 s
A4_LANDSCAPE = (841.89, 595.28)
REGION = re.compile(r"CJK-?(SC|TC|HK|JP|KR)", re.IGNORECASE)  # which region's Noto CJK face a font name says
LONG_TABLE_SCALE = 12  # a synthetic plan with this many times the measures: a task table of several pages
FILLED = range(12, 23)  # one-line paragraphs: the 版记 fits below the last (up to 15), then no longer


@dataclass(frozen=True)
class Filled:
    """A Word file of one-line paragraphs, in place of a handout for test_pdf's measures."""
    lines: int

    @property
    def name(self) -> str:
        return f"{self.lines} lines of text"


@pytest.fixture(scope="module")
def filled(plan, tmp_path_factory) -> dict[Filled, Path]:
    """Word files whose text, under a one-line title, ends at each height of the page, with a
    department handout's 版记 (which says nothing of the plan: the cases do not move with its text)."""
    folder = tmp_path_factory.mktemp("filled")
    colophon = handout_content.colophon(plan, False, handouts.revision(plan), "现行版本：2026年1月1日首次发布")
    files = {}
    for count in FILLED:
        files[Filled(count)] = folder / f"filled-{count}.docx"
        paragraphs = [Para("body", [Span(f"第{number}段。")]) for number in range(1, count + 1)]
        docx_handouts.write("标题", "", paragraphs, colophon, str(files[Filled(count)]))
    return files


@pytest.fixture(scope="module")
def long_table(plan, tmp_path_factory) -> tuple[Path, list]:
    """A task table of several pages (from a synthetic plan), and the rows it must show."""
    data = synthetic.dump(synthetic.generate(LONG_TABLE_SCALE, plan))
    long_plan = loader.load_bytes("synthetic.yaml", data.encode("utf-8"))
    path = tmp_path_factory.mktemp("long-table") / "tasks-long.xlsx"
    task_table.write(long_plan, str(path))
    return path, task_table.rows(long_plan)


@pytest.fixture(scope="module")
def converted(built_site, plan, long_table, filled, tmp_path_factory) -> dict[Path, Path]:
    """Each published Word file and task table, a long task table and the filled pages' Word files,
    mapped to LibreOffice's PDF of each."""
    assert shutil.which(SOFFICE), "LibreOffice is missing: `make test` installs it (libreoffice-writer-nogui)"
    version = subprocess.run([SOFFICE, "--version"], capture_output=True, text=True, timeout=TIMEOUT).stdout
    assert f"LibreOffice {verified.LIBREOFFICE}." in version, \
        f"下载页写明在 LibreOffice {verified.LIBREOFFICE} 中核对，而本机是 {version.strip()}：核对后更新 verified.py"
    folder = tmp_path_factory.mktemp("libreoffice")
    sources = [built_site / h.docx_site_path for h in handouts.handouts(plan)]
    sources += [built_site / handouts.TASK_TABLE.site_path, long_table[0], *filled.values()]
    subprocess.run([SOFFICE, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(folder), *map(str, sources)],
                   check=True, capture_output=True, timeout=TIMEOUT)
    pdfs = {source: folder / f"{source.stem}.pdf" for source in sources}
    missing = [source.name for source, pdf in pdfs.items() if not pdf.is_file()]
    assert not missing, f"LibreOffice did not convert {missing}"
    return pdfs


def test_the_downloads_page_names_the_programs_these_tests_open_the_files_in(built_site):
    page = squeeze(article_text(built_site / PAGE["downloads"]))
    for kind, programs in verified.VERIFIED_IN.items():
        for program in programs:
            assert squeeze(f"{program.name}（{program.check}）") in page, (kind, program.name)


# --- the Word files: the fixtures test_pdf's tests take, on LibreOffice's PDFs -------------------

@pytest.fixture(scope="module")
def published(built_site, plan, converted) -> dict:
    return {h: converted[built_site / h.docx_site_path] for h in handouts.handouts(plan)}


@pytest.fixture(scope="module")
def full_pdf(published) -> Path:
    return next(path for h, path in published.items() if h.department is None)


@pytest.fixture(scope="module")
def full_lines(full_pdf) -> list:
    return pdfread.lines(full_pdf)


@pytest.fixture(scope="module")
def full_body(full_pdf) -> str:
    return body_text(full_pdf)


@pytest.fixture(scope="module")
def flush_within() -> float:
    """LibreOffice spreads a justified line's slack in whole twips a character and leaves what is
    left (under a twip a character) at the line's end: up to a twip a character short."""
    return grid.CELLS / 20


def test_the_full_plan_takes_at_most_one_page_more_than_our_pdf(full_pdf, built_site, plan):
    ours = built_site / next(h for h in handouts.handouts(plan) if h.department is None).site_path
    assert pdfread.page_count(full_pdf) <= pdfread.page_count(ours) + 1


def test_the_colophon_is_whole_at_the_last_pages_foot_however_full_the_page(filled, converted):
    """Whether the 版记 fits below the text's last line or not, it stands whole at the foot of the
    last page, and the pages before are as full as the break rules let them be."""
    pdfs = {case: converted[path] for case, path in filled.items()}
    assert {pdfread.page_count(pdf) for pdf in pdfs.values()} == {1, 2}, "no case where the 版记 does not fit"
    test_colophon_last_rule_on_the_foot_of_the_last_pages_block(pdfs)
    test_lines_sit_on_the_22_line_grid_and_pages_are_full(pdfs)


def test_headings_are_bookmarked_by_level_as_in_our_pdf(published, built_site):
    """LibreOffice's PDF has our PDF's outline: the title, 一、 and （一） headings at their levels."""
    for handout, path in published.items():
        ours = pdfread.outline_by_level(built_site / handout.site_path)
        assert pdfread.same_headings(ours, pdfread.outline_by_level(path)) == ours, handout.name


def test_fonts_are_embedded_and_simplified_chinese(published):
    """Every font embedded, named as a Simplified Chinese face, and the body's Chinese characters in
    their Simplified Chinese forms.

    A reviewer reads pdffonts' names: a Noto CJK face named …jp… (as LibreOffice names any face of
    Debian's collections, after their one shared CFF table) reads as the Japanese face, whatever its
    glyphs; set-up's standalone SC copies (scripts/office_fonts.py) carry names of their own. The
    glyphs are checked as well: where the Simplified Chinese face draws a character differently from
    another region's, the PDF must hold the SC glyph. A document language other than zh-CN, or a
    fontconfig without deploy/fontconfig/, makes LibreOffice take another face.
    """
    for handout, path in published.items():
        listing = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
        rows = [line.split() for line in listing.splitlines()[2:] if line.strip()]
        assert rows and all(row[-5] == "yes" for row in rows), f"{handout.name}: a font not embedded"
        names = [row[0].split("+")[-1] for row in rows]
        regions = {match.group(1).upper() for name in names if (match := REGION.search(name))}
        assert regions == {"SC"}, f"{handout.name}: embedded faces {names}"
        checked, wrong = pdfread.regional_forms(path, "SC")
        assert checked, f"{handout.name}: no body text in Noto Serif CJK (is deploy/fontconfig/ installed?)"
        assert not wrong, f"{handout.name}: not in Simplified Chinese forms: {wrong[:20]}"


# --- the task table ----------------------------------------------------------------------------

def ruled_cells(path) -> list[list[list[str]]]:
    """Each page's table as rows of cell texts: each character goes to the ruled box its centre is in."""
    pages = []
    with pymupdf.open(path) as document:
        for page in document:
            rules = [drawing["rect"] for drawing in page.get_drawings()]
            xs = _distinct(rule.x0 for rule in rules if rule.width < 1)
            ys = _distinct(rule.y0 for rule in rules if rule.height < 1)
            table = [["" for _ in xs[1:]] for _ in ys[1:]]
            for block in page.get_text("rawdict")["blocks"]:
                for line in block.get("lines", []):
                    for span in line["spans"]:
                        for char in span["chars"]:
                            x0, y0, x1, y1 = char["bbox"]
                            column, row = bisect.bisect(xs, (x0 + x1) / 2) - 1, bisect.bisect(ys, (y0 + y1) / 2) - 1
                            if 0 <= row < len(table) and 0 <= column < len(table[row]):
                                table[row][column] += char["c"]
            pages.append([[squeeze(text) for text in row] for row in table])
    return pages


def _distinct(positions) -> list[float]:
    """Rule positions, a rule drawn twice (by the cells either side) counted once."""
    result: list[float] = []
    for position in sorted(positions):
        if not result or position - result[-1] > 1:
            result.append(position)
    return result


@pytest.fixture(scope="module")
def tables(built_site, plan, converted, long_table) -> dict[str, tuple[Path, list]]:
    """The published task table and the long one: LibreOffice's PDF of each, and the rows each holds."""
    return {"published": (converted[built_site / handouts.TASK_TABLE.site_path], task_table.rows(plan)),
            "long": (converted[long_table[0]], long_table[1])}


@pytest.mark.parametrize("which", ["published", "long"])
def test_task_table_prints_landscape_with_the_header_on_every_page_and_every_cell_whole(which, tables):
    pdf, table_rows = tables[which]
    with pymupdf.open(pdf) as document:
        assert document.page_count > 1 or which == "published", "the long table should take several pages"
        for page in document:
            assert (page.rect.width, page.rect.height) == pytest.approx(A4_LANDSCAPE, abs=1)
    assert "###" not in pdfread.pdftotext(pdf)
    header = [squeeze(title) for title in task_table.HEADER]
    rows = []
    for number, page in enumerate(ruled_cells(pdf), 1):
        assert page and page[0] == header, f"page {number}: the header row is not repeated"
        rows += page[1:]
    assert rows == [[squeeze(str(value)) for value in row] for row in table_rows]


@pytest.mark.parametrize("which", ["published", "long"])
def test_task_table_cuts_no_text(which, tables):
    """Every word stays inside its column: none crosses a column's rule."""
    with pymupdf.open(tables[which][0]) as document:
        for page in document:
            rules = [drawing["rect"].x0 for drawing in page.get_drawings() if drawing["rect"].width < 1]
            for word in page.get_text("words"):
                assert not any(word[0] + 0.5 < x < word[2] - 0.5 for x in rules), word[4]
