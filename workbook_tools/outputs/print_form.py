"""The project sheet as it prints: no clipped text, the seed's title and unit line, only filled rows.

Excel does not autofit rows whose text sits in merged cells, and the form merges its long
texts (资金用途, 绩效目标, 绩效指标描述 …), so a long text is cut off on screen and on paper.
:func:`text_height` says how tall a row must be for a text in a given width: the text's
display width at the cell's font size (a CJK character takes two columns, ``display_width``)
wrapped in the merged range's total column width, times the line height (font size ×
:data:`LINE_FACTOR`), explicit line breaks kept.

:func:`fix_sheet` applies it to a whole :class:`SheetForm` — a project sheet as a host sees
it (texts with their fonts, column widths, merges, row heights, hidden rows) — and says what
to change: the title (``1、工会经费绩效目标表``) and the unit line's year kept current, the rows
that need MORE height than they have (never less: a row a clerk made taller stays), and which
rows print: once the indicator table has an indicator, its empty rows and an empty 资金明细
block are hidden (a hidden row does not print; what the clerk sees is what prints); rows with
content are always shown. Everything here is pure; a host reads the form and applies the fix
(the file writer :mod:`~workbook_tools.outputs.file_marks`, the live Excel host
:mod:`workbook_tools.hosts.excel`, new workbooks :mod:`~workbook_tools.outputs.filled_book`).
Nothing here imports openpyxl: the Excel entry points use it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from workbook_tools import labels
from workbook_tools.outputs.cell_text import display_width
from workbook_tools.read.grid import Grid, Pos, ref

# --- sizes ---------------------------------------------------------------------------------------

DIGIT_PX = 7  # max digit width of the workbook's Normal font (Calibri 11): Excel's column unit
TEXT_PAD_PX = 6  # a cell's left and right margins and its gridline, inside the column width
WRAP_SAFETY = 0.97  # of the rest: bold glyphs are a little wider, Excel keeps punctuation off a line's start
LINE_FACTOR = 1.35  # line height / font size (Excel's autofit gives 13.5 pt a line for 宋体 10)
ROW_PAD_PT = 1.5  # above and below the lines
HEIGHT_STEP = 0.75  # Excel stores row heights in whole pixels (0.75 pt at 96 dpi)
MAX_ROW_HEIGHT = 409.5  # Excel's largest row height
DEFAULT_ROW_HEIGHT = 15.0
DEFAULT_COLUMN_WIDTH = 8.43
BODY_SIZE = 10.0  # the form's font (宋体 10)
TITLE_SIZE = 16.0
MIN_PRINTED_SIZE = 8.0  # no printed font below this

# --- the project sheet's standard form (template_book builds it; a host that cannot read a
# live sheet's geometry assumes it) -----------------------------------------------------------

PROJECT_COLUMNS = "ABCDEFG"
#: Wide enough that no label breaks inside a word: 服务对象满意度指标 (9 characters) on one
#: line in B, 其中：财政资金 in D, 指标值确定依据 in G; two-line labels break where labels say.
PROJECT_WIDTHS = (13.0, 19.0, 18.0, 15.0, 14.0, 12.0, 15.0)
TITLE_HEIGHT = 36.0
PLAN_VALUES_HEIGHT = 20.0
INDICATOR_ROW_HEIGHT = 30.0
BREAKDOWN_ROWS = 5
#: A row's height in the template, by the label the row holds.
ROW_HEIGHTS = {
    labels.UNIT: 22.0,
    labels.CODE: 30.0,
    labels.BUDGET: 24.0,
    labels.USE: 78.0,
    labels.PLAN_BLOCK: 20.0,
    labels.GOALS: 78.0,
    labels.IND_LEVEL1: 24.0,
}

# --- page ------------------------------------------------------------------------------------------

A4_WIDTH_PT = 595.28
A4_HEIGHT_PT = 841.89
MARGIN_SIDE_IN = 0.5
MARGIN_TOP_IN = 0.6
TITLE_ROWS = "1:2"  # repeated on every printed page: the title and the unit line


def column_px(width: float) -> float:
    """Pixels of ``width`` Excel width units (the unit a file stores, padding included)."""
    return width * DIGIT_PX


def printable_width_pt(landscape: bool = False) -> float:
    paper = A4_HEIGHT_PT if landscape else A4_WIDTH_PT
    return paper - 2 * MARGIN_SIDE_IN * 72


def fit_scale(widths: Iterable[float], landscape: bool = False) -> float:
    """The scale fit-to-width prints columns of these widths at (1.0 when they fit)."""
    total_pt = sum(column_px(w) for w in widths) * 0.75
    return min(1.0, printable_width_pt(landscape) / total_pt) if total_pt else 1.0


# --- one text ----------------------------------------------------------------------------------

_NO_START = re.escape(labels.NO_LINE_START)
#: What wrapping moves as a whole: an ASCII word, or one other character; with the punctuation
#: after it that may not start a line.
_TOKEN = re.compile(rf"[\x21-\x7e]+[{_NO_START}]*|\s|[^\s][{_NO_START}]*")


def columns_per_line(width: float, size: float = BODY_SIZE) -> int:
    """Display columns (a CJK character takes two) that fit on one line of a cell."""
    column_px_at_size = size * 4 / 3 / 2  # half an em: a narrow character at ``size`` points
    usable = (column_px(width) - TEXT_PAD_PX) * WRAP_SAFETY
    return max(1, math.floor(usable / column_px_at_size + 1e-9))


def _paragraph_lines(text: str, columns: int) -> int:
    lines, used = 1, 0
    for token in _TOKEN.findall(text):
        width = display_width(token)
        if used + width <= columns:
            used += width
        elif token.isspace():
            continue  # a space at the end of a line is not carried over
        elif width <= columns:
            lines, used = lines + 1, width
        else:  # longer than a line: broken anywhere
            for char in token:
                step = display_width(char)
                if used + step > columns:
                    lines, used = lines + 1, 0
                used += step
    return lines


def wrapped_lines(text: str, width: float, size: float = BODY_SIZE) -> int:
    """Lines ``text`` takes wrapped in ``width`` Excel width units at ``size`` points; each
    explicit line break starts a line."""
    columns = columns_per_line(width, size)
    return sum(_paragraph_lines(p, columns) for p in text.replace("\r\n", "\n").split("\n"))


def text_height(
    text: str, width: float, size: float = BODY_SIZE, default: float = DEFAULT_ROW_HEIGHT
) -> float:
    """Points a row needs for ``text`` wrapped in ``width`` Excel width units at ``size`` points:
    lines × size × :data:`LINE_FACTOR`, never below ``default`` (nor above Excel's limit)."""
    lines = wrapped_lines(text, width, size)
    needed = math.ceil((lines * size * LINE_FACTOR + ROW_PAD_PT) / HEIGHT_STEP - 1e-9) * HEIGHT_STEP
    return min(MAX_ROW_HEIGHT, max(default, needed))


# --- the sheet ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FormCell:
    """A cell's text as shown (numbers as text) and how it is shown."""

    text: str
    size: float = BODY_SIZE
    wrap: bool = True
    formula: bool = False


@dataclass
class SheetForm:
    """A sheet as a host reads it; rows and columns 0-based, widths in Excel units, heights in
    points. ``hidden`` is None when the host cannot tell which rows are hidden."""

    cells: dict[Pos, FormCell]
    widths: dict[int, float] = field(default_factory=dict)
    default_width: float = DEFAULT_COLUMN_WIDTH
    heights: dict[int, float] = field(default_factory=dict)
    default_height: float = DEFAULT_ROW_HEIGHT
    merged: dict[Pos, Pos] = field(default_factory=dict)  # top-left → bottom-right
    hidden: frozenset[int] | None = frozenset()
    last_row: int = -1  # the last row the sheet uses

    def width(self, col: int) -> float:
        return self.widths.get(col, self.default_width)

    def height(self, row: int) -> float:
        return self.heights.get(row, self.default_height)

    def span(self, pos: Pos) -> Pos:
        return self.merged.get(pos, pos)


@dataclass(frozen=True)
class FormFix:
    """What to change on a sheet: cell texts (A1 refs), row heights and hidden rows (1-based)."""

    texts: tuple[tuple[str, str], ...] = ()
    heights: tuple[tuple[int, float], ...] = ()
    hidden: tuple[tuple[int, bool], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.texts or self.heights or self.hidden)


def project_title(number: int, name: str | None) -> str:
    """The seed's title: 「1、工会经费绩效目标表」."""
    shown = " ".join((name or "").strip().splitlines()) or labels.PROJECT_TITLE_NO_NAME
    return labels.PROJECT_TITLE_NUMBERED.format(number=number, name=shown)


def unit_line(year: int | None) -> str:
    """The right end of the unit line: the year (from 部门整体) and the amounts' unit."""
    return labels.AMOUNT_UNIT_WITH_YEAR.format(year=year) if year else labels.AMOUNT_UNIT


class _Layout:
    """Where the form's parts are on a sheet, found by their labels (reading order, first wins)."""

    def __init__(self, cells: dict[Pos, FormCell], last_row: int) -> None:
        self.cells = cells
        self.rows: dict[int, list[tuple[int, FormCell]]] = {}
        self.where: dict[str, Pos] = {}
        for pos in sorted(cells):
            cell = cells[pos]
            self.rows.setdefault(pos[0], []).append((pos[1], cell))
            if len(cell.text) <= 40:
                self.where.setdefault(labels.norm(cell.text), pos)
        self.last_row = max([last_row, *self.rows]) if self.rows else last_row

    def find(self, label: str) -> Pos | None:
        return self.where.get(labels.norm(label))

    def above_code(self, suffix: str) -> Pos | None:
        """The first text cell above the 项目编码 row ending with ``suffix`` (not a formula)."""
        code = self.find(labels.CODE)
        if code is None:
            return None
        wanted = labels.norm(suffix)
        for row in range(code[0]):
            for col, cell in self.rows.get(row, []):
                if not cell.formula and labels.norm(cell.text).endswith(wanted):
                    return row, col
        return None

    def filled(self, row: int, last_col: int, ignore: Iterable[str] = ()) -> bool:
        skip = {labels.norm(text) for text in ignore}
        return any(
            col <= last_col and cell.text.strip() and labels.norm(cell.text) not in skip
            for col, cell in self.rows.get(row, [])
        )


def _last_column(layout: _Layout, merged: dict[Pos, Pos], header: int) -> int:
    return max(merged.get((header, col), (header, col))[1] for col, _ in layout.rows[header])


def _regions(layout: _Layout, merged: dict[Pos, Pos]) -> tuple[range, range, int] | None:
    """The indicator rows, the 资金明细 block's rows and the form's last column."""
    header = layout.find(labels.IND_LEVEL1)
    if header is None:
        return None
    last_col = _last_column(layout, merged, header[0])
    block = layout.find(labels.BREAKDOWN)
    if block is None or block[0] <= header[0]:
        return range(header[0] + 1, layout.last_row + 1), range(0), last_col
    end = merged.get(block, block)[0]
    if end == block[0]:
        end = min(layout.last_row, block[0] + BREAKDOWN_ROWS)
    return range(header[0] + 1, block[0]), range(block[0], end + 1), last_col


def printed_rows(cells: dict[Pos, FormCell], merged: dict[Pos, Pos], last_row: int) -> dict[int, bool]:
    """Row → hidden, for the indicator rows and the 资金明细 block. Once an indicator is filled
    in, empty indicator rows and a 资金明细 block without any entry are hidden; rows with content
    are shown. A form without any indicator (a blank template) shows every row."""
    layout = _Layout(cells, last_row)
    regions = _regions(layout, merged)
    if regions is None:
        return {}
    indicators, block, last_col = regions
    filled = {row: layout.filled(row, last_col) for row in indicators}
    started = any(filled.values())
    hidden = {row: started and not filled[row] for row in indicators}
    entries = (labels.BREAKDOWN_PURPOSE, labels.BREAKDOWN_AMOUNT)
    used = any(layout.filled(row, last_col, entries) for row in block[1:])
    hidden.update({row: started and not used for row in block})
    return hidden


def needed_heights(form: SheetForm, cells: dict[Pos, FormCell], hidden: set[int]) -> dict[int, float]:
    """Row → points for the shown rows whose wrapped texts need more than the row has. A text
    merged over several rows needs the rows' sum; the last of them grows."""
    single: dict[int, float] = {}
    spans: list[tuple[int, int, float]] = []
    for (row, col), cell in cells.items():
        if row in hidden or not cell.wrap or not cell.text.strip():
            continue
        end_row, end_col = form.span((row, col))
        width = sum(form.width(c) for c in range(col, end_col + 1))
        need = text_height(cell.text, width, cell.size, default=0.0)
        if end_row == row:
            single[row] = max(single.get(row, 0.0), need)
        else:
            spans.append((row, end_row, need))
    grown = {row: need for row, need in single.items() if need > form.height(row) + 0.01}
    for first, last, need in spans:
        rows = [r for r in range(first, last + 1) if r not in hidden]
        have = sum(grown.get(r, form.height(r)) for r in rows)
        if rows and need > have + 0.01:
            grown[rows[-1]] = min(MAX_ROW_HEIGHT, grown.get(rows[-1], form.height(rows[-1])) + need - have)
    return grown


def fix_sheet(form: SheetForm, title: str | None = None, year_line: str | None = None) -> FormFix:
    """What a project sheet needs to print like the seed's table (see the module docstring)."""
    layout = _Layout(form.cells, form.last_row)
    cells = dict(form.cells)
    texts = []
    for pos, wanted in (
        (layout.above_code(labels.PROJECT_TITLE_SUFFIX), title),
        (layout.above_code(labels.AMOUNT_UNIT), year_line),
    ):
        if pos is not None and wanted is not None and cells[pos].text != wanted:
            texts.append((ref(*pos), wanted))
            cells[pos] = replace(cells[pos], text=wanted)
    wanted_hidden = printed_rows(cells, form.merged, form.last_row)
    known = form.hidden
    changes = [(r, h) for r, h in sorted(wanted_hidden.items()) if known is None or (r in known) != h]
    hidden = {r for r, h in wanted_hidden.items() if h} | {r for r in known or () if r not in wanted_hidden}
    heights = needed_heights(form, cells, hidden)
    return FormFix(
        texts=tuple(texts),
        heights=tuple((row + 1, points) for row, points in sorted(heights.items())),
        hidden=tuple((row + 1, h) for row, h in changes),
    )


# --- a sheet whose geometry the host cannot read -------------------------------------------------


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value)


def form_rows(grid: Grid) -> int:
    """Rows of a project sheet's form: the grid's, and the 资金明细 block's entry rows, which hold
    no value in a fresh form but are the form's (a reader of values stops before them)."""
    rows = len(grid.rows)
    for r, c, value in grid.cells():
        if c == 0 and isinstance(value, str) and labels.is_label(value, labels.BREAKDOWN):
            rows = max(rows, r + 1 + BREAKDOWN_ROWS)
    return rows


def standard_form(grid: Grid) -> SheetForm:
    """A project sheet's form from its values alone, assuming the template's geometry: its
    column widths, its row heights by the labels a row holds, and merges as the template makes
    them (a text spans the empty cells to its right up to the next cell of its row, or of the
    table header above it; a label in column A spans the rows below while they are empty
    there). Used where a host cannot read the live sheet (Excel's remote engines)."""
    cells = {(r, c): FormCell(_text(v)) for r, c, v in grid.cells()}
    layout = _Layout(cells, form_rows(grid) - 1)
    title = layout.above_code(labels.PROJECT_TITLE_SUFFIX)
    if title is not None:
        cells[title] = replace(cells[title], size=TITLE_SIZE)
    merged = _inferred_merges(layout)
    return SheetForm(
        cells=cells,
        widths=dict(enumerate(PROJECT_WIDTHS)),
        heights=_standard_heights(layout, title),
        merged=merged,
        hidden=None,
        last_row=layout.last_row,
    )


def _standard_heights(layout: _Layout, title: Pos | None) -> dict[int, float]:
    heights = {}
    if title is not None:
        heights[title[0]] = TITLE_HEIGHT
    for label, height in ROW_HEIGHTS.items():
        pos = layout.find(label)
        if pos is not None:
            heights[pos[0]] = height
    plan = layout.find(labels.PLAN_BLOCK)
    if plan is not None:
        heights[plan[0] + 1] = PLAN_VALUES_HEIGHT
    header = layout.find(labels.IND_LEVEL1)
    block = layout.find(labels.BREAKDOWN)
    if header is not None:
        end = block[0] if block is not None and block[0] > header[0] else layout.last_row + 1
        heights.update({row: INDICATOR_ROW_HEIGHT for row in range(header[0] + 1, end)})
    return heights


def _inferred_merges(layout: _Layout) -> dict[Pos, Pos]:
    header = layout.find(labels.IND_LEVEL1)
    block = layout.find(labels.BREAKDOWN)
    last_col = len(PROJECT_WIDTHS) - 1
    starts_of: dict[int, list[int]] = {}
    if header is not None:
        table_end = block[0] if block is not None and block[0] > header[0] else layout.last_row + 1
        columns = [c for c, _ in layout.rows[header[0]]]
        starts_of.update({row: columns for row in range(header[0] + 1, table_end)})
        if block is not None and block[0] > header[0]:
            columns = [c for c, _ in layout.rows[block[0]]]
            starts_of.update({row: columns for row in range(block[0] + 1, layout.last_row + 1)})
    merged: dict[Pos, Pos] = {}
    for row, row_cells in layout.rows.items():
        starts = sorted({*starts_of.get(row, []), *(c for c, _ in row_cells)})
        for col, _ in row_cells:
            following = [c for c in starts if c > col]
            end_col = (following[0] - 1) if following else max(col, last_col)
            end_row = row
            if col == 0 and (header is None or row < header[0] or (block is not None and row == block[0])):
                while end_row + 1 <= layout.last_row and (end_row + 1, 0) not in layout.cells:
                    if header is not None and end_row + 1 == header[0]:
                        break
                    end_row += 1
            if (end_row, end_col) != (row, col):
                merged[(row, col)] = (end_row, end_col)
    return merged
