"""Writing consolidation tables into workbooks (openpyxl): formatted sheets and native charts."""

from __future__ import annotations

from copy import copy
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from wcwidth import wcswidth

from workbook_tools import labels as L
from workbook_tools.check import Severity
from workbook_tools.check.validation import Status
from workbook_tools.outputs.cell_text import for_sheet
from workbook_tools.outputs.tables import AMOUNT_COLUMNS, Table, header, plan_columns, word
from workbook_tools.outputs.unit_sheets import AMOUNT_FORMAT, PERCENT_FORMAT, ChartPlan, SheetPlan

_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_WRAP = Alignment(wrap_text=True, vertical="top")
MAX_WIDTH = 40
WRAPPED = {"message", "description", "name", "file"}
#: Fills for statuses and severities, as in the HTML report and the marks (Excel's Good / Neutral / Bad).
STATUS_FILLS = {
    Status.OK.value: "C6EFCE",
    Status.WARNINGS.value: "FFEB9C",
    Status.ERRORS.value: "FFC7CE",
    Status.UNREADABLE.value: "D9D9D9",
    Severity.ERROR.value: "FFC7CE",
    Severity.WARNING.value: "FFEB9C",
    Severity.INFO.value: "DDEBF7",
}
STATUS_COLUMNS = ("status", "result", "severity")


def _fresh_sheet(wb: Workbook, title: str, index: int | None = None) -> Worksheet:
    if title in wb.sheetnames:
        del wb[title]
    return wb.create_sheet(title, index)


def _print_setup(ws: Worksheet, landscape: bool = True) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if landscape else ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _style_body(ws: Worksheet, columns: list[str]) -> None:
    """Style row 2 of each column, then give every other row a copy of its style.

    Assigning styles cell by cell makes openpyxl hash a style object each time; copying a
    prototype cell's style array is the library's own cheap path (tens of times faster
    on a batch of thousands of rows).
    """
    for col, column in enumerate(columns, 1):
        prototype = ws.cell(2, col)
        prototype.border = _BOX
        if column in AMOUNT_COLUMNS:
            prototype.number_format = AMOUNT_FORMAT
        elif column in plan_columns():
            prototype.number_format = PERCENT_FORMAT
        elif column in WRAPPED:
            prototype.alignment = _WRAP
        for row in range(3, ws.max_row + 1):
            ws.cell(row, col)._style = copy(prototype._style)


def _status_fills(ws: Worksheet, table: Table) -> None:
    for col, column in enumerate(table.columns, 1):
        if column not in STATUS_COLUMNS:
            continue
        for row, value in enumerate(table.column(column), 2):
            if value in STATUS_FILLS:
                ws.cell(row, col).fill = PatternFill("solid", fgColor=STATUS_FILLS[value])


def append_text_safe(ws: Worksheet, values: list[object]) -> None:
    """Append a row whose text is stored as text: never a formula, never a character xlsx
    cannot hold (openpyxl would take "=…" for a formula and refuse control characters)."""
    safe = [for_sheet(v) if isinstance(v, str) else v for v in values]
    ws.append(safe)
    if any(isinstance(v, str) and v.startswith("=") for v in safe):
        for cell in ws[ws.max_row]:
            if cell.data_type == "f":
                cell.data_type = "s"


def put_text_safe(ws: Worksheet, row: int, col: int, value: object) -> Any:
    cell = ws.cell(row, col, for_sheet(value) if isinstance(value, str) else value)
    if cell.data_type == "f":
        cell.data_type = "s"
    return cell


def write_table(wb: Workbook, title: str, table: Table, index: int | None = None) -> Worksheet:
    """A sheet holding a table: header row, borders, widths, amount formats, a bold 合计 row."""
    ws = _fresh_sheet(wb, title, index)
    columns = table.columns
    append_text_safe(ws, [header(c) for c in columns])
    for values in table.rows:
        append_text_safe(ws, [word(v, c) for v, c in zip(values, columns)])
    for cell in ws[1]:
        cell.border, cell.font, cell.fill = _BOX, _BOLD, _HEAD_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    if ws.max_row > 1:
        _style_body(ws, columns)
        _status_fills(ws, table)
    last = ws.max_row
    if last > 1 and ws.cell(last, 1).value == L.TOTAL_ROW:
        for cell in ws[last]:
            cell.font, cell.fill = _BOLD, _TOTAL_FILL
    for i, column in enumerate(columns, 1):
        widest = max(
            [wcswidth(header(column))]
            + [wcswidth(str(word(v, column))) for v in table.column(column)[:500] if v is not None]
        )
        ws.column_dimensions[get_column_letter(i)].width = min(MAX_WIDTH, max(8, widest + 2))
    ws.freeze_panes = "A2"
    if last > 1:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last}"
    ws.print_title_rows = "1:1"
    _print_setup(ws)
    return ws


def write_overview(wb: Workbook, plan: SheetPlan, index: int | None = None) -> Worksheet:
    """部门概况 from its sheet plan: boxed blocks with bold headers, number formats, native charts."""
    ws = _fresh_sheet(wb, plan.title, index)
    ws["A1"] = plan.heading
    ws["A1"].font = _TITLE
    for block in plan.blocks:
        if block.title:
            put_text_safe(ws, block.row - 1, block.col, block.title).font = _BOLD
        for r, values in enumerate(block.values, block.row):
            for c, value in enumerate(values, block.col):
                cell = put_text_safe(ws, r, c, value)
                if r > block.row and c - block.col in block.column_formats and isinstance(value, Decimal):
                    cell.number_format = block.column_formats[c - block.col]
        _box(ws, block.row, block.last_row, block.col, block.col + block.width - 1)
    for col, width in zip("ABCDEF", (20, 28, 3, 34, 18, 12)):
        ws.column_dimensions[col].width = width
    for chart in plan.charts:
        ws.add_chart(_chart(ws, chart), f"{get_column_letter(chart.anchor_col)}{chart.anchor_row}")
    _print_setup(ws)
    return ws


def _chart(ws: Worksheet, plan: ChartPlan) -> BarChart | LineChart:
    block = plan.block
    chart: BarChart | LineChart
    if plan.kind == "bar":
        chart = BarChart()
        chart.type = "bar"
    else:
        chart = LineChart()
    chart.title = plan.title
    chart.legend = None
    value_col, label_col = block.col + plan.value_offset, block.col + plan.label_offset
    chart.add_data(
        Reference(ws, min_col=value_col, min_row=block.row, max_row=block.last_row), titles_from_data=True
    )
    chart.set_categories(Reference(ws, min_col=label_col, min_row=block.row + 1, max_row=block.last_row))
    chart.height, chart.width = 8, 12
    return chart


def _box(ws: Worksheet, top: int, bottom: int, left: int, right: int) -> None:
    for row in ws.iter_rows(min_row=top, max_row=bottom, min_col=left, max_col=right):
        for cell in row:
            cell.border = _BOX
            if cell.row == top:
                cell.font, cell.fill = _BOLD, _HEAD_FILL
