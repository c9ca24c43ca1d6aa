"""The programs each download is verified in, named once: the 下载 page says so, and the tests open
the files in these very programs (tests/test_libreoffice.py converts with LibreOffice and checks that
its version is the one named here; tests/test_pdf.py and tests/test_office.py read with the others),
so what the page claims and what the tests do cannot drift apart.
"""
from __future__ import annotations

from dataclasses import dataclass

# Debian 12's: the OpenOffice line that several domestic office suites descend from.
LIBREOFFICE = "7.4"


@dataclass(frozen=True)
class Program:
    name: str  # as a reader knows it
    check: str  # what the tests do with the file in it


VERIFIED_IN = {
    "PDF": (Program("Poppler", "读出全文、字体"), Program("MuPDF", "逐行测量位置、字数、字体")),
    "Word 文档": (Program(f"LibreOffice Writer {LIBREOFFICE}", "转为 PDF，按 PDF 的同一套标准逐页测量"),
                 Program("python-docx", "读回页面、网格、字体和全文")),
    "Excel 表格": (Program(f"LibreOffice Calc {LIBREOFFICE}", "转为 PDF，核对 A4 横向、每页表头、每格文字完整"),
                  Program("openpyxl", "读回每行每列")),
}
