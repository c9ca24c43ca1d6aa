"""The PDF handouts a reader downloads and prints, read back as a reader's tools see them.

Text comes from pdftotext and fonts from pdffonts (poppler-utils), page sizes from pypdf; the
handouts are the ones the strict site build published under downloads/.
"""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from plansite.outputs import document, handouts
from sitepages import all_pages, article_text

CHROMIUM = "/usr/bin/chromium"  # Debian's, never a downloaded one

A4 = (595.28, 841.89)  # points
CLAUSE = re.compile(r"[，；。：、]")
# Families a handout may use: the 公文 faces where installed, else the Noto CJK *SC* stand-ins.
ALLOWED_FONT = re.compile(r"Noto-?S(erif|ans)-?CJK-?SC|FangSong|仿宋|KaiTi|楷体|SimHei|黑体|SimSun|宋体|FZ|方正", re.I)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdftotext(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture(scope="module")
def published(built_site, plan) -> dict:
    """Each handout of the plan mapped to its PDF in the built site."""
    return {h: built_site / h.site_path for h in handouts.handouts(plan)}


@pytest.fixture(scope="module")
def full_pdf(published) -> Path:
    return next(path for h, path in published.items() if h.department is None)


@pytest.fixture(scope="module")
def full_pages(full_pdf) -> list[str]:
    return pdftotext(full_pdf).split("\f")[:-1]


def test_every_handout_is_published(published):
    for handout, path in published.items():
        assert path.is_file() and path.read_bytes().startswith(b"%PDF-"), handout.name


def test_full_handout_holds_every_clause_of_the_plan(full_pdf, plan):
    text = squeeze(pdftotext(full_pdf))
    clauses = {squeeze(c) for _, line in plan.texts() for c in CLAUSE.split(line) if c.strip()}
    missing = sorted(c for c in clauses if c not in text)
    assert not missing


def test_full_handout_reads_in_document_order_with_no_paragraph_cut_by_a_page_footer(full_pages, plan):
    body = squeeze("".join(full_pages[1:]))  # after the contents page
    position = 0
    for block in document.full_text(plan):
        if block.kind == "title":
            continue
        found = body.find(squeeze(block.text), position)
        assert found >= 0, f"not found whole, in order: {block.text[:40]}"
        position = found + len(squeeze(block.text))


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


def test_page_numbers_at_the_outer_foot_in_dash_form(full_pdf, full_pages):
    for number, text in enumerate(full_pages, 1):
        lines = [line for line in text.splitlines() if line.strip()]
        assert re.fullmatch(rf"—\s*{number}\s*—", lines[-1].strip()), (number, lines[-1])
    width, height = A4
    for number in (1, 2):  # odd pages at the right, even pages at the left
        foot = dict(x=0, y=int(height * 0.87), W=int(width), H=int(height * 0.13))
        left = pdftotext(full_pdf, "-f", str(number), "-l", str(number), "-x", str(foot["x"]),
                         "-y", str(foot["y"]), "-W", str(int(width / 2)), "-H", str(foot["H"]))
        assert (f"{number}" in left) == (number % 2 == 0), (number, left)


def test_contents_lists_every_heading_with_its_page(full_pages, plan):
    contents = full_pages[0]
    for section in plan.sections:
        for obj in [section, *section.items]:
            heading = obj.label + obj.title
            match = re.search(re.escape(squeeze(heading)) + r"[·.…]*(\d+)", squeeze(contents))
            assert match, f"{heading} not in the contents"
            page = int(match.group(1))
            assert squeeze(heading) in squeeze(full_pages[page - 1]), f"{heading} is not on page {page}"


def test_markers_as_on_the_site(full_pdf, plan):
    text = squeeze(pdftotext(full_pdf))
    items = plan.measures.items + plan.guarantees.items
    assert text.count("【原文仅存标题】") == sum(i.extent == "title_only" for i in items)
    assert text.count("【原文至此中断】") == sum(p.truncated for i in items for p in i.points)
    pending = [i for i in plan.measures.items if i.owners_pending]
    for item in pending:
        assert f"待明确（{item.owners_pending}）" in text
    assert text.count("责任部门：待明确") == len(pending)


def test_colophon_names_the_revision(full_pdf):
    text = squeeze(pdftotext(full_pdf))
    log = subprocess.run(["git", "log", "-1", "--format=%h %cs"], capture_output=True, text=True)
    if log.returncode == 0 and log.stdout.strip():
        commit, date = log.stdout.split()
        assert f"数据版本：提交{commit}（{date}）" in text
    else:
        assert "数据版本：未知" in text


def test_each_department_handout_holds_exactly_its_measures(published, plan):
    titles = {item: item.label + item.title for item in plan.measures.items + plan.guarantees.items}
    departments = [h for h in published if h.department is not None]
    assert {h.department for h in departments} == {d for d in plan.departments if d.owns}
    for handout in departments:
        text = squeeze(pdftotext(published[handout]))
        assert handout.department.name in text
        for item, title in titles.items():
            if item in handout.department.owns:
                assert squeeze(title) in text, f"{handout.name} lacks {title}"
                for point in item.points:
                    assert squeeze(document.point_text(point)) in text
            else:
                assert item.title not in text, f"{handout.name} holds {title}"
        # The plan's context: its title, basis and focus areas in short.
        assert squeeze(plan.full_title) in text and squeeze(plan.basis) in text
        for area in plan.areas:
            assert squeeze(area.label + area.title) in text


def test_departments_without_measures_get_no_handout_and_are_told_why(built_site, plan):
    downloads = article_text(built_site / "downloads.html")
    for department in handouts.without_handout(plan):
        assert not (built_site / handouts.SITE_DIR / f"department-{department.id}.pdf").exists()
        assert department.name in downloads
        page = article_text(built_site / "departments" / f"{department.id}.html")
        assert "没有本部门的分册" in page
    assert "没有分册的部门" in downloads or not handouts.without_handout(plan)


def test_handouts_linked_from_home_downloads_and_department_pages(built_site, plan):
    pages = {path.relative_to(built_site).as_posix(): page for path, page in all_pages(built_site).items()}
    for handout in handouts.handouts(plan):
        for page in ("index.html", "downloads.html"):
            assert any(link.endswith(handout.site_path) for link in pages[page].links), (page, handout.name)
        if handout.department:
            page = pages[f"departments/{handout.department.id}.html"]
            assert any(link.endswith(handout.site_path) for link in page.links)


def test_unchanged_inputs_reuse_the_cached_handouts_and_a_preview_has_the_last_set(plan, tmp_path):
    plan_file, cache = Path(plan.file), tmp_path / "cache"
    first = handouts.build(plan, str(plan_file), str(cache))
    stamps = {h: Path(p).stat().st_mtime_ns for h, p in first.items()}
    again = handouts.build(plan, str(plan_file), str(cache))
    assert {h: Path(p).stat().st_mtime_ns for h, p in again.items()} == stamps
    assert handouts.cached(plan, str(plan_file), str(cache)) == first
    # Any change to the plan's bytes asks for new PDFs; meanwhile `mkdocs serve` shows the last set.
    edited = tmp_path / "plan.yaml"
    edited.write_bytes(plan_file.read_bytes() + b"\n")
    assert handouts.cached(plan, str(edited), str(cache)) is None
    assert handouts.latest(plan, str(cache)) == first


def test_browser_print_shows_the_article_only_and_keeps_problem_items_whole(built_site, plan, tmp_path):
    area = max(plan.areas, key=lambda a: len(a.problems))
    page = built_site / "areas" / f"{area.id}.html"
    pdf = tmp_path / "printed.pdf"
    assert os.path.exists(CHROMIUM), "Debian's chromium is missing: `make test` installs it"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                    f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", page.as_uri()], check=True, capture_output=True, timeout=120)
    # Chromium sets curly quotes in a Latin face that pdftotext reads out of line: compare without them.
    plain = lambda text: re.sub(r"[“”]", "", squeeze(text))  # noqa: E731
    sheets = [plain(text) for text in pdftotext(pdf).split("\f")]
    printed = "".join(sheets)
    # Navigation, header and footer are gone: the other pages' names appear nowhere.
    for other in plan.areas:
        if other is not area:
            assert plain(other.label + other.title) not in printed
    assert "责任矩阵" not in printed and "编辑状态" not in printed
    for problem in area.problems:
        heading = plain(problem.title)
        assert any(heading in sheet and plain(problem.text) in sheet for sheet in sheets), \
            f"{problem.code} split from its heading, split itself, or missing"
