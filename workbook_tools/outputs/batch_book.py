"""The batch's consolidated workbook, streamed by XlsxWriter (constant memory, formats made once).

A batch workbook is a new file, so it does not need the lossless patcher. XlsxWriter writes
the workbook, its formats (made once, in a fixed order, so a worker knows their numbers)
and each sheet's setup; the rows are rendered as worksheet XML by :func:`render_rows` (in a
batch worker for the streamed sheet) and appended in order to XlsxWriter's constant-memory
row file, so nothing is held and the parent does little per file. Text is always written as
text: strings that look like formulas, numbers, links or markup stay strings. Without
XlsxWriter (a core-only install), the openpyxl writer of :mod:`table_sheets` is used.

Text columns wrap in fixed widths (:data:`tables.TEXT_WIDTHS`), so a worker knows each row's
height from the row itself (LibreOffice does not grow rows by itself); every sheet prints on
A4 landscape with its header row repeated and no font below 8 pt (:func:`tables.print_layout`).
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
from workbook_tools.outputs.row_xml import ROW, column_letters, numbered, render_row
from workbook_tools.outputs.tables import (
    AMOUNT_COLUMNS,
    FONT_PT,
    MARGINS_IN,
    STATUS_COLUMNS,
    TEXT_WIDTHS,
    TOTAL,
    Table,
    column_width,
    header,
    header_height,
    is_text,
    plan_columns,
    print_layout,
    row_height,
    word,
)
from workbook_tools.outputs.tables import STATUS_FILLS as TABLE_FILLS

if TYPE_CHECKING:
    from workbook_tools.outputs.consolidation import Batch

BORDER = "#999999"
HEAD_FILL, TOTAL_FILL = "#DDEBF7", "#F2F2F2"
AMOUNT_FORMAT, PERCENT_FORMAT = "#,##0.00", "0.00"
STATUS_FILLS = {value: f"#{fill}" for value, fill in TABLE_FILLS.items()}  # XlsxWriter's form
MAX_WIDTH = 40  # characters a number column's width is measured up to
XLSXWRITER_PADDING = 5 / 7  # XlsxWriter stores a width with Excel's 5-pixel padding added
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
        ("wrap", total, fill) for fill in dict.fromkeys(STATUS_FILLS.values()) for total in (False, True)
    ]


def _spec(key: StyleKey) -> dict[str, Any]:
    kind, total, fill = key
    spec: dict[str, Any] = {"border": 1, "border_color": BORDER, "font_name": L.FONT_SONG}
    spec |= {"font_size": FONT_PT, "valign": "top"}
    if kind == "amount":
        spec["num_format"] = AMOUNT_FORMAT
    elif kind == "percent":
        spec["num_format"] = PERCENT_FORMAT
    elif kind == "wrap":
        spec["text_wrap"] = True
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
    return "wrap" if is_text(column) else "plain"


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
    """A table's rows as worksheet XML (:mod:`row_xml`), done wherever the rows are made; a
    row whose text wraps to more lines is as high as they need (text columns' widths are fixed)."""
    kinds = [_kind(c) for c in columns]
    status = [c in STATUS_COLUMNS for c in columns]
    letters = column_letters(len(columns))
    widths = [0] * len(columns)
    measured = [i for i, c in enumerate(columns) if not is_text(c)]
    rendered = []
    for values in rows:
        total = bool(values) and values[0] is TOTAL
        shown = [_value(v, c) for v, c in zip(values, columns)]
        ids = [
            styles[(k, total, STATUS_FILLS.get(str(v), "") if s else "")]
            for k, s, v in zip(kinds, status, values)
        ]
        row = render_row(shown, ids, letters)
        height = row_height(zip(columns, shown), TEXT_WIDTHS)
        if height is not None:
            row = row.replace(f'<row r="{ROW}">', f'<row r="{ROW}" ht="{height:g}" customHeight="1">', 1)
        rendered.append(row)
        for i in measured:  # text columns have fixed widths
            value = shown[i]
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
        """The header row (wrapped, as high as the narrowest widths need), then the row file is
        XlsxWriter's no more: rows are appended to it."""
        self.columns = columns
        self.widths = [0] * len(columns)
        least = [column_width(c) for c in columns]
        self.sheet.set_row(0, header_height(columns, least))
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
        """Widths (text columns' fixed, number columns' from their cells), frozen header,
        filter, and the print setup of :func:`print_layout`."""
        widths = [
            column_width(c) if is_text(c) else column_width(c, w) for c, w in zip(self.columns, self.widths)
        ]
        for col, width in enumerate(widths):
            self.sheet.set_column(col, col, width)
        self.sheet.freeze_panes(1, 0)
        if self.row:
            self.sheet.autofilter(0, 0, self.row, len(self.columns) - 1)
        self._print_setup(widths)

    def _print_setup(self, widths: list[float]) -> None:
        """A4 landscape, the header row on every page, a footer; one page wide when that keeps
        the font ≥ 8 pt, else the columns split into pages with the key columns repeated."""
        stored = [w + XLSXWRITER_PADDING for w in widths]  # the widths as the file has them
        sheet, layout = self.sheet, print_layout(self.columns, stored)
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        margins = {k: MARGINS_IN[k] for k in ("left", "right", "top", "bottom")}
        sheet.set_margins(**margins)
        sheet.set_footer(
            f'&C&"{L.FONT_SONG},Regular"&{FONT_PT}{L.PRINT_FOOTER}', {"margin": MARGINS_IN["footer"]}
        )
        sheet.repeat_rows(0)
        if layout.columns < len(self.columns):
            sheet.print_area(0, 0, max(self.row, 1), layout.columns - 1)
        if layout.fit:
            sheet.fit_to_pages(1, 0)
        else:
            sheet.set_print_scale(layout.scale)
            if layout.repeat:
                sheet.repeat_columns(0, layout.repeat - 1)
            sheet.set_v_pagebreaks(list(layout.breaks))


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
