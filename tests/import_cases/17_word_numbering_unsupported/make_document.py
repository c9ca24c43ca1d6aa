"""A Word file whose parts are numbered by Word in Roman numerals, which a 公文 plan never uses."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from import_docs import numbered_docx  # noqa: E402

numbered_docx([(None, "关于开展测试专项行动的实施方案（2024—2025年）"), (None, "为落实《XX市测试工作方案》要求，制定本方案。"),
               (0, "治理重点")], Path(sys.argv[1]), levels=(("upperRoman", "%1."),))
