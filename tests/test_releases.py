"""Releases in a throwaway repository, made with the real command: the tests' one history of releases
(tests/released.py: three releases, two on one day, and an unreleased edit); what the data layer
reads back; what the command refuses, in Chinese; a shallow clone; and the commands CONTRIBUTING.md
shows, run as written.
"""
from __future__ import annotations

import datetime
import json
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest

import editor_edits
import released
from plansite.data import loader, releases
from repo_copy import ROOT, build_data, copy_repository, run
from test_inert_text import EXCERPT, build, make_project

DATES = [date for date, _, _ in released.RELEASES]
TITLES = [title for _, title, _ in released.RELEASES]
NOTES = [note for _, _, note in released.RELEASES]


def plan_of(project: Path):
    return loader.load_bytes("plan.yaml", (project / "data" / "plan.yaml").read_bytes())


def edit(project: Path, change) -> None:
    plan_file = project / "data" / "plan.yaml"
    plan_file.write_text(change(plan_file.read_text(encoding="utf-8"), plan_of(project)), encoding="utf-8")


def release(project: Path, date: str, title: str, *note: str) -> subprocess.CompletedProcess:
    return build_data(project, "release", "--date", date, "--title", title, *(("--note", *note) if note else ()))


def git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=测试", "-c", "user.email=test@example.invalid", *args],
                   cwd=project, check=True, capture_output=True)


def fresh_project(target: Path) -> Path:
    """A copy of the repository whose plan is the excerpt and which has no releases yet."""
    project = copy_repository(target)
    shutil.rmtree(project / "data" / "releases", ignore_errors=True)
    shutil.copyfile(EXCERPT, project / "data" / "plan.yaml")
    return project


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The tests' history of releases (tests/released.py), made with the command; committed."""
    project = fresh_project(tmp_path_factory.mktemp("releases") / "repo")

    def release_with_the_command(date: str, title: str, note: str | None) -> None:
        made = release(project, date, title, *((note,) if note else ()))
        assert made.returncode == 0, made.stderr

    released.release_history(project / "data" / "plan.yaml", release_with_the_command)
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "三次发布，另有一处尚未发布的修改")
    return project


def writable_copy(project: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "copy"
    shutil.copytree(project, copy, symlinks=True)
    return copy


def state(project: Path) -> dict:
    folder = project / "data" / "releases"
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# --- what the data layer reads ----------------------------------------------------------------

def test_the_timeline_lists_the_releases_oldest_first_with_their_labels(project):
    timeline = releases.load(str(project / "data" / "plan.yaml"))
    assert [r.number for r in timeline.releases] == [1, 2, 3]
    assert [r.date for r in timeline.releases] == [datetime.date.fromisoformat(d) for d in DATES]
    assert [r.title for r in timeline.releases] == TITLES
    assert [r.slug for r in timeline.releases] == ["2022-01-10", "2022-06-01", "2022-06-01-2"]
    assert [r.label for r in timeline.releases] == ["2022年1月10日 首次发布", "2022年6月1日 第一次修订",
                                                    "2022年6月1日 第二次修订"]
    assert [r.note for r in timeline.releases] == NOTES
    assert timeline.original is timeline.releases[0] and timeline.current is timeline.releases[-1]
    assert all(Path(r.snapshot).is_absolute() and Path(r.snapshot).is_file() for r in timeline.releases)


def test_each_release_is_the_plan_as_it_was_that_day(project):
    timeline = releases.load(str(project / "data" / "plan.yaml"))
    excerpt = loader.load_bytes("excerpt.yaml", EXCERPT.read_bytes())
    first, second, third = (r.plan for r in timeline.releases)
    assert [p.text for p in first.problems] == [p.text for p in excerpt.problems]
    assert any(released.OLD_WORD in p.text for p in first.problems)
    assert any(released.NEW_WORD in p.text for p in second.problems)  # the changed word
    assert len(second.problems) == len(first.problems) + 1  # the problem added
    assert [m.owners for m in second.measures.items] != [m.owners for m in third.measures.items]  # an owner assigned
    assert released.UNRELEASED_NEW in " ".join(a.target for a in timeline.working.areas)  # edited since
    assert released.UNRELEASED_NEW not in " ".join(a.target for a in third.areas)
    assert Path(timeline.original.snapshot).read_bytes() == EXCERPT.read_bytes()  # byte-exact copy


def test_an_edit_after_the_latest_release_is_unreleased_and_a_comment_is_not(project, tmp_path):
    assert releases.load(str(project / "data" / "plan.yaml")).unreleased
    copy = writable_copy(project, tmp_path)
    current = releases.load(str(copy / "data" / "plan.yaml")).current
    (copy / "data" / "plan.yaml").write_bytes(Path(current.snapshot).read_bytes() + "# 编辑的注释\n".encode())
    assert not releases.load(str(copy / "data" / "plan.yaml")).unreleased
    refused = release(copy, "2022-07-01", "第三次修订")
    assert refused.returncode == 1
    assert "data/plan.yaml:1:1: 错误: 不能发布：方案自最近一次发布（2022年6月1日 第二次修订）以来没有变化" in refused.stderr


def test_no_releases_means_an_empty_timeline(tmp_path):
    (tmp_path / "plan.yaml").write_bytes(EXCERPT.read_bytes())
    timeline = releases.load(str(tmp_path / "plan.yaml"))
    assert timeline.releases == [] and timeline.original is None and timeline.current is None
    assert timeline.unreleased


# --- what the command refuses -------------------------------------------------------------------

def index_line(project: Path, release_number: int, field: str) -> int:
    """The line of *field* in the index entry of release *release_number*."""
    lines = (project / "data" / "releases" / "index.yaml").read_text(encoding="utf-8").split("\n")
    starts = [i for i, line in enumerate(lines) if line.lstrip().startswith("- date:")]
    start = starts[release_number - 1]
    return next(i for i in range(start, len(lines)) if lines[i].lstrip(" -").startswith(field + ":")) + 1


def test_a_back_dated_release_is_refused_in_chinese_and_nothing_is_written(project):
    before = state(project)
    refused = release(project, "2022-05-31", "第三次修订")
    assert refused.returncode == 1
    line = index_line(project, 3, "date")
    assert (f"data/releases/index.yaml:{line}:11: 错误: 不能发布：日期 2022-05-31 早于最近一次发布"
            "（2022年6月1日 第二次修订）") in refused.stderr
    assert refused.stderr.rstrip().endswith("没有发布。修改后重新运行。")
    assert "Traceback" not in refused.stderr
    assert state(project) == before


def test_a_title_used_before_is_refused(project):
    before = state(project)
    refused = release(project, "2022-07-01", "第一次修订")
    assert refused.returncode == 1
    assert (f"data/releases/index.yaml:{index_line(project, 2, 'title')}:12: 错误: "
            "不能发布：标题“第一次修订”已经用过（2022年6月1日的发布）") in refused.stderr
    assert state(project) == before


@pytest.mark.parametrize("arguments, message", [
    (["--date", "2022-13-01", "--title", "第三次修订"], "“2022-13-01”不是 YYYY-MM-DD 格式的日期"),
    (["--date", "2022-07-01", "--title", " "], "应为一行文字，不能为空"),
    (["--title", "第三次修订"], "命令行参数有误"),
])
def test_a_mistyped_command_line_is_answered_in_chinese(project, arguments, message):
    refused = build_data(project, "release", *arguments)
    assert refused.returncode == 2 and message in refused.stderr and "Traceback" not in refused.stderr


def test_a_plan_with_errors_is_not_released(project, tmp_path):
    copy = writable_copy(project, tmp_path)
    before = state(copy)
    # An everyday error, and a release-mode one: a measure with its full text must name its owners.
    edit(copy, editor_edits.fill_in_a_measure)
    assert build_data(copy, "check").returncode == 0
    refused = release(copy, "2022-07-01", "第三次修订")
    assert refused.returncode == 1
    assert "错误: 发布时，原文完整的工作措施必须写明责任部门" in refused.stderr
    plan_file = copy / "data" / "plan.yaml"
    plan_file.write_text(plan_file.read_text(encoding="utf-8").replace("title: ", "title:", 1), encoding="utf-8")
    refused = release(copy, "2022-07-01", "第三次修订")
    assert refused.returncode == 1 and re.search(r"data/plan\.yaml:\d+:\d+: 错误: ", refused.stderr)
    assert state(copy) == before


def test_release_mode_is_check_release_and_the_old_strict_flag(project, tmp_path):
    copy = writable_copy(project, tmp_path)
    for flag in ("--release", "--strict"):
        checked = build_data(copy, "check", flag)
        assert checked.returncode == 0 and "通过检查（发布模式）" in checked.stdout
    edit(copy, editor_edits.fill_in_a_measure)
    for flag in ("--release", "--strict"):
        assert build_data(copy, "check", flag).returncode == 1
    assert build_data(copy, "check").returncode == 0


def test_mkdocs_strict_does_not_mean_release_mode(tmp_path):
    excerpt = EXCERPT.read_text(encoding="utf-8")
    pending = editor_edits.fill_in_a_measure(excerpt, loader.load_bytes("plan.yaml", excerpt.encode("utf-8")))
    make_project(tmp_path, pending)
    built = build(tmp_path)  # `mkdocs build --strict`, as make site runs it
    assert built.returncode == 0, built.stderr[-4000:]


def test_check_names_the_current_version_and_the_pending_owners_once(project):
    checked = build_data(project, "check")
    assert checked.returncode == 0
    assert "现行版本：2022年6月1日 第二次修订（共 3 次发布，此后另有尚未发布的修改）。" in checked.stdout
    assert checked.stdout.count("责任部门还没有写明") == 1


# --- the record, tampered with ------------------------------------------------------------------

def test_a_snapshot_edited_after_its_release_is_a_located_error(project, tmp_path):
    copy = writable_copy(project, tmp_path)
    snapshot = copy / "data" / "releases" / "2022-06-01.yaml"
    snapshot.write_bytes(snapshot.read_bytes().replace("区委".encode(), "区里".encode(), 1))
    checked = build_data(copy, "check")
    assert checked.returncode == 1
    assert (f"data/releases/index.yaml:{index_line(copy, 2, 'sha256')}:13: 错误: "
            "发布快照 data/releases/2022-06-01.yaml 在发布后被改动") in checked.stderr
    assert "git checkout -- data/releases/2022-06-01.yaml" in checked.stderr


def test_a_hand_edited_index_is_checked_like_the_plan(project, tmp_path):
    copy = writable_copy(project, tmp_path)
    index = copy / "data" / "releases" / "index.yaml"
    text = index.read_text(encoding="utf-8")
    index.write_text(text.replace("    title: 第一次修订", "    titel: 第一次修订"), encoding="utf-8")
    checked = build_data(copy, "check")
    assert checked.returncode == 1
    assert (f"data/releases/index.yaml:{index_line(copy, 2, 'titel')}:5: 错误: "
            "“releases[2]”中的字段“titel”拼写有误，应为“title”（必填）") in checked.stderr
    (copy / "data" / "releases" / "2022-01-10.yaml").unlink()
    index.write_text(text, encoding="utf-8")
    checked = build_data(copy, "check")
    assert checked.returncode == 1 and "找不到发布快照 data/releases/2022-01-10.yaml" in checked.stderr


# --- release data guarded: dates up to today, one record for every snapshot ------------------------

TODAY = datetime.date.today().isoformat()


def test_a_release_dated_after_today_is_refused_naming_today(project, tmp_path):
    """A typo of 2062 for 2026, once recorded, would refuse every later release as back-dated."""
    copy = writable_copy(project, tmp_path)
    before = state(copy)
    refused = release(copy, "2062-06-01", "第三次修订")
    assert refused.returncode == 1
    assert f"data/plan.yaml:1:1: 错误: 不能发布：日期 2062-06-01 晚于今天（{TODAY}）" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert state(copy) == before


def test_a_record_dated_after_today_is_a_located_error_naming_today(project, tmp_path):
    copy = writable_copy(project, tmp_path)
    index = copy / "data" / "releases" / "index.yaml"
    index.write_text(index.read_text(encoding="utf-8").replace("date: 2022-01-10", "date: 2062-01-10"), encoding="utf-8")
    checked = build_data(copy, "check")
    assert checked.returncode == 1
    assert (f"data/releases/index.yaml:{index_line(copy, 1, 'date')}:11: 错误: 发布日期 2062-01-10 晚于今天（{TODAY}）"
            in checked.stderr)


def test_a_snapshot_the_record_does_not_list_is_an_error_naming_it(project, tmp_path):
    copy = writable_copy(project, tmp_path)
    (copy / "data" / "releases" / "2022-07-01.yaml").write_bytes((copy / "data" / "plan.yaml").read_bytes())
    checked = build_data(copy, "check")
    assert checked.returncode == 1
    assert ("data/releases/2022-07-01.yaml:1:1: 错误: 发布快照 data/releases/2022-07-01.yaml 不在发布记录 "
            "data/releases/index.yaml 中") in checked.stderr
    assert "git checkout -- data/releases/index.yaml" in checked.stderr


def test_snapshots_without_a_record_are_an_error_naming_the_record(project, tmp_path):
    copy = writable_copy(project, tmp_path)
    (copy / "data" / "releases" / "index.yaml").unlink()
    checked = build_data(copy, "check")
    assert checked.returncode == 1
    assert ("data/releases/index.yaml:1:1: 错误: 找不到发布记录 data/releases/index.yaml，但 data/releases 中有快照 "
            "2022-01-10.yaml、2022-06-01-2.yaml、2022-06-01.yaml") in checked.stderr


def test_the_release_schema_is_a_valid_json_schema():
    document = json.loads(releases.SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(document).check_schema(document)


# --- no git history needed ----------------------------------------------------------------------

def test_a_shallow_clone_reads_the_releases(project, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", project.as_uri(), str(clone)], check=True, capture_output=True)
    checked = run(clone, str(ROOT / ".venv" / "bin" / "python"), "scripts/build_data.py", "check")
    assert checked.returncode == 0, checked.stderr
    assert "现行版本：2022年6月1日 第二次修订（共 3 次发布，此后另有尚未发布的修改）。" in checked.stdout
    timeline = releases.load(str(clone / "data" / "plan.yaml"))
    assert [r.title for r in timeline.releases] == TITLES



def test_a_release_from_a_windows_file_holds_in_a_clone(tmp_path):
    """Git stores YAML with LF (.gitattributes): a snapshot of a CRLF plan must still match its checksum."""
    project = fresh_project(tmp_path / "repo")
    plan_file = project / "data" / "plan.yaml"
    plan_file.write_bytes(b"\xef\xbb\xbf" + plan_file.read_bytes().replace(b"\n", b"\r\n"))
    made = release(project, DATES[0], TITLES[0])
    assert made.returncode == 0, made.stderr
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "发布")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", project.as_uri(), str(clone)], check=True, capture_output=True)
    checked = run(clone, str(ROOT / ".venv" / "bin" / "python"), "scripts/build_data.py", "check")
    assert checked.returncode == 0, checked.stderr

# --- the maintainer's guide, run as written --------------------------------------------------------

def guide_section() -> str:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    return guide[guide.index("## 八、维护者：发布新版本"):]


def make_commands(text: str) -> list[str]:
    return [line for block in re.findall(r"```sh\n(.*?)```", text, re.S)
            for line in block.split("\n") if line.startswith("make release")]


def test_the_release_commands_in_contributing_work_as_shown(tmp_path):
    project = fresh_project(tmp_path / "repo")
    revision, first, refused = make_commands(guide_section())
    # The venv is linked, not installed here: -o keeps make from reinstalling it.
    make = lambda command: run(project, "bash", "-c", command.replace("make ", "make -s -o .venv/.installed ", 1))  # noqa: E731
    done = make(first)
    assert done.returncode == 0, done.stderr
    assert "已发布：2026年11月25日 首次发布（第 1 次发布）" in done.stdout
    edit(project, editor_edits.fill_in_a_measure)
    edit(project, editor_edits.assign_an_owner)  # 补录正文 and its owners, then release
    done = make(revision)
    assert done.returncode == 0, done.stderr
    edit(project, editor_edits.change_a_word)
    said = make(refused)
    assert said.returncode != 0
    shown = re.search(r"```text\n(.*?)```", guide_section(), re.S).group(1)
    assert re.sub(r"^make(\[\d+\])?: \*\*\*.*\n", "", said.stderr, flags=re.M) == shown  # make's own line aside
