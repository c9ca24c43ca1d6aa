"""What a build keeps for the next one (plansite/data/model_cache.py, plansite/site/page_cache.py,
plansite/site/search_cache.py) is only ever a shortcut: the site comes out the same with it, without it, and after any change.
"""
from __future__ import annotations

import logging
import pickle
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from plansite.data import loader, model_cache, releases, synthetic
from plansite.data.fingerprint import fingerprint
from plansite.site import page_cache, search_cache, sitemap
from released import FIXTURE, build as build_site


@pytest.fixture
def plan_file(tmp_path) -> Path:
    target = tmp_path / "data" / "plan.yaml"
    target.parent.mkdir()
    shutil.copyfile(FIXTURE, target)
    return target


def fresh_load(plan_file: Path, cache: Path) -> releases.Timeline:
    releases._cache.clear()  # the in-process cache, as a new build process starts without it
    return releases.load(str(plan_file), cache_dir=str(cache))


def test_an_unchanged_plan_is_not_read_again_and_an_edited_one_is(plan_file, tmp_path, monkeypatch):
    cache = tmp_path / "build"
    first = fresh_load(plan_file, cache)
    assert len(list((cache / model_cache.FOLDER).iterdir())) == 1

    def refuse(*args, **kwargs):
        raise AssertionError("read again although nothing changed")

    with monkeypatch.context() as patched:
        patched.setattr(loader, "load_with_data", refuse)
        again = fresh_load(plan_file, cache)
    assert again.working is not first.working and fingerprint(again.working) == fingerprint(first.working)

    problem = first.working.problems[0]
    plan_file.write_text(plan_file.read_text(encoding="utf-8").replace(problem.text, problem.text + "又改", 1), encoding="utf-8")
    edited = fresh_load(plan_file, cache)
    assert edited.working.problems[0].text == problem.text + "又改"
    assert len(list((cache / model_cache.FOLDER).iterdir())) == 1  # the older edit's model is dropped


def test_a_change_to_the_data_layer_reads_the_plan_again(plan_file, tmp_path, monkeypatch):
    cache = tmp_path / "build"
    fresh_load(plan_file, cache)
    read = []
    real = loader.load_with_data
    monkeypatch.setattr(loader, "load_with_data", lambda *a, **k: read.append(a) or real(*a, **k))
    monkeypatch.setattr(model_cache, "code_version", lambda: "another version of plansite/data")
    fresh_load(plan_file, cache)
    assert len(read) == 1


def test_a_broken_cache_file_is_a_miss_not_an_error(plan_file, tmp_path):
    cache = tmp_path / "build"
    fresh_load(plan_file, cache)
    for entry in (cache / model_cache.FOLDER).iterdir():
        entry.write_bytes(b"not a pickle")
    assert fresh_load(plan_file, cache).working.problems


def test_the_search_index_is_the_same_with_the_cached_entries(tmp_path):
    config = synthetic.project(str(tmp_path / "project"), str(FIXTURE))
    build = Path(config).parent / "build"

    def built(name: str) -> bytes:
        build_site(config, tmp_path / name, handouts=False)
        return (tmp_path / name / "search" / "search_index.json").read_bytes()

    indexed = built("first")  # every page cut by jieba
    assert built("second") == indexed  # every page from the cache
    kept = build / search_cache.FILE
    entries = pickle.loads(kept.read_bytes())
    for page in entries.values():
        for entry in page:
            entry["title"] += "缓存标记"
    kept.write_bytes(pickle.dumps(entries))
    assert "缓存标记".encode("unicode_escape") in built("poisoned")  # the cache was what the index came from
    kept.write_bytes(b"broken")
    assert built("third") == indexed


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_pages_converted_before_are_the_same_and_an_edited_page_is_converted_again(tmp_path):
    config = synthetic.project(str(tmp_path / "project"), str(FIXTURE))
    plan_file = Path(config).parent / "data" / "plan.yaml"
    kept = Path(config).parent / "build" / page_cache.FILE

    def built(name: str) -> Path:
        build_site(config, tmp_path / name, handouts=False)
        return tmp_path / name

    first = site_files(built("first"))  # every page converted by MkDocs
    assert site_files(built("second")) == first  # every page from the cache
    entries = pickle.loads(kept.read_bytes())
    for entry in entries.values():
        entry["content"] = entry["content"].replace("</h1>", "缓存标记</h1>", 1)
    kept.write_bytes(pickle.dumps(entries))
    assert "缓存标记" in (built("poisoned") / "index.html").read_text(encoding="utf-8")  # the HTML came from there

    plan = loader.load(str(plan_file))
    problem = plan.problems[0]
    plan_file.write_text(plan_file.read_text(encoding="utf-8").replace(problem.text, problem.text + "又改", 1), encoding="utf-8")
    page = sitemap.built(sitemap.url(problem.area))
    edited = built("edited")
    assert problem.text + "又改" in (edited / page).read_text(encoding="utf-8")
    assert "缓存标记" not in (edited / page).read_text(encoding="utf-8")
    kept.write_bytes(b"broken")
    assert site_files(built("third"))[page] == site_files(edited)[page]


def test_a_conversion_that_warned_is_converted_again_so_the_warning_comes_on_every_build(tmp_path):
    """A broken link in a page must fail every strict build until it is fixed, not only the first."""
    config = {"markdown_extensions": [], "mdx_configs": {}, "validation": {}, "use_directory_urls": False}
    file = SimpleNamespace(src_uri="a.md", dest_uri="a.html")
    warnings = []

    def convert(page, broken):
        def render(config, files):
            page.content, page.toc, page._title_from_render, page.present_anchor_ids = "<p>x</p>", [], None, set()
            page.links_to_anchors = None
            if broken:
                warnings.append(1)
                logging.getLogger("mkdocs.structure.pages").warning("Doc file 'a.md' contains a link 'b.md', but the target is not found")
        return render

    for build, broken in enumerate([True, True, False, False]):
        cache = page_cache.PageHTML(str(tmp_path), config, [file])
        page = SimpleNamespace(file=file, markdown="[b](b.md)" if broken else "text")
        page.render = convert(page, broken)
        cache.wrap(page)
        page.render(config, [file])
        cache.save()
    assert len(warnings) == 2  # both builds with the broken link converted it, and warned
    assert len(pickle.loads((tmp_path / page_cache.FILE).read_bytes())) == 1  # the fixed page was kept


def test_the_fingerprint_follows_what_the_plan_says_not_its_file(plan_file, tmp_path):
    """What the 版记 prints and rendered files are keyed by: a comment or another path changes nothing."""
    text = plan_file.read_bytes()
    same = loader.load_bytes(str(tmp_path / "elsewhere.yaml"), "# 编辑的注释\n".encode() + text)
    original = loader.load_bytes(str(plan_file), text)
    assert fingerprint(same) == fingerprint(original)
    problem = original.problems[0]
    edited = loader.load_bytes(str(plan_file), text.replace(problem.text.encode(), (problem.text + "又改").encode(), 1))
    assert fingerprint(edited) != fingerprint(original)
