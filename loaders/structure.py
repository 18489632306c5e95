"""Parse a notice's outline: parts 一、, subsections (一), groups 1., items (1), measures 一是.

Which headings are rectification items is decided by one rule for every shape, afresh in
each part (part 二 may hold (一) items and part 三 1. items; a problem list in part 二
changes nothing in part 三):

- Parts: 一、二、… in sequence. A part whose title speaks of the long term (长期, 持续推进…,
  or 长效机制 without naming the rectification itself) holds long-term items, its shallowest numbered level; a part about rectification
  (整改落实, 整改情况, 整改事项, 反馈问题…) holds items; others (主体责任, 下一步工作打算)
  hold none, and neither does a long-term part with only prose.
- Next steps as the long term: where no part is a long-term part, a 下一步/打算 part right
  after the (last) items part is where the notice lists what stays to be done: its
  numbered entries are the long-term items (status 长期, basis 推断 unless the entry
  says 长期坚持). Beside a long-term part, a 下一步 part is plans only and holds none.
- Classic outline (一、/(一)/1./(1)/一是): in an items part, the item level is the deepest
  numbered level that counts problems rather than measures. A level counts measures when
  its numbers restart under each parent and nothing hangs below it (no deeper number, no
  一是, and most of its headings are a paragraph of their own: "(一)关于…的问题\n1.开展…。
  \n2.建立…。"), or when it does not cover its parent level (some parent headings have
  no child of that level: "1.问题…" followed directly by its prose, and "(1)" only here
  and there, numbers sub-points of items 1., not items). Numbered headings below the item
  level are the item's measures, like 一是.
- Problem list (问题一: / 问题1: / a line 问题三 alone): where a notice heads two or more
  paragraphs 问题N, those are the items of the parts that hold them, whatever numbered
  headings sit above them (categories: their titles are the items' topics) or below them
  (1. 2. 3. under 整改情况: are measures of the problem, never items). Numbers that restart
  under each category are kept as labels; item_no continues across the part.
- Item table (loaders.tables): a row of cells whose header names a problem column and a
  measures/progress column; each numbered row is an item, a row with one cell is a
  category (the topic of the rows under it), and so is a category column's cell.
- Field lines of an item (责任单位: / 牵头单位: / 整改时限: / 完成时限:) fill its owner and
  deadline.
A notice with no parts and no item headings has no items (a short notice): its figures
stand outside every item.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from loaders.metadata import deadline_date
from loaders.numerals import chinese_to_number
from loaders.status import INFERRED, LONG, STATED, STATED_LONG, item_status
from loaders.tables import TableHeader, cells, table_header

CN = "一二三四五六七八九十"
PART = re.compile(rf"([{CN}]{{1,3}})、")
SUBSECTION = re.compile(rf"\(([{CN}]{{1,3}})\)\s*")
GROUP = re.compile(r"(\d{1,2})\s*[.、](?!\d)\s*")
ITEM = re.compile(r"\((\d{1,3})\)\s*")
# Some items lose their brackets: "15 全力破解…", "5发挥资源优势…".
BARE_ITEM = re.compile(r"(\d{1,3})(?:\s+|(?=[\u4e00-\u9fff“\"]))")
MEASURE = re.compile(rf"([{CN}]{{1,3}})是\s*")
# A measure whose 二是 lost its first character: "是强化日常督导检查。"
CLIPPED_MEASURE = re.compile(r"是(?=[\u4e00-\u9fff“\"])")
LONG_TERM = ("长期", "持续整改", "需持续", "持续推进", "持续深化")
ITEM_PART = ("整改落实", "问题整改", "整改情况", "整改进展", "整改事项", "反馈问题", "反馈意见")
# 建立健全长效机制: the genre's name for the part of standing mechanisms (long-term items),
# unless the title also names the rectification itself (问题整改落实及长效机制建设情况).
LONG_TERM_MECHANISM = ("长效机制", "长效常治", "长效管理")
NOT_ITEM_PART = ("下一步", "工作打算", "主体责任", "履行")
NEXT_STEPS = ("下一步", "下步", "打算")
SENTENCE_END = re.compile(r"[。!?]")
# "问题一:…", "问题12、…", or "问题三" alone on its line
PROBLEM = re.compile(rf"问题\s*([{CN}百]{{1,4}}|\d{{1,3}})\s*(?:[:.、]\s*|$)")
FIELD = re.compile(
    r"(责任单位|牵头单位|责任部门|牵头部门|整改时限|完成时限|整改期限|时限要求)\s*[:]\s*(.+)"
)
# the same fields closing a paragraph (…整改状态:推进中。责任单位:镇农业办;整改时限:2026年12月底。):
# each opens a line or follows a sentence's end, and its value runs to the next ; or 。
FIELD_INLINE = re.compile(
    r"(?:^|(?<=[。;]))\s*(责任单位|牵头单位|责任部门|牵头部门|整改时限|完成时限|整改期限|时限要求)"
    r"\s*:\s*([^;。\n]+)"
)
TITLE_LABEL = re.compile(r"^(存在问题|问题表现|反馈问题|具体问题|问题)\s*:\s*")
UNIT_START = re.compile(r"[个项件宗处条座名人家次场万亿%]")


@dataclass
class Section:
    """One heading or measure, with the span of text it governs."""

    section_id: int
    parent_id: int | None
    level: int
    kind: str
    label: str
    title: str
    part: str | None
    item_no: int | None
    char_start: int
    char_end: int = -1


@dataclass
class Item:
    """A numbered rectification item of part 二, or a long-term item of part 三."""

    item_no: int
    part: str
    label: str
    title: str
    topic: str
    char_start: int
    char_end: int = -1
    status: str = ""
    status_evidence: str = ""
    status_basis: str = ""
    measures: list[Section] = field(default_factory=list)
    owner: str = ""
    deadline: object = None  # datetime.date or None


@dataclass
class Outline:
    """The whole outline of one notice, with lookups from an offset to its place."""

    sections: list[Section]
    items: list[Item]
    label_spans: list[tuple[int, int]]
    paragraphs: list[tuple[int, int]]

    def __post_init__(self) -> None:
        self._item_starts = [i.char_start for i in self.items]
        self._parts = [s for s in self.sections if s.kind == "part"]
        self._part_starts = [s.char_start for s in self._parts]
        self._topics = [s for s in self.sections if s.kind in ("subsection", "group")]
        self._topic_starts = [s.char_start for s in self._topics]
        self._para_starts = [p[0] for p in self.paragraphs]

    def item_at(self, offset: int) -> Item | None:
        i = bisect_right(self._item_starts, offset) - 1
        if i >= 0 and offset < self.items[i].char_end:
            return self.items[i]
        return None

    def part_at(self, offset: int) -> str | None:
        i = bisect_right(self._part_starts, offset) - 1
        if i >= 0 and offset < self._parts[i].char_end:
            return self._parts[i].part
        return None

    def topic_at(self, offset: int) -> str | None:
        item = self.item_at(offset)
        if item is not None:
            return item.topic
        i = bisect_right(self._topic_starts, offset) - 1
        if i >= 0 and offset < self._topics[i].char_end:
            return self._topics[i].title
        return None

    def paragraph_at(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self._para_starts, offset) - 1
        return self.paragraphs[max(i, 0)]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line; normalised text holds one paragraph a line."""
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def heading_title(line: str) -> str:
    """A heading's title: up to its first full stop, or a short prefix where one is missing."""
    line = line.strip()
    match = SENTENCE_END.search(line)
    title = line[: match.start()] if match else line
    return title[:60].strip(" ,;:")


def parse_outline(text: str) -> Outline:
    """Walk the paragraphs once and build sections, items and label spans."""
    return _OutlineBuilder(text).build()


class _OutlineBuilder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.paras = paragraphs(text)
        self.sections: list[Section] = []
        self.items: list[Item] = []
        self.labels: list[tuple[int, int]] = []
        self.stack: dict[int, Section] = {}
        self.part_role = ""
        self.part_label: str | None = None
        self.item_level = 0
        self.item: Item | None = None
        self.measure_count = 0
        self.last_item_label = 0
        self.group_title: str | None = None
        self.sub_title: str | None = None
        self.part_title: str | None = None
        self.problems = sum(1 for s, e in self.paras if PROBLEM.match(text, s, e))
        self.problem_list = self.problems >= 2
        self.problem_mode = self.problem_list  # per part, see _open_part
        self.table: TableHeader | None = None
        self.table_topic = ""

    def build(self) -> Outline:
        roles = self._part_roles()
        if not roles and self.paras:
            # a notice without 一、二、 parts: read the whole of it as the items part,
            # unless it has no item headings at all (a short notice of totals)
            self.part_label, self.part_role = "二", "item"
            self.item_level = self._item_level(-1, "item")
            if self.item_level or self.problem_list:
                self._push(1, "part", "", "", 0)
            else:
                self.part_label, self.part_role = None, ""
        for start, end in self.paras:
            line = self.text[start:end]
            m = PART.match(line)
            if m and (start, end) in roles:
                self._open_part(m, start, end, roles[(start, end)])
                continue
            if self.part_label is None:
                continue
            if self._table_line(line, start, end):
                continue
            if self._heading(line, start, end):
                continue
            if self.item is not None:
                self._measure(line, start, end)
        self._close_all(len(self.text))
        for item in self.items:
            if item.part in self._next_steps:
                item.status, item.status_evidence, item.status_basis = self._next_step_status(item)
                continue
            item.status, item.status_evidence, item.status_basis = item_status(
                self.text,
                item.char_start,
                item.char_end,
                item.title,
                self.part_role_of(item) == "long",
            )
        return Outline(self.sections, self.items, self.labels, self.paras)

    def _next_step_status(self, item: Item) -> tuple[str, str, str]:
        """长期, stated where the entry itself says so, else inferred from its part."""
        m = STATED_LONG.search(self.text, item.char_start, item.char_end)
        if m:
            return LONG, m.group(), STATED
        part = next(s for s in self.sections if s.kind == "part" and s.part == item.part)
        return LONG, part.title, INFERRED

    def part_role_of(self, item: Item) -> str:
        return "long" if item.part in self._long_parts else "item"

    def _part_roles(self) -> dict[tuple[int, int], str]:
        """Which 一、二、… lines are parts, and which parts hold items or long-term items."""
        roles, expected = {}, 1
        self._long_parts: set[str] = set()
        for n, (start, end) in enumerate(self.paras):
            line = self.text[start:end]
            m = PART.match(line)
            if not m or chinese_to_number(m.group(1)) != expected:
                continue
            if self._between_rows(n):
                continue  # a category row of an item table, not a part
            expected += 1
            title = heading_title(line[m.end() :])
            rectifying = any(w in title for w in ITEM_PART)
            if any(w in title for w in LONG_TERM) or (
                any(w in title for w in LONG_TERM_MECHANISM) and not rectifying
            ):
                roles[(start, end)] = "long"
                self._long_parts.add(m.group(1))
            elif any(w in title for w in NOT_ITEM_PART) and not any(w in title for w in ITEM_PART):
                roles[(start, end)] = "plain"
            elif any(w in title for w in ITEM_PART):
                roles[(start, end)] = "item"
            else:
                roles[(start, end)] = "plain"
        if self.problem_list or any(table_header(self.text[s:e]) for s, e in self.paras):
            self._item_parts_by_content(roles)
        spans = sorted(roles)
        titles = [heading_title(PART.sub("", self.text[s:e], count=1)) for s, e in spans]
        n = next_steps_part(list(zip(titles, (roles[s] for s in spans), strict=True)))
        self._next_steps: set[str] = set()
        if n is not None:
            roles[spans[n]] = "long"
            label = PART.match(self.text, spans[n][0]).group(1)
            self._long_parts.add(label)
            self._next_steps.add(label)
        return roles

    def _between_rows(self, n: int) -> bool:
        """The paragraphs either side are rows of a table (cells joined by " | ")."""
        if n == 0 or n + 1 >= len(self.paras):
            return False
        before, after = self.paras[n - 1], self.paras[n + 1]
        return len(cells(self.text[before[0] : before[1]])) > 1 and (
            len(cells(self.text[after[0] : after[1]])) > 1
        )

    def _item_parts_by_content(self, roles: dict[tuple[int, int], str]) -> None:
        """A part that holds problem headings or an item table is an items part, whatever
        its title says ("一、关于……方面的问题" parts of a problem list)."""
        spans = sorted(roles)
        for n, span in enumerate(spans):
            if roles[span] == "long":
                continue
            stop = spans[n + 1][0] if n + 1 < len(spans) else len(self.text)
            inside = [(s, e) for s, e in self.paras if span[1] < s < stop]
            if any(PROBLEM.match(self.text, s, e) for s, e in inside) or any(
                table_header(self.text[s:e]) for s, e in inside
            ):
                roles[span] = "item"

    def _open_part(self, m: re.Match[str], start: int, end: int, role: str) -> None:
        self._close_levels(1, start)
        self.part_label = m.group(1)
        self.part_role = role
        self.problem_mode = self.problem_list and any(
            PROBLEM.match(self.text, s, e) for s, e in self._part_paras(start)
        )
        self.item_level = self._item_level(start, role)
        self.last_item_label = 0
        self.group_title = self.sub_title = None
        self.table = None
        self.labels.append((start, start + m.end()))
        self.part_title = heading_title(self.text[start + m.end() : end])
        self._push(1, "part", m.group(1), self.part_title, start)

    def _part_paras(self, part_start: int) -> list[tuple[int, int]]:
        """The paragraphs of the part whose heading starts at part_start (-1: the whole text)."""
        inside = []
        for start, end in self.paras:
            if start <= part_start:
                continue
            if self._is_next_part(self.text[start:end]):
                break
            inside.append((start, end))
        return inside

    def _item_level(self, part_start: int, role: str) -> int:
        """Items are the deepest numbered level that counts items rather than measures.

        (一) > 1. > (1): the deepest level the part uses is the item level unless its
        numbers restart under each parent and nothing hangs below it, as measures do
        ("(一)…1.…2.…(二)…1.…" numbers measures of the (一) items when each 1. is a
        paragraph of its own; "(一)方面\n1.问题\n整改情况…" has prose under most 1.,
        and those 1. are items). Decided afresh in each part.
        """
        if role == "plain":
            return 0
        numbers: dict[int, list[int]] = {2: [], 3: [], 4: []}
        order: list[int] = []
        measures = False
        prose_below = {2: 0, 3: 0, 4: 0}  # headings of a level with a plain paragraph under
        last_heading = False
        for start, end in self.paras:
            if start <= part_start:
                continue
            line = self.text[start:end]
            m = PART.match(line)
            if m and self._is_next_part(line):
                break
            if PROBLEM.match(line) and self.problem_mode:
                return 4
            if table_header(line):
                return 4
            heading = True
            if ITEM.match(line):
                numbers[4].append(int(ITEM.match(line).group(1)))
                order.append(4)
            elif GROUP.match(line) and not UNIT_START.match(line, GROUP.match(line).end(1)):
                numbers[3].append(int(GROUP.match(line).group(1)))
                order.append(3)
            elif SUBSECTION.match(line):
                numbers[2].append(int(chinese_to_number(SUBSECTION.match(line).group(1)) or 0))
                order.append(2)
            else:
                heading = False
                measures = measures or MEASURE.match(line) is not None
                if last_heading and order:
                    prose_below[order[-1]] += 1
            last_heading = heading
        found = [level for level in (2, 3, 4) if numbers[level]]
        if not found:
            return 0
        if role == "long":
            return found[0]
        for level in sorted(found, reverse=True):
            seq = numbers[level]
            deeper = (
                any(numbers[d] for d in range(level + 1, 5))
                or measures
                or prose_below[level] * 2 > len(seq)
            )
            restarts = sum(1 for a, b in zip(seq, seq[1:], strict=False) if b <= a)
            shallower = any(numbers[s] for s in range(2, level))
            if shallower and restarts and not deeper:
                continue
            if shallower and not _covers(order, level):
                continue
            return level
        return found[0]

    def _is_next_part(self, line: str) -> bool:
        m = PART.match(line)
        if not m or self.part_label is None:
            return m is not None
        return chinese_to_number(m.group(1)) == (chinese_to_number(self.part_label) or 0) + 1

    def _heading(self, line: str, start: int, end: int) -> bool:
        if self.problem_mode:
            m = PROBLEM.match(line)
            if m:
                self._open(4, "item", m, line, start, end)
                return True
            if self.item is not None and not SUBSECTION.match(line):
                return False  # 1. 2. under 整改情况: are the problem's measures
        for level, kind, regex in (
            (2, "subsection", SUBSECTION),
            (3, "group", GROUP),
            (4, "item", ITEM),
        ):
            m = regex.match(line)
            if m and not (kind == "group" and UNIT_START.match(line, m.end(1))):
                if self.item is not None and 0 < self.item_level < level:
                    self._measure(line, start, end, numbered=m)  # 1. 2. under a (一) item
                else:
                    self._open(level, kind, m, line, start, end)
                return True
        m = BARE_ITEM.match(line)
        if (
            m
            and self.item_level == 4
            and int(m.group(1)) == self.last_item_label + 1
            and not UNIT_START.match(line, m.end(1))
            and len(heading_title(line)) < 60
        ):
            self._open(4, "item", m, line, start, end)
            return True
        return False

    def _open(
        self, level: int, kind: str, m: re.Match[str], line: str, start: int, end: int
    ) -> None:
        self._close_levels(level, start)
        label = m.group(0).strip()
        if m.re is PROBLEM:
            label = label.rstrip(":.、 ")
        title = heading_title(line[m.end() :])
        self.labels.append((start, start + m.end()))
        section = self._push(level, kind, label, title, start)
        if kind == "subsection":
            self.sub_title, self.group_title = title, None
        elif kind == "group":
            self.group_title = title
        if level == self.item_level:
            self._open_item(section, m, title, start)

    def _open_item(self, section: Section, m: re.Match[str], title: str, start: int) -> None:
        written = chinese_to_number(m.group(1)) if not m.group(1).isdigit() else int(m.group(1))
        previous = (
            self.items[-1].item_no if self.items and self.items[-1].part == self.part_label else 0
        )
        number = int(written) if written and written > previous else previous + 1
        self.last_item_label = int(written or number)
        if self.part_role == "long":
            topic = self.sub_title if self.item_level > 2 and self.sub_title else title
        elif self.problem_mode or self.table is not None:
            topic = self.group_title or self.sub_title or self.part_title or title
        else:
            topic = self.group_title or self.sub_title or title
        self.item = Item(number, self.part_label or "", section.label, title, topic or title, start)
        section.item_no = number
        self.items.append(self.item)
        self.measure_count = 0

    def _table_line(self, line: str, start: int, end: int) -> bool:
        """Rows of an item table: the header, category rows (topics) and item rows."""
        header = table_header(line)
        if header is not None:
            self._close_levels(2, start)
            self.table = header
            self.table_topic = ""
            self.labels.append((start, end))  # header words are not figures
            return True
        if self.table is None:
            return False
        row = cells(line)
        number = self.table.number(row)
        if number is not None:
            self._close_levels(3, start)
            label = row[self.table.columns.get("number", 0)]
            title = heading_title(self.table.cell(row, "problem"))
            offset = line.find(label)
            self.labels.append((start + offset, start + offset + len(label)))
            m = re.match(r"(\d+)", label)
            section = self._push(4, "item", label, title, start)
            self.item_level = 4
            self._open_item(section, m, title, start)
            self.item.owner = self.table.cell(row, "owner")
            self.item.deadline = deadline_date(self.table.cell(row, "deadline"))
            if "topic" in self.table.columns:
                # a category column: its cell, or the row above's where a merged cell
                # was left empty, is the topic; rows sharing it are one topic
                topic = heading_title(self.table.cell(row, "topic")) or self.table_topic
                self.table_topic = topic
                self.item.topic = topic or self.item.topic
            return True
        if len(row) == 1 and len(line) <= 60 and not SENTENCE_END.search(line):
            self._close_levels(3, start)
            m = PART.match(line) or SUBSECTION.match(line) or GROUP.match(line)
            if m:
                self.labels.append((start, start + m.end()))
            title = heading_title(line[m.end() :] if m else line)
            self._push(3, "group", m.group(0).strip() if m else "", title, start)
            self.group_title = title
            return True
        if len(row) == 1:  # prose after the table
            self._close_levels(2, start)
            self.table = None
            self.group_title = None
            return True
        return True  # a row of another shape (a total row): inside the table, not an item

    def _measure(
        self, line: str, start: int, end: int, numbered: re.Match[str] | None = None
    ) -> None:
        """Each paragraph of an item is a measure, numbered by its 一是, by a number below
        the item level (1. under a (一) item) or by its place."""
        field_match = FIELD.match(line)
        fields = [field_match.groups()] if field_match else []
        if not field_match and self.item is not None:
            fields = [m.groups() for m in FIELD_INLINE.finditer(line)]
        for name, value in fields if self.item is not None else ():
            if "时限" in name or "期限" in name:
                self.item.deadline = deadline_date(value)
            else:
                self.item.owner = value.strip(" 。;,")
        if self.item is not None and not self.item.title and not self.item.measures:
            self.item.title = heading_title(TITLE_LABEL.sub("", line))
            if self.item.topic == "":
                self.item.topic = self.item.title
        m = numbered or MEASURE.match(line)
        if m:
            written = m.group(1)
            number = int(
                (int(written) if written.isdigit() else chinese_to_number(written))
                or self.measure_count + 1
            )
            self.labels.append((start, start + m.end()))
            body = line[m.end() :]
        else:
            number = self.measure_count + 1
            clipped = CLIPPED_MEASURE.match(line)
            if clipped and self.measure_count:
                self.labels.append((start, start + 1))
                body = line[1:]
            else:
                body = line
        self.measure_count = number
        label = numbered.group(0).strip() if numbered else _cn(number) + "是"
        self._close_levels(5, start)
        section = self._push(5, "measure", label, heading_title(body), start)
        section.item_no = self.item.item_no if self.item else None
        self.item.measures.append(section)
        self._close_levels(5, end)

    def _push(self, level: int, kind: str, label: str, title: str, start: int) -> Section:
        parent = max((lv for lv in self.stack if lv < level), default=None)
        section = Section(
            len(self.sections) + 1,
            self.stack[parent].section_id if parent else None,
            level,
            kind,
            label,
            title,
            self.part_label,
            self.item.item_no if self.item and level > self.item_level else None,
            start,
        )
        self.sections.append(section)
        self.stack[level] = section
        return section

    def _close_levels(self, level: int, at: int) -> None:
        for lv in sorted(self.stack):
            if lv >= level:
                self.stack[lv].char_end = at
                del self.stack[lv]
        if self.item is not None and level <= self.item_level:
            self.item.char_end = at
            self.item = None

    def _close_all(self, at: int) -> None:
        self._close_levels(0, at)


def next_steps_part(parts: list[tuple[str, str]]) -> int | None:
    """Which of the parts (title, role) is a 下一步 part holding the long-term items, if any.

    Only where no part already holds them, and only the part right after an items part: a
    下一步 part that follows a long-term part, or a 主体责任 part, lists plans, not items.
    """
    roles = [role for _, role in parts]
    if "long" in roles:
        return None
    for n, (title, role) in enumerate(parts):
        if n and role == "plain" and roles[n - 1] == "item" and any(w in title for w in NEXT_STEPS):
            return n
    return None


def _covers(order: list[int], level: int) -> bool:
    """Every heading of the nearest shallower level used has one of `level` under it."""
    parent = max((lv for lv in order if lv < level), default=None)
    if parent is None:
        return True
    open_parent = had_child = False
    for lv in order:
        if lv <= parent:
            if open_parent and not had_child:
                return False
            open_parent, had_child = lv == parent, False
        elif lv == level:
            had_child = True
    return not (open_parent and not had_child)


def _cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n >= 100:  # an item with 100+ paragraphs (hostile or huge): a plain number
        return str(n)
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
