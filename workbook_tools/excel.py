"""Excel entry points: the 校验 / 汇总 / 清除标记 buttons on a live workbook (xlwings).

Each entry point takes an ``xlwings.Book`` or, when called from VBA's ``RunPython``,
finds it with ``xw.Book.caller()``. The book's sheets become grids and go through the
same parse → check → tables path as files; only reading the values and writing the
marks and sheets here are Excel-specific. With xlwings' remote engine (xlwings Lite,
Office.js) fill colours and note texts cannot be read back synchronously: a cell that
already has a note of the clerk's is then coloured but its note is left untouched, so
nothing the clerk wrote is ever lost.
"""

from __future__ import annotations

import json
import os
from decimal import Decimal
from typing import Any

from . import labels as L
from .grid import Grid, whole
from .marks import ACTIVE, FILLS, KEEP_NOTE, note_text
from .profile import Profile, load_profile
from .rules import ERROR, WARNING, Finding
from .validate import FileReport, summary_line, validate_model
from .workbook import parse_grids

PROFILE_ENV = "WORKBOOK_TOOLS_PROFILE"


def _book(book: Any = None) -> Any:
    if book is not None:
        return book
    import xlwings as xw

    return xw.Book.caller()


def _profile(profile: Profile | str | None) -> Profile:
    if isinstance(profile, Profile):
        return profile
    return load_profile(profile or os.environ.get(PROFILE_ENV))


def read_grids(book: Any) -> list[Grid]:
    """Every sheet's values from A1 to its last used cell (formats are not read: see plan.py)."""
    grids = []
    for sheet in book.sheets:
        last = sheet.used_range.last_cell
        values = sheet.range((1, 1), (last.row, last.column)).options(ndim=2).value or [[]]
        rows = [[_value(v) for v in row] for row in values]
        grids.append(Grid(name=sheet.name, rows=rows, percent=None, hidden=not sheet.visible))
    return grids


def _value(value: Any) -> Any:
    return "" if value is None else whole(value)


def _hex(color: Any) -> str:
    """xlwings' colour (an RGB tuple, or None for no fill) → "#RRGGBB" or ""."""
    if not color:
        return ""
    if isinstance(color, str):
        return color if color.startswith("#") else f"#{color}"
    return "#{:02X}{:02X}{:02X}".format(*color)


def _read_or_unknown(read) -> tuple[bool, Any]:
    try:
        return True, read()
    except NotImplementedError:  # the remote engine cannot read this synchronously
        return False, None


def _delete_sheet(book: Any, title: str) -> None:
    if title in [s.name for s in book.sheets]:
        book.sheets[title].delete()


def clear(book: Any = None) -> int:
    """The 清除标记 button: restore each marked cell's colour and note, drop the result sheets."""
    book = _book(book)
    names = [s.name for s in book.sheets]
    restored = 0
    if L.SHEET_MARKS in names:
        saved = book.sheets[L.SHEET_MARKS].used_range.options(ndim=2).value or []
        for row in saved:
            sheet, ref, fill, note = (list(row) + [None] * 4)[:4]
            if sheet == ACTIVE or sheet not in names or not ref:
                continue
            cell = book.sheets[sheet][ref]
            cell.color = _saved_color(fill or "")
            if note != KEEP_NOTE:
                previous = json.loads(note) if note else None
                if cell.note is not None and _ours(cell.note):
                    cell.note.delete()
                if previous:
                    cell.add_note(previous["text"])
            restored += 1
    _delete_sheet(book, L.SHEET_MARKS)
    _delete_sheet(book, L.SHEET_RESULTS)
    return restored


def _ours(note: Any) -> bool:
    known, text = _read_or_unknown(lambda: note.text)
    return not known or (text or "").startswith(L.NOTE_HEADER)


def _saved_color(saved: str) -> str | None:
    if saved.startswith("#"):
        return saved
    if saved.startswith("<") and 'rgb="' in saved and 'patternType="solid"' in saved:
        return "#" + saved.split('rgb="', 1)[1][2:8]  # the file host's solid ARGB fill
    return None


def mark(book: Any, findings: list[Finding], summary: str) -> None:
    """Colour and annotate the findings' cells and write 校验结果 (old marks cleared first)."""
    clear(book)
    by_cell: dict[tuple[str, str], list[Finding]] = {}
    names = [s.name for s in book.sheets]
    for finding in findings:
        if finding.sheet in names and finding.cell:
            by_cell.setdefault((finding.sheet, finding.cell), []).append(finding)
    saved_rows: list[list[str]] = [[ACTIVE, book.sheets.active.name, "", ""]]
    for (sheet, ref), group in by_cell.items():
        cell = book.sheets[sheet][ref]
        known_color, color = _read_or_unknown(lambda c=cell: c.color)
        note = cell.note
        known_note, text = _read_or_unknown(lambda n=note: n.text if n is not None else None)
        previous_note = json.dumps({"text": text, "author": ""}, ensure_ascii=False) if text else ""
        keep_note = note is not None and not known_note
        saved_rows.append(
            [sheet, ref, _hex(color) if known_color else "", KEEP_NOTE if keep_note else previous_note]
        )
        severity = ERROR if any(f.severity == ERROR for f in group) else WARNING
        cell.color = f"#{FILLS[severity]}"
        if keep_note:
            continue
        if note is not None:
            note.delete()
        cell.add_note(note_text(group))
    _results_sheet(book, findings, summary)
    marks = book.sheets.add(L.SHEET_MARKS, after=book.sheets[-1])
    marks["A1"].value = saved_rows
    marks.visible = False


def _results_sheet(book: Any, findings: list[Finding], summary: str) -> None:
    sheet = book.sheets.add(L.SHEET_RESULTS, before=book.sheets[0])
    rows: list[list[Any]] = [
        [L.RESULT_TITLE, "", "", "", ""],
        [summary, "", "", "", ""],
        ["", "", "", "", ""],
    ]
    rows.append(list(L.RESULT_HEADERS))
    rows += [
        [f.sheet or L.RESULT_WORKBOOK, f.cell, f.severity_label, f.code, f.message] for f in findings
    ] or [["", "", "", "", L.RESULT_NONE]]
    sheet["A1"].value = rows
    sheet["A1"].font.bold = True
    sheet["A4:E4"].font.bold = True
    for row, finding in enumerate(findings, 5):
        if finding.sheet and finding.cell:
            sheet[f"B{row}"].add_hyperlink(f"#'{finding.sheet}'!{finding.cell}", finding.cell)
        sheet[f"C{row}"].color = f"#{FILLS[finding.severity]}"
    for column, width in zip("ABCDE", (22, 10, 8, 8, 90)):
        sheet[f"{column}:{column}"].column_width = width
    sheet.activate()


def validate(book: Any = None, profile: Profile | str | None = None) -> FileReport:
    """The 校验 button: check the open workbook and mark it."""
    book = _book(book)
    profile = _profile(profile)
    report = validate_model(parse_grids(read_grids(book), book.name), profile)
    mark(book, report.findings, summary_line(report, profile))
    return report


def _cell(value: Any) -> Any:
    """Table values for Excel: Decimal → float (already rounded to the cent), NaN → blank."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, float) and value != value:
        return None
    return value


def _write_table(book: Any, title: str, table) -> Any:
    _delete_sheet(book, title)
    sheet = book.sheets.add(title, after=book.sheets[-1])
    values = [list(table.columns)] + [[_cell(v) for v in row] for row in table.itertuples(index=False)]
    sheet["A1"].value = values
    sheet["1:1"].font.bold = True
    for i, column in enumerate(table.columns):
        if column in (L.COL_BUDGET, L.COL_FISCAL, L.COL_OTHER):
            sheet.range((2, i + 1), (len(values), i + 1)).number_format = "#,##0.00"
    sheet.autofit("columns")
    return sheet


def consolidate(book: Any = None, profile: Profile | str | None = None) -> FileReport:
    """The 汇总 button: add (or refresh) 项目汇总表, 指标明细表 and 部门概况 in the open workbook."""
    from .tables import indicator_table, overview, plan_rows, project_table

    book = _book(book)
    profile = _profile(profile)
    report = validate_model(parse_grids(read_grids(book), book.name), profile)
    _write_table(book, L.SHEET_SUMMARY, project_table([report], profile))
    _write_table(book, L.SHEET_INDICATORS, indicator_table([report], profile))
    figures, rows = overview(report, profile)
    _delete_sheet(book, L.SHEET_OVERVIEW)
    sheet = book.sheets.add(L.SHEET_OVERVIEW, after=book.sheets[-1])
    sheet["A1"].value = [[f"{figures.unit_code} {figures.unit_name} {L.OVERVIEW_TITLE}"]]
    sheet["A3"].value = [[L.OVERVIEW_FIELDS, L.OVERVIEW_VALUE]] + [[k, _cell(v)] for k, v in rows]
    plan = [[c, _cell(a), _cell(s)] for c, a, s in plan_rows(figures)]
    sheet["D3"].value = [list(L.OVERVIEW_PLAN_HEADERS), *plan]
    budgets = [[p.name or p.sheet, _cell(p.budget)] for p in figures.projects]
    top = 5 + len(plan)
    sheet[f"D{top}"].value = [[L.COL_NAME, L.COL_BUDGET], *budgets]
    sheet.autofit("columns")
    if budgets:
        bar = sheet.charts.add(left=20, top=20 * (len(rows) + 6))
        bar.chart_type = "bar_clustered"
        bar.set_source_data(sheet.range((top, 4), (top + len(budgets), 5)))
    line = sheet.charts.add(left=400, top=20 * (len(rows) + 6))
    line.chart_type = "line"
    line.set_source_data(sheet.range((3, 4), (3 + len(plan), 5)))
    return report
