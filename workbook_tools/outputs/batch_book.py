"""The batch's consolidated workbook, streamed by XlsxWriter (constant memory, formats made once).

A batch workbook is a new file, so it does not need the lossless patcher. XlsxWriter writes
the workbook, its formats (made once, in a fixed order, so a worker knows their numbers)
and each sheet's setup; the rows are rendered as worksheet XML by :func:`render_rows` (in a
batch worker for the streamed sheet) and appended in order to XlsxWriter's constant-memory
row file, so nothing is held and the parent does little per file. Text is always written as
text: strings that look like formulas, numbers, links or markup stay strings. Without
XlsxWriter (a core-only install), the openpyxl writer of :mod:`table_sheets` is used.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbook_tools import labels as L
from workbook_tools.outputs.cell_text import display_width, for_sheet
from workbook_tools.outputs.row_xml import column_letters, numbered, render_row
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
    "info": "#DDEBF7",
}
MAX_WIDTH, MIN_WIDTH = 40, 8
CHUNK = 1000  # rows rendered at a time when a whole table is written
OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}


StyleKey = tuple[str, bool, str]  # (column kind, totals row, status fill)


def style_keys() -> list[StyleKey]:
    """Every cell format a batch table can use, in a fixed order."""
    kinds = ("plain", "wrap", "amount", "percent")
    keys = [(kind, total, "") for kind in kinds for total in (False, True)]
    return keys + [
        ("plain", total, fill) for fill in dict.fromkeys(STATUS_FILLS.values()) for total in (False, True)
    ]


def _spec(key: StyleKey) -> dict[str, Any]:
    kind, total, fill = key
    spec: dict[str, Any] = {"border": 1, "border_color": BORDER, "font_name": L.FONT_SONG, "font_size": 10}
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
    return spec


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


def _as_shown(value: object, kind: str) -> str:
    """A cell's text as Excel shows it (amounts with thousands separators and two decimals)."""
    if kind in ("amount", "percent") and isinstance(value, int | float):
        return f"{value:,.2f}"
    return str(value)


@dataclass
class Rendered:
    """Rows of a table rendered as worksheet XML, with the width each column needs."""

    rows: list[str] = field(default_factory=list)
    widths: list[int] = field(default_factory=list)


def render_rows(columns: list[str], rows: list[tuple[Any, ...]], styles: dict[StyleKey, int]) -> Rendered:
    """A table's rows as worksheet XML (:mod:`row_xml`), done wherever the rows are made."""
    kinds = [_kind(c) for c in columns]
    status = [c in STATUS_COLUMNS for c in columns]
    letters = column_letters(len(columns))
    widths = [0] * len(columns)
    rendered = []
    for values in rows:
        total = bool(values) and values[0] is TOTAL
        shown = [_value(v, c) for v, c in zip(values, columns)]
        ids = [
            styles[(k, total, STATUS_FILLS.get(str(v), "") if s else "")]
            for k, s, v in zip(kinds, status, values)
        ]
        rendered.append(render_row(shown, ids, letters))
        for i, value in enumerate(shown):
            if value is not None and widths[i] < MAX_WIDTH:
                widths[i] = max(widths[i], display_width(_as_shown(value, kinds[i])))
    return Rendered(rendered, widths)


class _Sheet:
    """One table's worksheet, its rows rendered as XML (here or in a worker) and appended in
    order to XlsxWriter's constant-memory row file; XlsxWriter writes the rest of the sheet."""

    def __init__(self, book: Any, styles: dict[StyleKey, int], header_format: Any, title: str) -> None:
        self.sheet = book.add_worksheet(title)
        self.styles, self.header_format = styles, header_format
        self.columns: list[str] = []
        self.row = 0
        self.widths: list[int] = []

    def start(self, columns: list[str]) -> None:
        """The header row, then the row file is XlsxWriter's no more: rows are appended to it."""
        self.columns = columns
        self.widths = [display_width(header(c)) for c in columns]
        self.sheet.write_row(0, 0, [header(c) for c in columns], self.header_format)
        self.sheet._write_single_row(1)  # flush the header row to the row file

    def add(self, rows: list[tuple[Any, ...]]) -> None:
        for start in range(0, len(rows), CHUNK):  # rendered a chunk at a time: nothing big is held
            self.add_rendered(render_rows(self.columns, rows[start : start + CHUNK], self.styles))

    def add_rendered(self, rendered: Rendered) -> None:
        write = self.sheet.row_data_fh.write
        for row in rendered.rows:
            self.row += 1
            write(numbered(row, self.row + 1))
        self.widths = [max(pair) for pair in zip(self.widths, rendered.widths or [0] * len(self.widths))]
        self.sheet.dim_rowmax = self.row
        self.sheet.previous_row = self.row + 1

    def finish(self) -> None:
        """Widths from the text, frozen header, filter, A4 landscape one page wide."""
        for col, width in enumerate(self.widths):
            self.sheet.set_column(col, col, min(MAX_WIDTH, max(MIN_WIDTH, width + 2)))
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
        head = {"border": 1, "border_color": BORDER, "font_name": L.FONT_SONG, "font_size": 10, "bold": True}
        self.header = self.book.add_format(head | {"bg_color": HEAD_FILL, "align": "center"})
        self.header.set_valign("vcenter")
        self.header.set_text_wrap()
        self.styles = {key: self.book.add_format(_spec(key))._get_xf_index() for key in style_keys()}
        self.titles = titles
        self.sheets: dict[str, _Sheet] = {}
        self.streamed: set[str] = set()

    def stream(self, title: str, columns: list[str]) -> _Sheet:
        self._open_up_to(title)
        self.sheets[title].start(columns)
        self.streamed.add(title)
        return self.sheets[title]

    def _open_up_to(self, title: str) -> None:
        """Add worksheets in tab order up to ``title`` (XlsxWriter orders tabs by creation)."""
        for name in self.titles[: self.titles.index(title) + 1]:
            if name not in self.sheets:
                self.sheets[name] = _Sheet(self.book, self.styles, self.header, name)

    def finish(self, tables: Iterable[tuple[str, Table]]) -> None:
        """Write the sheets not streamed from ``(title, table)`` pairs, a table whole or in parts in
        order (each let go once written)."""
        self._open_up_to(self.titles[-1])
        for title, table in tables:  # a table may come in parts
            sheet = self.sheets[title]
            if title not in self.streamed:
                if not sheet.columns:
                    sheet.start(table.columns)
                sheet.add(table.rows)
        for sheet in self.sheets.values():
            sheet.finish()
        self.book.close()


def write_batch_book(batch: Batch, path: Path) -> None:
    """Every table of the batch into one new workbook at ``path``."""
    book = BatchBook(path, list(batch.tables))
    book.finish(batch.tables.items())
