"""Fill the template with data: new workbooks, the bundled samples, workbooks built by tests.

The data is the plain structure of ``samples/dingzhou_trade_union_2020.json``: a
``department`` mapping and a list of ``projects`` with amounts as strings ("450.00"),
the plan as four percentages and indicators as six-column rows.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from workbook_tools.check.profile import Profile
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


def fill_project(ws, project: dict[str, Any], unit: str, layout: template.ProjectLayout) -> None:
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


def build_workbook(data: dict[str, Any], profile: Profile | None = None) -> Workbook:
    """A workbook in the template's form holding the given department and projects."""
    projects = data.get("projects") or [{}]
    most = max(len(p.get("indicators") or []) for p in projects)
    layout = template.ProjectLayout(indicator_rows=max(template.INDICATOR_ROWS, most))
    titles = [p.get("sheet") or template.project_sheet_title(i) for i, p in enumerate(projects, 1)]
    wb = template.new_workbook(titles, profile, layout)
    department = data.get("department") or {}
    fill_department(wb, department)
    unit = f"{department.get('unit_code') or ''}{department.get('unit_name') or ''}"
    for title, project in zip(titles, projects):
        fill_project(wb[title], project, unit, layout)
    return wb


def write_workbook(
    data: dict[str, Any], path: str | Path, profile: Profile | None = None, macros: bool = False
) -> Path:
    """Build a workbook from data and save it atomically (``macros``: the .xlsm with buttons)."""
    wb = build_workbook(data, profile)
    if not macros:
        return save_workbook(wb, path)
    titles = [ws.title for ws in wb.worksheets if ws.title.startswith(template.labels.SHEET_PROJECT_PREFIX)]
    package = template.macro_workbook(wb, titles)
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
