"""A published document's blocks → the data of a filled workbook, and what could not be placed.

The document (部门预算公开, as the seed) has two parts. The department section: three texts,
each opened by its lead words and a colon (部门年度发展规划目标：, 部门职责分类绩效目标情况说明：,
实现本年度发展规划目标的保障措施：) and running on over the following paragraphs until a
heading, another lead, a project title or a table; its paragraphs are joined with "\\n". Then
one table per project, after a title ``N、<name>绩效目标表``: a unit line (``711002定州市总工会``
and ``单位：万元``, perhaps with ``2020年度``), then the form's labels with their values to their
right (项目编码, 项目名称, 预算数, 其中：财政资金, 其他资金), the use of funds in the row below
预算规模及资金用途, the plan percentages below 3月底 … 12月底, 绩效目标, and the indicator table
under its header (一级指标 … 指标值确定依据). The tables after a title, up to the next title,
belong to that project (the text extraction splits a project's table in two).

The result is the plain data :func:`~workbook_tools.outputs.filled_book.write_workbook` takes
(the structure of ``samples/dingzhou_trade_union_2020.json``). Nothing is dropped silently:
every paragraph and every cell with text is either placed, recognised as the document's
structure (headings, labels, the unit line, a table of contents, a page number), or listed in
:attr:`Imported.unplaced` with where it was found and why, in Chinese. So is every field the
workbook expects that the document lacks, and the year when the document does not state it.

Sheet names are not in the document: each is derived from the project's name (without a
leading document number such as 冀财行【2019】46号 and a leading year), at most 31 characters,
without the characters Excel forbids, unique in the workbook.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from workbook_tools import labels
from workbook_tools.parse.model import split_unit
from workbook_tools.read.document import Cell, Document, Paragraph, Table, Where

#: Excel's limits: a cell's text, a sheet name; the characters a sheet name may not hold.
CELL_LIMIT = 32_767
SHEET_NAME_LIMIT = 31
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
#: Sheets of the template the project sheets must not be named like (compared case-insensitively).
_RESERVED_SHEETS = frozenset(
    name.casefold()
    for name in (
        labels.SHEET_GUIDE,
        labels.SHEET_DEPARTMENT,
        *labels.OUTPUT_SHEETS,
        "xlwings.conf",
        "History",  # Excel reserves it
    )
)
EXCERPT = 100  # characters of a text quoted in a message

_PAGE_NUMBER = re.compile(labels.IMPORT_PAGE_NUMBER)
_YEAR = re.compile(labels.IMPORT_YEAR)
_DOCUMENT_NUMBER = re.compile(labels.IMPORT_DOCUMENT_NUMBER)
_LEADING_YEAR = re.compile(labels.IMPORT_LEADING_YEAR)
_NUMERAL = f"[{re.escape(labels.IMPORT_NUMERALS)}0-9]+"
_OPEN, _CLOSE = (f"[{re.escape(b)}]" for b in labels.IMPORT_BRACKETS)
_ENUM = f"[{re.escape(labels.IMPORT_ENUM_MARKS)}]"
#: Numbering before a heading or a title: 一、 1、 1. （一） 第一部分.
_NUMBERING = re.compile(
    rf"^\s*(?:{_NUMERAL}\s*{_ENUM}|{_OPEN}\s*{_NUMERAL}\s*{_CLOSE}"
    rf"|{re.escape(labels.IMPORT_PART[0])}\s*{_NUMERAL}\s*{re.escape(labels.IMPORT_PART[1])})\s*"
)
#: A project's title: 1、工会经费绩效目标表 (the number is optional).
_TITLE = re.compile(rf"^\s*(?:([0-9]+)\s*{_ENUM}\s*)?(.+?)\s*{re.escape(labels.PROJECT_TITLE_SUFFIX)}\s*$")
_AMOUNT_UNIT = labels.norm(labels.AMOUNT_UNIT)
_COLON = f"[{re.escape(labels.IMPORT_COLONS)}]"
#: 「单位：万元」 in a unit line (spaces inside allowed), and its year (2020年度).
_AMOUNT_UNIT_TEXT = re.compile(
    r"\s*".join(_COLON if ch in labels.IMPORT_COLONS else re.escape(ch) for ch in labels.AMOUNT_UNIT)
)
_UNIT_YEAR = re.compile(rf"{labels.IMPORT_YEAR}(?:{re.escape(labels.DATE_YEAR_TAILS[0])})?")


# --- what the parser gives ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Unplaced:
    """Something of the document the workbook does not hold: where it was found, and why."""

    where: Where | None
    reason: str

    @property
    def message(self) -> str:
        place = describe(self.where)
        return labels.IMPORT_PROBLEM.format(where=place, reason=self.reason) if place else self.reason


@dataclass
class Imported:
    """The data for :func:`~workbook_tools.outputs.filled_book.write_workbook` and what could
    not be placed; ``recognised`` is False when the document holds nothing of this kind."""

    data: dict[str, Any]
    unplaced: list[Unplaced] = field(default_factory=list)
    recognised: bool = True

    @property
    def projects(self) -> list[dict[str, Any]]:
        return list(self.data.get("projects") or [])


def describe(where: Where | None) -> str:
    """「表 3 第 5 行第 2 格」, 「第 12 段」, 「第 120 行」 (a text file's cells also name their line)."""
    if where is None:
        return ""
    if where.table is None:
        if where.paragraph is not None:
            return labels.IMPORT_WHERE_PARAGRAPH.format(paragraph=where.paragraph)
        return labels.IMPORT_WHERE_LINE.format(line=where.line) if where.line is not None else ""
    if where.row is None:
        place = labels.IMPORT_WHERE_TABLE.format(table=where.table)
    elif where.cell is None:
        place = labels.IMPORT_WHERE_ROW.format(table=where.table, row=where.row)
    else:
        place = labels.IMPORT_WHERE_CELL.format(table=where.table, row=where.row, cell=where.cell)
    return labels.IMPORT_WHERE_IN_TEXT.format(where=place, line=where.line) if where.line else place


def excerpt(text: str) -> str:
    """A text as quoted in a message: on one line, long ones cut with their length said."""
    flat = " ".join(text.split())
    if len(flat) <= EXCERPT:
        return flat
    return flat[:EXCERPT] + labels.MESSAGE_TRIMMED.format(count=len(flat))


# --- the project tables ---------------------------------------------------------------------------

_FIELD_LABELS = {  # a label → the field its right-hand neighbour fills
    labels.CODE: "code",
    labels.NAME: "name",
    labels.BUDGET: "budget",
    labels.FISCAL: "fiscal",
    labels.OTHER: "other",
    labels.USE: "use",
    labels.GOALS: "goals",
}
_REQUIRED = (labels.CODE, labels.NAME, labels.BUDGET, labels.FISCAL, labels.OTHER, labels.GOALS)


def _canonical_labels() -> dict[str, str]:
    """Normalised cell text → the template label it is."""
    found = {labels.norm(label): label for label in (*_FIELD_LABELS, labels.BUDGET_BLOCK, labels.PLAN_BLOCK)}
    found[labels.norm(labels.BREAKDOWN)] = labels.BREAKDOWN
    for label, synonyms in labels.IMPORT_LABEL_SYNONYMS.items():
        found.update({labels.norm(s): label for s in synonyms})
    return found


_LABELS = _canonical_labels()
_CHECKPOINTS = {labels.norm(c): i for i, c in enumerate(labels.CHECKPOINTS)}
_HEADERS = {labels.norm(h): h for h in labels.INDICATOR_HEADERS}
_BREAKDOWN_HEADERS = {labels.norm(labels.BREAKDOWN_PURPOSE), labels.norm(labels.BREAKDOWN_AMOUNT)}


@dataclass
class _Section:
    """A project's part of the document: its title and the tables after it."""

    number: int | None = None
    title: str | None = None
    title_where: Where | None = None
    unit_paragraphs: list[Paragraph] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    @property
    def has_code(self) -> bool:
        return any(_has_label(t, labels.CODE) for t in self.tables)


def _label(cell: Cell) -> str | None:
    return _LABELS.get(labels.norm(cell.text)) if cell.text else None


def _has_label(table: Table, label: str) -> bool:
    return any(_label(c) == label for row in table.rows for c in row)


def _is_any_label(cell: Cell) -> bool:
    key = labels.norm(cell.text)
    return bool(key) and (key in _LABELS or key in _CHECKPOINTS or key in _HEADERS)


class _ProjectReader:
    """One project's tables → its data (see the module's docstring)."""

    def __init__(self, section: _Section, unplaced: list[Unplaced]) -> None:
        self.section = section
        self.unplaced = unplaced
        self.project: dict[str, Any] = {
            "sheet": None,
            "code": None,
            "name": None,
            "budget": None,
            "fiscal": None,
            "other": None,
            "use": None,
            "plan": [None] * len(labels.CHECKPOINTS),
            "goals": None,
            "indicators": [],
        }
        self.breakdown: list[list[str | None]] = []
        self.found: set[str] = set()
        self.units: list[tuple[str, Where]] = []  # unit-line texts
        self.years: list[int] = []  # years of the unit line (2020年度)
        self.used: set[int] = set()  # the cells placed or recognised (by id)

    @property
    def label(self) -> str:
        return self.project.get("name") or self.section.title or describe(self.where)

    @property
    def where(self) -> Where | None:
        return self.section.tables[0].where if self.section.tables else self.section.title_where

    def read(self) -> dict[str, Any]:
        for paragraph in self.section.unit_paragraphs:
            self._unit_text(paragraph.text, paragraph.where)
        rows = [row for table in self.section.tables for row in table.rows]
        header: list[tuple[str, Cell]] | None = None  # the indicator table's header
        use_row = plan_row = -1
        plan_columns: dict[int, int] = {}  # a checkpoint's column → its place in the plan
        in_breakdown = False
        previous: list[str] = []
        for r, row in enumerate(rows):
            texts = [c for c in row if c.text]
            if not texts:
                continue
            labelled = any(_is_any_label(c) for c in row)
            if in_breakdown and not labelled:
                self._breakdown_row(row)
                continue
            in_breakdown = False
            if header is not None and not any(_label(c) for c in row):
                previous = self._indicator(row, header, previous)
                continue
            if not labelled and r == use_row:
                self._use(row)
                continue
            if not labelled and r == plan_row:
                self._plan(row, plan_columns)
                continue
            found_header = self._header(row)
            if found_header is not None:
                header, previous = found_header, []
                self.found.add(labels.IND_LEVEL1)
                continue
            if not labelled and not ({labels.CODE, labels.NAME} & self.found):
                self._unit_row(row)  # the unit line above the form
                continue
            for c, cell in enumerate(row):
                label = _label(cell)
                if label is None:
                    checkpoint = _CHECKPOINTS.get(labels.norm(cell.text)) if cell.text else None
                    if checkpoint is not None:
                        plan_columns[cell.column] = checkpoint
                        plan_row = r + 1
                        self.found.add(labels.PLAN_BLOCK)
                    continue
                if label == labels.BUDGET_BLOCK:
                    use_row = r + 1
                elif label == labels.PLAN_BLOCK:
                    self.found.add(label)
                elif label == labels.BREAKDOWN:
                    in_breakdown = True
                elif label in _FIELD_LABELS:
                    if label == labels.BUDGET and labels.BUDGET_BLOCK not in self.found:
                        use_row = r + 1
                    self._field(label, row, c)
                    continue
                self.found.add(label)
            self._leftovers(row)
        self._finish()
        return self.project

    # --- the form's parts ---

    def _field(self, label: str, row: list[Cell], c: int) -> None:
        """A label's value: the cell to its right (none when that is a label too)."""
        value_cell = next((cell for cell in row[c + 1 : c + 2] if not _is_any_label(cell)), None)
        self._consume(row[c], value_cell)
        if label in self.found:
            if value_cell is not None and value_cell.text:
                reason = labels.IMPORT_REPEATED_LABEL.format(
                    label=label, project=self.label, text=excerpt(value_cell.text)
                )
                self.unplaced.append(Unplaced(value_cell.where, reason))
            return
        self.found.add(label)
        self.project[_FIELD_LABELS[label]] = self._text(value_cell) if value_cell is not None else None

    def _use(self, row: list[Cell]) -> None:
        """The row below 预算规模及资金用途: its first cell with text is the use of funds."""
        cells = [c for c in row if c.text and not c.continued]
        if cells and labels.USE not in self.found:
            self.found.add(labels.USE)
            self.project["use"] = self._text(cells[0])
            self._consume(cells[0])
        self._leftovers(row)

    def _plan(self, row: list[Cell], columns: dict[int, int]) -> None:
        """The row below 3月底 … 12月底: each percentage in its checkpoint's column."""
        by_column = {c.column: c for c in row}
        for column, place in columns.items():
            cell = by_column.get(column)
            if cell is not None and cell.text:
                self.project["plan"][place] = self._text(cell)
                self._consume(cell)
        self._leftovers(row)

    def _breakdown_row(self, row: list[Cell]) -> None:
        cells = [c for c in row if c.text and not c.continued]
        if {labels.norm(c.text) for c in cells} <= _BREAKDOWN_HEADERS:
            self._consume(*cells)
            return
        if len(cells) == 2:
            self.breakdown.append([self._text(cells[0]), self._text(cells[1])])
            self._consume(*cells)
        self._leftovers(row)

    def _header(self, row: list[Cell]) -> list[tuple[str, Cell]] | None:
        named = [(_HEADERS[labels.norm(c.text)], c) for c in row if labels.norm(c.text) in _HEADERS]
        if len(named) < 3:
            return None
        self._consume(*(c for _, c in named))
        self._leftovers(row)
        for header in labels.INDICATOR_HEADERS:
            if header not in {name for name, _ in named}:
                reason = labels.IMPORT_MISSING_HEADER.format(project=self.label, label=header)
                self.unplaced.append(Unplaced(named[0][1].where, reason))
        return named

    def _indicator(self, row: list[Cell], header: list[tuple[str, Cell]], previous: list[str]) -> list[str]:
        """One indicator row, its cells matched to the header's by place (as many cells) or
        else by grid column; a continued cell takes the text above, but 一级指标 stays blank
        (the form's blank 一级指标 continues the row above). A row that matches neither way
        is reported whole, never guessed at."""
        cells: list[Cell | None] = list(row)
        if len(row) != len(header):
            by_column = {c.column: c for c in row}
            cells = [by_column.get(h.column) for _, h in header]
            mapped = {id(c) for c in cells if c is not None}
            if None in cells or any(c.text and id(c) not in mapped for c in row):
                text = labels.IMPORT_TEXT_SEPARATOR.join(c.text for c in row)
                reason = labels.IMPORT_INDICATOR_CELLS.format(
                    count=len(row), expected=len(header), text=excerpt(text)
                )
                self.unplaced.append(Unplaced(_row_where(row), reason))
                self._consume(*row)
                return previous
        values = dict.fromkeys(labels.INDICATOR_HEADERS, "")
        for place, ((name, _), cell) in enumerate(zip(header, cells)):
            if cell is None:
                continue
            if cell.continued and name != labels.IND_LEVEL1 and place < len(previous):
                values[name] = previous[place]
            else:
                values[name] = self._text(cell) or ""
        self._consume(*row)
        self.project["indicators"].append([values[name] for name in labels.INDICATOR_HEADERS])
        return [values[name] for name, _ in header]

    def _unit_row(self, row: list[Cell]) -> None:
        for cell in row:
            if cell.text:
                self._unit_text(cell.text, cell.where)
                self._consume(cell)

    def _unit_text(self, text: str, where: Where) -> None:
        """The unit line's parts: 「711002定州市总工会」, 「2020年度　单位：万元」 (the year is kept)."""
        self.years.extend(int(y) for y in _YEAR.findall(text))
        rest = _AMOUNT_UNIT_TEXT.sub("", _UNIT_YEAR.sub("", text)).strip()
        if rest:
            self.units.append((rest, where))

    def _leftovers(self, row: list[Cell]) -> None:
        """Report the cells of a row with text that were neither placed nor labels."""
        for cell in row:
            if cell.text and id(cell) not in self.used and not _is_any_label(cell):
                reason = labels.IMPORT_UNPLACED_CELL.format(text=excerpt(cell.text))
                self.unplaced.append(Unplaced(cell.where, reason))
            self.used.add(id(cell))

    def _consume(self, *cells: Cell | None) -> None:
        self.used.update(id(cell) for cell in cells if cell is not None)

    def _text(self, cell: Cell) -> str | None:
        return _cell_text(cell.text, cell.where, self.unplaced)

    def _finish(self) -> None:
        project = self.project
        if not project.get("name") and self.section.title:
            project["name"] = self.section.title
            self.found.add(labels.NAME)
            reason = labels.IMPORT_NAME_FROM_TITLE.format(name=excerpt(self.section.title))
            self.unplaced.append(Unplaced(self.section.title_where, reason))
        for label in (*_REQUIRED, labels.USE, labels.PLAN_BLOCK, labels.IND_LEVEL1):
            if label not in self.found:
                shown = labels.IMPORT_INDICATOR_TABLE if label == labels.IND_LEVEL1 else label
                reason = labels.IMPORT_MISSING_LABEL.format(project=self.label, label=shown)
                self.unplaced.append(Unplaced(self.where, reason))
        if labels.IND_LEVEL1 in self.found and not project["indicators"]:
            self.unplaced.append(Unplaced(self.where, labels.IMPORT_NO_INDICATORS.format(project=self.label)))
        if self.breakdown:
            project["breakdown"] = self.breakdown


def _row_where(row: list[Cell]) -> Where | None:
    if not row:
        return None
    first = row[0].where
    return Where(table=first.table, row=first.row, line=first.line)


def _cell_text(text: str, where: Where | None, unplaced: list[Unplaced]) -> str | None:
    """A text as a cell may hold it: not empty, within Excel's limit, never a formula."""
    text = text.strip()
    if not text:
        return None
    if len(text) > CELL_LIMIT:
        reason = labels.IMPORT_TEXT_TRIMMED.format(count=len(text), limit=CELL_LIMIT)
        unplaced.append(Unplaced(where, reason))
        text = text[:CELL_LIMIT]
    if text.startswith("="):
        guarded = labels.IMPORT_FULL_WIDTH_EQUALS + text[1:]
        unplaced.append(Unplaced(where, labels.IMPORT_FORMULA_GUARDED.format(text=excerpt(text))))
        text = guarded
    return text


# --- the whole document -----------------------------------------------------------------------


def _is_heading_text(text: str) -> bool:
    """A part's or section's heading of the document (第一部分, 一、总体绩效目标, 目录 …)."""
    rest = _NUMBERING.sub("", text, count=1)
    key = labels.norm(rest)
    if not key:  # 「第一部分」 alone
        return _NUMBERING.match(text) is not None
    return key in {labels.norm(h) for h in labels.IMPORT_HEADINGS}


def _is_toc_heading(text: str) -> bool:
    return labels.norm(text) == labels.IMPORT_TOC_HEADING


def _department_lead(text: str) -> tuple[str, str, str] | None:
    """``(key, label, rest)`` when a paragraph opens with a department lead and a colon."""
    colon = min((i for i in (text.find(c) for c in labels.IMPORT_COLONS) if i > 0), default=-1)
    if colon < 0:
        return None
    head = labels.norm(text[:colon])
    for key, leads in labels.IMPORT_DEPARTMENT_LEADS.items():
        for lead in leads:
            if head == labels.norm(lead):
                return key, leads[0], text[colon + 1 :].strip()
    return None


def _title(paragraph: Paragraph) -> tuple[int | None, str] | None:
    match = _TITLE.match(paragraph.text)
    if match is None or _is_heading_text(paragraph.text):
        return None
    name = match.group(2).strip()
    if not name or labels.norm(name) in {labels.norm(h) for h in labels.IMPORT_HEADINGS}:
        return None
    return (int(match.group(1)) if match.group(1) else None), name


def _looks_like_title(text: str) -> bool:
    """A short line before anything else: the document's own title (定州市总工会2020年部门预算…)."""
    return len(text) <= 80 and not any(end in text for end in labels.SENTENCE_ENDS)


def _is_unit_line(text: str) -> bool:
    folded = unicodedata.normalize("NFKC", text).strip()
    return _AMOUNT_UNIT in labels.norm(folded) or bool(re.match(r"^\d{3,}\s*\D", folded))


class _DocumentReader:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.unplaced: list[Unplaced] = []
        self.department: dict[str, list[str]] = {}
        self.sections: list[_Section] = []
        self.heading_years: list[int] = []

    def read(self) -> Imported:
        self._walk()
        titled = Counter(s.title for s in self.sections if s.tables)
        # a title with no table under it that another project has: a contents entry
        self.sections = [s for s in self.sections if s.tables or not titled[s.title]]
        projects: list[dict[str, Any]] = []
        units: list[tuple[str, Where, str]] = []
        unit_years: list[int] = []
        for section in self.sections:
            reader = _ProjectReader(section, self.unplaced)
            project = reader.read()
            projects.append(project)
            units.extend((text, where, reader.label) for text, where in reader.units)
            unit_years.extend(reader.years)
        department = self._department(units)
        name_years = [int(y) for p in projects for y in _YEAR.findall(p.get("name") or "")]
        department["year"] = self._year([unit_years, self.heading_years, name_years])
        recognised = bool(projects) or bool(self.department)
        if not projects and recognised:
            self.unplaced.append(Unplaced(None, labels.IMPORT_NO_PROJECTS))
        for project, sheet in zip(projects, sheet_names([p.get("name") for p in projects])):
            project["sheet"] = sheet
        data = {"department": department, "projects": projects}
        return Imported(data, self.unplaced, recognised)

    def _walk(self) -> None:
        lead: str | None = None  # the department text being read
        repeated: str | None = None  # a department lead seen twice: its text is not placed
        section: _Section | None = None
        started = False  # anything of the document recognised yet
        in_toc = False
        for block in self.document.blocks:
            if isinstance(block, Table):
                lead = repeated = None
                in_toc = False
                has_code = _has_label(block, labels.CODE)
                if section is None and not has_code:
                    self._unplaced_table(block)
                    continue
                if section is None or (has_code and section.has_code):
                    section = _Section()
                    self.sections.append(section)
                section.tables.append(block)
                started = True
                continue
            text = block.text
            if not text or _PAGE_NUMBER.match(text):
                continue
            title = _title(block)
            if title is not None:
                section = _Section(title[0], _cell_text(title[1], block.where, self.unplaced), block.where)
                self.sections.append(section)
                self.heading_years.extend(int(y) for y in _YEAR.findall(text))
                lead = repeated = None
                started, in_toc = True, False
                continue
            found = _department_lead(text)
            if found is not None:
                key, label, rest = found
                started, in_toc = True, False
                if key in self.department:
                    lead, repeated = None, label
                    if rest:
                        self._repeated(label, rest, block.where)
                else:
                    lead, repeated = key, None
                    self.department[key] = [rest] if rest else []
                continue
            if _is_toc_heading(text):
                in_toc, lead, repeated = True, None, None
                continue
            if _is_heading_text(text):
                lead = repeated = None
                started, in_toc = True, False
                continue
            if in_toc:  # the entries of a table of contents
                continue
            if lead is not None:
                self.department[lead].append(text)
                continue
            if repeated is not None:
                self._repeated(repeated, text, block.where)
                continue
            if section is not None and not section.tables and _is_unit_line(text):
                section.unit_paragraphs.append(block)
                continue
            if not started and (block.heading or _looks_like_title(text)):
                self.heading_years.extend(int(y) for y in _YEAR.findall(text))
                continue  # the document's title
            reason = labels.IMPORT_UNPLACED_PARAGRAPH.format(text=excerpt(text))
            self.unplaced.append(Unplaced(block.where, reason))

    def _repeated(self, label: str, text: str, where: Where) -> None:
        reason = labels.IMPORT_DEPARTMENT_REPEATED.format(label=label, text=excerpt(text))
        self.unplaced.append(Unplaced(where, reason))

    def _unplaced_table(self, table: Table) -> None:
        for row in table.rows:
            texts = [c.text for c in row if c.text]
            if texts:
                text = labels.IMPORT_TEXT_SEPARATOR.join(texts)
                reason = labels.IMPORT_UNPLACED_ROW.format(text=excerpt(text))
                self.unplaced.append(Unplaced(_row_where(row), reason))

    def _department(self, units: list[tuple[str, Where, str]]) -> dict[str, Any]:
        department: dict[str, Any] = {"unit_code": None, "unit_name": None, "year": None}
        for key, leads in labels.IMPORT_DEPARTMENT_LEADS.items():
            parts = self.department.get(key)
            if parts is None:
                self.unplaced.append(Unplaced(None, labels.IMPORT_DEPARTMENT_MISSING.format(label=leads[0])))
            text = "\n".join(p for p in parts or [] if p)
            department[key] = _cell_text(text, None, self.unplaced)
        department["declared_total"] = None
        if not units:
            if self.sections:
                self.unplaced.append(Unplaced(None, labels.IMPORT_NO_UNIT))
            return department
        counted = Counter(labels.norm(text) for text, _, _ in units)
        chosen_key = counted.most_common(1)[0][0]
        chosen_text, chosen_where, _ = next(u for u in units if labels.norm(u[0]) == chosen_key)
        code, name = split_unit(chosen_text)
        department["unit_code"] = code or None
        department["unit_name"] = name or None
        if not code:
            reason = labels.IMPORT_NO_UNIT_CODE.format(text=excerpt(chosen_text))
            self.unplaced.append(Unplaced(chosen_where, reason))
        for text, where, project in units:
            if labels.norm(text) != chosen_key:
                reason = labels.IMPORT_UNIT_DIFFERS.format(
                    project=excerpt(project), unit=excerpt(text), chosen=excerpt(chosen_text)
                )
                self.unplaced.append(Unplaced(where, reason))
        return department

    def _year(self, tiers: list[list[int]]) -> int | None:
        """The year the document states: on the unit lines (2020年度), else in its headings and
        titles, else in the projects' names; the most frequent one of the first source that
        states any (a disagreement is reported)."""
        for years in tiers:
            if not years:
                continue
            counted = Counter(years)
            year = counted.most_common(1)[0][0]
            if len(counted) > 1:
                listed = labels.LIST_SEPARATOR.join(str(y) for y in sorted(counted))
                self.unplaced.append(
                    Unplaced(None, labels.IMPORT_YEARS_DIFFER.format(years=listed, year=year))
                )
            return year
        self.unplaced.append(Unplaced(None, labels.IMPORT_NO_YEAR))
        return None


def parse_document(document: Document) -> Imported:
    """The department and projects of a published document, and what could not be placed."""
    return _DocumentReader(document).read()


# --- sheet names ------------------------------------------------------------------------------


def sheet_name(name: str | None) -> str:
    """A sheet name from a project's name: no leading document number or year, no character
    Excel forbids, at most 31 characters ("" when nothing is left)."""
    text = unicodedata.normalize("NFC", name or "")
    text = _DOCUMENT_NUMBER.sub("", text, count=1)
    text = _LEADING_YEAR.sub("", text, count=1)
    text = " ".join(_SHEET_FORBIDDEN.sub("", text).split()).strip("'")
    return text[:SHEET_NAME_LIMIT].strip().strip("'")


def sheet_names(names: Iterable[str | None]) -> list[str]:
    """Unique sheet names for the projects, in order (项目N where a name gives none)."""
    taken: set[str] = set(_RESERVED_SHEETS)
    result = []
    for number, name in enumerate(names, 1):
        base = sheet_name(name) or f"{labels.SHEET_PROJECT_PREFIX}{number}"
        candidate, n = base, 1
        while candidate.casefold() in taken:
            n += 1
            suffix = f"({n})"
            candidate = base[: SHEET_NAME_LIMIT - len(suffix)] + suffix
        taken.add(candidate.casefold())
        result.append(candidate)
    return result
