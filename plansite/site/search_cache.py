"""Material's search entries for a page, kept between builds while everything they are made of holds.

Material's search plugin parses every page's HTML and cuts its Chinese text with jieba: the largest
share of a build that grows with the plan (about a third at k = 100), and the same work for the same
page on every build. Its index makes a page's entries in one call, ``add_entry_from_context(page)``;
this wraps that call: a page whose HTML, address, title, table of contents and search settings are
unchanged, cut by the same jieba dictionaries with the same versions of material and jieba, gets the
entries it got last time. Anything else is indexed by material as usual, so the index is the same
either way (tests/test_search_index.py builds it both ways).

The entries live in one pickle in the build folder (written with model_cache's writer; unreadable
= empty), holding the pages of the latest build only.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
from importlib.metadata import version

from ..data import model_cache

FILE = "search_entries.pickle"  # in the build folder


class PageEntries:
    """The entries of each page, by key, for one build."""

    def __init__(self, index, folder: str, dictionary: str | None, user_dictionary: str,
                 earlier: "PageEntries | None" = None):
        """*dictionary*: material's jieba_dict setting; *user_dictionary*: the plan's words, loaded into
        jieba before the first page that must be cut. *earlier*: the previous build's, in this process
        (`mkdocs serve`): no need to read the file."""
        self.path = os.path.join(folder, FILE)
        self.salt = _salt([dictionary, user_dictionary])
        self.user_dictionary = user_dictionary
        self.user_words_loaded = False
        self.known: dict[str, list[dict]] = earlier.known if earlier and earlier.path == self.path else _read(self.path)
        self.used: dict[str, list[dict]] = {}
        self.index = index
        add = index.add_entry_from_context
        wrapper = getattr(add, "__self__", None)
        self.add = wrapper.add if isinstance(wrapper, PageEntries) else add  # the same index, a rebuild
        index.add_entry_from_context = self.add_entry_from_context

    def add_entry_from_context(self, page) -> None:
        key = self._key(page)
        entries = self.known.get(key)
        if entries is None:
            self._load_user_words()
            start = len(self.index.entries)
            self.add(page)
            entries = [dict(e) for e in self.index.entries[start:]]  # before the plan plugin reshapes them
        else:
            self.index.entries.extend(dict(e) for e in entries)
        self.used[key] = entries

    def _load_user_words(self) -> None:
        if not self.user_words_loaded:
            import jieba  # material's search has it when Chinese is indexed
            jieba.load_userdict(self.user_dictionary)
            self.user_words_loaded = True

    def save(self) -> None:
        """Keep this build's pages (only), if they differ from what was read."""
        if self.used.keys() != self.known.keys():
            model_cache.write(self.path, self.used)
            self.known = self.used

    def _key(self, page) -> str:
        meta = {name: page.meta.get(name) for name in ("search", "tags", "title")}
        digest = hashlib.sha256(self.salt)
        for part in (page.url, str(page.title), json.dumps(meta, sort_keys=True, default=str),
                     _toc(page.toc), page.content or ""):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        return digest.hexdigest()


def _salt(dictionaries: list[str | None]) -> bytes:
    """What cuts the text besides the page: the programs' versions and jieba's dictionaries."""
    digest = hashlib.sha256(f"{version('mkdocs-material')}\0{version('jieba')}\0".encode())
    for path in dictionaries:
        with contextlib.suppress(OSError, TypeError):
            with open(path, "rb") as handle:
                digest.update(handle.read())
        digest.update(b"\0")
    return digest.digest()


def _toc(items) -> str:
    return "".join(f"({item.id}|{item.url}|{_toc(item.children)})" for item in items)


def _read(path: str) -> dict:
    found = model_cache.read(path)
    return found if isinstance(found, dict) else {}
