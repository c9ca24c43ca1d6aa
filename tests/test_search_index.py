"""The search index entries as the plan plugin reshapes them (browser behaviour: tests/browser/test_search.py)."""
from __future__ import annotations

import json

from plansite.site import search_index, search_terms
from plansite.site.search_terms import ZWSP


def _entry(location: str) -> dict:
    return {"location": location, "title": "标题", "text": "<p>正文</p>"}


def _shaped(plan, extra: list[str]) -> dict[str, dict]:
    locations = [search_index.location(obj) for obj in search_index.items(plan)] + extra
    return {e["location"]: e for e in search_index.shape(plan, [_entry(loc) for loc in locations])}


def test_every_plan_item_is_a_result_of_its_own_with_its_code_and_place(plan):
    shaped = _shaped(plan, [])
    for obj in search_index.items(plan):
        page, _, anchor = search_index.location(obj).partition("#")
        entry = shaped[f"{page}?at={anchor}" if anchor else page]
        assert entry["context"] == search_index.context(obj)
        assert entry.get("boost", 1) == 1
        parent = getattr(obj, "area", None) or getattr(obj, "item", None)
        if parent is not None:  # a problem names its area, a point its measure or guarantee
            assert entry["context"].endswith(parent.title)
        if hasattr(obj, "code"):
            assert entry["context"].startswith(obj.code)
            assert entry[search_index.CODE_FIELD] == search_index.code_token(obj)


def test_citation_code_tokens_tell_every_item_apart(plan):
    tokens = [search_index.code_token(obj) for obj in search_index.items(plan) if hasattr(obj, "code")]
    assert len(set(tokens)) == len(tokens)
    assert all(token.isascii() and token.isalnum() for token in tokens)  # one word for the search tokenizer


def test_the_full_text_is_left_out(built_site, plan):
    """Its sentences are all on their items' pages; indexing 原文 too would double every result."""
    whole = search_index.location(plan).partition("#")[0]
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] and not [e for e in index["docs"] if e["location"].startswith(whole)]


def test_site_pages_rank_last(plan):
    shaped = _shaped(plan, ["guide.html", "guide.html#x", "index.html", "areas/index.html"])
    for site_page in ("guide.html", "guide.html#x", "index.html", "areas/index.html"):
        assert shaped[site_page]["boost"] < 1
        assert "context" not in shaped[site_page]


def test_reshaping_twice_changes_nothing(plan):
    once = search_index.shape(plan, [_entry(search_index.location(obj)) for obj in search_index.items(plan)])
    twice = search_index.shape(plan, [dict(e) for e in once])
    assert twice == once


def test_hidden_words_are_the_tails_of_longer_tokens():
    segmented = ZWSP.join(["", "区委组织部", "负责", "中梗阻", "问题", ""])
    hidden = set(search_terms.words(segmented).split(ZWSP))
    assert {"委组织部", "组织部", "织部", "梗阻"} <= hidden
    assert not hidden & {"区委组织部", "负责", "区委", "组织", "中梗"}  # tokens and their beginnings match already

