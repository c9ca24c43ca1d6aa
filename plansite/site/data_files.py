"""The files the plan plugin puts beside the pages: the plan as open data and compare.html's data.

* ``downloads/plan.json`` (the current text) and ``downloads/plan-<slug>.json`` (each release), in
  the shape of ``downloads/plan-json.schema.json`` (plansite.outputs.open_data);
* ``downloads/tasks.csv``, the task table's rows (the same as tasks.xlsx), UTF-8 with a byte-order mark;
* ``javascripts/compare-data.js``, every pair of versions' redline (plansite.outputs.compare_data).

What comes from a release is cached under build/derived/ by content, so a warm build reads it back.
"""
from __future__ import annotations

import json
import os

from ..outputs import compare_data, derived, document, open_data, revisions, task_table
from ..outputs.handouts import SITE_DIR
from . import sitemap

CURRENT_JSON = f"{SITE_DIR}/plan.json"
SCHEMA = f"{SITE_DIR}/{open_data.SCHEMA_NAME}"
TASKS_CSV = f"{SITE_DIR}/tasks.csv"
COMPARE_DATA = "javascripts/compare-data.js"
CACHE = "derived"
CURRENT_LABEL = "现行文本"


def release_json(release) -> str:
    return f"{SITE_DIR}/plan-{release.slug}.json"


def files(history: revisions.History, build_dir: str) -> dict[str, str]:
    """Every such file's path on the site and its content."""
    timeline = history.timeline
    cache = derived.Cache(os.path.join(build_dir, CACHE))
    current, working = timeline.current, timeline.working
    found = {CURRENT_JSON: open_data.dumps(working, _current_address, _release(current), True, timeline.unreleased),
             TASKS_CSV: task_table.csv_text(working)}
    site = derived.code_key(__name__, sitemap.__name__, open_data.__name__, document.__name__)
    for release in timeline.releases:
        info = _release(release)
        name = derived.key("json", derived.digest(release.plan), json.dumps(info, ensure_ascii=False), site)
        found[release_json(release)] = cache.text(name + ".json", lambda r=release, i=info: open_data.dumps(
            r.plan, lambda obj: sitemap.address(sitemap.release_url(r, obj)), i, False))
    found[COMPARE_DATA] = compare_data.script(versions(timeline), cache, site)
    cache.prune()
    return found


def _current_address(obj) -> str:
    return sitemap.address(sitemap.url(obj))


def _release(release) -> dict | None:
    if release is None:
        return None
    return {"slug": release.slug, "number": release.number, "date": release.date.isoformat(), "title": release.title,
            "note": release.note, "url": sitemap.address(sitemap.release_url(release))}


def comparable(timeline) -> bool:
    """Whether there are two versions to compare: two releases, or one and the current text's edits since."""
    return len(timeline.releases) + (1 if timeline.releases and timeline.unreleased else 0) >= 2


def versions(timeline) -> list[compare_data.Version]:
    """The releases, oldest first, then the current text (the same as the latest release unless edited since)."""
    found = []
    for release in timeline.releases:
        places = revisions.places(release.plan, whole=True)
        found.append(compare_data.Version(
            release.slug, release.label, release.plan, sitemap.address(sitemap.release_url(release)),
            lambda key, r=release, p=places: sitemap.address(sitemap.release_url(r, p[key])) if key in p else None))
    current = timeline.current
    places = revisions.places(timeline.working)  # the parts and the preamble have no page of their own now
    same = current.slug if current is not None and not timeline.unreleased else None
    found.append(compare_data.Version(
        sitemap.CURRENT, CURRENT_LABEL, timeline.working, "index.html",
        lambda key: _current_address(places[key]) if key in places else None, same_as=same))
    return found
