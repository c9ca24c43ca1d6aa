"""Documents to import, made from plans: the site's own Word file, the same as plain text, and the
comparison that says whether a plan came back as itself.

The text form is what an office system exports from our Word file: its outline (目录) first, as the
received copy has one, then the title and every paragraph, markers and 编者注 included.
"""
from __future__ import annotations

from pathlib import Path

from plansite.data.model import Plan
from plansite.outputs import document, handout_content, handouts


def write_docx(plan: Plan, target: Path) -> Path:
    handouts.render_docx(plan, handouts.handouts(plan)[0], handouts.revision(plan), str(target), "现行版本：测试")
    return target


def text_of(plan: Plan) -> str:
    outline = [block.text for block in document.outline(plan)]
    body, _ = handout_content.full_plan(plan)
    colophon = handout_content.colophon(plan, True, handouts.revision(plan))
    return "\n".join(outline + [plan.full_title] + [para.text for para in body] + colophon) + "\n"


def write_text(plan: Plan, target: Path, encoding: str = "utf-8", newline: str = "\n") -> Path:
    target.write_bytes(text_of(plan).replace("\n", newline).encode(encoding))
    return target


def content(plan: Plan, notes: bool = True) -> list:
    """Everything a document says about a plan, in order; ids left out (an import gives its own) and
    owners by name (departments too get ids of their own)."""
    out: list = [plan.full_title, plan.preamble]
    for section in plan.sections:
        out.append((section.label, section.title, section.intro))
        for item in section.items:
            if hasattr(item, "problems"):
                out.append((item.code, item.heading, item.target, item.note if notes else None))
                out += [(p.code, p.text, p.note if notes else None) for p in item.problems]
                continue
            out.append((item.code, item.title, item.subtitle, item.text, item.extent,
                        [d.name for d in item.owners], item.owners_pending, item.note if notes else None))
            out += [(p.code, p.lead, p.body, p.truncated, p.note if notes else None) for p in item.points]
    return out


# --- Word's automatic numbering ----------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LEVELS = (("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."))


def numbered_docx(lines: list[tuple], target: Path, levels=LEVELS) -> Path:
    """A Word file whose numbered paragraphs carry Word's automatic numbering (w:numPr) instead of
    typed numbers: *lines* are (level or None, text), or (level, text, numId) for a paragraph where
    Word's 重新开始编号 starts the same list again at 1 (a w:num of its own, with w:startOverride);
    *levels* the list's (w:numFmt, w:lvlText)."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    lvls = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                   f'<w:lvlText w:val="{text}"/></w:lvl>' for i, (fmt, text) in enumerate(levels))
    numbering.append(parse_xml(f'<w:abstractNum xmlns:w="{_W}" w:abstractNumId="90">{lvls}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num xmlns:w="{_W}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for level, text, *restart in lines:
        num_id = restart[0] if restart else 90
        if restart and not numbering.xpath(f'w:num[@w:numId="{num_id}"]'):
            numbering.append(parse_xml(f'<w:num xmlns:w="{_W}" w:numId="{num_id}"><w:abstractNumId w:val="90"/>'
                                       f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="1"/></w:lvlOverride>'
                                       '</w:num>'))
        paragraph = document.add_paragraph(text)
        if level is not None:
            p_pr = paragraph._p.get_or_add_pPr()
            p_pr.append(parse_xml(f'<w:numPr xmlns:w="{_W}"><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    document.save(str(target))
    return target


# --- Word formatting: faces and rules ---------------------------------------------------------------

BODY_FACE = "仿宋_GB2312"


def styled_docx(paragraphs: list, target: Path, boxed: tuple = ()) -> Path:
    """A Word file set the way a received one may be: each paragraph is its text (in the body face) or
    a list of (text, East Asian face) runs; the paragraphs numbered (0-based) in *boxed* carry a top
    border (a rule, as under a 版头)."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    document = docx.Document()
    for number, runs in enumerate(paragraphs):
        paragraph = document.add_paragraph()
        for text, face in ([(runs, BODY_FACE)] if isinstance(runs, str) else runs):
            paragraph.add_run(text)._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), face)
        if number in boxed:
            paragraph._p.get_or_add_pPr().append(parse_xml(
                f'<w:pBdr xmlns:w="{_W}"><w:top w:val="single" w:sz="8" w:space="1" w:color="auto"/></w:pBdr>'))
    document.save(str(target))
    return target


_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def text_box(paragraph, text: str) -> None:
    """A text box holding *text*, anchored in *paragraph*, as Word stores one: for itself (mc:Choice,
    a DrawingML shape) and again for older readers (mc:Fallback, VML)."""
    from docx.oxml import parse_xml

    content = f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
    paragraph.add_run()._r.append(parse_xml(
        f'<mc:AlternateContent xmlns:mc="{_MC}" xmlns:w="{_W}" xmlns:wps="{_WPS}" '
        'xmlns:v="urn:schemas-microsoft-com:vml">'
        f'<mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>{content}</wps:txbx></wps:wsp></w:drawing></mc:Choice>'
        f'<mc:Fallback><w:pict><v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback>'
        "</mc:AlternateContent>"))
