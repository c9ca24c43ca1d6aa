"""What the site's search can find: the plan's own terms, and the words inside them.

Material's search (``material/plugins/search``) cuts each section's Chinese text into jieba tokens,
joined by zero-width spaces; in the browser, a query's Chinese run is cut greedily into tokens of
the index (never counting its last character) and each piece matches tokens that *start* with it.
Three things follow:

* Terms jieba does not know (区委专项办, 中梗阻) would be cut apart: the plan marks its own terms
  (department names, quoted phrases, titles in 《》), which go into jieba's user dictionary.
* A word inside a compound (组织部 in 区委组织部, 梗阻 in 中梗阻) starts no token: every section gets
  two hidden fields, ``title_words`` and ``text_words``, holding the tails of its longer tokens
  (组织部, 织部 of 区委组织部). A query matches tokens that start with it, so a tail stands for
  every part inside the token; the token's own beginnings need nothing.
* Single-character tokens (不, 等) are words like any other: a query starting with one (不作为)
  searches for words starting with that character, and docs/javascripts/search.js puts the
  results that hold the whole query first.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import Iterable

from ..data.model import Plan

_QUOTED = re.compile(r"“([^”]{2,40})”|《([^》]{2,40})》")
# jieba only ever sees runs of Chinese characters, so a term is entered as its runs (民营经济19条).
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
# High frequency so that jieba keeps the term whole rather than its usual split.
_FREQ = 100000

# Material joins jieba tokens with this; the separator in mkdocs.yml splits on it.
ZWSP = "\u200b"
_TAG = re.compile(r"<[^>]*>")
_NOT_HAN = re.compile(r"[^\u4e00-\u9fff\u200b]+")
# The hidden fields; their boosts match title (1000) and text (1), material's defaults.
WORD_FIELDS = {"title_words": ("title", 1000.0), "text_words": ("text", 1.0)}


def quoted(text: str) -> list[str]:
    """The terms *text* marks as its own (in “” or 《》), in order, as runs of Chinese characters."""
    return [run for match in _QUOTED.finditer(text) for run in _HAN_RUN.findall(match.group(1) or match.group(2))]


def terms(plan: Plan) -> list[str]:
    """The plan's own terms, as jieba dictionary entries."""
    found = {d.name for d in plan.departments}
    for _, text in plan.texts():
        found.update(quoted(text))
    return sorted(found)


def write_user_dict(plan: Plan, path: str) -> None:
    content = "".join(f"{term} {_FREQ}\n" for term in terms(plan))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    try:  # leave the file (and its mtime) alone when nothing changed: serve watches build/
        with open(path, encoding="utf-8") as handle:
            if handle.read() == content:
                return
    except FileNotFoundError:
        pass
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(content)


@lru_cache(maxsize=None)  # a plan's words recur in section after section
def _tails(token: str) -> frozenset[str]:
    """The token's tails of two characters or more, other than the token itself."""
    return frozenset(token[i:] for i in range(1, len(token) - 1))


def words(segmented: str) -> str:
    """The hidden words of one segmented field: the tails of its tokens that are not tokens of it."""
    tokens: set[str] = set()
    for run in _NOT_HAN.split(_TAG.sub(" ", segmented)):
        tokens.update(run.split(ZWSP))
    found = frozenset().union(*map(_tails, tokens))
    return ZWSP.join(sorted(found - tokens))


def add_words(entries: Iterable[dict]) -> None:
    """Give every search index entry its hidden word fields (idempotent: serve rebuilds)."""
    for entry in entries:
        for field, (source, _) in WORD_FIELDS.items():
            entry[field] = words(entry[source])
