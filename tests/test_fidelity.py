"""The original release says exactly what the source says: the document rebuilt from it is the source.

These are audits of the plan as first released (the ``original`` fixture: data/releases/, or the
working plan before any release), so an editor's later change never fails them. The rules every
version must keep (text punctuation, numbering by position) run on the working ``plan``.
"""
from plansite.data.numerals import chinese
from plansite.outputs.document import full_text, outline


def test_full_text_is_the_source_text(original, source_lines):
    # Lines 45–88 hold the title and the full text up to where the copy breaks off.
    body = [line for line in source_lines[44:] if line]
    rebuilt = [block.text for block in full_text(original)]
    assert rebuilt[: len(body)] == body


def test_after_the_break_only_outline_titles_follow(original, source_lines):
    body = [line for line in source_lines[44:] if line]
    after = list(full_text(original))[len(body):]
    assert after, "the copy breaks off inside section 二; the rest must still be listed"
    outline_lines = set(source_lines[:43])
    for block in after:
        assert block.text in outline_lines, block.text
        if block.kind == "item":
            assert block.obj.extent == "title_only" and not block.obj.points


def test_outline_is_the_source_outline(original, source_lines):
    rebuilt = [block.text for block in outline(original)]
    source = source_lines[:43]
    # The copy's outline skips the heading of area (二) (data/source/README.md); nothing else differs.
    missing = [line for line in rebuilt if line not in source]
    assert missing == [original.areas[1].label + original.areas[1].title]
    assert [line for line in rebuilt if line in source] == source


def test_problem_titles_open_their_full_text(original):
    for problem in original.problems:
        assert problem.text.startswith(problem.title)
        assert problem.text[len(problem.title)] == "，"


def test_counts_match_the_source(original):
    assert len(original.areas) == 6
    assert [len(a.problems) for a in original.areas] == [5, 4, 5, 4, 6, 0]
    assert len(original.measures.items) == 6
    assert len(original.guarantees.items) == 5


def test_citation_codes_match_the_source(original):
    assert original.areas[2].problems[1].code == "一（三）2"
    assert original.measures.items[0].points[2].code == "二（一）三是"
    assert original.guarantees.items[4].code == "三（五）"


def test_no_ascii_punctuation_in_plan_text(plan):
    for _, text in plan.texts():
        assert not set(text) & set(",;:()"), text


def test_citation_codes_are_computed_from_order(plan):
    for a, area in enumerate(plan.areas, 1):
        assert area.code == f"一（{chinese(a)}）"
        assert [p.code for p in area.problems] == [f"{area.code}{n}" for n in range(1, len(area.problems) + 1)]
    for section in (plan.measures, plan.guarantees):
        for i, item in enumerate(section.items, 1):
            assert item.code == f"{section.label[:-1]}（{chinese(i)}）"
            assert [p.code for p in item.points] == [f"{item.code}{chinese(n)}是" for n in range(1, len(item.points) + 1)]
