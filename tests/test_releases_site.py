"""A plan that lives in time, as readers see it: the throwaway project of tests/released.py, with
three releases made by the release code and an unreleased edit after them, built like `make site`.

修订记录 lists the releases newest first with their redlines; item pages list the releases that
changed them and mark revised text with its original wording; footer and home page name the current
release and the unreleased edit; 下载 offers each release's full text and 修订说明 as PDFs, which
name the release. A project with no release says 尚未发布. Expectations come from the fixture's own
edits and the models, never from the real plan.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from pdfread import pdftotext, squeeze
from plansite.data import synthetic
from plansite.outputs import release_copies, revisions
from released import FIXTURE, NEW_WORD, OLD_WORD, UNRELEASED_OLD, build
from sitepages import PAGE, article_text, read_page


@pytest.fixture(scope="module")
def site(released):
    return released.site


@pytest.fixture(scope="module")
def timeline(released):
    return released.timeline()


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


def test_the_record_lists_every_release_newest_first_with_its_redline(site, timeline):
    page = html(site / PAGE["releases"])
    text = article_text(site / PAGE["releases"])
    labels = [r.label.replace(" ", "") for r in timeline.releases]
    positions = [text.index(label) for label in labels]
    assert positions == sorted(positions, reverse=True)
    first, revision, second = timeline.releases
    assert "首次发布。" in article_text_of(section(page, first.slug))
    assert f"<del>{OLD_WORD}</del>" in section(page, revision.slug)
    assert f"<ins>{NEW_WORD}</ins>" in section(page, revision.slug)
    assert 'href="areas/decisions.html#study-half-hearted"' in section(page, revision.slug)  # what changed, linked
    assert "新增1处" in squeeze(article_text_of(section(page, revision.slug)))
    assert "责任部门变化1处" in squeeze(article_text_of(section(page, second.slug)))
    assert revision.note in article_text_of(section(page, revision.slug))


def test_the_record_shows_the_unreleased_changes_against_the_latest_release(site, timeline):
    unreleased = section(html(site / PAGE["releases"]), "unreleased")
    assert "尚未发布的修改" in unreleased
    assert timeline.current.label in article_text_of(unreleased)
    assert "<del>深入</del>" in unreleased and "<ins>着力</ins>" in unreleased


def article_text_of(fragment: str) -> str:
    return re.sub(r"<[^>]+>", "", fragment)


def test_an_area_page_lists_the_releases_that_changed_it_and_marks_revised_text(site, timeline):
    page = site / "areas" / "decisions.html"
    history = section(html(page), "修订情况")
    revision = timeline.releases[1]
    assert f"{PAGE['releases']}#{revision.slug}" in history and revision.label in history
    assert f"{PAGE['releases']}#{revisions.UNRELEASED_SLUG}" in history
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
        assert f"{PAGE['releases']}#{second.slug}" in history and "责任部门变化" in history
    untouched = section(html(site / "guarantees" / "leadership.html"), "修订情况")
    assert "没有修订" in untouched


def test_the_full_text_page_stays_the_original_release(site):
    text = article_text(site / PAGE["full_text"])
    assert OLD_WORD in text and NEW_WORD not in text and UNRELEASED_OLD in text


def test_footer_and_home_name_the_current_release_and_the_unreleased_edit(site, timeline):
    label = timeline.current.label.replace(" ", "")
    for page in (PAGE["home"], "areas/decisions.html", PAGE["downloads"], PAGE["releases"]):
        assert f"现行版本：{label}" in footer(site / page)
        assert "尚未发布的修改" in footer(site / page)
    home = article_text(site / PAGE["home"])  # the 文件信息 block
    current = timeline.current
    assert f"现行版本{current.title}（{current.date_label}）；此后另有尚未发布的修改" in home


def test_downloads_offer_each_releases_full_text_and_revision_note_naming_it(site, timeline):
    page = read_page(site / PAGE["downloads"])
    for release in timeline.releases:
        full, changes = release_copies.release_handouts(release)
        for handout in (full, changes):
            assert release.slug in handout.file_name  # the date is in the file name …
            assert handout.site_path in page.links  # … and the link text names the release
            assert release.label.replace(" ", "") in page.text
            assert squeeze(pdftotext(site / handout.site_path)).count(release.label.replace(" ", "")) >= 1
    original, revision, _ = timeline.releases
    first_copy = squeeze(pdftotext(site / release_copies.release_handouts(original)[0].site_path))
    assert OLD_WORD in first_copy and NEW_WORD not in first_copy  # a point-in-time copy
    note = squeeze(pdftotext(site / release_copies.release_handouts(revision)[1].site_path))
    assert "文字修改" in note and NEW_WORD in note and OLD_WORD in note and revision.note in note


def test_the_current_handout_names_the_release_in_words(site, timeline):
    text = squeeze(pdftotext(site / "downloads" / "plan.pdf"))
    assert f"现行版本：{timeline.current.label}".replace(" ", "") in text


def test_a_site_with_no_release_says_so(tmp_path):
    config = synthetic.project(str(tmp_path), str(FIXTURE))
    build(config, tmp_path / "site", handouts=False)
    assert "尚未发布" in footer(tmp_path / "site" / PAGE["home"])
    assert "尚未发布" in article_text(tmp_path / "site" / PAGE["home"])
    assert "方案尚未发布" in article_text(tmp_path / "site" / PAGE["releases"])
