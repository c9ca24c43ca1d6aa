"""The responsibility matrix as a spreadsheet (.xlsx): one row per measure, as departments keep
their task tables. Frozen header, widths that fit Chinese text, printed on A4 landscape with the
header repeated on every page.
"""
from __future__ import annotations

import csv
import io
import unicodedata

from ..data.model import Plan

HEADER = ("序号", "引用编号", "工作措施", "责任部门", "原文程度", "备注")
PENDING = "待明确"
FACE = "仿宋_GB2312"  # offices have it; elsewhere the spreadsheet program substitutes
MAX_WIDTH = 60  # characters of Latin width; longer cells wrap
SHEET_TITLE = "工作措施责任分工"


def rows(plan: Plan) -> list[tuple]:
    """The table's rows below the header, in the plan's order."""
    result = []
    for number, item in enumerate(plan.measures.items, 1):
        owners = "、".join(d.name for d in item.owners) if item.owners else PENDING
        remark = item.owners_pending or ""  # why the owners are open, as the site's matrix shows it
        result.append((number, item.code, item.title, owners, item.extent_label, remark))
    return result


def csv_text(plan: Plan) -> str:
    """The same table as CSV (RFC 4180), with a byte-order mark: Excel on Chinese Windows reads a CSV
    as GBK unless it starts with one."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows(plan))
    return "\ufeff" + out.getvalue()


def write(plan: Plan, target: str) -> None:
    # Imported here: the pages read HEADER on every build, openpyxl only writes the file (~0.1 s).
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE
    line = Side(style="thin", color="000000")
    box = Border(left=line, right=line, top=line, bottom=line)
    sheet.append(HEADER)
    for row in rows(plan):
        sheet.append(row)
    for cells in sheet.iter_rows():
        for cell in cells:
            header = cell.row == 1
            cell.font = Font(name=FACE, size=12, bold=header)
            cell.border = box
            cell.alignment = Alignment(wrap_text=True, vertical="center",
                                       horizontal="center" if header or cell.column in (1, 2) else "left")
    for column, cells in enumerate(sheet.iter_cols(), 1):
        width = max(_display_width(str(c.value or "")) for c in cells)
        sheet.column_dimensions[get_column_letter(column)].width = min(width, MAX_WIDTH) + 2

    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = sheet.ORIENTATION_LANDSCAPE
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    book.properties.title = f"{plan.full_title}：{SHEET_TITLE}"
    book.properties.language = "zh-CN"
    book.save(target)


def _display_width(text: str) -> int:
    """Columns a spreadsheet needs for *text*: two for each wide (Chinese) character."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
