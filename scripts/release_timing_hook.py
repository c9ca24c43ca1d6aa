"""MkDocs hook for scripts/bench_releases.py: the time a build spends on what the plan's releases add
beside the other pages — each release's full-text page and compare.html (from reading their Markdown
to writing their HTML) and the files beside the pages (open data, compare.html's data).

Writes {"pages": [wall, CPU], "files": [wall, CPU]} (seconds) to the file named by PLAN_TIMING_OUT.
"""
from __future__ import annotations

import json
import os
import time

from plansite.site import data_files, sitemap

_spent = {"pages": [0.0, 0.0], "files": [0.0, 0.0]}
_started: dict[str, tuple[float, float]] = {}


def _now() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _add(what: str, start: tuple[float, float]) -> None:
    for i, (now, then) in enumerate(zip(_now(), start)):
        _spent[what][i] += now - then


def _ours(page) -> bool:
    path = page.file.src_uri
    return path.startswith(sitemap.RELEASES_DIR + "/") or path == sitemap.COMPARE_PAGE


def _start(page) -> None:
    if _ours(page):
        _started[page.file.src_uri] = _now()


def _stop(page) -> None:
    if page.file.src_uri in _started:
        _add("pages", _started.pop(page.file.src_uri))


def on_startup(command, dirty):
    files = data_files.files

    def timed(*args, **kwargs):
        start = _now()
        try:
            return files(*args, **kwargs)
        finally:
            _add("files", start)
    data_files.files = timed


def on_pre_page(page, config, files):  # reading, macros, Markdown, the text filled in (on_page_content)
    _start(page)
    return page


def on_page_content(html, page, config, files):
    _stop(page)
    return html


def on_page_context(context, page, config, nav):  # the theme's template, to the written page
    _start(page)
    return context


def on_post_page(output, page, config):
    _stop(page)
    return output


def on_post_build(config):
    with open(os.environ["PLAN_TIMING_OUT"], "w", encoding="utf-8") as handle:
        json.dump(_spent, handle)
