"""Readable, deterministic ids for what a document brings in: the pinyin of the title's first words.

区委组织部 → quwei-zuzhi-bu, 加强检查考核 → jiaqiang-jiancha-kaohe: syllables in pairs, since most
Chinese words have two characters (a segmenter such as jieba would cost a second to load, half the
time a large import may take). The same title always gives the same id, so importing a document
again gives what it gave before.

An id that is taken gets a letter (-b, -c, …), never a number: ``<item id>-<n>`` is the anchor of a
point (plansite.data.addresses), so a numbered id could clash with a point added later.
"""
from __future__ import annotations

import os
import re
import string

# Each character in its usual reading: pypinyin's phrase list (which reads a polyphone by its word,
# 拖沓 tuota for tuoda) takes a third of a second to load, a sixth of a large import, and an id only has
# to be readable. Nor are its dictionaries copied: no custom readings are loaded.
os.environ["PYPINYIN_NO_PHRASES"] = "1"
os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "1")
from pypinyin import lazy_pinyin  # noqa: E402

LIMIT = 32  # characters of id drawn from the title; the pattern allows 63
_RUNS = re.compile(r"[\u4e00-\u9fff]+|[A-Za-z0-9]+")


def slug(text: str) -> str:
    """The id part for *text*: its opening words in pinyin, hyphen-joined, at most LIMIT characters."""
    words: list[str] = []
    for run in _RUNS.findall(text[:2 * LIMIT]):
        if run.isascii():
            if words:
                words[-1] += run.lower()  # 落实50项 → luoshi50-…: no id ends in -<number>
            else:
                words.append(run.lower())
            continue
        syllables = lazy_pinyin(run[:LIMIT // 2])
        words += ["".join(syllables[i:i + 2]) for i in range(0, len(syllables), 2)]
    out = ""
    for word in words:
        word = re.sub(r"[^a-z0-9]", "", word)
        if not word:
            continue
        if out and len(out) + 1 + len(word) > LIMIT:
            break
        out = f"{out}-{word}" if out else word[:LIMIT]
    return out if out[:1].isalpha() else ""


def _suffixes():
    yield ""
    yield from (f"-{c}" for c in string.ascii_lowercase[1:])
    n = 2
    while True:
        yield f"-z{n}"
        n += 1


class Ids:
    """Gives ids, none twice, none a name the site uses, none an id the plan had before."""

    def __init__(self, taken: set, reserved: set):
        self.taken = set(taken) | set(reserved)

    def give(self, text: str, fallback: str, points: int = 0) -> str:
        base = slug(text) or fallback
        for suffix in _suffixes():
            candidate = base + suffix
            anchors = {f"{candidate}-{n}" for n in range(1, points + 1)}
            if candidate not in self.taken and not anchors & self.taken:
                self.taken.add(candidate)
                self.taken.update(anchors)
                return candidate
