"""The batch's consolidated workbook, streamed by XlsxWriter (constant memory, formats made once).

A batch workbook is a new file, so it does not need the lossless patcher: XlsxWriter writes
each table row by row (each sheet's rows go to a temporary file, not held in memory), with
one format object per column kind. Text is always written as text: strings that look like
formulas, numbers or links stay strings. Without XlsxWriter (a core-only install), the
openpyxl writer of :mod:`workbook_tools.outputs.table_sheets` is used.
"""

from __future__ import annotations

import math
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wcwidth import wcswidth

from workbook_tools import labels as L
from workbook_tools.outputs.cell_text import for_sheet
from workbook_tools.outputs.tables import AMOUNT_COLUMNS, TOTAL, Table, header, plan_columns, word

if TYPE_CHECKING:
    from workbook_tools.outputs.consolidation import Batch

BORDER = "#999999"
HEAD_FILL, TOTAL_FILL = "#DDEBF7", "#F2F2F2"
AMOUNT_FORMAT, PERCENT_FORMAT = "#,##0.00", "0.00"
WRAPPED = {"message", "description", "name", "file"}
STATUS_COLUMNS = ("status", "result", "severity")
STATUS_FILLS = {
    "ok": "#C6EFCE",
    "warnings": "#FFEB9C",
    "errors": "#FFC7CE",
    "unreadable": "#D9D9D9",
    "error": "#FFC7CE",
    "warning": "#FFEB9C",
}
MAX_WIDTH, MIN_WIDTH, SAMPLE_ROWS = 40, 8, 500
OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}


class _Formats:
    """Every cell format of the batch workbook, made once and reused (XlsxWriter's fast path)."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.cache: dict[tuple[str, bool, str], Any] = {}
        base = {"border": 1, "border_color": BORDER, "font_name": L.FONT_SONG, "font_size": 10}
        self.base = base
        self.header = book.add_format({**base, "bold": True, "bg_color": HEAD_FILL, "align": "center"})
        self.header.set_valign("vcenter")
        self.header.set_text_wrap()

    def cell(self, kind: str, total: bool, fill: str = "") -> Any:
        key = (kind, total, fill)
        if key not in self.cache:
            spec: dict[str, Any] = dict(self.base)
            if kind == "amount":
                spec["num_format"] = AMOUNT_FORMAT
            elif kind == "percent":
                spec["num_format"] = PERCENT_FORMAT
            elif kind == "wrap":
                spec |= {"text_wrap": True, "valign": "top"}
            if total:
                spec |= {"bold": True, "bg_color": TOTAL_FILL}
            if fill:
                spec["bg_color"] = fill
            self.cache[key] = self.book.add_format(spec)
        return self.cache[key]


def _kind(column: str) -> str:
    if column in AMOUNT_COLUMNS:
        return "amount"
    if column in plan_columns():
        return "percent"
    return "wrap" if column in WRAPPED else "plain"


def _value(value: object, column: str) -> object:
    shown = word(value, column)
    if isinstance(shown, Decimal):
        shown = float(shown)
    if isinstance(shown, float) and not math.isfinite(shown):
        return None  # no NaN or infinity reaches a cell
    return for_sheet(shown) if isinstance(shown, str) else shown


def _widths(columns: list[str], rows: list[tuple[Any, ...]]) -> list[int]:
    """Column widths from the header and the first rows (CJK characters count double)."""
    widths = []
    for i, column in enumerate(columns):
        texts = [header(column)] + [str(word(r[i], column)) for r in rows[:SAMPLE_ROWS] if r[i] is not None]
        widths.append(min(MAX_WIDTH, max(MIN_WIDTH, max(wcswidth(t) for t in texts) + 2)))
    return widths


class _Sheet:
    """One table's worksheet, written row by row (rows may come in several goes)."""

    def __init__(self, book: Any, formats: _Formats, title: str, columns: list[str]) -> None:
        self.sheet = book.add_worksheet(title)
        self.formats = formats
        self.columns = columns
        self.kinds = [_kind(c) for c in columns]
        self.row = 0
        self.sample: list[tuple[Any, ...]] = []
        self.sheet.write_row(0, 0, [header(c) for c in columns], formats.header)

    def add(self, rows: list[tuple[Any, ...]]) -> None:
        if len(self.sample) < SAMPLE_ROWS:
            self.sample += rows[: SAMPLE_ROWS - len(self.sample)]
        for values in rows:
            self.row += 1
            total = bool(values) and values[0] is TOTAL
            for c, (value, column) in enumerate(zip(values, self.columns)):
                fill = STATUS_FILLS.get(str(value), "") if column in STATUS_COLUMNS else ""
                shown = _value(value, column)
                cell_format = self.formats.cell(self.kinds[c], total, fill)
                if isinstance(shown, str):
                    self.sheet.write_string(self.row, c, shown, cell_format)
                elif shown is None:
                    self.sheet.write_blank(self.row, c, None, cell_format)
                else:
                    self.sheet.write(self.row, c, shown, cell_format)

    def finish(self) -> None:
        """Widths from the first rows, frozen header, filter, A4 landscape one page wide."""
        for col, width in enumerate(_widths(self.columns, self.sample)):
            self.sheet.set_column(col, col, width)
        self.sheet.freeze_panes(1, 0)
        if self.row:
            self.sheet.autofilter(0, 0, self.row, len(self.columns) - 1)
        self.sheet.repeat_rows(0)
        self.sheet.set_landscape()
        self.sheet.set_paper(9)  # A4
        self.sheet.fit_to_pages(1, 0)


class BatchBook:
    """The batch workbook, its sheets in order; a sheet can be streamed while files are read
    (rows in file order) and the others written when the batch is complete."""

    def __init__(self, path: Path, titles: list[str]) -> None:
        import xlsxwriter  # the cli extra

        self.book = xlsxwriter.Workbook(str(path), OPTIONS)
        self.formats = _Formats(self.book)
        self.titles = titles
        self.sheets: dict[str, _Sheet] = {}
        self.streamed: set[str] = set()

    def stream(self, title: str, columns: list[str]) -> _Sheet:
        self._open_up_to(title, {title: columns})
        self.streamed.add(title)
        return self.sheets[title]

    def _open_up_to(self, title: str, columns: dict[str, list[str]]) -> None:
        """Add worksheets in tab order up to ``title`` (XlsxWriter orders tabs by creation)."""
        for name in self.titles[: self.titles.index(title) + 1]:
            if name not in self.sheets:
                self.sheets[name] = _Sheet(self.book, self.formats, name, columns.get(name, []))

    def finish(self, tables: dict[str, Table]) -> None:
        for title in self.titles:
            table = tables[title]
            if title not in self.sheets:
                self.sheets[title] = _Sheet(self.book, self.formats, title, table.columns)
            sheet = self.sheets[title]
            if title not in self.streamed:
                if not sheet.columns:  # opened early only to keep the tab order: write its header now
                    sheet.columns, sheet.kinds = table.columns, [_kind(c) for c in table.columns]
                    sheet.sheet.write_row(0, 0, [header(c) for c in table.columns], self.formats.header)
                sheet.add(table.rows)
            sheet.finish()
        self.book.close()


def write_batch_book(batch: Batch, path: Path) -> None:
    """Every table of the batch into one new workbook at ``path``."""
    book = BatchBook(path, list(batch.tables))
    book.finish(batch.tables)
