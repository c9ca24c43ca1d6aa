"""Each page's Markdown converted to HTML once, and read back by later builds while it is unchanged.

Converting Markdown is most of a build that grows with the plan (about half at k = 100), and an
unchanged page converts to the same HTML every time. MkDocs converts a page in ``page.render``;
the plan plugin puts a wrapper in its place for each page: a page whose final Markdown, address,
set of site files and Markdown settings (and the versions of the programs that convert it) are
unchanged gets what its conversion gave last time: the HTML, the table of contents, the title found
in it, its element ids and its links to other pages' anchors, so that MkDocs' link checks run on
them as usual. Anything else is converted by MkDocs itself; a conversion that warned (a broken link)
is never kept, so its warning comes again on every build until it is fixed. The site is the same
either way (tests/test_build_caches.py builds it both ways).

The entries live in one pickle in the build folder (model_cache's writer), holding the pages of the
latest build only.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING

from ..data import model_cache
from . import release_texts

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page

FILE = "page_html.pickle"  # in the build folder
# What turns Markdown into a page's HTML besides the settings in mkdocs.yml.
PROGRAMS = ("markdown", "pymdown-extensions", "mkdocs-material")
LOGGERS = ("mkdocs", "properdocs")  # where a conversion's warnings go, whichever of the two builds


class PageHTML:
    """The conversions of one build's pages, by key."""

    def __init__(self, folder: str, config, files, earlier: "PageHTML | None" = None):
        """*earlier*: the previous build's, in this process (`mkdocs serve`): no need to read the file."""
        self.path = os.path.join(folder, FILE)
        self.files = files
        self.known: dict = earlier.known if earlier and earlier.path == self.path else _read(self.path)
        self.used: dict = {}
        site_files = sorted((f.src_uri, f.dest_uri) for f in files)
        settings = [config["markdown_extensions"], config["mdx_configs"] or {}, config["validation"],
                    config["use_directory_urls"], site_files, [version(name) for name in PROGRAMS]]
        self.salt = json.dumps(release_texts.stable(settings), sort_keys=True, ensure_ascii=False).encode()

    def wrap(self, page: Page) -> None:
        """Let *page*'s next render come from here."""
        convert = page.render  # MkDocs' own (or ProperDocs')
        page.render = lambda config, files: self.render(page, convert, config, files)

    def render(self, page: Page, convert, config, files) -> None:
        key = self._key(page)
        entry = self.known.get(key)
        if entry is None:
            with _Warnings() as warned:
                convert(config, files)
            if warned.count:
                return
            # The table of contents as bytes: the plugin adds a release's headings to the page's own.
            entry = {"content": page.content, "toc": pickle.dumps(page.toc), "title": page._title_from_render,
                     "ids": set(page.present_anchor_ids or ()),
                     "links": {f.src_uri: links for f, links in (page.links_to_anchors or {}).items()}}
        else:
            page.content, page.toc, page._title_from_render = entry["content"], pickle.loads(entry["toc"]), entry["title"]
            page.present_anchor_ids = set(entry["ids"])
            found = {self.files.get_file_from_path(uri): links for uri, links in entry["links"].items()}
            page.links_to_anchors = {f: dict(links) for f, links in found.items() if f is not None} or None
        self.used[key] = entry

    def save(self) -> None:
        """Keep this build's pages (only), if they differ from what was read."""
        if self.used.keys() != self.known.keys():
            model_cache.write(self.path, self.used)
            self.known = self.used

    def _key(self, page: Page) -> str:
        digest = hashlib.sha256(self.salt)
        builder = type(page).__module__.partition(".")[0]  # mkdocs, or ProperDocs: each converts for itself
        for part in (builder, _version(builder), page.file.src_uri, page.file.dest_uri, page.markdown or ""):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        return digest.hexdigest()


class _Warnings(logging.Handler):
    """Counts the warnings MkDocs logs while it is in use (a broken link, an unknown anchor …)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record) -> None:
        self.count += 1

    def __enter__(self) -> "_Warnings":
        for name in LOGGERS:
            logging.getLogger(name).addHandler(self)
        return self

    def __exit__(self, *exc) -> None:
        for name in LOGGERS:
            logging.getLogger(name).removeHandler(self)


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:  # not a distribution (a test's stand-in page)
        return ""


def _read(path: str) -> dict:
    found = model_cache.read(path)
    return found if isinstance(found, dict) else {}
