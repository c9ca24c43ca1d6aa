"""What can go wrong when a document comes in, one constructor per kind, said at the document's place.

Problems are the data layer's (plansite.data.errors.Problem): the line of a text file or the
paragraph of a Word file, the text quoted so that an editor finds it without counting, and a hint.
"""
from __future__ import annotations

from ..errors import Problem

QUOTE = 24  # characters of a line quoted in a message; the rest is elided


class Place:
    """Where a line stands in its document: 第 12 行 (text) or 第 12 段 (Word)."""

    def __init__(self, file: str, unit: str):
        self.file, self.unit = file, unit

    def at(self, number: int, text: str, message: str, hint: str) -> Problem:
        quoted = text if len(text) <= QUOTE else text[:QUOTE] + "……"
        return Problem(self.file, number, 1, f"第 {number} {self.unit}“{quoted}”：{message}", hint)

    def whole(self, message: str, hint: str) -> Problem:
        return Problem(self.file, 1, 1, message, hint)


PARTS = "方案的正文分三部分：一、（治理重点）二、（工作措施）三、（组织保障）。"


def unknown_format(file: str, suffix: str, known: list[str]) -> Problem:
    return Problem(file, 1, 1, f"不能读取“{suffix or '无扩展名'}”格式的文件",
                   f"能读取的格式：{'、'.join(known)}。Word 的 .doc、.wps 或 PDF 请先在 Word/WPS 中“另存为” .docx。")


def not_text(file: str, line: int) -> Problem:
    return Problem(file, line, 1, "文件含有空字符（NUL），不是文本文件",
                   "导入纯文本（.txt）或 Word（.docx）文件；其他格式请先另存为这两种之一。")


def encoding_unknown(file: str, line: int) -> Problem:
    return Problem(file, line, 1, "文件既不是 UTF-8 也不是 GB18030/GBK 编码，无法解读这一行的字节",
                   "在记事本或 WPS 中打开，另存为“UTF-8”编码的文本文件后再导入。")


def not_docx(file: str) -> Problem:
    return Problem(file, 1, 1, "文件不是有效的 Word（.docx）文件",
                   "在 Word/WPS 中打开它，另存为“Word 文档（*.docx）”后再导入。")


def empty(file: str) -> Problem:
    return Problem(file, 1, 1, "文件中没有文字", "确认导入的是方案文件本身。")


def numbering_unsupported(place: Place, number: int, text: str, fmt: str) -> Problem:
    return place.at(number, text, f"这一段用了 Word 的自动编号，编号格式“{fmt}”无法还原为文字",
                    "在 Word 中选中全文，把自动编号转换为文字（或把编号直接打在段首，如“（一）”“1.”），再导入。")


def no_title(place: Place) -> Problem:
    return place.whole("找不到方案标题：应有一行以实施期限结尾，如“……实施方案（2021—2023年）”",
                       "确认文件包含方案标题，且标题末尾写有实施期限（起止年份）。")


def before_title(place: Place, number: int, text: str) -> Problem:
    return place.at(number, text, "标题之前只能有目录（一、（一）1. 这样的编号行），这一行无法归属",
                    "若它是标题的前半（标题分成了两段），在文件中把两段接成一段；若不属于方案（如附件号、发文机关），删去它。"
                    "然后重新导入。")


def no_preamble(place: Place, number: int, text: str) -> Problem:
    return place.at(number, text, "标题之后、第一部分之前没有导言段落",
                    "方案在标题之后应有一段导言（制定方案的缘由和依据）。")


def second_preamble(place: Place, number: int, text: str) -> Problem:
    return place.at(number, text, "导言只能有一段，这是第二段",
                    "方案的导言是一段文字：若这是上一段的后半，在文件中把两段接成一段。")


def part_number(place: Place, number: int, text: str, expected: str) -> Problem:
    if expected == "":
        return place.at(number, text, "方案只有三部分，这是第四部分", PARTS + "多出的部分无法导入：确认文件内容。")
    return place.at(number, text, f"部分编号不连续：这里应是“{expected}、”", PARTS + "确认编号按“一、二、三、”排列。")


def period_reversed(place: Place, number: int, text: str, start: str, end: str) -> Problem:
    return place.at(number, text, f"实施期限的起始年份 {start} 晚于结束年份 {end}",
                    "核对标题末尾的实施期限，写成“（起始年—结束年）”，如“（2024—2025年）”。")


def title_empty(place: Place, number: int, text: str, what: str) -> Problem:
    return place.at(number, text, f"{what}只有编号，没有标题文字",
                    "在编号之后补上标题（对照原件）；若这一行是多出来的，删去它。然后重新导入。")


def heading_number(place: Place, number: int, text: str, expected: str) -> Problem:
    return place.at(number, text, f"编号不连续：这里应是“（{expected}）”",
                    "同一部分中的标题按（一）（二）（三）……顺序编号：核对这一行与上一个标题的编号。")


def problem_number(place: Place, number: int, text: str, expected: int) -> Problem:
    return place.at(number, text, f"编号不连续：这里应是“{expected}.”",
                    "每个治理重点下的问题从 1. 起按顺序编号：核对这一行与上一条的编号。")


def point_number(place: Place, number: int, text: str, expected: str) -> Problem:
    return place.at(number, text, f"编号不连续：这里应是“{expected}是”",
                    "每项措施中的要点按一是、二是、三是……顺序排列：核对这一行与上一点的编号。")


def outside_part(place: Place, number: int, text: str) -> Problem:
    return place.at(number, text, "这一行出现在“一、”之前，不属于任何部分",
                    PARTS + "确认这一行之前有部分标题。")


def problem_outside(place: Place, number: int, text: str) -> Problem:
    return place.at(number, text, "编号条目（1. 2. ……）只能出现在“一、”部分的治理重点（（一）（二）……）之下",
                    "治理重点下的问题用 1. 2. 编号；工作措施和组织保障下的要点写作“一是……二是……”。")


def point_outside(place: Place, number: int, text: str) -> Problem:
    return place.at(number, text, "要点（一是、二是……）不在任何工作措施或组织保障之下",
                    "要点只能写在“二、”“三、”部分的标题（（一）（二）……）之下：确认它之前有这样的标题。")


def owners_outside(place: Place, number: int, text: str) -> Problem:
    return place.at(number, text, "责任部门只能写在“二、”部分的工作措施之下",
                    "方案的数据结构中，只有工作措施有责任部门：确认这一行的位置。")


def owners_twice(place: Place, number: int, text: str, first: int) -> Problem:
    return place.at(number, text, f"这项措施已在第 {first} {place.unit}写有责任部门",
                    "一项措施只能有一行责任部门：把两行合并为一行（部门之间用顿号隔开）。")


def owners_repeated(place: Place, number: int, text: str, name: str) -> Problem:
    return place.at(number, text, f"“{name}”在这一行中写了两次",
                    "每个责任部门只写一次：删去重复的名称（对照原件确认是否本应是另一个部门）。")


def owners_empty(place: Place, number: int, text: str) -> Problem:
    return place.at(number, text, "责任部门一行没有写出部门名称，或写有两类单位（如“牵头单位：……；配合单位：……”）",
                    "写成“责任部门：区委组织部、区委宣传部”（部门之间用顿号）；方案数据只有一类责任部门，"
                    "两类单位时请与起草部门确认后再导入；原文未写明时删去这一行。")


def unplaceable(place: Place, number: int, text: str, where: str, hint: str) -> Problem:
    return place.at(number, text, f"无法归属：{where}", hint)


def marker_misplaced(place: Place, number: int, text: str) -> Problem:
    return place.at(number, text, "“【原文仅存标题】”只能紧跟在一项工作措施或组织保障的标题之后",
                    "删去这一行，或把它移到只有标题的那一项之后。")


def note_unknown(place: Place, number: int, text: str, code: str) -> Problem:
    return place.at(number, text, f"编者注指向的“{code}”在方案中找不到",
                    "编者注写成“注1　二（一）二是：……”，引用编号须与正文中的条目对应。")


def part_missing(place: Place, which: str) -> Problem:
    return place.whole(f"文件中没有“{which}”部分（正文和目录中都没有）", PARTS + "确认文件完整。")


def areas_missing(place: Place) -> Problem:
    return place.whole("“一、”部分没有治理重点的正文（（一）……，深入治理……）",
                       "治理重点需要完整的标题句；目录中的短标题不够：确认文件包含“一、”部分的正文。")


def no_departments(place: Place) -> Problem:
    return place.whole("文件中没有一行写明责任部门（责任部门：/责任单位：/牵头单位：），部门登记表无从建立",
                       "方案数据至少要登记一个部门：确认文件完整；若原文确实没有写明任何责任部门，请联系站点维护者。")


def plan_invalid(file: str, report: str) -> Problem:
    return Problem(file, 1, 1, f"现有的方案文件有错误，无法在它上面修订：\n{report}",
                   "先改正现有方案文件（make check），或导入为新文件（build_data.py import 文件 新文件.yaml）。")


def result_invalid(file: str, report: str) -> Problem:
    return Problem(file, 1, 1, f"导入结果未通过检查，没有写入：\n{report}",
                   "这多半是导入程序的问题：请把这条信息和所导入的文件交给站点维护者。")
