"""Fill the template with data: new workbooks, the bundled samples, workbooks built by tests.

The data is the plain structure of ``samples/dingzhou_trade_union_2020.json``: a
``department`` mapping and a list of ``projects`` with amounts as strings ("450.00"),
the plan as four percentages and indicators as six-column rows. A filled project sheet
gets its print form (:mod:`~workbook_tools.outputs.print_form`): its title and year, rows
tall enough for their texts, and its empty indicator rows and empty 资金明细 hidden.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import column_index_from_string
from openpyxl.worksheet.worksheet import Worksheet

from workbook_tools.check.profile import Profile
from workbook_tools.outputs import print_form as pf
from workbook_tools.outputs import template_book as template
from workbook_tools.outputs.atomic import save_workbook, write_atomically


def _number(value: Any) -> Any:
    """Amount strings become numbers in the cell; anything else is written as given."""
    if isinstance(value, str):
        try:
            number = Decimal(value)
        except ArithmeticError:
            return value
        return int(number) if number == number.to_integral_value() and "." not in value else float(number)
    return value


def fill_department(wb: Workbook, department: dict[str, Any]) -> None:
    ws = wb[template.labels.SHEET_DEPARTMENT]
    layout = template.DEPARTMENT
    for key in ("unit_code", "unit_name", "year", "overall_goal", "duty_goals", "safeguards"):
        if department.get(key) is not None:
            ws[getattr(layout, key)].value = department[key]
    if department.get("declared_total") is not None:
        ws[layout.declared_total].value = _number(department["declared_total"])


def fill_project(
    ws: Worksheet,
    project: dict[str, Any],
    unit: str,
    layout: template.ProjectLayout,
    number: int = 1,
    year: int | None = None,
) -> None:
    """Write a project's data into a blank project sheet (``number``: its place among the
    project sheets) and give the sheet its print form."""
    ws[layout.unit].value = unit or None
    for key in ("code", "name", "use", "goals"):
        ws[getattr(layout, key)].value = project.get(key)
    for key in ("budget", "fiscal", "other"):
        value = project.get(key)
        ws[getattr(layout, key)].value = _number(value) if value is not None else None
    for ref, value in zip(layout.plan, project.get("plan") or []):
        ws[ref].value = _number(value)
    for offset, row in enumerate(project.get("indicators") or []):
        for col, value in zip(layout.indicator_columns, row):
            ws[f"{col}{layout.first_indicator_row + offset}"].value = value if value != "" else None
    for offset, (purpose, amount) in enumerate(project.get("breakdown") or []):
        row = layout.breakdown_row + 1 + offset
        ws[f"B{row}"].value = purpose
        ws[f"F{row}"].value = _number(amount)
    apply_print_form(ws, pf.project_title(number, project.get("name")), pf.unit_line(year))


def sheet_form(ws: Worksheet) -> pf.SheetForm:
    """An openpyxl sheet as :mod:`~workbook_tools.outputs.print_form` reads it."""
    cells = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None or cell.value == "":
                continue
            value = cell.value
            text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
            size = float(cell.font.sz or pf.BODY_SIZE) if cell.font else pf.BODY_SIZE
            wrap = bool(cell.alignment and cell.alignment.wrap_text)
            cells[(cell.row - 1, cell.column - 1)] = pf.FormCell(text, size, wrap, cell.data_type == "f")
    widths = {
        column_index_from_string(letter) - 1: dimension.width
        for letter, dimension in ws.column_dimensions.items()
        if dimension.width
    }
    heights = {r - 1: d.height for r, d in ws.row_dimensions.items() if d.height is not None}
    merged = {(m.min_row - 1, m.min_col - 1): (m.max_row - 1, m.max_col - 1) for m in ws.merged_cells.ranges}
    hidden = frozenset(r - 1 for r, d in ws.row_dimensions.items() if d.hidden)
    return pf.SheetForm(
        cells=cells,
        widths=widths,
        default_width=ws.sheet_format.defaultColWidth or pf.DEFAULT_COLUMN_WIDTH,
        heights=heights,
        default_height=ws.sheet_format.defaultRowHeight or pf.DEFAULT_ROW_HEIGHT,
        merged=merged,
        hidden=hidden,
        last_row=ws.max_row - 1,
    )


def apply_print_form(ws: Worksheet, title: str | None = None, year_line: str | None = None) -> pf.FormFix:
    """Give an openpyxl project sheet its print form (see :func:`print_form.fix_sheet`)."""
    fix = pf.fix_sheet(sheet_form(ws), title, year_line)
    for ref, text in fix.texts:
        ws[ref].value = text
        ws[ref].data_type = "s"  # a title holds the clerk's project name: never a formula
    for row, points in fix.heights:
        ws.row_dimensions[row].height = points
    for row, hidden in fix.hidden:
        ws.row_dimensions[row].hidden = hidden
    return fix


def project_titles(data: dict[str, Any]) -> list[str]:
    """The project sheets' titles: as the data names them, else 项目1, 项目2, …"""
    projects = data.get("projects") or [{}]
    return [p.get("sheet") or template.project_sheet_title(i) for i, p in enumerate(projects, 1)]


def build_workbook(data: dict[str, Any], profile: Profile | None = None) -> Workbook:
    """A workbook in the template's form holding the given department and projects."""
    projects = data.get("projects") or [{}]
    most = max(len(p.get("indicators") or []) for p in projects)
    layout = template.ProjectLayout(indicator_rows=max(template.INDICATOR_ROWS, most))
    titles = project_titles(data)
    wb = template.new_workbook(titles, profile, layout)
    department = data.get("department") or {}
    fill_department(wb, department)
    unit = f"{department.get('unit_code') or ''}{department.get('unit_name') or ''}"
    for number, (title, project) in enumerate(zip(titles, projects), 1):
        fill_project(wb[title], project, unit, layout, number, department.get("year"))
    return wb


def write_workbook(
    data: dict[str, Any], path: str | Path, profile: Profile | None = None, macros: bool = False
) -> Path:
    """Build a workbook from data and save it atomically (``macros``: the .xlsm with buttons)."""
    wb = build_workbook(data, profile)
    if not macros:
        return save_workbook(wb, path)
    package = template.macro_workbook(wb, project_titles(data))  # buttons on every project sheet
    return write_atomically(path, lambda tmp: tmp.write_bytes(package))


def new_unit_workbook(
    path: str | Path,
    unit_code: str,
    unit_name: str,
    year: int | None,
    projects: int = 1,
    profile: Profile | None = None,
    macros: bool = False,
) -> Path:
    """A fresh workbook for a unit with its department header filled and blank project sheets
    (``macros``: the .xlsm with the 校验 / 汇总 / 清除标记 buttons)."""
    data = {
        "department": {"unit_code": unit_code, "unit_name": unit_name, "year": year},
        "projects": [{} for _ in range(max(1, projects))],
    }
    return write_workbook(data, path, profile, macros)
