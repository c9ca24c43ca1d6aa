"""`build_data.py import`: a plan comes in from its document, as a new plan or as a revision.

Ids are compared by nothing but their shape: a new plan's ids are generated (pinyin of the titles),
so a fresh import is compared with the plan it came from item for item through ``content``
(import_docs), which leaves ids out and names owners by department name. The department register
of a fresh import holds the departments the document names as owners (the only ones it can know);
the plan it came from may register more (named only in the text), so the register is compared as
a subset. Importing into the plan itself must change nothing, ids and register included.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from plansite.data import loader, releases, synthetic
from plansite.data.errors import PlanError
from plansite.data.importing import ids, outline, readers, run
from plansite.data.numerals import chinese
from plansite.outputs import plan_diff

import import_docs
from import_docs import content

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "source" / "plan-source.txt"
PLAN = ROOT / "data" / "plan.yaml"
SECOND = ROOT / "tests" / "documents" / "second-plan.txt"
CASES = sorted(p for p in (ROOT / "tests" / "import_cases").iterdir() if p.is_dir())
ID = r"^[a-z][a-z0-9-]{0,62}$"


@pytest.fixture(scope="module")
def original_file(tmp_path_factory) -> Path:
    """The original release's snapshot (before any release: the working plan)."""
    first = releases.load(str(PLAN)).original
    return Path(first.snapshot) if first else PLAN


def _import(document: Path, plan_file: Path):
    return run(str(document), str(plan_file))


def _plan_ids(plan) -> list[str]:
    return [d.id for d in plan.departments] + [i.id for s in plan.sections for i in s.items] + [p.id for p in plan.problems]


# --- the received copy -------------------------------------------------------------------------

def test_source_copy_reproduces_the_original_release(tmp_path, original_file):
    imported = _import(SOURCE, tmp_path / "plan.yaml").new
    original = loader.load(str(original_file))
    # Outline, every text, the lead/body split, extents, owners and pending; notes are the editors'.
    assert content(imported, notes=False) == content(original, notes=False)
    owners = {d.name for item in original.measures.items for d in item.owners}
    assert {d.name for d in imported.departments} == owners <= {d.name for d in original.departments}
    assert all(re.match(ID, i) for i in _plan_ids(imported))


def test_source_copy_into_the_original_release_changes_nothing(tmp_path, original_file):
    copy = tmp_path / "plan.yaml"
    shutil.copyfile(original_file, copy)
    result = _import(SOURCE, copy)
    assert not result.written and copy.read_bytes() == original_file.read_bytes()
    assert not plan_diff.compare(result.old, result.new)


@pytest.mark.parametrize("encoding, newline, named", [
    ("utf-8-sig", "\r\n", "编码 UTF-8（带 BOM），换行 CRLF（Windows）"),
    ("gb18030", "\r\n", "编码 GB18030（GBK），换行 CRLF（Windows）"),
    ("gbk", "\n", "编码 GB18030（GBK），换行 LF"),
    ("utf-8", "\r", "编码 UTF-8，换行 CR（旧 Mac）"),
])
def test_encodings_and_line_ends_are_detected_and_named(tmp_path, encoding, newline, named):
    document = tmp_path / "copy.txt"
    document.write_bytes(SOURCE.read_text(encoding="utf-8").replace("\n", newline).encode(encoding))
    result = _import(document, tmp_path / "plan.yaml")
    assert result.source.description.startswith(named)
    _import(SOURCE, tmp_path / "reference.yaml")
    assert (tmp_path / "plan.yaml").read_text(encoding="utf-8").split("\n", 3)[3] == \
        (tmp_path / "reference.yaml").read_text(encoding="utf-8").split("\n", 3)[3]  # after the header


# --- the site's own documents and synthetic plans ------------------------------------------------

def test_the_sites_own_word_file_imports_back_to_the_same_plan(tmp_path):
    plan = loader.load(str(PLAN))
    document = import_docs.write_docx(plan, tmp_path / "plan.docx")
    assert content(_import(document, tmp_path / "fresh.yaml").new) == content(plan)
    copy = tmp_path / "plan.yaml"
    shutil.copyfile(PLAN, copy)
    assert not _import(document, copy).written and copy.read_bytes() == PLAN.read_bytes()


@pytest.mark.parametrize("seed", range(6))
def test_synthetic_plans_as_word_and_as_text_import_back_to_themselves(tmp_path, seed):
    data = synthetic.generate(2, loader.load(str(PLAN)), seed=seed)
    source = tmp_path / "synthetic.yaml"
    source.write_text(synthetic.dump(data), encoding="utf-8")
    plan = loader.load(str(source))
    word = import_docs.write_docx(plan, tmp_path / "plan.docx")
    text = import_docs.write_text(plan, tmp_path / "plan.txt", "gb18030", "\r\n")
    for document in (word, text):
        assert content(_import(document, tmp_path / f"{document.suffix[1:]}.yaml").new) == content(plan), document
        copy = tmp_path / f"copy{document.suffix}.yaml"
        shutil.copyfile(source, copy)
        assert not _import(document, copy).written, document  # ids, notes, layout: all kept


def test_word_automatic_numbering_is_read_as_typed_numbers(tmp_path):
    lines = [(None, "关于开展测试专项行动的实施方案（2024—2025年）"), (None, "为落实《XX市测试工作方案》要求，制定本方案。"),
             (0, "治理重点"), (1, "围绕测试甲，深入治理问题甲等问题。"), (2, "问题一，详细说明。"), (2, "问题二，详细说明。"),
             (1, "围绕测试乙，深入治理问题乙等问题。"), (2, "问题三，详细说明。"),
             (0, "工作措施"), (1, "措施甲，副标题甲"), (None, "一是要点甲。正文甲。"), (None, "责任部门：区委办"),
             (0, "组织保障"), (1, "保障甲"), (None, "保障正文。")]
    document = import_docs.numbered_docx(lines, tmp_path / "numbered.docx")
    result = _import(document, tmp_path / "plan.yaml")
    plan = result.new
    assert [p.code for p in plan.problems] == ["一（一）1", "一（一）2", "一（二）1"]
    assert plan.areas[1].heading == "围绕测试乙" and plan.guarantees.items[0].text == "保障正文。"
    assert "自动编号" in result.source.description


def test_word_restart_numbering_starts_again_at_one(tmp_path):
    """Word's 重新开始编号 (a w:num of the same list with w:startOverride): 1. again, as Word shows it."""
    lines = [(None, "关于开展测试专项行动的实施方案（2024—2025年）"), (None, "为落实《XX市测试工作方案》要求，制定本方案。"),
             (None, "一、治理重点"), (None, "（一）围绕测试甲，深入治理问题甲等问题。"), (0, "问题一，详细说明。"),
             (0, "问题二，详细说明。"), (None, "（二）围绕测试乙，深入治理问题乙等问题。"), (0, "问题三，详细说明。", 91),
             (0, "问题四，详细说明。", 91), (None, "二、工作措施"), (None, "（一）措施甲，副标题甲"), (None, "一是要点甲。正文甲。"),
             (None, "责任部门：区委办"), (None, "三、组织保障"), (None, "（一）保障甲"), (None, "保障正文。")]
    document = import_docs.numbered_docx(lines, tmp_path / "restarted.docx", levels=(("decimal", "%1."),))
    plan = _import(document, tmp_path / "plan.yaml").new
    assert [(p.code, p.text) for p in plan.problems] == [
        ("一（一）1", "问题一，详细说明。"), ("一（一）2", "问题二，详细说明。"),
        ("一（二）1", "问题三，详细说明。"), ("一（二）2", "问题四，详细说明。")]


# --- a revision ----------------------------------------------------------------------------------

REVISED = [("照本宣科、结合实际不紧密", "照本宣科、联系实际不紧密"),  # a word changed in 一（一）1
           ("群众满意度低。\n", "群众满意度低。\n5.政务公开不及时不全面,群众知情权、参与权、监督权落实不到位。\n"),  # a problem added to 一（四）
           ("责任部门:区委组织部、区委宣传部", "责任部门:区委组织部、区委宣传部、区委党校")]  # an owner added


def _revised_source(tmp_path: Path, encoding: str) -> Path:
    text = SOURCE.read_text(encoding="utf-8")
    for old, new in REVISED:
        assert old in text, old
        text = text.replace(old, new, 1)
    document = tmp_path / "revised.txt"
    document.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return document


def test_a_revision_changes_exactly_what_the_document_changed(tmp_path, original_file):
    copy = tmp_path / "plan.yaml"
    shutil.copyfile(original_file, copy)
    before = loader.load(str(copy))
    result = _import(_revised_source(tmp_path, "gb18030"), copy)
    changes = plan_diff.compare(result.old, result.new)
    assert [u.key[0] for u in changes.added] == ["problem"] and result.new.areas[3].problems[-1].code == "一（四）5"
    assert [(u.key, field) for u, field, *_ in changes.texts] == [(("problem", before.problems[0].id), "text")]
    assert [b.owners for _, b in changes.owners] == [("区委组织部", "区委宣传部", "区委党校")]
    assert not changes.removed and not changes.moved
    # Ids and editors' notes stay; the new problem's id is generated and passes the schema.
    assert set(_plan_ids(before)) < set(_plan_ids(result.new))
    assert [(h.code, h.note) for h in result.new.notes()] == [(h.code, h.note) for h in before.notes()]
    # The YAML diff is what changed and nothing else: the new problem's two lines and the two edits.
    added = next(p for p in result.new.problems if p.id == changes.added[0].key[1])
    old_lines, new_lines = original_file.read_text(encoding="utf-8").split("\n"), copy.read_text(encoding="utf-8").split("\n")
    assert len(new_lines) - len(old_lines) == 2
    assert sum(a != b for a, b in zip(old_lines, [l for l in new_lines if added.id not in l and
                                                  added.text not in l])) == 2


def test_a_document_that_breaks_off_keeps_what_the_plan_has_beyond_the_break(tmp_path, original_file):
    """An editor completed 二（三） from the official copy; the received copy, imported again, holds only its title."""
    from plansite.data.importing import writer

    copy = tmp_path / "plan.yaml"
    original = loader.load(str(original_file))
    title_only = next(i for i in original.measures.items if i.extent == "title_only")
    tree, _, layout = writer.load(str(original_file))
    item = next(i for i in tree["measures"]["items"] if i["id"] == title_only.id)
    del item["owners_pending"]
    item["extent"], item["owners"] = "complete", [original.departments[0].id]
    item["points"] = [{"lead": "据正式印发件补录的要点。"}]
    copy.write_text(writer.dump(tree, "", layout), encoding="utf-8")
    assert next(i for i in loader.load(str(copy)).measures.items if i.id == title_only.id).points  # still a valid plan
    result = _import(SOURCE, copy)
    assert not result.written and f"{title_only.title}（{title_only.id}）" in result.outcome.kept_beyond_break


# --- a second plan: other titles, departments, wording --------------------------------------------

@pytest.fixture(scope="module")
def second_plan(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("second")
    document = folder / "second.txt"
    document.write_bytes(SECOND.read_text(encoding="utf-8").replace("\n", "\r\n").encode("gb18030"))
    _import(document, folder / "plan.yaml")
    return folder / "plan.yaml"


def test_a_second_plan_imports_in_the_schemas_shape(second_plan):
    plan = loader.load(str(second_plan))
    assert plan.full_title == "关于开展优化营商环境“清障提效”专项行动的实施方案（2024—2025年）"
    assert [a.heading for a in plan.areas] == ["聚焦政务服务效能", "聚焦公平竞争环境", "聚焦惠企政策落实", None]
    assert [len(a.problems) for a in plan.areas] == [3, 2, 3, 0]
    measures = plan.measures.items
    assert [[d.name for d in m.owners] for m in measures] == [
        ["区政务服务办", "区住房和建设委员会", "各镇街"], ["区司法局"], ["区财政局", "区工业和信息化局"], []]
    assert measures[3].owners_pending == outline.PENDING  # complete, and names no owner
    assert measures[2].text.startswith("建立惠企政策“免申即享”清单") and not measures[2].points
    guarantees = plan.guarantees.items
    assert [g.title for g in guarantees] == ["加强组织领导", "压实工作责任", "强化督导考核", "营造良好氛围"]
    assert guarantees[2].text.startswith("区委督查室")  # a heading with its paragraph run in
    assert [p.lead for p in guarantees[3].points] == ["加强宣传引导。", "选树先进典型。"]
    check = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_data.py"), "check", str(second_plan)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


def test_the_second_plan_as_word_imports_back(second_plan, tmp_path):
    plan = loader.load(str(second_plan))
    document = import_docs.write_docx(plan, tmp_path / "second.docx")
    assert content(_import(document, tmp_path / "fresh.yaml").new) == content(plan)


@pytest.fixture(scope="module")
def second_site(second_plan, tmp_path_factory) -> Path:
    from released import build

    folder = tmp_path_factory.mktemp("second-site")
    build(synthetic.project(str(folder), str(second_plan)), folder / "site")  # mkdocs build --strict
    return folder / "site"


def test_the_second_plan_builds_and_shows_each_items_paragraph(second_plan, second_site):
    """An item's paragraph (text) is on its page, the full text, in search, and in the PDF and Word handouts."""
    import docx

    from pdfread import pdftotext, squeeze
    from plansite.site.search_terms import ZWSP
    from sitepages import article_text

    plan = loader.load(str(second_plan))
    paragraphs = [(item, item.text) for item in plan.measures.items + plan.guarantees.items if item.text]
    assert len(paragraphs) == 4
    search = json.loads((second_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    indexed = "".join(doc["text"] for doc in search["docs"]).replace(ZWSP, "")
    full = article_text(second_site / "fulltext.html")
    pdf = squeeze(pdftotext(second_site / "downloads" / "plan.pdf"))
    word = "".join(p.text for p in docx.Document(str(second_site / "downloads" / "plan.docx")).paragraphs)
    for item, text in paragraphs:
        section = "measures" if item.is_measure else "guarantees"
        assert text in article_text(second_site / section / f"{item.id}.html"), item.id
        assert text in full and text in indexed and squeeze(text) in pdf and text in word, item.id
    owner = plan.measures.items[2].owners[0]  # a department's handout holds its measure's paragraph
    handout = docx.Document(str(second_site / "downloads" / f"department-{owner.id}.docx"))
    assert plan.measures.items[2].text in "".join(p.text for p in handout.paragraphs)


# --- ids ---------------------------------------------------------------------------------------

def test_ids_are_readable_stable_and_never_clash_with_point_anchors():
    assert ids.slug("加强检查考核") == "jiaqiang-jiancha-kaohe"
    assert ids.slug("区委组织部") == ids.slug("区委组织部") == "quwei-zuzhi-bu"
    given = ids.Ids({"jiaqiang-jiancha-kaohe"}, {"index"})
    assert given.give("加强检查考核", "measure", points=2) == "jiaqiang-jiancha-kaohe-b"
    assert given.give("加强检查考核", "measure") == "jiaqiang-jiancha-kaohe-c"
    assert given.give("“”", "guarantee") == "guarantee"
    assert ids.slug("落实50项正负面清单") == "luoshi50-xiangzheng-fumian"  # digits never after a hyphen


# --- errors: each kind, said at the document's place, nothing written -------------------------------

@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_import_case(case, tmp_path):
    maker = case / "make_document.py"
    if maker.exists():
        name = "document.docx"
        subprocess.run([sys.executable, str(maker), str(tmp_path / name)], check=True)
    else:
        name = next(p.name for p in case.iterdir() if p.name.startswith("document"))
        shutil.copyfile(case / name, tmp_path / name)
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_data.py"), "import", name, "plan.yaml"],
                            cwd=tmp_path, capture_output=True, text=True)
    expected = case / "expected.txt"
    if case.name == "00_valid":
        assert result.returncode == 0, result.stderr
        assert "新方案：写入 plan.yaml" in result.stdout
        assert "下一步：运行 .venv/bin/python scripts/build_data.py check plan.yaml 检查" in result.stdout  # not data/plan.yaml
        return
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "plan.yaml").exists()
    assert result.stderr == expected.read_text(encoding="utf-8")


def test_a_broken_plan_file_is_not_revised(tmp_path):
    broken = tmp_path / "plan.yaml"
    broken.write_text("title: [\n", encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        _import(SOURCE, broken)
    assert "现有的方案文件有错误" in caught.value.problems[0].message
    assert broken.read_text(encoding="utf-8") == "title: [\n"


def test_the_written_plan_passes_yamllint(tmp_path):
    _import(SOURCE, tmp_path / "plan.yaml")
    result = subprocess.run([sys.executable, "-m", "yamllint", "-c", str(ROOT / ".yamllint"), str(tmp_path / "plan.yaml")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert yaml.safe_load((tmp_path / "plan.yaml").read_text(encoding="utf-8"))["period"] == {"start": 2021, "end": 2023}


def test_reader_table_names_the_formats():
    assert sorted(readers.READERS) == [".docx", ".txt"]


def test_an_items_paragraph_is_in_the_diff_and_the_export(second_plan, tmp_path):
    from plansite.outputs.export import model_dict

    edited = tmp_path / "plan.yaml"
    edited.write_text(second_plan.read_text(encoding="utf-8").replace("研究解决重大问题。", "研究解决重大难题。"), encoding="utf-8")
    old, new = loader.load(str(second_plan)), loader.load(str(edited))
    changes = plan_diff.compare(old, new)
    assert [(u.code, field) for u, field, *_ in changes.texts] == [("三（一）", "text")]
    assert "条文：……进各项工作，研究解决重大<del>问</del><ins>难</ins>题。" in plan_diff.markdown(changes, "旧", "新")
    assert model_dict(new)["sections"][2]["items"][0]["text"].endswith("研究解决重大难题。")


def test_an_item_that_changed_places_keeps_its_id(tmp_path, original_file):
    area = loader.load(str(original_file)).areas[1]  # 一（二）: its first two problems trade places
    one, two = (p.text for p in area.problems[:2])
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    first = next(n for n in range(len(lines) - 1)
                 if outline.normal(lines[n]).endswith(one) and outline.normal(lines[n + 1]).endswith(two))
    at = [outline.NUMBERED.match(line).start(3) for line in lines[first:first + 2]]
    lines[first], lines[first + 1] = lines[first][:at[0]] + lines[first + 1][at[1]:], lines[first + 1][:at[1]] + lines[first][at[0]:]
    document = tmp_path / "moved.txt"
    document.write_text("\n".join(lines), encoding="utf-8")
    copy = tmp_path / "plan.yaml"
    shutil.copyfile(original_file, copy)
    result = _import(document, copy)
    changes = plan_diff.compare(result.old, result.new)
    codes = [p.code for p in area.problems[:2]]
    assert [(a.code, b.code) for a, b in changes.moved] == [(codes[1], codes[0]), (codes[0], codes[1])]
    assert not (changes.added or changes.removed or changes.texts)


def test_a_point_typed_into_the_sites_word_file_splits_at_its_full_stop(tmp_path):
    """A paragraph added in Word without the bold lead our handouts set is split by its words."""
    import docx

    plan = loader.load(str(PLAN))
    item = next(i for i in plan.measures.items if i.points and not i.points[-1].truncated)
    document = docx.Document(str(import_docs.write_docx(plan, tmp_path / "plan.docx")))
    last = next(p for p in document.paragraphs if p.text.startswith(item.points[-1].ordinal + item.points[-1].lead))
    added = last.insert_paragraph_before(f"{chinese(len(item.points) + 1)}是新增的要点。新增要点的正文。")
    last._p.addnext(added._p)
    document.save(str(tmp_path / "edited.docx"))
    copy = tmp_path / "plan.yaml"
    shutil.copyfile(PLAN, copy)
    point = next(i for i in _import(tmp_path / "edited.docx", copy).new.measures.items if i.id == item.id).points[-1]
    assert (point.lead, point.body) == ("新增的要点。", "新增要点的正文。")


def test_a_heading_that_ends_itself_keeps_its_paragraph(tmp_path):
    document = tmp_path / "plan.txt"
    document.write_text("关于开展测试专项行动的实施方案（2024—2025年）\n为落实《XX市测试工作方案》要求，制定本方案。\n一、治理重点\n"
                        "（一）围绕测试甲，深入治理问题甲等问题。\n1.问题一，详细说明。\n二、工作措施\n（一）措施甲。\n一是要点甲。正文甲。\n"
                        "责任部门：区委办\n三、组织保障\n（一）保障甲。\n保障正文。\n（二）保障乙。乙的正文，连在标题后。\n", encoding="utf-8")
    plan = _import(document, tmp_path / "plan.yaml").new
    assert [(i.title, i.text) for i in plan.guarantees.items] == [("保障甲", "保障正文。"), ("保障乙", "乙的正文，连在标题后。")]
    assert plan.measures.items[0].title == "措施甲"


# --- Word documents set to GB/T 9704: faces, rules -----------------------------------------------

SMALL = ["关于开展测试专项行动的实施方案（2024—2025年）",
         "为落实《XX市测试工作方案》要求，结合本区实际，制定本方案，请各部门认真贯彻落实，确保取得实效。",
         "一、治理重点",
         "（一）聚焦测试甲，深入治理问题甲等问题。",
         "1.问题一，详细说明这一问题在基层的种种表现和造成的后果，以及群众反映的情况。",
         "2.问题二，详细说明这一问题在基层的种种表现和造成的后果，以及群众反映的情况。",
         "（二）聚焦测试乙，深入治理问题乙等问题。",
         "1.问题三，详细说明这一问题在基层的种种表现和造成的后果，以及群众反映的情况。",
         "二、工作措施",
         "（一）深化测试改革，推动测试提速增效",
         "一是要点甲。正文甲，详细说明这一要点如何落实，由谁负责，何时完成，怎样检查。",
         "责任部门：区委办、区政府办",
         "三、组织保障",
         "（一）加强组织领导",
         "成立专项行动领导小组，统筹推进各项工作，研究解决重大问题，定期听取工作汇报。",
         "（二）压实工作责任",
         "各部门主要负责同志是第一责任人，要亲自部署、亲自推动，确保各项任务落到实处。"]
_FACES = {"黑体": outline.PART, "楷体_GB2312": outline.HEADING}


def _set(lines: list[str]) -> list:
    """*lines* set as GB/T 9704 sets a plan: parts in 黑体, （一） headings wholly in 楷体, the rest in 仿宋."""
    return [[(line, face)] if (face := next((f for f, p in _FACES.items() if p.match(line)), None)) else line
            for line in lines]


def test_headings_set_wholly_in_kaiti_split_as_the_words_say(tmp_path):
    """GB/T 9704 sets a whole 二级标题 in 楷体: that says nothing about where its clause ends."""
    text = tmp_path / "plan.txt"
    text.write_text("\n".join(SMALL) + "\n", encoding="utf-8")
    word = import_docs.styled_docx(_set(SMALL), tmp_path / "plan.docx")
    plan = _import(word, tmp_path / "word.yaml").new
    assert (plan.areas[0].heading, plan.areas[0].target) == ("聚焦测试甲", "深入治理问题甲等问题。")
    assert (plan.measures.items[0].title, plan.measures.items[0].subtitle) == ("深化测试改革", "推动测试提速增效")
    assert content(plan) == content(_import(text, tmp_path / "text.yaml").new)


def test_a_ruled_paragraph_is_plan_text_unless_a_colophon_begins_there(tmp_path):
    """Received files draw rules (under a 版头, around a heading): only a 版记 ends the plan, and the
    report says where."""
    ruled = SMALL.index("（二）压实工作责任")
    word = import_docs.styled_docx(_set(SMALL), tmp_path / "ruled.docx", boxed=(ruled,))
    result = _import(word, tmp_path / "ruled.yaml")
    assert [g.title for g in result.new.guarantees.items] == ["加强组织领导", "压实工作责任"]
    assert not any(fact.startswith("版记") for fact in result.parsed.facts)
    colophon = ["抄送：区委各部门，区人大常委会办公室。", "区委办公室　　2024年3月1日印发"]
    word = import_docs.styled_docx(_set(SMALL + colophon), tmp_path / "colophon.docx", boxed=(len(SMALL),))
    result = _import(word, tmp_path / "colophon.yaml")
    assert result.new.guarantees.items[-1].text == SMALL[-1]
    assert f"版记：第 {len(SMALL) + 1} 段起 2 段已略去（不是方案正文）" in result.parsed.facts


def test_a_text_box_is_read_once(tmp_path):
    """Word stores a text box twice (mc:Choice and mc:Fallback); its text is one paragraph, once."""
    import docx

    word = import_docs.styled_docx(_set(SMALL), tmp_path / "box.docx")
    document = docx.Document(str(word))
    import_docs.text_box(document.paragraphs[1], "附件")
    document.save(str(word))
    lines = [line.text for line in readers.read(str(word)).lines]
    assert lines.count("附件") == 1 and lines[-1] == SMALL[-1] and len(lines) == len(SMALL) + 1


def test_a_period_may_say_year_after_both_years(tmp_path):
    document = tmp_path / "plan.txt"
    document.write_text("\n".join([SMALL[0].replace("（2024—2025年）", "（2024年—2025年）")] + SMALL[1:]), encoding="utf-8")
    plan = _import(document, tmp_path / "plan.yaml").new
    assert (plan.period_start, plan.period_end) == (2024, 2025) and plan.title == "关于开展测试专项行动的实施方案"


@pytest.mark.parametrize("name, reason", [("missing.docx", "文件不存在"), ("folder.txt", "这是一个文件夹，不是文件")])
def test_an_unreadable_document_is_said_in_chinese(tmp_path, name, reason):
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(PlanError) as caught:
        _import(tmp_path / name, tmp_path / "plan.yaml")
    assert caught.value.problems[0].message == f"无法读取文件（{reason}）"


def test_removed_entries_are_reported_in_document_order(tmp_path):
    extra = ["3.各类评比考核名目繁多，层层加码，基层疲于应付。", "4.会议文件偏多偏长，照抄照转。"]
    at = SMALL.index("（二）聚焦测试乙，深入治理问题乙等问题。")
    plan_file = tmp_path / "plan.yaml"
    first = tmp_path / "first.txt"
    first.write_text("\n".join(SMALL[:at] + extra + SMALL[at:]), encoding="utf-8")
    before = _import(first, plan_file).new
    revised = tmp_path / "revised.txt"
    revised.write_text("\n".join(SMALL[:at - 2] + ["1." + extra[1][2:]] + SMALL[at:]), encoding="utf-8")
    result = _import(revised, plan_file)
    assert [r.split(" ", 1)[0] for r in result.outcome.removed] == ["一（一）1", "一（一）2", "一（一）3"]
