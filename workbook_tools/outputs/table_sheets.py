"""Writing consolidation tables into workbooks (openpyxl): formatted sheets and native charts.

Every written cell has the CJK font the rest of the tool uses (宋体 10 pt), text columns wrap
in fixed widths with row heights to match (LibreOffice does not grow rows by itself), and
each sheet prints on A4 landscape with its header rows repeated and no font below 8 pt
(:func:`tables.print_layout`).
"""

from __future__ import annotations

import math
from copy import copy
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.data_source import NumFmt
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.layout import Layout, ManualLayout
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.chart.text import RichText, Text
from openpyxl.chart.title import Title
from openpyxl.drawing.line import LineProperties
from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, TwoCellAnchor
from openpyxl.drawing.text import (
    CharacterProperties,
    Paragraph,
    ParagraphProperties,
    RegularTextRun,
)
from openpyxl.drawing.text import Font as TextFont
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from workbook_tools import labels as L
from workbook_tools.outputs.cell_text import display_width, for_sheet
from workbook_tools.outputs.tables import (
    AMOUNT_COLUMNS,
    FONT_PT,
    LINE_PT,
    MARGINS_IN,
    MIN_PRINT_PT,
    PRINTABLE_HEIGHT_PT,
    STATUS_COLUMNS,
    STATUS_FILLS,
    PrintLayout,
    Table,
    column_width,
    header,
    header_height,
    is_text,
    plan_columns,
    print_layout,
    row_height,
    text_lines,
    word,
)
from workbook_tools.outputs.unit_sheets import AMOUNT_FORMAT, PERCENT_FORMAT, ROW_CM, ChartPlan, SheetPlan

_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
FONT = L.FONT_SONG
_BODY = Font(name=FONT, size=FONT_PT)
_BOLD = Font(name=FONT, size=FONT_PT, bold=True)
_HEADING = Font(name=FONT, size=12, bold=True)
_TITLE = Font(name=FONT, size=14, bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_HEAD_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
CHART_PT = FONT_PT  # chart text (axes, labels; titles 12): ≥ 8 pt at the fit's lowest scale
DEFAULT_ROW_PT = 15


def _fresh_sheet(wb: Workbook, title: str, index: int | None = None) -> Worksheet:
    if title in wb.sheetnames:
        del wb[title]
    return wb.create_sheet(title, index)


def print_setup(ws: Worksheet, layout: PrintLayout, header_rows: int, last_row: int, tall: int = 0) -> None:
    """A4 landscape, the header rows on every page, a page footer; one page wide when that
    keeps the font ≥ 8 pt, else the columns split into pages with the key columns repeated;
    ``tall`` pages high at most (0: as many as it takes)."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_margins = PageMargins(**MARGINS_IN)
    ws.print_title_rows = f"1:{header_rows}"
    if layout.columns < ws.max_column:
        ws.print_area = f"A1:{get_column_letter(layout.columns)}{max(last_row, header_rows)}"
    if layout.fit:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = tall
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    else:
        ws.page_setup.scale = layout.scale
        if layout.repeat:
            ws.print_title_cols = f"A:{get_column_letter(layout.repeat)}"
        for column in layout.breaks:  # a break after the last column of each page
            ws.col_breaks.append(Break(id=column, max=1048575))
    ws.oddFooter.center.text = L.PRINT_FOOTER
    ws.oddFooter.center.font = f"{FONT},Regular"
    ws.oddFooter.center.size = FONT_PT


def _style_body(ws: Worksheet, columns: list[str], first: int) -> None:
    """Style row ``first`` of each column, then give every other row a copy of its style.

    Assigning styles cell by cell makes openpyxl hash a style object each time; copying a
    prototype cell's style array is the library's own cheap path (tens of times faster
    on a batch of thousands of rows).
    """
    for col, column in enumerate(columns, 1):
        prototype = ws.cell(first, col)
        prototype.border, prototype.font = _BOX, _BODY
        if column in AMOUNT_COLUMNS:
            prototype.number_format = AMOUNT_FORMAT
        elif column in plan_columns():
            prototype.number_format = PERCENT_FORMAT
        prototype.alignment = _WRAP if is_text(column) else _TOP
        for row in range(first + 1, ws.max_row + 1):
            ws.cell(row, col)._style = copy(prototype._style)


def _status_fills(ws: Worksheet, table: Table, first: int) -> None:
    for col, column in enumerate(table.columns, 1):
        if column not in STATUS_COLUMNS:
            continue
        for row, value in enumerate(table.column(column), first):
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


def _as_shown(value: object, column: str) -> str:
    """A cell's text as Excel shows it (amounts with thousands separators and two decimals)."""
    if isinstance(value, Decimal | float) or (isinstance(value, int) and column in AMOUNT_COLUMNS):
        return f"{value:,.2f}"
    return str(value)


def write_table(
    wb: Workbook,
    title: str,
    table: Table,
    index: int | None = None,
    heading: str = "",
) -> Worksheet:
    """A sheet holding a table: an optional ``heading`` line (a unit's own table says its unit
    there, once), a header row, borders, wrapped text, amount formats, a bold 合计 row; frozen
    header, filter, A4 landscape print setup."""
    ws = _fresh_sheet(wb, title, index)
    columns = table.columns
    top = 1
    if heading:
        append_text_safe(ws, [heading])
        ws.cell(1, 1).font = _HEADING
        top = 2
    append_text_safe(ws, [header(c) for c in columns])
    shown = [[word(v, c) for v, c in zip(values, columns)] for values in table.rows]
    for values in shown:
        append_text_safe(ws, values)
    for cell in ws[top]:
        cell.border, cell.font, cell.fill, cell.alignment = _BOX, _BOLD, _HEAD_FILL, _HEAD_ALIGN
    last = ws.max_row
    if last > top:
        _style_body(ws, columns, top + 1)
        _status_fills(ws, table, top + 1)
        if ws.cell(last, 1).value == L.TOTAL_ROW:
            for cell in ws[last]:
                cell.font, cell.fill = _BOLD, _TOTAL_FILL
    widths = []
    for i, column in enumerate(columns):
        cells = [_as_shown(row[i], column) for row in shown if row[i] is not None]
        longest = max((display_width(line) for text in cells for line in text.split("\n")), default=0)
        widths.append(column_width(column, longest))
        ws.column_dimensions[get_column_letter(i + 1)].width = widths[-1]
    by_column = {c: w for c, w in zip(columns, widths) if is_text(c)}
    ws.row_dimensions[top].height = header_height(columns, widths)
    for r, values in enumerate(shown, top + 1):
        ws.row_dimensions[r].height = row_height(zip(columns, values), by_column)
    ws.freeze_panes = f"A{top + 1}"
    if last > top:
        ws.auto_filter.ref = f"A{top}:{get_column_letter(len(columns))}{last}"
    print_setup(ws, print_layout(columns, widths), top, last)
    return ws


def write_overview(wb: Workbook, plan: SheetPlan, index: int | None = None) -> Worksheet:
    """部门概况 from its sheet plan: boxed blocks with bold headers, number formats, wrapped
    text with row heights to match, a sentence where a chart would tell nothing, native charts."""
    ws = _fresh_sheet(wb, plan.title, index)
    put_text_safe(ws, 1, 1, plan.heading).font = _TITLE
    widths = list(plan.widths)
    for col, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(col)].width = width
    lines: dict[int, int] = {}
    for block in plan.blocks:
        if block.title:
            put_text_safe(ws, block.row - 1, block.col, block.title).font = _BOLD
        if block.note:
            _note(ws, block, widths, lines)
            continue
        for r, values in enumerate(block.values, block.row):
            for c, value in enumerate(values, block.col):
                cell = put_text_safe(ws, r, c, value)
                cell.font, cell.border = _BODY, _BOX
                cell.alignment = _WRAP if isinstance(value, str) else _TOP
                if r > block.row and c - block.col in block.column_formats and isinstance(value, Decimal):
                    cell.number_format = block.column_formats[c - block.col]
                if isinstance(value, str) and c <= len(widths):
                    lines[r] = max(lines.get(r, 1), text_lines(value, widths[c - 1]))
        for cell in ws[block.row][block.col - 1 : block.col - 1 + block.width]:
            cell.font, cell.fill = _BOLD, _HEAD_FILL
    for row, count in lines.items():
        if count > 1:
            ws.row_dimensions[row].height = count * LINE_PT + 2
    for chart in plan.charts:
        ws.add_chart(_chart(ws, chart), _anchor(chart))
    ws.freeze_panes = "A2"
    tall = 0 if _page_break(ws, plan) else 1
    print_setup(ws, PrintLayout(len(widths), True), 1, ws.max_row, tall)
    return ws


def _page_break(ws: Worksheet, plan: SheetPlan) -> bool:
    """Whether 部门概况 takes more than a page at 8 pt; then the lowest chart starts the next
    page (with the heading repeated) rather than being cut across two."""

    def height(last: int) -> float:  # rows 1..last at 100 %, the fit's lowest scale applied
        points = sum(ws.row_dimensions[r].height or DEFAULT_ROW_PT for r in range(1, last + 1))
        return points * MIN_PRINT_PT / FONT_PT

    ends = [c.anchor_row + math.ceil(c.height_cm / ROW_CM) for c in plan.charts]
    if height(max([ws.max_row, *ends])) <= PRINTABLE_HEIGHT_PT:
        return False
    lowest = max(plan.charts, key=lambda c: c.anchor_row, default=None)
    if lowest is not None and height(lowest.anchor_row - 1) <= PRINTABLE_HEIGHT_PT:
        ws.row_breaks.append(Break(id=lowest.anchor_row - 2))  # the gap above it goes too
    return True


def _note(ws: Worksheet, block: Any, widths: list[int], lines: dict[int, int]) -> None:
    """A sentence across ``block.span`` columns, wrapped (merged, so it wraps in their width)."""
    text = str(block.values[0][0])
    cell = put_text_safe(ws, block.row, block.col, text)
    cell.font, cell.alignment = _BODY, _WRAP
    last = block.col + block.span - 1
    if block.span > 1:
        ws.merge_cells(start_row=block.row, start_column=block.col, end_row=block.row, end_column=last)
    width = sum(widths[block.col - 1 : last])
    lines[block.row] = max(lines.get(block.row, 1), text_lines(text, width))


# --- charts ----------------------------------------------------------------------------------


def _characters(size: int, bold: bool = False) -> CharacterProperties:
    """Chart text in the tool's CJK font (Latin and East Asian), so nothing falls back to a serif."""
    face = TextFont(typeface=FONT)
    return CharacterProperties(latin=face, ea=face, cs=face, sz=size * 100, b=bold)


def _text(size: int = CHART_PT) -> RichText:
    characters = _characters(size)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=characters), endParaRPr=characters)])


def _title(text: str, size: int = 12) -> Title:
    characters = _characters(size, bold=True)
    run = RegularTextRun(rPr=characters, t=text)
    paragraph = Paragraph(pPr=ParagraphProperties(defRPr=characters), r=[run])
    return Title(tx=Text(rich=RichText(p=[paragraph])), overlay=False)


def _labels(position: str) -> DataLabelList:
    """Every point labelled with its value (a 3 beside a 450 still reads), amounts as in the tables."""
    return DataLabelList(
        numFmt=AMOUNT_FORMAT,
        txPr=_text(),
        dLblPos=position,
        showLegendKey=False,
        showVal=True,
        showCatName=False,
        showSerName=False,
        showPercent=False,
        showBubbleSize=False,
    )


def _anchor(plan: ChartPlan) -> TwoCellAnchor:
    """The cells a chart covers: its columns, and rows of the default height for its height
    (a chart that grows and shrinks with the cells: every renderer draws it there)."""
    rows = math.ceil(plan.height_cm / ROW_CM)
    start = AnchorMarker(col=plan.anchor_col - 1, row=plan.anchor_row - 1)
    end = AnchorMarker(col=plan.anchor_col - 1 + plan.columns, row=plan.anchor_row - 1 + rows)
    return TwoCellAnchor(_from=start, to=end)


def _chart(ws: Worksheet, plan: ChartPlan) -> BarChart | LineChart:
    """A bar chart (bars top down in the block's order) or a line chart, every point labelled,
    the value axis in whole 万元."""
    block = plan.block
    chart: BarChart | LineChart
    if plan.kind == "bar":
        chart = BarChart()
        chart.type = "bar"
        chart.gapWidth = 50
        chart.x_axis.scaling.orientation = "maxMin"  # the block's first row at the top
        chart.y_axis.crosses = "max"  # and the value axis below the bars
        # the plot on the right half, the names on the left (no renderer cuts or overlaps them)
        inner = ManualLayout(layoutTarget="inner", xMode="edge", yMode="edge", x=0.42, y=0.12, w=0.5, h=0.72)
        chart.layout = Layout(manualLayout=inner)
    else:
        chart = LineChart()
    chart.title = _title(plan.title)
    chart.legend = None
    value_col, label_col = block.col + plan.value_offset, block.col + plan.label_offset
    chart.add_data(
        Reference(ws, min_col=value_col, min_row=block.row, max_row=block.last_row), titles_from_data=True
    )
    chart.set_categories(Reference(ws, min_col=label_col, min_row=block.row + 1, max_row=block.last_row))
    series = chart.series[0]
    if plan.kind == "bar":
        series.graphicalProperties = GraphicalProperties(solidFill="4472C4")
        series.dLbls = _labels("outEnd")
    else:
        series.graphicalProperties = GraphicalProperties(ln=LineProperties(solidFill="4472C4", w=28575))
        series.marker.symbol = "circle"
        series.smooth = False
        series.dLbls = _labels("t")
    for axis in (chart.x_axis, chart.y_axis):
        axis.delete = False
        axis.txPr = _text()
    chart.y_axis.numFmt = NumFmt(formatCode="#,##0", sourceLinked=False)
    chart.y_axis.title = _title(L.CHART_AXIS_AMOUNT, CHART_PT)
    chart.y_axis.majorGridlines.spPr = GraphicalProperties(ln=LineProperties(solidFill="D9D9D9"))
    chart.height, chart.width = plan.height_cm, plan.width_cm
    return chart
