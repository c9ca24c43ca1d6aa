"""The grid typesetter on made-up paragraphs: the Chinese line-breaking rules and full lines."""
from __future__ import annotations

import pytest
from lxml import html as lxml_html

from plansite.outputs import grid


def spacing_of(span) -> float:
    return float(span.get("style").split(":")[1].rstrip("pt"))


def set_lines(markup: str, indent: int = grid.INDENT_CELLS) -> list:
    """(text, width) of each line: the glyphs' advances and the spacing after all but the last."""
    element = lxml_html.fragment_fromstring(markup)
    grid.set_paragraph(element, indent_cells=indent)
    result = []
    for line in element.find_class("line"):
        rest = line.find_class("rest")[0]
        text, tail = line.text_content(), rest.text_content()
        # WeasyPrint writes spacing as whole thousandths of an em, truncated: so does this.
        to_pdf = lambda s: int(-s * 1000 / grid.BODY_SIZE) * -grid.BODY_SIZE / 1000  # noqa: E731
        spacing = (len(text) - len(tail)) * to_pdf(spacing_of(line)) + (len(tail) - 1) * to_pdf(spacing_of(rest))
        result.append((text, sum(grid.advance(c, "serif", grid.BODY_SIZE) for c in text) + spacing))
    return result


def test_ideographs_fill_28_cells_with_the_first_line_indented_two():
    lines = set_lines(f'<p class="grid">{"字" * 100}</p>')
    assert [len(text) for text, _ in lines] == [26, 28, 28, 18]
    for number, (text, width) in enumerate(lines[:-1]):
        assert width == pytest.approx(grid.BLOCK_WIDTH - (2 * grid.CELL if number == 0 else 0), abs=0.02)
    text, width = lines[-1]  # the last line keeps the grid's pitch
    assert width == pytest.approx(len(text) * grid.CELL - (grid.CELL - grid.BODY_SIZE), abs=0.02)


@pytest.mark.parametrize("mark", sorted("，。、；：）》”"))
def test_no_line_starts_with_a_closing_mark(mark):
    for position in range(24, 30):
        text = "字" * position + mark + "字" * 30
        lines = set_lines(f'<p class="grid">{text}</p>')
        assert "".join(t for t, _ in lines) == text
        assert all(t[0] != mark for t, _ in lines[1:]), position
        for number, (t, width) in enumerate(lines[:-1]):
            assert width == pytest.approx(grid.BLOCK_WIDTH - (2 * grid.CELL if number == 0 else 0), abs=0.02)


@pytest.mark.parametrize("mark", sorted("（《“"))
def test_no_line_ends_with_an_opening_mark(mark):
    for position in range(24, 30):
        text = "字" * position + mark + "字" * 30
        lines = set_lines(f'<p class="grid">{text}</p>')
        assert all(t[-1] != mark for t, _ in lines[:-1]), position


def test_numbers_and_latin_words_are_not_split():
    text = "字" * 20 + "2021年" + "字" * 3 + "XX" + "字" * 40
    lines = [t for t, _ in set_lines(f'<p class="grid">{text}</p>', indent=0)]
    assert all("2021" in t or not any(c.isdigit() for c in t) for t in lines)
    assert all("XX" in t or "X" not in t for t in lines)


def test_inline_faces_and_note_marks_survive_the_breaking():
    markup = ('<h3 class="grid"><span class="level2-head">（一）' + "楷" * 30 + '</span>，' + "宋" * 10
              + '<sup class="note-ref"><a href="#note-1">注1</a></sup>。</h3>')
    element = lxml_html.fragment_fromstring(markup)
    grid.set_paragraph(element)
    lines = element.find_class("line")
    assert len(lines) == 2 and all(line.find_class("level2-head") for line in lines)  # its face on both
    heads = element.find_class("level2-head")
    assert "".join(h.text_content() for h in heads) == "（一）" + "楷" * 30
    notes = element.find_class("note-ref")
    assert len(notes) == 1 and notes[0].find("a").get("href") == "#note-1"
    assert element.text_content().endswith("宋注1。")
