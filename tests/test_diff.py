"""The plan diff says what an editor changed in plan terms: codes, ids, owners, marked words.

Edits are made to the small excerpt plan of tests/cases/00_valid, so that the expectations stay
put when data/plan.yaml grows.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from plansite.data import loader
from plansite.outputs import plan_diff

ROOT = Path(__file__).resolve().parent.parent
BASE = (ROOT / "tests" / "cases" / "00_valid" / "plan.yaml").read_text(encoding="utf-8")


def edited(*replacements: tuple[str, str]) -> str:
    text = BASE
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def diff(new_text: str, old_text: str = BASE) -> str:
    old = loader.load_bytes("old.yaml", old_text.encode("utf-8"))
    new = loader.load_bytes("new.yaml", new_text.encode("utf-8"))
    return plan_diff.markdown(plan_diff.compare(old, new), "main", "本次修改")


def bullets(markdown: str) -> list[str]:
    return [line for line in markdown.split("\n") if line.startswith("- ")]


def test_an_unchanged_plan_says_so():
    assert "方案内容没有变化。" in diff(BASE)


def test_a_changed_word_is_marked_in_place():
    out = diff(edited(("- lead: 严肃执纪问责。", "- lead: 严格执纪问责。")))
    assert bullets(out) == ["- 要点 二（二）一是 严格执纪问责。 · 要点句：严<del>肃</del><ins>格</ins>执纪问责。"]
    assert "文字修改 1 处" in out


def test_a_long_text_keeps_only_the_context_of_the_change():
    out = diff(edited(("拓宽信访举报渠道，", "拓宽信访和网络举报渠道，")))
    [line] = bullets(out)
    assert line.startswith("- 要点 二（二）一是 严肃执纪问责。 · 正文：拓宽信访<ins>和网络</ins>举报渠道，")
    assert line.endswith("……")
    assert len(line) < 80  # the 300-character body is not repeated


def test_owner_changes_name_the_measure_and_both_sets_of_departments():
    out = diff(edited(("owners: [zuzhibu, xuanchuanbu]", "owners: [zuzhibu]"),
                      ("      owners_pending: 原文未载明\n      points:", "      owners: [zhuanxiangban]\n      points:")))
    assert "### 责任部门" in out
    assert bullets(out) == [
        "- 工作措施 二（一） 加强政治思想引领（`political-guidance`）：区委组织部、区委宣传部 → 区委组织部",
        "- 工作措施 二（二） 严肃追责问责（`accountability`）：待明确（原文未载明） → 区委专项办",
    ]


def test_added_and_removed_items_are_cited_by_code_and_id():
    out = diff(edited(("    - id: clear-blockages\n      title: 打通梗阻堵点\n      extent: title_only\n"
                       "      owners_pending: 原文未载明\n", ""),
                      ("    - id: leadership\n      title: 强化组织领导\n      extent: title_only",
                       "    - id: leadership\n      title: 强化组织领导\n      extent: title_only\n"
                       "    - id: clear-blockages-2\n      title: 打通梗阻堵点\n      extent: title_only")))
    assert "### 新增\n\n- 组织保障 三（二） 打通梗阻堵点（`clear-blockages-2`）" in out
    assert "### 删除\n\n- 工作措施 二（三） 打通梗阻堵点（`clear-blockages`）（原编号 二（三））" in out


def test_reordered_problems_show_their_old_and_new_codes():
    first = "        - id: study-half-hearted\n"
    text = BASE
    start = text.index(first)
    second = text.index("        - id: discipline-lax\n")
    end = text.index("    - id: other\n")
    swapped = text[:start] + text[second:end] + text[start:second] + text[end:]
    out = diff(swapped)
    moves = [b for b in bullets(out) if "→" in b]
    assert moves == [
        "- 问题 一（一）1 政治意识和纪律规矩意识淡漠（`discipline-lax`）：一（一）2 → 一（一）1",
        "- 问题 一（一）2 学习贯彻习近平新时代中国特色社会主义思想、落实习近平总书记对天津工作“三个着力”重要要求、"
        "系列重要讲话和指示批示精神不主动、打折扣（`study-half-hearted`）：一（一）1 → 一（一）2",
    ]
    assert "文字修改" not in out


def test_a_renumbered_area_carries_its_problems_in_one_line():
    out = diff(edited(("    - id: other\n      target: 深入治理庸懒散浮拖、腾挪闪避绕等其他形式主义官僚主义和不担当不作为问题。\n"
                       "      problems: []\n", ""),
                      ("  areas:\n", "  areas:\n    - id: other\n      target: 深入治理庸懒散浮拖、腾挪闪避绕等其他形式主义官僚主义和不担当不作为问题。\n")))
    moves = [b for b in bullets(out) if "→" in b]
    assert moves == [
        "- 治理重点 一（一） 深入治理庸懒散浮拖、腾挪闪避绕等其他形式主义官僚主义和不担当不作为问题（`other`）：一（二） → 一（一）",
        "- 治理重点 一（二） 围绕贯彻落实党中央重大决策部署和市委、区委部署要求（`decisions`）：一（一） → 一（二）（其下 2 条问题随之改号）",
    ]


def test_an_inserted_point_is_one_addition_and_the_later_points_are_renumbered():
    out = diff(edited(("        - lead: 着力强化理想信念教育。\n", "        - lead: 着力提升政治能力和履职本领。\n"
                                                            "        - lead: 着力强化理想信念教育。\n")))
    assert "### 新增\n\n- 要点 二（一）二是 着力提升政治能力和履职本领。\n" in out
    assert [b for b in bullets(out) if "→" in b] == [
        "- 要点 二（一）三是 着力强化理想信念教育。：二（一）二是 → 二（一）三是",
        "- 要点 二（一）四是 着力提升政治能力和履职本领。：二（一）三是 → 二（一）四是",
    ]
    assert "文字修改" not in out


def test_plan_text_in_the_diff_cannot_become_markup():
    out = diff(edited(("title: 强化组织领导", "title: 强化组织领导<script>alert“1”</script>")))
    assert "<script>" not in out
    assert "<ins>&#60;script&#62;alert“1”&#60;/script&#62;</ins>" in out


def run(*args: str, markdown: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "build_data.py"), "diff", *args]
                          + (["--markdown"] if markdown else []), cwd=ROOT, capture_output=True, text=True)


def test_the_terminal_gets_plain_text(tmp_path):
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(BASE, encoding="utf-8")
    new.write_text(edited(("title: 强化组织领导", "title: 强化组织领导<b>~1</b>")), encoding="utf-8")
    out = run(str(old), str(new), markdown=False).stdout
    assert "强化组织领导{+<b>~1</b>+}" in out  # the text as typed, the change marked as git's word diff does
    assert not re.search(r"&#|<ins>|^#|\*\*|`", out, re.M), out


def test_the_command_compares_files_and_reports_an_invalid_side_with_its_located_errors(tmp_path):
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(BASE, encoding="utf-8")
    new.write_text(edited(("- id: clear-blockages", "- id: accountability")), encoding="utf-8")
    result = run(str(old), str(new))
    assert result.returncode == 1
    assert "**新版" in result.stdout and "有错误，无法比较" in result.stdout
    assert f"{new}:62:11: 错误: 编号（id）“accountability”重复（第 51 行已使用）" in result.stdout
    assert "Traceback" not in result.stderr


def test_the_command_reads_git_revisions():
    if subprocess.run(["git", "-C", str(ROOT), "cat-file", "-e", "HEAD:data/plan.yaml"]).returncode != 0:
        pytest.skip("not a git checkout")
    result = run("HEAD", "HEAD")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("## 方案变更：HEAD:data/plan.yaml → HEAD:data/plan.yaml")
    assert "方案内容没有变化。" in result.stdout
    missing = run("no-such-revision")
    assert missing.returncode == 1
    assert "“no-such-revision”既不是文件，也不是含有 data/plan.yaml 的 git 版本" in missing.stdout
