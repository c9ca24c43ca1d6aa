"""Each release's full text as HTML, made once per content and read back from build/ by later builds.

A release never changes, but its page holds the whole plan, and Markdown takes as long over it as
over the plan's every page together: twenty releases would add a second to each build. So the page's
Markdown (macros ``release_page``) carries a placeholder, and the plan plugin fills in the text when
MkDocs has converted the rest (``on_page_content``), with the text's headings in the page's table of
contents and its element ids known to MkDocs' link checks, as if MkDocs had converted it itself.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from typing import Callable

import markdown
from mkdocs.structure.toc import get_toc

from ..outputs import derived

PLACEHOLDER = "<!-- plan: a release's full text -->"
_ID = re.compile(r'\sid="([^"]+)"')


class ReleaseTexts:
    def __init__(self, cache_dir: str, config):
        """*config*: MkDocs' (the text is converted with its Markdown extensions)."""
        self.cache = derived.Cache(cache_dir)
        self.extensions, self.configs = config["markdown_extensions"], config["mdx_configs"] or {}
        self.settings = derived.key(json.dumps(stable([self.extensions, self.configs]), sort_keys=True))
        self.pages: dict[str, dict] = {}  # docs path -> its text, between the macro and on_page_content

    def placeholder(self, page: str, release, text: Callable[[], str], code: str) -> str:
        """Where *release*'s text goes on *page*; *text* makes its Markdown (only when not cached);
        *code* is a key over what renders it (see :func:`code_key`)."""
        name = derived.key("text", derived.digest(release.plan), code, self.settings) + ".json"
        self.pages[page] = json.loads(self.cache.text(name, lambda: json.dumps(self._convert(text()), ensure_ascii=False)))
        return PLACEHOLDER

    def _convert(self, text: str) -> dict:
        converter = markdown.Markdown(extensions=self.extensions, extension_configs=self.configs)
        html = converter.convert(text)
        return {"html": html, "toc": converter.toc_tokens, "ids": _ID.findall(html)}

    def fill(self, html: str, page) -> str:
        """*page*'s HTML with its release's text in place, its contents and ids told to MkDocs."""
        entry = self.pages.pop(page.file.src_uri, None)
        if entry is None:
            return html
        page.present_anchor_ids = set(page.present_anchor_ids or ()) | set(entry["ids"])
        headings = get_toc(entry["toc"]).items
        top = page.toc.items[0] if page.toc.items and page.toc.items[0].level == 1 else None
        (top.children if top else page.toc.items).extend(headings)
        return html.replace(PLACEHOLDER, entry["html"])

    def prune(self) -> None:
        self.cache.prune()


def stable(value):
    """*value* (Markdown settings) as JSON-ready data that is the same in every process: a function
    (toc's slugify) by its name and the plain values it closes over, not by its address."""
    if isinstance(value, Mapping):  # MkDocs' config sections are Mappings, not dicts
        return {str(k): stable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [stable(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    cells = [c.cell_contents for c in getattr(value, "__closure__", None) or ()]
    plain = [c for c in cells if c is None or isinstance(c, (str, int, float, bool))]
    return [getattr(value, "__module__", ""), getattr(value, "__qualname__", type(value).__qualname__), plain]


def code_key(*folders: str) -> str:
    """A key over every file in *folders* (the macros and their templates)."""
    parts = []
    for folder in folders:
        for root, _, names in sorted(os.walk(folder)):
            for name in sorted(names):
                if name.endswith((".py", ".j2")):
                    with open(os.path.join(root, name), "rb") as handle:
                        parts.append(handle.read().decode("utf-8", "replace"))
    return derived.key(*parts)
