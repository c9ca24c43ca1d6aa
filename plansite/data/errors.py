"""One error type for everything an editor can get wrong, with one constructor per kind.

Every message names file, line and column and carries a hint, so that a build failure reads the
same whether it came from the YAML parser, the schema or a cross-reference check.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One located finding. ``line``/``col`` are 1-based, as editors count."""

    file: str
    line: int
    col: int
    message: str
    hint: str = field(default="", compare=False)
    kind: str = field(default="", compare=False)  # set where a kind is listed with a cap
    unlisted: int = field(default=0, compare=False)  # further problems this one stands for (capped)

    def format(self) -> str:
        text = f"{self.file}:{self.line}:{self.col}: 错误: {self.message}"
        if self.hint:
            text += f"\n    提示: {self.hint}"
        return text


class PlanError(Exception):
    """Raised with every problem found, so that an editor fixes them all in one round."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    @property
    def count(self) -> int:
        """How many problems there are, counting those a capped list does not show one by one."""
        return len(self.problems) + sum(p.unlisted for p in self.problems)

    def report(self) -> str:
        lines = [p.format() for p in self.problems]
        listed = f"（列出 {len(self.problems)} 条）" if self.count > len(self.problems) else ""
        lines.append(f"共 {self.count} 处错误{listed}，方案未生成。修改后重新运行。")
        return "\n".join(lines)


def capped(problems: list[Problem], limit: int) -> list[Problem]:
    """The first *limit* of one kind of problem, and one more that counts the rest.

    A file full of tabs or half-width commas would otherwise bury every other message."""
    problems = sorted(problems)
    if len(problems) <= limit:
        return problems
    first_left, rest = problems[limit], len(problems) - limit
    return problems[:limit] + [Problem(first_left.file, first_left.line, first_left.col,
                                       f"从这里起还有 {rest} 处同类错误（{first_left.message}）未逐一列出",
                                       first_left.hint, unlisted=rest - 1)]


# --- constructors, one per kind -------------------------------------------------------------

def file_unreadable(file: str, reason: str) -> Problem:
    return Problem(file, 1, 1, f"无法读取文件（{reason}）", "确认文件路径正确、文件存在且有读取权限。")


def file_empty(file: str) -> Problem:
    return Problem(file, 1, 1, "文件为空", "从版本库恢复 data/plan.yaml，或从上一版复制后再修改。")


def file_too_large(file: str, size: int, limit: int) -> Problem:
    return Problem(file, 1, 1, f"文件过大（{size} 字节，上限 {limit} 字节）",
                   "方案文件不应这么大：检查是否误粘贴了其他内容。")


def file_binary(file: str, line: int, col: int) -> Problem:
    return Problem(file, line, col, "文件含有空字符（NUL），不是文本文件",
                   "确认保存的是纯文本 YAML，而不是 Word 等格式的文件。")


def file_not_utf8(file: str, line: int, col: int) -> Problem:
    return Problem(file, line, col, "文件不是 UTF-8 编码（此处的字节无法按 UTF-8 解读）",
                   "多半是以 GBK/GB2312 保存所致：在编辑器中选择“UTF-8（无 BOM）”编码重新保存。")


def tab_character(file: str, line: int, col: int) -> Problem:
    return Problem(file, line, col, "含有制表符（Tab）",
                   "YAML 缩进只能用空格：把制表符换成空格（每级缩进两个空格）。")


def hidden_line_break(file: str, line: int, col: int, name: str) -> Problem:
    return Problem(file, line, col, f"含有看不见的特殊换行符（{name}）",
                   "多半是从网页或 Word 复制时带入的：删去它，文字要写在同一行里。")


def invisible_character(file: str, line: int, col: int, name: str, reorders: bool) -> Problem:
    if reorders:
        return Problem(file, line, col, f"含有看不见的文字方向控制符（{name}）",
                       "它使文字显示的顺序与实际存储的不同，审阅时看不出来：删去它"
                       "（在 VS Code 中把光标移到这一列，按 Delete 键）。")
    return Problem(file, line, col, f"含有看不见的格式字符（{name}）",
                   "多半是从网页、微信或 Word 复制时带入的，会妨碍搜索：删去它"
                   "（在 VS Code 中把光标移到这一列，按 Delete 键）；全角空格“　”不受影响。")


def colon_without_space(file: str, line: int, col: int, field: str) -> Problem:
    return Problem(file, line, col, f"字段“{field}”的冒号后缺少空格",
                   f"在冒号后加一个空格：写成“{field}: ……”。")


def full_width_colon(file: str, line: int, col: int, field: str) -> Problem:
    return Problem(file, line, col, f"字段“{field}”后用了全角冒号“：”",
                   f"字段名后要用英文冒号加空格：写成“{field}: ……”（正文里的冒号才用全角）。")


def colon_missing(file: str, line: int, col: int, field: str) -> Problem:
    return Problem(file, line, col, f"字段“{field}”后缺少冒号",
                   f"写成“{field}: ……”（英文冒号，后加空格）。")


def dash_without_space(file: str, line: int, col: int, field: str) -> Problem:
    return Problem(file, line, col, f"列表项的“-”与字段“{field}”之间缺少空格",
                   f"写成“- {field}: ……”（“-”后加一个空格）。")


def dash_doubled(file: str, line: int, col: int, field: str) -> Problem:
    return Problem(file, line, col, f"字段“{field}”前多了一个列表项的“-”",
                   f"每一项只用一个“-”：写成“- {field}: ……”。")


def indentation(file: str, line: int, col: int, actual: int, expected: list[int]) -> Problem:
    allowed = str(expected[-1]) if len(expected) == 1 else "、".join(map(str, expected[:-1])) + f" 或 {expected[-1]}"
    return Problem(file, line, col, f"缩进不对齐：这一行左侧有 {actual} 个空格，按上下文应为 {allowed} 个",
                   "每级缩进两个空格；同一层级的字段左侧空格数相同，列表项以“- ”开头。对照上下几行对齐。")


def yaml_syntax(file: str, line: int, col: int, what: str,
                hint: str = "检查这一行及上一行：缩进是否对齐、冒号后是否有空格、引号是否成对。") -> Problem:
    return Problem(file, line, col, f"YAML 语法错误：{what}", hint)


def text_spans_lines(file: str, line: int, col: int, last_line: int) -> Problem:
    return Problem(file, line, col, f"一段文字断成了多行（第 {line}—{last_line} 行），换行处会变成空格",
                   "把这段文字合并到同一行里（行很长没有关系）。")


def tag_used(file: str, line: int, col: int, tag: str) -> Problem:
    return Problem(file, line, col, f"不允许使用 YAML 标签（“{tag}”）",
                   "删去以“!”开头的标签；若文字以“!”开头，请给整段文字加上引号。")


def too_deep(file: str, line: int, col: int, limit: int) -> Problem:
    return Problem(file, line, col, f"嵌套层数超过 {limit} 层",
                   "方案只有几层结构：多半是误输入了大量“[”或“{”，删去它们。")


def value_unreadable(file: str, line: int, col: int, value: str) -> Problem:
    return Problem(file, line, col, f"无法解读的值“{value}”",
                   "它看起来像日期或数字，却不是有效的日期或数字；若是文字，请加上引号。")


def trailing_comment(file: str, line: int, col: int) -> Problem:
    return Problem(file, line, col, "“#”及其后的文字被当作注释丢弃了",
                   "YAML 中空格后的“#”开始一条注释：若“#”是正文的一部分，请给整段文字加上引号；"
                   "若确是注释，请把它单独写在一行。")


def alias_used(file: str, line: int, col: int) -> Problem:
    return Problem(file, line, col, "不允许使用 YAML 锚点或别名（& 或 *）",
                   "把要重复的内容直接写出来；若文字以 & 或 * 开头，请给整段文字加上引号。")


def duplicate_key(file: str, line: int, col: int, key: str, first_line: int) -> Problem:
    return Problem(file, line, col, f"同一层级中字段“{key}”重复出现（第 {first_line} 行已有）",
                   "删除重复的一处，或把两处内容合并；否则其中一处的文字会被悄悄丢弃。")


def entry_without_dash(file: str, line: int, col: int, keys: list[str]) -> Problem:
    return Problem(file, line, col, f"字段“{'”“'.join(keys)}”在同一项中又出现了一遍：多半是新的一项漏写了开头的“- ”",
                   "在这一行的字段名前加上“- ”，与上一项的“- ”对齐；若确是重复，删去重复的字段。")


def non_string_key(file: str, line: int, col: int) -> Problem:
    return Problem(file, line, col, "字段名必须是文字", "字段名写成“名称: 值”的形式，名称用小写英文字母。")


def misspelt_field(file: str, line: int, col: int, typo: str, field: str, where: str) -> Problem:
    return Problem(file, line, col, f"{where}中的字段“{typo}”拼写有误，应为“{field}”（必填）",
                   f"把“{typo}”改成“{field}”。")


def misplaced_field(file: str, line: int, col: int, field: str, where: str, home: str) -> Problem:
    return Problem(file, line, col, f"字段“{field}”写在了{where}中，它应属于{home}（那里缺少它）",
                   "多半是这一行的缩进不对：与它应属的那一组字段左侧对齐（每级缩进两个空格）。")


def schema_violation(file: str, line: int, col: int, message: str, hint: str) -> Problem:
    return Problem(file, line, col, message, hint)


def reserved_id(file: str, line: int, col: int, ident: str, taken_by: str) -> Problem:
    return Problem(file, line, col, f"编号（id）“{ident}”与站点自动生成的{taken_by}重名",
                   "用了它，那个页面或位置会被这一项悄悄顶替：给这一项另起一个 id（例如在后面加上说明性的词）。")


HALFWIDTH = "halfwidth"


def halfwidth_mark(file: str, line: int, col: int, where: str, char: str, full: str) -> Problem:
    return Problem(file, line, col, f"{where}含有半角标点“{char}”", f"正文标点一律用全角：把“{char}”改为“{full}”。",
                   HALFWIDTH)


def duplicate_id(file: str, line: int, col: int, ident: str, first_line: int) -> Problem:
    return Problem(file, line, col, f"编号（id）“{ident}”重复（第 {first_line} 行已使用）",
                   "每个 id 在整个文件中只能出现一次：给其中一处换一个新的 id。")


def unknown_department(file: str, line: int, col: int, ident: str, known: list[str]) -> Problem:
    return Problem(file, line, col, f"未知的责任部门 id“{ident}”",
                   f"先在 departments 中登记该部门，或改用已登记的 id：{'、'.join(known)}。")


def owner_silent(file: str, line: int, col: int, title: str) -> Problem:
    return Problem(file, line, col, f"工作措施“{title}”既没有 owners（责任部门），也没有 owners_pending（待明确的原因）",
                   "原文写明责任部门时填 owners: [部门id]；原文未写明时填 owners_pending: 原文未载明。")


def owner_both(file: str, line: int, col: int, title: str) -> Problem:
    return Problem(file, line, col, f"工作措施“{title}”同时填写了 owners 和 owners_pending",
                   "二者只能选一：责任部门已明确就删去 owners_pending。")


def owner_pending_in_release(file: str, line: int, col: int, title: str, reason: str) -> Problem:
    return Problem(file, line, col, f"发布时，原文完整的工作措施必须写明责任部门：“{title}”仍是待明确（{reason}）",
                   "原文完整（extent: complete）就应载有责任部门：按原文填写 owners: [部门id] 并删去 owners_pending；"
                   "只有原文本身残缺（truncated 或 title_only）时才能待明确。")


def extent_mismatch(file: str, line: int, col: int, message: str, hint: str) -> Problem:
    return Problem(file, line, col, message, hint)


def basis_missing(file: str, line: int, col: int) -> Problem:
    return Problem(file, line, col, "导言中找不到依据文件（《……》）",
                   "导言应保留原文中依据文件的书名号全称，例如《……的通知》（文号）。")


def period_reversed(file: str, line: int, col: int, start: int, end: int) -> Problem:
    return Problem(file, line, col, f"实施期限的起始年 {start} 晚于结束年 {end}", "检查 period 的 start 和 end 是否写反。")


# --- releases (data/releases/index.yaml and the release command) ------------------------------

def release_date_invalid(file: str, line: int, col: int, value: str) -> Problem:
    return Problem(file, line, col, f"发布日期“{value}”不是有效的日期",
                   "日期写成 YYYY-MM-DD，例如 2022-06-01。")


# *file* is the release record (data/releases/index.yaml); snapshots are named beside it.

def _restore(file: str) -> str:
    return f"发布记录由 make release 写入，不要手工修改：从版本库恢复（git checkout -- {file}）。"


def release_out_of_order(file: str, line: int, col: int, date: str, previous: str) -> Problem:
    return Problem(file, line, col, f"发布记录的日期 {date} 早于前一次发布（{previous}）",
                   "各次发布按时间先后排列。" + _restore(file))


def release_title_repeated(file: str, line: int, col: int, title: str, first_line: int) -> Problem:
    return Problem(file, line, col, f"发布标题“{title}”重复（第 {first_line} 行已使用）",
                   "每次发布的标题各不相同，读者靠它区分版本。" + _restore(file))


def release_snapshot_name(file: str, line: int, col: int, snapshot: str, date: str) -> Problem:
    return Problem(file, line, col, f"快照文件名“{snapshot}”与发布日期 {date} 不符",
                   f"快照以发布日期命名（{date}.yaml，同一天再次发布为 {date}-2.yaml）。" + _restore(file))


def release_snapshot_repeated(file: str, line: int, col: int, snapshot: str, first_line: int) -> Problem:
    return Problem(file, line, col, f"快照文件“{snapshot}”重复（第 {first_line} 行已使用）",
                   "每次发布有自己的快照。" + _restore(file))


def release_snapshot_missing(file: str, line: int, col: int, snapshot: str) -> Problem:
    path = os.path.join(os.path.dirname(file), snapshot)
    return Problem(file, line, col, f"找不到发布快照 {path}",
                   f"快照是发布时方案的原样副本，与发布记录一起提交：从版本库恢复（git checkout -- {path}）。")


def release_snapshot_changed(file: str, line: int, col: int, snapshot: str) -> Problem:
    path = os.path.join(os.path.dirname(file), snapshot)
    return Problem(file, line, col, f"发布快照 {path} 在发布后被改动（与记录的 sha256 不符）",
                   f"快照是那一版的原样副本，不能修改：从版本库恢复（git checkout -- {path}）。"
                   "要修改方案，请改 data/plan.yaml，再发布新版本。")


def release_in_future(file: str, line: int, col: int, date: str, today: str) -> Problem:
    return Problem(file, line, col, f"发布日期 {date} 晚于今天（{today}）",
                   "多半是年份或月份输错了（2062 写成了 2026）；若是本机的系统日期不对，先改正系统日期。" + _restore(file))


def release_unlisted(file: str, index: str) -> Problem:
    return Problem(file, 1, 1, f"发布快照 {file} 不在发布记录 {index} 中",
                   f"快照由 make release 写入，同时登记在发布记录里。若它是误放或遗留的文件，删除它；"
                   f"若发布记录缺了它的一条（例如合并时丢失），从版本库恢复：git checkout -- {index}。")


def release_record_missing(file: str, snapshots: list[str]) -> Problem:
    names = "、".join(snapshots)
    return Problem(file, 1, 1, f"找不到发布记录 {file}，但 {os.path.dirname(file)} 中有快照 {names}",
                   f"发布记录与快照一起由 make release 写入：从版本库恢复（git checkout -- {file}）；"
                   "若这些快照是误放的，删除它们。")


def release_backdated(file: str, line: int, col: int, date: str, latest: str) -> Problem:
    return Problem(file, line, col, f"不能发布：日期 {date} 早于最近一次发布（{latest}）",
                   "发布日期不能早于上一次发布：用今天的日期（同一天可以多次发布）。")


def release_future(file: str, date: str, today: str) -> Problem:
    return Problem(file, 1, 1, f"不能发布：日期 {date} 晚于今天（{today}）",
                   "发布日期写发布当天（date +%F）：多半是年份输错了（2062 写成了 2026）。"
                   "写错的日期一旦记入发布记录，以后每次发布都会被当作早于它而拒绝。")


def release_title_taken(file: str, line: int, col: int, title: str, date: str) -> Problem:
    return Problem(file, line, col, f"不能发布：标题“{title}”已经用过（{date}的发布）",
                   "每次发布的标题各不相同，例如“第一次修订”“第二次修订”：换一个标题。")


def release_title_invalid(file: str, line: int, col: int, title: str) -> Problem:
    return Problem(file, line, col, f"不能发布：标题“{title}”为空、含有换行或首尾有空格",
                   "标题写成一行文字，例如 --title 第一次修订。")


def release_unchanged(file: str, latest: str) -> Problem:
    return Problem(file, 1, 1, f"不能发布：方案自最近一次发布（{latest}）以来没有变化",
                   "只有内容改动才需要发布；只改了注释或格式不算改动。")
