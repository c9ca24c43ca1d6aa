"""A plan that lives in time, as readers see it: a throwaway project with three releases made by
the release code and an unreleased edit after them, built like `make site`.

修订记录 lists the releases newest first with their redlines; item pages list the releases that
changed them and mark revised text with its original wording; footer and home page name the current
release and the unreleased edit; 下载 offers each release's full text and 修订说明 as PDFs, which
name the release. A project with no release says 尚未发布. Expectations come from the fixture's own
edits and the models, never from the real plan.
"""
from __future__ import annotations

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from plansite.data import releases, synthetic
from plansite.outputs import handouts
from sitepages import article_text, read_page

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "cases" / "00_valid" / "plan.yaml"

# The fixture plan's own words, and the edits made between releases (each a plain text replacement).
OLD_WORD, NEW_WORD = "照本宣科", "生搬硬套"  # in problem study-half-hearted
NEW_PROBLEM = "        - id: new-problem\n          text: 新增的问题条目，仅供测试。\n"
OWNER_BEFORE = "      owners_pending: 原文未载明\n      points:\n        - lead: 严肃执纪问责。"
OWNER_AFTER = "      owners: [zhuanxiangban]\n      points:\n        - lead: 严肃执纪问责。"
UNRELEASED_OLD, UNRELEASED_NEW = "深入治理有令不行", "着力治理有令不行"  # in area decisions' target
RELEASES = [("2022-06-01", "首次发布", "据原文副本录入。"),
            ("2022-09-01", "第一次修订", "改正问题表述，补充一条问题。"),
            ("2023-01-10", "第二次修订", None)]


def edit(plan_file: Path, old: str, new: str) -> None:
    text = plan_file.read_text(encoding="utf-8")
    assert old in text, old
    plan_file.write_text(text.replace(old, new, 1), encoding="utf-8")


def build(config: str, site: Path, handouts_on: bool = True) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PLAN_HANDOUTS=str(handouts_on).lower())
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "--site-dir", str(site)],
                            cwd=os.path.dirname(config), env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-4000:]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """(site folder, timeline) of a project with three releases and an unreleased edit."""
    folder = tmp_path_factory.mktemp("released")
    config = synthetic.project(str(folder), str(FIXTURE))
    plan_file = folder / "data" / "plan.yaml"
    edits = [lambda: None,
             lambda: (edit(plan_file, OLD_WORD, NEW_WORD),
                      edit(plan_file, "      problems: []\n", "      problems:\n" + NEW_PROBLEM)),
             lambda: edit(plan_file, OWNER_BEFORE, OWNER_AFTER)]
    for change, (date, title, note) in zip(edits, RELEASES):
        change()
        releases.record(str(plan_file), datetime.date.fromisoformat(date), title, note)
    edit(plan_file, UNRELEASED_OLD, UNRELEASED_NEW)
    site = folder / "site"
    build(config, site)
    return site, releases.load(str(plan_file))


@pytest.fixture(scope="module")
def site(project):
    return project[0]


@pytest.fixture(scope="module")
def timeline(project):
    return project[1]


def html(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def footer(path: Path) -> str:
    match = re.search(r'<div class="md-copyright">(.*?)</div>\s*</div>', html(path), re.S)
    return re.sub(r"<[^>]+>|\s+", "", match.group(1))


def section(page: str, anchor: str) -> str:
    """The HTML of one h2 section of *page*: from the heading with *anchor* to the next h2."""
    start = page.index(f'<h2 id="{anchor}"')
    ends = [i for i in (page.find("<h2", start + 1), page.find("</article>", start)) if i > 0]
    return page[start:min(ends)]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_record_lists_every_release_newest_first_with_its_redline(site, timeline):
    page = html(site / "releases.html")
    text = article_text(site / "releases.html")
    labels = [r.label.replace(" ", "") for r in timeline.releases]
    positions = [text.index(label) for label in labels]
    assert positions == sorted(positions, reverse=True)
    first, revision, second = timeline.releases
    assert "首次发布。" in article_text_of(section(page, first.slug))
    assert f"<del>{OLD_WORD}</del>" in section(page, revision.slug)
    assert f"<ins>{NEW_WORD}</ins>" in section(page, revision.slug)
    assert "新增1处" in squeeze(article_text_of(section(page, revision.slug)))
    assert "责任部门变化1处" in squeeze(article_text_of(section(page, second.slug)))
    assert revision.note in article_text_of(section(page, revision.slug))


def test_the_record_shows_the_unreleased_changes_against_the_latest_release(site, timeline):
    unreleased = section(html(site / "releases.html"), "unreleased")
    assert "尚未发布的修改" in unreleased
    assert timeline.current.label in article_text_of(unreleased)
    assert "<del>深入</del>" in unreleased and "<ins>着力</ins>" in unreleased


def article_text_of(fragment: str) -> str:
    return re.sub(r"<[^>]+>", "", fragment)


def test_an_area_page_lists_the_releases_that_changed_it_and_marks_revised_text(site, timeline):
    page = site / "areas" / "decisions.html"
    history = section(html(page), "修订情况")
    revision = timeline.releases[1]
    assert f"releases.html#{revision.slug}" in history and revision.label in history
    assert "releases.html#unreleased" in history
    assert timeline.releases[2].label not in history  # the owner change touched a measure, not this area
    text = article_text(page)
    assert "本条已修订" in text
    original = timeline.original.plan
    old_text = next(p.text for p in original.problems if p.id == "study-half-hearted")
    details = re.findall(r"<details[^>]*>(.*?)</details>", html(page), re.S)
    assert any(OLD_WORD in d and timeline.original.label in d for d in details)  # the original, one click away
    assert squeeze(old_text) in squeeze("".join(article_text_of(d) for d in details))


def test_a_problem_added_after_the_original_release_says_when(site, timeline):
    text = article_text(site / "areas" / "other.html")
    assert "新增的问题条目" in text
    assert f"之后新增（{timeline.releases[1].label}）".replace(" ", "") in text


def test_measure_and_department_pages_list_the_owner_change(site, timeline):
    second = timeline.releases[2]
    for page in (site / "measures" / "accountability.html", site / "departments" / "zhuanxiangban.html"):
        history = section(html(page), "修订情况")
        assert f"releases.html#{second.slug}" in history and "责任部门变化" in history
    untouched = section(html(site / "guarantees" / "leadership.html"), "修订情况")
    assert "没有修订" in untouched


def test_the_full_text_page_stays_the_original_release(site):
    text = article_text(site / "fulltext.html")
    assert OLD_WORD in text and NEW_WORD not in text and UNRELEASED_OLD in text


def test_footer_and_home_name_the_current_release_and_the_unreleased_edit(site, timeline):
    label = timeline.current.label.replace(" ", "")
    for page in ("index.html", "areas/decisions.html", "downloads.html", "releases.html"):
        assert f"现行版本：{label}" in footer(site / page)
        assert "尚未发布的修改" in footer(site / page)
    home = article_text(site / "index.html")
    assert f"现行版本：{label}" in home and "尚未发布的修改" in home


def pdftotext(pdf: Path) -> str:
    return squeeze(subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout)


def test_downloads_offer_each_releases_full_text_and_revision_note_naming_it(site, timeline):
    page = read_page(site / "downloads.html")
    for release in timeline.releases:
        full, changes = handouts.release_handouts(release)
        for handout in (full, changes):
            assert release.slug in handout.file_name  # the date is in the file name …
            assert handout.site_path in page.links  # … and the link text names the release
            assert release.label.replace(" ", "") in page.text
            assert pdftotext(site / handout.site_path).count(release.label.replace(" ", "")) >= 1
    original, revision, _ = timeline.releases
    first_copy = pdftotext(site / handouts.release_handouts(original)[0].site_path)
    assert OLD_WORD in first_copy and NEW_WORD not in first_copy  # a point-in-time copy
    note = pdftotext(site / handouts.release_handouts(revision)[1].site_path)
    assert "文字修改" in note and NEW_WORD in note and OLD_WORD in note and revision.note in note


def test_the_current_handout_names_the_release_in_words(site, timeline):
    text = pdftotext(site / "downloads" / "plan.pdf")
    assert f"现行版本：{timeline.current.label}".replace(" ", "") in text


def test_a_site_with_no_release_says_so(tmp_path):
    config = synthetic.project(str(tmp_path), str(FIXTURE))
    build(config, tmp_path / "site", handouts_on=False)
    assert "尚未发布" in footer(tmp_path / "site" / "index.html")
    assert "尚未发布" in article_text(tmp_path / "site" / "index.html")
    assert "方案尚未发布" in article_text(tmp_path / "site" / "releases.html")
