"""The plan in time as readers find it in the built site: a page per release with the whole plan as it
stood, reached from 修订记录, 下载 and each item's 修订情况, kept out of navigation and search; the
data compare.html picks from, which is plan_diff's own redline for every pair of versions; the home
page's 文件信息; and every page's metadata (政府网站发展指引).

On the three-release fixture project (tests/released.py), whose current text has an unreleased edit,
and on a project released twice in one day with no edit since.
"""
from __future__ import annotations

import datetime
import html
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from plansite.data import releases, synthetic
from plansite.outputs import plan_diff, revisions
from plansite.site import page_meta, sitemap
from released import FIXTURE, NEW_WORD, OLD_WORD, ROOT, UNRELEASED_NEW, build, edit
from sitepages import PAGE, article_text, read_page


@pytest.fixture(scope="module")
def site(released):
    return released.site


@pytest.fixture(scope="module")
def timeline(released):
    return released.timeline()


def page_of(release) -> str:
    return sitemap.built(sitemap.release_url(release))


# --- point-in-time pages ------------------------------------------------------------------------

def test_each_release_has_a_page_with_the_whole_plan_as_it_stood(site, timeline):
    first, second, third = timeline.releases
    texts = {r.slug: article_text(site / page_of(r)) for r in timeline.releases}
    assert OLD_WORD in texts[first.slug] and NEW_WORD not in texts[first.slug]
    assert NEW_WORD in texts[second.slug] and "新增的问题条目" in texts[second.slug] and "新增的问题条目" not in texts[first.slug]
    assert "责任部门：区委专项办" in texts[third.slug] and "责任部门：区委专项办" not in texts[second.slug]
    assert UNRELEASED_NEW not in "".join(texts.values())  # the unreleased edit is in no release
    for release in timeline.releases:  # every area, problem, item, point and department at its stable anchor
        ids = read_page(site / page_of(release)).ids
        anchors = [sitemap.anchor(obj) for obj in revisions.places(release.plan, whole=True).values()]
        assert [a for a in anchors if a not in ids] == [], release.slug


def test_a_release_page_says_what_it_is_and_that_it_is_not_the_current_text(site, timeline):
    first, second, third = timeline.releases
    page = read_page(site / page_of(second))
    text = article_text(site / page_of(second))
    assert f"方案全文（{second.label}）".replace(" ", "") in text
    assert second.date_label in text and second.title in text and second.note in text
    notice = re.search(r'<div class="admonition warning">.*?</div>', (site / page_of(second)).read_text(encoding="utf-8"), re.S)
    assert "这不是现行文本" in notice.group(0)
    assert f'href="../{sitemap.built(sitemap.SITE_PAGES["home"])}"' in notice.group(0)  # the current text, linked
    assert f"../compare.html?from={second.slug}&to=current" in page.links
    assert f"{first.slug}.html" in page.links and f"{third.slug}.html" in page.links  # the releases before and after
    assert "上一次发布" in text and "下一次发布" in text
    assert "这不是现行文本" in article_text(site / page_of(third))  # the latest, with an edit since
    assert "下一次发布" not in article_text(site / page_of(third)) and "上一次发布" not in article_text(site / page_of(first))


def test_release_pages_are_linked_from_the_record_downloads_and_each_items_history(site, timeline):
    for release in timeline.releases:
        for source in (PAGE["releases"], PAGE["downloads"]):
            assert page_of(release) in read_page(site / source).links, (source, release.slug)
    history = section(site / "areas" / "decisions.html", "修订情况")
    changed, original = timeline.releases[1], timeline.original
    assert f'href="../{page_of(changed)}#decisions"' in history  # the area's text in the release that changed it
    assert f'href="../{page_of(original)}#decisions"' in history
    measure = section(site / "measures" / "accountability.html", "修订情况")
    assert f'href="../{page_of(timeline.releases[2])}#accountability"' in measure


def section(path: Path, heading: str) -> str:
    page = path.read_text(encoding="utf-8")
    start = page.index(f'<h2 id="{heading}"')
    return page[start:page.find("</article>", start)]


def test_release_pages_are_neither_in_the_navigation_nor_in_search(site, timeline):
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', (site / PAGE["home"]).read_text(encoding="utf-8"), re.S)
    assert f"{sitemap.RELEASES_DIR}/" not in nav.group(0) and PAGE["compare"] not in nav.group(0)
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert not [loc for loc in locations if loc.startswith((f"{sitemap.RELEASES_DIR}/", PAGE["compare"]))]
    assert any(loc.startswith("areas/") for loc in locations)  # the current pages are there


# --- compare.html's data: plan_diff's redline for every pair ------------------------------------

def compare_data(site: Path) -> dict:
    script = (site / "javascripts" / "compare-data.js").read_text(encoding="utf-8")
    return json.loads(script.removeprefix("window.planCompare = ").rstrip().removesuffix(";"))


def shown(data: dict, old: str, new: str) -> list[str]:
    """The HTML of each change line compare.html shows from *old* to *new*."""
    groups = data["pairs"][f"{old}~{new}"][1:]
    return [data["strings"][i] for group in groups for i in group[1:]]


def marks(fragment: str) -> list[tuple[str, str]]:
    return [(tag, html.unescape(text)) for tag, text in re.findall(r"<(del|ins)>(.*?)</\1>", fragment)]


def test_compare_data_is_plan_diffs_redline_for_every_pair_of_versions(site, timeline):
    data = compare_data(site)
    versions = {r.slug: r.plan for r in timeline.releases} | {"current": timeline.working}
    assert [v["slug"] for v in data["versions"]] == list(versions)
    for old in versions:
        for new in versions:
            if old == new:
                continue
            entries = plan_diff.entries(plan_diff.compare(versions[old], versions[new]), elide=False)
            expected = Counter((kind, "/".join(map(str, unit.key)), tuple(marks(text))) for kind, unit, text in entries)
            got = Counter(re.match(r'<li data-kind="(\w+)" data-unit="([^"]+)"', line).groups() + (tuple(marks(line)),)
                          for line in shown(data, old, new))
            assert got == expected and got, (old, new)  # each change, with the same marked text


def test_compare_data_groups_by_item_and_links_each_to_its_text(site, timeline):
    first, second, _ = timeline.releases
    data = compare_data(site)
    headings = [data["strings"][group[0]] for group in data["pairs"][f"{first.slug}~{second.slug}"][1:]]
    assert [re.match(r'<a href="([^"]+)"', h).group(1) for h in headings] == [
        f"releases/{second.slug}.html#decisions", f"releases/{second.slug}.html#other"]  # in document order
    summary = data["strings"][data["pairs"][f"{first.slug}~{second.slug}"][0]]
    assert plan_diff.summary(plan_diff.compare(first.plan, second.plan)) in summary
    to_current = "".join(data["strings"][i] for group in data["pairs"][f"{first.slug}~current"][1:] for i in group)
    assert 'href="areas/decisions.html"' in to_current  # the current text: the item's own page


def test_releases_on_one_day_each_have_their_page_data_and_comparison(tmp_path):
    """The second release of a day is <date>-2 everywhere; with no edit since, it is the current text."""
    config = synthetic.project(str(tmp_path), str(FIXTURE))
    plan_file = tmp_path / "data" / "plan.yaml"
    day = datetime.date(2022, 6, 1)
    releases.record(str(plan_file), day, "首次发布")
    edit(plan_file, OLD_WORD, NEW_WORD)
    releases.record(str(plan_file), day, "第一次修订")
    build(config, tmp_path / "site", handouts=False)
    site = tmp_path / "site"
    first, second = "2022-06-01", "2022-06-01-2"
    assert OLD_WORD in article_text(site / "releases" / f"{first}.html")
    assert NEW_WORD in article_text(site / "releases" / f"{second}.html")
    assert "现行版本" in article_text(site / "releases" / f"{second}.html")
    assert "这不是现行文本" not in article_text(site / "releases" / f"{second}.html")
    assert json.loads((site / "downloads" / f"plan-{second}.json").read_text(encoding="utf-8"))["version"] == second
    data = compare_data(site)
    assert [(v["slug"], v["same"]) for v in data["versions"]] == [(first, None), (second, None), ("current", second)]
    assert {f"{first}~{second}", f"{second}~{first}"} == set(data["pairs"])
    home = article_text(site / PAGE["home"])
    assert "现行版本第一次修订（2022年6月1日）首次发布" in home and "发布次数2次" in home


# --- home page and metadata ---------------------------------------------------------------------

def test_the_home_page_tells_the_documents_status(site, timeline):
    plan = timeline.working
    rows = dict(re.findall(r'<tr><th scope="row">(.*?)</th><td>(.*?)</td></tr>', (site / PAGE["home"]).read_text(encoding="utf-8")))
    text = {k: html.unescape(re.sub(r"<[^>]+>", "", v)) for k, v in rows.items()}
    assert list(text) == ["标题", "依据", "实施期限", "现行版本", "首次发布", "内容更新至", "发布次数"]
    assert text["标题"] == plan.full_title and text["依据"] == plan.basis and text["实施期限"] == plan.period
    status = re.search(r'<span class="plan-period-status" ([^>]*)hidden></span>', rows["实施期限"])
    assert status and f'data-plan-period-end="{plan.period_end}"' in status.group(1)  # filled in by period.js
    current = timeline.current
    assert text["现行版本"].startswith(f"{current.title}（{current.date_label}）") and "尚未发布的修改" in text["现行版本"]
    assert text["首次发布"] == timeline.original.date_label and text["内容更新至"] == current.date_label
    assert text["发布次数"].startswith("3 次")


def metadata(path: Path) -> dict:
    head = path.read_text(encoding="utf-8").split("</head>")[0]
    return {name: html.unescape(content) for name, content in re.findall(r'<meta name="([A-Z]\w+)" content="([^"]*)">', head)}


def test_every_page_carries_the_guideline_metadata(site, timeline):
    current = timeline.current.date.isoformat()
    dates = {r.slug: r.date.isoformat() for r in timeline.releases}  # a release's own page: its date
    pages = [p for p in sorted(site.rglob("*.html")) if p.name != "404.html"]
    for path in pages:
        meta = metadata(path)
        assert set(meta) == {"ArticleTitle", "PubDate", "ContentSource", "Keywords", "Description"}, path
        assert all(meta.values()), path
        own = path.parent.name == "releases"
        assert meta["PubDate"] == (dates[path.stem] if own else current), path
    home = metadata(site / PAGE["home"])
    assert home["ArticleTitle"] == timeline.working.full_title and home["Description"].startswith(timeline.working.preamble[:40])
    area = metadata(site / "areas" / "decisions.html")
    assert area["Keywords"].startswith("一（一）,") and "三个着力" in area["Keywords"].split(",")


def test_content_source_is_the_site_unless_the_maintainers_name_the_issuing_body(site, timeline):
    site_name = re.search(r"^site_name: (.+)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
    assert metadata(site / PAGE["home"])["ContentSource"] == site_name
    given = dict(page_meta.tags("首页", timeline.working, timeline, "中共某区委办公室"))
    assert given["ContentSource"] == "中共某区委办公室"


def test_a_page_about_no_part_of_the_plan_is_described_by_the_plans_title(site, timeline):
    assert metadata(site / PAGE["downloads"])["Description"] == timeline.working.full_title
    head = (site / PAGE["downloads"]).read_text(encoding="utf-8").split("</head>")[0]
    assert f'<meta name="description" content="{html.escape(timeline.working.full_title, quote=True)}">' in head
