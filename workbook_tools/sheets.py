"""Writing consolidation tables into workbooks (openpyxl): formatted sheets and native charts."""

from __future__ import annotations

import math
from copy import copy
from decimal import Decimal

import pandas as pd
from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from wcwidth import wcswidth

from . import labels as L
from .summary import UnitFigures
from .tables import AMOUNT_COLUMNS, plan_columns, plan_rows

_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_WRAP = Alignment(wrap_text=True, vertical="top")
AMOUNT_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.00"
MAX_WIDTH = 40
WRAPPED = {L.COL_MESSAGE, L.IND_DESCRIPTION, L.COL_NAME, L.COL_FILE}
#: Fills for status words, as in the HTML report and the marks (Excel's Good / Neutral / Bad).
STATUS_FILLS = {
    "通过": "C6EFCE",
    "通过（有警告）": "FFEB9C",
    "有错误": "FFC7CE",
    "无法读取": "D9D9D9",
    "错误": "FFC7CE",
    "警告": "FFEB9C",
}
STATUS_COLUMNS = {L.COL_STATUS, L.COL_RESULT, L.COL_SEVERITY}


def _cell_value(value: object) -> object:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, Decimal)):
        return value.item()  # numpy scalar → Python
    return value


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
        if column in STATUS_COLUMNS:
            for row in range(2, ws.max_row + 1):
                cell = ws.cell(row, col)
                if cell.value in STATUS_FILLS:
                    cell.fill = PatternFill("solid", fgColor=STATUS_FILLS[cell.value])


def write_table(wb: Workbook, title: str, table: pd.DataFrame, index: int | None = None) -> Worksheet:
    """A sheet holding a table: header row, borders, widths, amount formats, a bold 合计 row."""
    ws = _fresh_sheet(wb, title, index)
    columns = list(table.columns)
    ws.append(columns)
    for values in table.itertuples(index=False):
        ws.append([_cell_value(v) for v in values])
    for cell in ws[1]:
        cell.border, cell.font, cell.fill = _BOX, _BOLD, _HEAD_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    if ws.max_row > 1:
        _style_body(ws, columns)
    last = ws.max_row
    if last > 1 and ws.cell(last, 1).value == L.TOTAL_ROW:
        for cell in ws[last]:
            cell.font, cell.fill = _BOLD, _TOTAL_FILL
    for i, column in enumerate(columns, 1):
        widest = max(
            [wcswidth(str(column))] + [wcswidth(str(v)) for v in table[column].head(500) if v is not None]
        )
        ws.column_dimensions[get_column_letter(i)].width = min(MAX_WIDTH, max(8, widest + 2))
    ws.freeze_panes = "A2"
    if last > 1:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last}"
    ws.print_title_rows = "1:1"
    _print_setup(ws)
    return ws


def write_overview(
    wb: Workbook, figures: UnitFigures, rows: list[tuple[str, object]], index: int | None = None
) -> Worksheet:
    """部门概况: key figures, cumulative planned spending, budget by project, two native charts."""
    ws = _fresh_sheet(wb, L.SHEET_OVERVIEW, index)
    ws["A1"] = f"{figures.unit_code} {figures.unit_name} {L.OVERVIEW_TITLE}"
    ws["A1"].font = _TITLE
    ws.append([])
    ws.append([L.OVERVIEW_FIELDS, L.OVERVIEW_VALUE])
    for label, value in rows:
        ws.append([label, value])
        if isinstance(value, Decimal):
            ws.cell(ws.max_row, 2).number_format = AMOUNT_FORMAT
    _box(ws, 3, ws.max_row, 1, 2)

    ws["D2"] = L.OVERVIEW_PLAN_TITLE
    ws["D2"].font = _BOLD
    for col, header in enumerate(L.OVERVIEW_PLAN_HEADERS, 4):
        ws.cell(3, col, header)
    plan = plan_rows(figures)
    for r, (checkpoint, amount, share) in enumerate(plan, 4):
        ws.cell(r, 4, checkpoint)
        ws.cell(r, 5, amount).number_format = AMOUNT_FORMAT
        ws.cell(r, 6, share).number_format = PERCENT_FORMAT
    plan_end = 3 + len(plan)
    _box(ws, 3, plan_end, 4, 6)

    top = plan_end + 2
    ws.cell(top, 4, L.OVERVIEW_BUDGET_TITLE).font = _BOLD
    ws.cell(top + 1, 4, L.COL_NAME)
    ws.cell(top + 1, 5, L.COL_BUDGET)
    for r, project in enumerate(figures.projects, top + 2):
        ws.cell(r, 4, project.name or project.sheet).alignment = _WRAP
        ws.cell(r, 5, project.budget).number_format = AMOUNT_FORMAT
    budget_end = top + 1 + len(figures.projects)
    _box(ws, top + 1, budget_end, 4, 5)

    for col, width in zip("ABCDEF", (20, 28, 3, 34, 18, 12)):
        ws.column_dimensions[col].width = width

    charts_row = max(ws.max_row, budget_end) + 2
    if figures.projects:
        bar = BarChart()
        bar.type = "bar"
        bar.title = L.CHART_BUDGET
        bar.legend = None
        bar.add_data(Reference(ws, min_col=5, min_row=top + 1, max_row=budget_end), titles_from_data=True)
        bar.set_categories(Reference(ws, min_col=4, min_row=top + 2, max_row=budget_end))
        bar.height, bar.width = 8, 12
        ws.add_chart(bar, f"A{charts_row}")
    line = LineChart()
    line.title = L.CHART_PLAN
    line.legend = None
    line.add_data(Reference(ws, min_col=5, min_row=3, max_row=plan_end), titles_from_data=True)
    line.set_categories(Reference(ws, min_col=4, min_row=4, max_row=plan_end))
    line.height, line.width = 8, 12
    ws.add_chart(line, f"D{charts_row}")
    _print_setup(ws)
    return ws


def _box(ws: Worksheet, top: int, bottom: int, left: int, right: int) -> None:
    for row in ws.iter_rows(min_row=top, max_row=bottom, min_col=left, max_col=right):
        for cell in row:
            cell.border = _BOX
            if cell.row == top:
                cell.font, cell.fill = _BOLD, _HEAD_FILL
