"""data/plan.yaml says exactly what the source says: the document rebuilt from it is the source."""
from plansite.outputs.document import full_text, outline


def test_full_text_is_the_source_text(plan, source_lines):
    # Lines 45–88 hold the title and the full text up to where the copy breaks off.
    body = [line for line in source_lines[44:] if line]
    rebuilt = [block.text for block in full_text(plan)]
    assert rebuilt[: len(body)] == body


def test_after_the_break_only_outline_titles_follow(plan, source_lines):
    body = [line for line in source_lines[44:] if line]
    after = list(full_text(plan))[len(body):]
    assert after, "the copy breaks off inside section 二; the rest must still be listed"
    outline_lines = set(source_lines[:43])
    for block in after:
        assert block.text in outline_lines, block.text
        if block.kind == "item":
            assert block.obj.extent == "title_only" and not block.obj.points


def test_outline_is_the_source_outline(plan, source_lines):
    rebuilt = [block.text for block in outline(plan)]
    source = source_lines[:43]
    # The copy's outline skips the heading of area (二) (data/source/README.md); nothing else differs.
    missing = [line for line in rebuilt if line not in source]
    assert missing == [plan.areas[1].label + plan.areas[1].title]
    assert [line for line in rebuilt if line in source] == source


def test_problem_titles_open_their_full_text(plan):
    for problem in plan.problems:
        assert problem.text.startswith(problem.title)
        assert problem.text[len(problem.title)] == "，"


def test_counts_match_the_source(plan):
    assert len(plan.areas) == 6
    assert [len(a.problems) for a in plan.areas] == [5, 4, 5, 4, 6, 0]
    assert len(plan.measures.items) == 6
    assert len(plan.guarantees.items) == 5


def test_no_ascii_punctuation_in_plan_text(plan):
    for _, text in plan.texts():
        assert not set(text) & set(",;:()"), text


def test_citation_codes_are_computed_from_order(plan):
    assert plan.areas[2].problems[1].code == "一（三）2"
    assert plan.measures.items[0].points[2].code == "二（一）三是"
    assert plan.guarantees.items[4].code == "三（五）"
